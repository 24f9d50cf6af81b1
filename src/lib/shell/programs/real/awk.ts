/**
 * awk, the part Dockerfiles use: `awk -F: '{print $1}'`, `awk '/re/ {print $2}'`, `NR==1`,
 * `{s+=$1} END {print s}`, BEGIN/END, fields, NR/NF/FS/OFS, variables and arrays, if/while/for,
 * print/printf, length/substr/index/split/tolower/toupper/sprintf/int, -v name=value.
 * Not here: getline, user functions, output redirection, range patterns.
 */
import type { Command, CommandContext } from '../../command.ts';
import { compilePosix } from './regex.ts';
import { complain, lines, readInputs } from './support.ts';

type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'regex'; re: RegExp }
  | { kind: 'var'; name: string }
  | { kind: 'field'; index: Expr }
  | { kind: 'elem'; name: string; key: Expr }
  | { kind: 'in'; key: Expr; name: string }
  | { kind: 'assign'; op: string; target: Expr; value: Expr }
  | { kind: 'incr'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { kind: 'unary'; op: string; arg: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'match'; negate: boolean; left: Expr; right: Expr }
  | { kind: 'cond'; test: Expr; then: Expr; otherwise: Expr }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'group'; items: Expr[] };

type Stmt =
  | { kind: 'print'; args: Expr[] }
  | { kind: 'printf'; args: Expr[] }
  | { kind: 'expr'; expr: Expr }
  | { kind: 'if'; test: Expr; then: Stmt; otherwise?: Stmt }
  | { kind: 'while'; test: Expr; body: Stmt }
  | { kind: 'for'; init?: Stmt; test?: Expr; step?: Stmt; body: Stmt }
  | { kind: 'forin'; name: string; array: string; body: Stmt }
  | { kind: 'block'; body: Stmt[] }
  | { kind: 'next' }
  | { kind: 'exit'; code?: Expr }
  | { kind: 'delete'; name: string; key?: Expr };

interface Rule {
  pattern: 'BEGIN' | 'END' | Expr | undefined;
  body: Stmt[] | undefined;
}

class AwkError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const KEYWORDS = new Set(['BEGIN', 'END', 'if', 'else', 'while', 'for', 'in', 'next', 'exit', 'print', 'printf', 'delete']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'tolower', 'toupper', 'sprintf', 'int', 'sub', 'gsub', 'match']);
const MIN_ARGS: Readonly<Record<string, number>> = { substr: 2, index: 2, split: 2, sub: 2, gsub: 2, match: 2, sprintf: 1, int: 1 };

