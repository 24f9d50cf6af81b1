/**
 * `$(( ... ))`: integer arithmetic as sh does it (C operators and precedence, variables by name,
 * assignments). The text arrives with `$x` and `$(...)` already expanded.
 */

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** `reason` is dash's wording without the expression (`expecting primary`, `division by zero`). */
export type ArithResult = { ok: true; value: number } | { ok: false; reason: string };

class ArithFailure {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const TOKEN = /\s*(0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%<>&|^!~?:=()])/y;

const BINARY: readonly (readonly string[])[] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

const toInt = (n: number): number => Math.trunc(n) | 0;

export function evaluateArithmetic(text: string, vars: ArithVars): ArithResult {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let end = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    tokens.push(m[1] as string);
    end = TOKEN.lastIndex;
  }
  if (text.slice(end).trim() !== '') return { ok: false, reason: 'expecting EOF' };
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const fail = (what: string): never => {
    throw new ArithFailure(what);
  };
  const number = (word: string): number => {
    if (/^0[xX]/.test(word)) return parseInt(word, 16);
    if (/^0[0-7]+$/.test(word)) return parseInt(word, 8);
    if (/^[0-9]+$/.test(word)) return Number(word);
    return fail('expecting primary');
  };
  const varValue = (name: string): number => {
    const v = (vars.get(name) ?? '').trim();
    if (v === '') return 0;
    const r = evaluateArithmetic(v, vars);
    if (!r.ok) throw new ArithFailure(r.reason);
    return r.value;
  };

  const primary = (): number => {
    const t = tokens[pos++];
    if (t === undefined) return fail('expecting primary');
    if (t === '(') {
      const v = assignment();
      if (tokens[pos++] !== ')') fail('expecting ")"');
      return v;
    }
    if (t === '-') return toInt(-unary());
    if (t === '+') return unary();
    if (t === '!') return unary() === 0 ? 1 : 0;
    if (t === '~') return ~unary();
    if (/^[A-Za-z_]/.test(t)) return varValue(t);
    return number(t);
  };
  const unary = (): number => primary();

  const binary = (level: number): number => {
    if (level >= BINARY.length) return power();
    let left = binary(level + 1);
    for (let op = peek(); op !== undefined && (BINARY[level] as readonly string[]).includes(op); op = peek()) {
      pos++;
      if (op === '&&' || op === '||') {
        const right = binary(level + 1);
        left = op === '&&' ? (left !== 0 && right !== 0 ? 1 : 0) : left !== 0 || right !== 0 ? 1 : 0;
        continue;
      }
      left = apply(op, left, binary(level + 1));
    }
    return left;
  };
  const power = (): number => {
    const base = unary();
    if (peek() === '**') {
      pos++;
      return toInt(base ** power());
    }
    return base;
  };
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return toInt(a + b);
      case '-': return toInt(a - b);
      case '*': return toInt(Math.imul(a, b));
      case '/': if (b === 0) throw new ArithFailure('division by zero'); return toInt(a / b);
      case '%': if (b === 0) throw new ArithFailure('division by zero'); return toInt(a % b);
      case '<<': return a << b;
      case '>>': return a >> b;
      case '<': return a < b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      default: return fail('expecting primary');
    }
  };
  const conditional = (): number => {
    const c = binary(0);
    if (peek() !== '?') return c;
    pos++;
    const a = assignment();
    if (tokens[pos++] !== ':') fail('expecting ":"');
    const b = conditional();
    return c !== 0 ? a : b;
  };
  const assignment = (): number => {
    const name = tokens[pos];
    const op = tokens[pos + 1];
    if (name !== undefined && /^[A-Za-z_]/.test(name) && op !== undefined && /^([-+*/%&|^]|<<|>>)?=$/.test(op)) {
      pos += 2;
      const right = assignment();
      const value = op === '=' ? right : apply(op.slice(0, -1), varValue(name), right);
      vars.set(name, String(value));
      return value;
    }
    return conditional();
  };

  try {
    if (tokens.length === 0) return { ok: true, value: 0 };
    const value = assignment();
    if (pos < tokens.length) fail('expecting EOF');
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ArithFailure) return { ok: false, reason: e.message };
    throw e;
  }
}