interface Token {
  type: 'num' | 'str' | 'regex' | 'name' | 'op' | 'nl' | 'eof';
  text: string;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const regexAllowed = (): boolean => {
    const last = out[out.length - 1];
    if (last === undefined || last.type === 'nl') return true;
    if (last.type === 'op') return !/^[)\]]$/.test(last.text) && last.text !== '$' && last.text !== '++' && last.text !== '--';
    return last.type === 'name' && KEYWORDS.has(last.text);
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || (c === '\\' && src[i + 1] === '\n')) {
      i += c === '\\' ? 2 : 1;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      out.push({ type: 'nl', text: c });
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/.exec(src.slice(i));
    if (num !== null) {
      out.push({ type: 'num', text: num[0] });
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      let text = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[++i] as string;
          text += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' } as Record<string, string>)[n] ?? `\\${n}`;
        } else text += src[i];
        i++;
      }
      if (i >= src.length) throw new AwkError('non-terminated string');
      i++;
      out.push({ type: 'str', text });
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let text = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          text += '/';
          i += 2;
          continue;
        }
        text += src[i++];
      }
      if (i >= src.length) throw new AwkError('non-terminated regular expression');
      i++;
      out.push({ type: 'regex', text });
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name !== null) {
      out.push({ type: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    const op = /^(\+\+|--|\+=|-=|\*=|\/=|%=|\^=|==|!=|<=|>=|&&|\|\||!~|[-+*/%^!<>=~?:,(){}[\]$])/.exec(src.slice(i));
    if (op === null) throw new AwkError(`syntax error at source line 1: unexpected character '${c}'`);
    out.push({ type: 'op', text: op[0] });
    i += op[0].length;
  }
  out.push({ type: 'eof', text: '' });
  return out;
}

function parseProgram(src: string): Rule[] {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  // The end token is never passed, so looking past the end keeps seeing it.
  const next = (): Token => {
    const t = tokens[pos] as Token;
    if (t.type !== 'eof') pos++;
    return t;
  };
  const is = (text: string): boolean => peek().type !== 'str' && peek().text === text;
  const expect = (text: string): void => {
    if (!is(text)) throw new AwkError(`syntax error: expected '${text}' near '${peek().text}'`);
    pos++;
  };
  const skipNl = (): void => {
    while (peek().type === 'nl') pos++;
  };

  const primary = (): Expr => {
    const t = next();
    if (t.type === 'num') return { kind: 'num', value: Number(t.text) };
    if (t.type === 'str') return { kind: 'str', value: t.text };
    if (t.type === 'regex') {
      const re = compilePosix(t.text, true, '');
      if (typeof re === 'string') throw new AwkError(`invalid regular expression /${t.text}/`);
      return { kind: 'regex', re };
    }
    if (t.text === '$') return { kind: 'field', index: postfix(primary()) };
    if (t.text === '(') {
      const items = [expression()];
      while (is(',')) {
        pos++;
        items.push(expression());
      }
      expect(')');
      return items.length === 1 ? (items[0] as Expr) : { kind: 'group', items };
    }
    if (t.text === '-' || t.text === '+' || t.text === '!') return { kind: 'unary', op: t.text, arg: unaryOperand() };
    if (t.text === '++' || t.text === '--') return { kind: 'incr', op: t.text, prefix: true, target: primary() };
    if (t.type === 'name') {
      if (BUILTINS.has(t.text)) {
        const args: Expr[] = [];
        if (is('(')) {
          pos++;
          if (!is(')')) {
            args.push(expression());
            while (is(',')) {
              pos++;
              args.push(expression());
            }
          }
          expect(')');
        }
        if (args.length < (MIN_ARGS[t.text] ?? 0)) throw new AwkError(`${t.text}: not enough arguments`);
        return { kind: 'call', name: t.text, args };
      }
      if (is('[')) {
        pos++;
        const key = expression();
        expect(']');
        return { kind: 'elem', name: t.text, key };
      }
      return { kind: 'var', name: t.text };
    }
    throw new AwkError(`syntax error near '${t.text || 'end of program'}'`);
  };
  const postfix = (e: Expr): Expr => {
    if ((is('++') || is('--')) && (e.kind === 'var' || e.kind === 'field' || e.kind === 'elem')) return { kind: 'incr', op: next().text as '++' | '--', prefix: false, target: e };
    return e;
  };
  const unaryOperand = (): Expr => power();
  const power = (): Expr => {
    const base = postfix(primary());
    if (is('^')) {
      pos++;
      return { kind: 'binary', op: '^', left: base, right: power() };
    }
    return base;
  };
  const binaryLevel = (ops: readonly string[], below: () => Expr) => (): Expr => {
    let left = below();
    while (peek().type === 'op' && ops.includes(peek().text)) {
      const op = next().text;
      left = { kind: 'binary', op, left, right: below() };
    }
    return left;
  };
  const multiplicative = binaryLevel(['*', '/', '%'], power);
  const additive = binaryLevel(['+', '-'], multiplicative);
  const startsOperand = (t: Token): boolean =>
    t.type === 'num' || t.type === 'str' || t.type === 'regex' || (t.type === 'name' && !KEYWORDS.has(t.text)) || ['$', '(', '!', '-', '+', '++', '--'].includes(t.text);
  const concatenation = (): Expr => {
    let left = additive();
    // Juxtaposition concatenates; `in` and a relational `>` inside print are not operands.
    while (startsOperand(peek()) && !(peek().type === 'op' && (peek().text === '-' || peek().text === '+'))) {
      left = { kind: 'binary', op: 'concat', left, right: additive() };
    }
    return left;
  };
  const comparison = (): Expr => {
    const left = concatenation();
    if (peek().type === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(peek().text) && !(inPrint && is('>'))) {
      const op = next().text;
      return { kind: 'binary', op, left, right: concatenation() };
    }
    return left;
  };
  const matching = (): Expr => {
    let left = comparison();
    while (is('~') || is('!~')) {
      const negate = next().text === '!~';
      left = { kind: 'match', negate, left, right: comparison() };
    }
    return left;
  };
  const membership = (): Expr => {
    const left = matching();
    if (peek().type === 'name' && peek().text === 'in') {
      pos++;
      const array = next();
      if (array.type !== 'name') throw new AwkError(`syntax error near '${array.text || 'end of program'}'`);
      return { kind: 'in', key: left, name: array.text };
    }
    return left;
  };
  const and = binaryLevel(['&&'], membership);
  const or = binaryLevel(['||'], and);
  const ternary = (): Expr => {
    const test = or();
    if (!is('?')) return test;
    pos++;
    const then = ternary();
    expect(':');
    return { kind: 'cond', test, then, otherwise: ternary() };
  };
  const expression = (): Expr => {
    const left = ternary();
    if (peek().type === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(peek().text) && (left.kind === 'var' || left.kind === 'field' || left.kind === 'elem')) {
      const op = next().text;
      return { kind: 'assign', op, target: left, value: expression() };
    }
    return left;
  };
  let inPrint = false;

  const simpleStatement = (): Stmt => {
    const t = peek();
    if (t.type === 'name' && (t.text === 'print' || t.text === 'printf')) {
      pos++;
      const args: Expr[] = [];
      inPrint = true;
      if (!is('}') && !is('>') && peek().type !== 'nl' && peek().type !== 'eof') {
        args.push(expression());
        while (is(',')) {
          pos++;
          args.push(expression());
        }
      }
      inPrint = false;
      if (is('>')) throw new AwkError('output redirection is not simulated by Stagecraft');
      const flat = args.length === 1 && args[0]?.kind === 'group' ? args[0].items : args;
      return { kind: t.text, args: flat };
    }
    if (t.type === 'name' && t.text === 'next') {
      pos++;
      return { kind: 'next' };
    }
    if (t.type === 'name' && t.text === 'exit') {
      pos++;
      return peek().type === 'nl' || is('}') || peek().type === 'eof' ? { kind: 'exit' } : { kind: 'exit', code: expression() };
    }
    if (t.type === 'name' && t.text === 'delete') {
      pos++;
      const name = next().text;
      if (!is('[')) return { kind: 'delete', name };
      pos++;
      const key = expression();
      expect(']');
      return { kind: 'delete', name, key };
    }
    return { kind: 'expr', expr: expression() };
  };
  const statement = (): Stmt => {
    skipNl();
    const t = peek();
    if (t.text === '{' && t.type === 'op') {
      pos++;
      const body = statements();
      expect('}');
      return { kind: 'block', body };
    }
    if (t.type === 'name' && t.text === 'if') {
      pos++;
      expect('(');
      const test = expression();
      expect(')');
      const then = statement();
      const save = pos;
      skipNl();
      if (peek().type === 'name' && peek().text === 'else') {
        pos++;
        return { kind: 'if', test, then, otherwise: statement() };
      }
      pos = save;
      return { kind: 'if', test, then };
    }
    if (t.type === 'name' && t.text === 'while') {
      pos++;
      expect('(');
      const test = expression();
      expect(')');
      return { kind: 'while', test, body: statement() };
    }
    if (t.type === 'name' && t.text === 'for') {
      pos++;
      expect('(');
      if (peek().type === 'name' && tokens[pos + 1]?.text === 'in') {
        const name = next().text;
        pos++;
        const array = next().text;
        expect(')');
        return { kind: 'forin', name, array, body: statement() };
      }
      const init = peek().type === 'nl' ? undefined : simpleStatement();
      if (peek().type === 'nl') pos++;
      const test = peek().type === 'nl' ? undefined : expression();
      if (peek().type === 'nl') pos++;
      const step = is(')') ? undefined : simpleStatement();
      expect(')');
      const loop: Stmt = { kind: 'for', body: statement() };
      if (init !== undefined) loop.init = init;
      if (test !== undefined) loop.test = test;
      if (step !== undefined) loop.step = step;
      return loop;
    }
    return simpleStatement();
  };
  const statements = (): Stmt[] => {
    const body: Stmt[] = [];
    for (skipNl(); !is('}') && peek().type !== 'eof'; skipNl()) body.push(statement());
    return body;
  };

  const rules: Rule[] = [];
  for (skipNl(); peek().type !== 'eof'; skipNl()) {
    let pattern: Rule['pattern'];
    if (peek().type === 'name' && (peek().text === 'BEGIN' || peek().text === 'END')) pattern = next().text as 'BEGIN' | 'END';
    else if (!is('{')) pattern = expression();
    let body: Stmt[] | undefined;
    if (is('{')) {
      pos++;
      body = statements();
      expect('}');
    }
    rules.push({ pattern, body });
  }
  return rules;
}

// ---- running ------------------------------------------------------------------------------------

type Value = number | string;

const toNum = (v: Value): number => (typeof v === 'number' ? v : Number.parseFloat(v.trim()) || 0);
const toStr = (v: Value): string => (typeof v === 'string' ? v : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));
/** Strings that look like numbers compare as numbers (awk's "strnum"). */
const looksNumeric = (v: Value): boolean => typeof v === 'number' || /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v);

const STRING_FUNCTIONS = new Set(['substr', 'tolower', 'toupper', 'sprintf']);
const isStringExpr = (e: Expr): boolean =>
  e.kind === 'str' || (e.kind === 'binary' && e.op === 'concat') || (e.kind === 'call' && STRING_FUNCTIONS.has(e.name));

class NextRecord {}
class ExitProgram {
  readonly code: number;
  constructor(code: number) {
    this.code = code;
  }
}

function runProgram(ctx: CommandContext, rules: Rule[], inputs: { path: string; text: string }[], vars: Map<string, Value>): number {
  const arrays = new Map<string, Map<string, Value>>();
  let fields: string[] = [''];
  let loops = 0;
  const get = (name: string): Value => vars.get(name) ?? '';
  const array = (name: string): Map<string, Value> => {
    let a = arrays.get(name);
    if (a === undefined) {
      a = new Map();
      arrays.set(name, a);
    }
    return a;
  };
  const splitRecord = (record: string): string[] => {
    const fs = toStr(get('FS'));
    if (record === '') return [];
    if (fs === ' ') return record.trim().split(/[ \t\n]+/);
    if (fs.length === 1 && fs !== '\\') return record.split(fs);
    const re = compilePosix(fs, true, '');
    return record.split(typeof re === 'string' ? fs : re);
  };
  const setRecord = (record: string): void => {
    fields = [record, ...splitRecord(record)];
    vars.set('NF', fields.length - 1);
  };
  const rebuild = (): void => {
    fields[0] = fields.slice(1).join(toStr(get('OFS')));
  };
  const assignTo = (target: Expr, value: Value): Value => {
    if (target.kind === 'var') {
      vars.set(target.name, value);
      if (target.name === 'NF') {
        fields = fields.slice(0, toNum(value) + 1);
        rebuild();
      }
    } else if (target.kind === 'elem') array(target.name).set(toStr(evaluate(target.key)), value);
    else if (target.kind === 'field') {
      const i = Math.trunc(toNum(evaluate(target.index)));
      if (i === 0) setRecord(toStr(value));
      else {
        while (fields.length <= i) fields.push('');
        fields[i] = toStr(value);
        vars.set('NF', fields.length - 1);
        rebuild();
      }
    }
    return value;
  };
  const regexOf = (e: Expr): RegExp => {
    if (e.kind === 'regex') return e.re;
    const re = compilePosix(toStr(evaluate(e)), true, '');
    if (typeof re === 'string') throw new AwkError(re);
    return re;
  };
  const evaluate = (e: Expr): Value => {
    switch (e.kind) {
      case 'num': return e.value;
      case 'str': return e.value;
      case 'regex': return e.re.test(fields[0] ?? '') ? 1 : 0;
      case 'var': return get(e.name);
      case 'field': return fields[Math.trunc(toNum(evaluate(e.index)))] ?? '';
      case 'elem': return array(e.name).get(toStr(evaluate(e.key))) ?? '';
      case 'in': return array(e.name).has(toStr(evaluate(e.key))) ? 1 : 0;
      case 'group': return e.items.map((i) => toStr(evaluate(i))).join(toStr(get('SUBSEP') || '\x1c'));
      case 'assign': {
        const value = evaluate(e.value);
        if (e.op === '=') return assignTo(e.target, value);
        const current = toNum(evaluate(e.target));
        const operand = toNum(value);
        const result = e.op === '+=' ? current + operand : e.op === '-=' ? current - operand : e.op === '*=' ? current * operand : e.op === '/=' ? current / operand : e.op === '%=' ? current % operand : current ** operand;
        return assignTo(e.target, result);
      }
      case 'incr': {
        const old = toNum(evaluate(e.target));
        const updated = e.op === '++' ? old + 1 : old - 1;
        assignTo(e.target, updated);
        return e.prefix ? updated : old;
      }
      case 'unary': {
        const v = evaluate(e.arg);
        return e.op === '!' ? (truthy(v) ? 0 : 1) : e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'cond': return truthy(evaluate(e.test)) ? evaluate(e.then) : evaluate(e.otherwise);
      case 'match': {
        const hit = regexOf(e.right).test(toStr(evaluate(e.left)));
        return hit !== e.negate ? 1 : 0;
      }
      case 'binary': {
        if (e.op === '&&') return truthy(evaluate(e.left)) && truthy(evaluate(e.right)) ? 1 : 0;
        if (e.op === '||') return truthy(evaluate(e.left)) || truthy(evaluate(e.right)) ? 1 : 0;
        const l = evaluate(e.left);
        const r = evaluate(e.right);
        switch (e.op) {
          case 'concat': return toStr(l) + toStr(r);
          case '+': return toNum(l) + toNum(r);
          case '-': return toNum(l) - toNum(r);
          case '*': return toNum(l) * toNum(r);
          case '/':
            if (toNum(r) === 0) throw new AwkError('division by zero');
            return toNum(l) / toNum(r);
          case '%': return toNum(l) % toNum(r);
          case '^': return toNum(l) ** toNum(r);
          default: {
            // String constants and string results compare as strings even when they look like numbers.
            const numeric = !isStringExpr(e.left) && !isStringExpr(e.right) && looksNumeric(l) && looksNumeric(r);
            const a = numeric ? toNum(l) : toStr(l);
            const b = numeric ? toNum(r) : toStr(r);
            const c = a < b ? -1 : a > b ? 1 : 0;
            return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[e.op as '<'] ? 1 : 0;
          }
        }
      }
      case 'call': return call(e.name, e.args);
    }
  };
  const truthy = (v: Value): boolean => (typeof v === 'number' ? v !== 0 : looksNumeric(v) ? toNum(v) !== 0 : v !== '');
  const call = (name: string, args: Expr[]): Value => {
    const arg = (i: number): Value => (args[i] === undefined ? '' : evaluate(args[i] as Expr));
    switch (name) {
      case 'length': return args.length === 0 ? [...(fields[0] ?? '')].length : args[0]?.kind === 'var' && arrays.has(args[0].name) ? array(args[0].name).size : [...toStr(arg(0))].length;
      case 'substr': {
        const s = toStr(arg(0));
        const start = Math.round(toNum(arg(1)));
        const len = args.length > 2 ? Math.round(toNum(arg(2))) : Infinity;
        const from = Math.max(start, 1);
        const to = Math.min(start + len, s.length + 1);
        return to <= from ? '' : s.slice(from - 1, to - 1);
      }
      case 'index': return toStr(arg(0)).indexOf(toStr(arg(1))) + 1;
      case 'tolower': return toStr(arg(0)).toLowerCase();
      case 'toupper': return toStr(arg(0)).toUpperCase();
      case 'int': return Math.trunc(toNum(arg(0)));
      case 'sprintf': return format(args.map((a) => evaluate(a)));
      case 'split': {
        const target = args[1];
        if (target?.kind !== 'var') throw new AwkError('split: second argument must be an array');
        const saved = get('FS');
        if (args[2] !== undefined) vars.set('FS', arg(2));
        const parts = splitRecord(toStr(arg(0)));
        vars.set('FS', saved);
        const a = array(target.name);
        a.clear();
        parts.forEach((p, i) => a.set(String(i + 1), p));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = regexOf(args[0] as Expr);
        const target = args[2] ?? ({ kind: 'field', index: { kind: 'num', value: 0 } } as Expr);
        const text = toStr(evaluate(target));
        const replacement = toStr(arg(1));
        let count = 0;
        const flags = name === 'gsub' ? 'g' : '';
        const result = text.replace(new RegExp(re.source, flags), (m) => {
          count++;
          return replacement.replace(/\\&|&/g, (r) => (r === '&' ? m : '&'));
        });
        assignTo(target, result);
        return count;
      }
      case 'match': {
        const m = regexOf(args[1] as Expr).exec(toStr(arg(0)));
        vars.set('RSTART', m === null ? 0 : m.index + 1);
        vars.set('RLENGTH', m === null ? -1 : m[0].length);
        return m === null ? 0 : m.index + 1;
      }
      default: throw new AwkError(`function ${name} never defined`);
    }
  };
  const format = (values: Value[]): string => {
    const [fmt = '', ...rest] = values;
    let i = 0;
    return toStr(fmt).replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdicxXoeEfgG%])/g, (_all, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const v = rest[i++] ?? '';
      let body: string;
      if (conv === 's') body = precision === undefined ? toStr(v) : toStr(v).slice(0, Number(precision));
      else if (conv === 'c') body = typeof v === 'number' ? String.fromCharCode(v) : v.slice(0, 1);
      else if (conv === 'd' || conv === 'i') body = String(Math.trunc(toNum(v)));
      else if (conv === 'x' || conv === 'X') body = (Math.trunc(toNum(v)) >>> 0).toString(16)[conv === 'X' ? 'toUpperCase' : 'toLowerCase']();
      else if (conv === 'o') body = (Math.trunc(toNum(v)) >>> 0).toString(8);
      else if (conv === 'e' || conv === 'E') body = toNum(v).toExponential(Number(precision ?? 6)).replace(/e([-+])(\d)$/, 'e$10$2');
      else if (conv === 'f') body = toNum(v).toFixed(Number(precision ?? 6));
      else body = String(Number(toNum(v).toPrecision(Number(precision ?? 6) || 1)));
      const w = Number(width ?? 0);
      if (body.length >= w) return body;
      if (flags.includes('-')) return body.padEnd(w);
      return flags.includes('0') && conv !== 's' ? body.padStart(w, '0') : body.padStart(w);
    }).replace(/\\n/g, '\n');
  };
  const exec = (s: Stmt): void => {
    switch (s.kind) {
      case 'print':
        ctx.stdout.write(`${s.args.length === 0 ? (fields[0] ?? '') : s.args.map((a) => {
          const v = evaluate(a);
          return typeof v === 'number' && !Number.isInteger(v) ? String(Number(v.toPrecision(6))) : toStr(v);
        }).join(toStr(get('OFS')))}${toStr(get('ORS'))}`);
        return;
      case 'printf':
        ctx.stdout.write(format(s.args.map((a) => evaluate(a))));
        return;
      case 'expr': evaluate(s.expr); return;
      case 'if':
        if (truthy(evaluate(s.test))) exec(s.then);
        else if (s.otherwise !== undefined) exec(s.otherwise);
        return;
      case 'while':
        while (truthy(evaluate(s.test))) {
          if (++loops > ctx.limits.maxLoopIterations) throw new AwkError('loop limit reached (a simulator limit)');
          exec(s.body);
        }
        return;
      case 'for':
        if (s.init !== undefined) exec(s.init);
        while (s.test === undefined || truthy(evaluate(s.test))) {
          if (++loops > ctx.limits.maxLoopIterations) throw new AwkError('loop limit reached (a simulator limit)');
          exec(s.body);
          if (s.step !== undefined) exec(s.step);
        }
        return;
      case 'forin':
        for (const key of [...array(s.array).keys()]) {
          vars.set(s.name, key);
          exec(s.body);
        }
        return;
      case 'block': for (const b of s.body) exec(b); return;
      case 'next': throw new NextRecord();
      case 'exit': throw new ExitProgram(s.code === undefined ? 0 : toNum(evaluate(s.code)));
      case 'delete':
        if (s.key === undefined) array(s.name).clear();
        else array(s.name).delete(toStr(evaluate(s.key)));
        return;
    }
  };
  const runBody = (body: Stmt[] | undefined): void => {
    if (body === undefined) ctx.stdout.write(`${fields[0] ?? ''}${toStr(get('ORS'))}`);
    else for (const s of body) exec(s);
  };
  let code = 0;
  try {
    for (const r of rules) if (r.pattern === 'BEGIN') runBody(r.body);
    const main = rules.filter((r) => r.pattern !== 'BEGIN' && r.pattern !== 'END');
    let nr = 0;
    if (main.length > 0 || rules.some((r) => r.pattern === 'END')) {
      for (const input of inputs) {
        vars.set('FILENAME', input.path === '-' ? '' : input.path);
        let fnr = 0;
        for (const record of lines(input.text)) {
          vars.set('NR', ++nr);
          vars.set('FNR', ++fnr);
          setRecord(record);
          try {
            for (const r of main) {
              if (r.pattern === undefined || truthy(evaluate(r.pattern as Expr))) runBody(r.body);
            }
          } catch (e) {
            if (!(e instanceof NextRecord)) throw e;
          }
        }
      }
    }
    for (const r of rules) if (r.pattern === 'END') runBody(r.body);
  } catch (e) {
    if (!(e instanceof ExitProgram)) throw e;
    code = e.code;
  }
  return code;
}

export const awk: Command = {
  name: 'awk',
  run(args, ctx) {
    const vars = new Map<string, Value>([['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['NR', 0], ['NF', 0], ['SUBSEP', '\x1c']]);
    let program: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (program === undefined && (arg === '-F' || arg.startsWith('-F'))) {
        const fs = arg === '-F' ? (args[++i] ?? '') : arg.slice(2);
        vars.set('FS', fs === 't' ? '\t' : fs.replace(/\\t/g, '\t'));
      } else if (program === undefined && (arg === '-v' || (arg.startsWith('-v') && arg.includes('=')))) {
        const assignment = arg === '-v' ? (args[++i] ?? '') : arg.slice(2);
        const eq = assignment.indexOf('=');
        vars.set(assignment.slice(0, eq), assignment.slice(eq + 1));
      } else if (program === undefined && arg === '--') continue;
      else if (program === undefined) program = arg;
      else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) vars.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
      else files.push(arg);
    }
    if (program === undefined) return complain(ctx, 'usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]', 2);
    try {
      const rules = parseProgram(program);
      const { texts, failed } = readInputs(ctx, files, (path, error) => complain(ctx, `can't open file ${path}: ${error.message}`, 2));
      const code = runProgram(ctx, rules, texts, vars);
      return failed ? 2 : code;
    } catch (e) {
      if (e instanceof AwkError) return complain(ctx, e.message, 2);
      throw e;
    }
  },
};
