/**
 * The tokenizer of /bin/sh: operators, redirection operators (with an fd number), newlines and
 * words. Words come out already split into parts (quotes, `$x`, `${x:-y}`, `$(...)`, backticks,
 * `$((...))`, `~`), because where a word ends depends on them. A `$(...)` is parsed by the parser
 * through the `parseNested` callback, which returns where the substitution ends.
 * Heredoc bodies are read at the newline after the `<<` that announced them.
 */
import type { ParamOp, Redirect, RedirectOp, Script, Word, WordPart } from './ast.ts';
import type { SyntaxProblem } from './syntax-error.ts';

export type Token =
  | { kind: 'word'; word: Word; line: number }
  | { kind: 'op'; op: Operator; line: number }
  | { kind: 'redirect'; op: RedirectOp; fd: number | undefined; line: number }
  | { kind: 'newline'; line: number }
  | { kind: 'eof'; line: number };

export type Operator = '&&' | '||' | ';;' | ';' | '&' | '|' | '(' | ')';

/** Thrown inside the lexer and parser only; `parseScript` turns it into a value. */
export class SyntaxFailure {
  readonly problem: SyntaxProblem;
  readonly line: number;
  constructor(problem: SyntaxProblem, line: number) {
    this.problem = problem;
    this.line = line;
  }
}

/** Parses a nested script from `start` up to its closing `)`; returns the script and the index after `)`. */
export type ParseNested = (source: string, start: number, lineOffset: number) => { script: Script; end: number };
/** Parses a complete text (a backquoted substitution) as a script. */
export type ParseText = (text: string, lineOffset: number) => Script;

const OPERATORS: readonly Operator[] = ['&&', '||', ';;', ';', '&', '|', '(', ')'];
const REDIRECTS: readonly RedirectOp[] = ['<<-', '<<', '<&', '<>', '>>', '>&', '>|', '<', '>'];
const META = new Set([' ', '\t', '\n', '|', '&', ';', '<', '>', '(', ')']);
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '$', '!', '-', '0']);
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

type Mode = 'word' | 'dquote' | 'heredoc' | 'param';

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
  expand: boolean;
}

export class Lexer {
  pos: number;
  private readonly src: string;
  private readonly lineOffset: number;
  private readonly parseNested: ParseNested;
  private readonly parseText: ParseText;
  private readonly pending: PendingHeredoc[] = [];

  constructor(src: string, start: number, lineOffset: number, parseNested: ParseNested, parseText: ParseText) {
    this.src = src;
    this.pos = start;
    this.lineOffset = lineOffset;
    this.parseNested = parseNested;
    this.parseText = parseText;
  }

  /** Positions of the newlines of `src`, computed once (lines are looked up for every token). */
  private newlines: number[] | undefined;

  /** 1-based line of a position (counting from the start of the whole text). */
  lineAt(pos: number): number {
    if (this.newlines === undefined) {
      this.newlines = [];
      for (let i = this.src.indexOf('\n'); i !== -1; i = this.src.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    // Newlines before `pos`, by binary search.
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.newlines[mid] as number) < pos) lo = mid + 1;
      else hi = mid;
    }
    return this.lineOffset + 1 + lo;
  }

  private fail(problem: SyntaxProblem, pos = this.pos): never {
    throw new SyntaxFailure(problem, this.lineAt(pos));
  }

  /** A heredoc whose body starts after the next newline. */
  addHeredoc(redirect: Redirect, stripTabs: boolean): void {
    const quoted = redirect.target.parts.some((p) => p.kind === 'literal' && p.quoted);
    const delimiter = redirect.target.parts.map((p) => (p.kind === 'literal' ? p.text : '')).join('');
    this.pending.push({ redirect, delimiter, stripTabs, expand: !quoted });
  }

  next(): Token {
    this.skipBlanks();
    const line = this.lineAt(this.pos);
    const c = this.src[this.pos];
    if (c === undefined) {
      this.readHeredocs();
      return { kind: 'eof', line };
    }
    if (c === '\n') {
      this.pos++;
      this.readHeredocs();
      return { kind: 'newline', line };
    }
    const io = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (io !== null) {
      this.pos += (io[1] as string).length;
      const op = this.redirectOp() as RedirectOp;
      return { kind: 'redirect', op, fd: Number(io[1]), line };
    }
    const redirect = this.redirectOp();
    if (redirect !== undefined) return { kind: 'redirect', op: redirect, fd: undefined, line };
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { kind: 'op', op, line };
      }
    }
    return { kind: 'word', word: this.readWord(), line };
  }

  private redirectOp(): RedirectOp | undefined {
    for (const op of REDIRECTS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private readHeredocs(): void {
    for (const doc of this.pending.splice(0)) {
      const lines: string[] = [];
      while (this.pos < this.src.length) {
        const end = this.src.indexOf('\n', this.pos);
        const raw = this.src.slice(this.pos, end === -1 ? this.src.length : end);
        this.pos = end === -1 ? this.src.length : end + 1;
        const text = doc.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (text === doc.delimiter) break;
        lines.push(text);
      }
      const body = lines.map((l) => `${l}\n`).join('');
      const word: Word = doc.expand
        ? { parts: new Lexer(body, 0, 0, this.parseNested, this.parseText).readParts('heredoc'), raw: body }
        : { parts: [{ kind: 'literal', text: body, quoted: true }], raw: body };
      doc.redirect.heredoc = { body: word, expand: doc.expand };
    }
  }

  readWord(): Word {
    const start = this.pos;
    const parts = this.readParts('word');
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  /** Parts until the end of the word (mode 'word'), the closing `"`, the closing `}`, or the end of text. */
  readParts(mode: Mode): WordPart[] {
    const parts: WordPart[] = [];
    const quoted = mode === 'dquote' || mode === 'heredoc';
    const push = (part: WordPart): void => {
      const last = parts[parts.length - 1];
      if (part.kind === 'literal' && last?.kind === 'literal' && last.quoted === part.quoted) last.text += part.text;
      else parts.push(part);
    };
    const wordStart = this.pos;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) {
        if (mode === 'dquote') this.fail({ kind: 'unterminated-quote', quote: '"' });
        if (mode === 'param') this.fail({ kind: 'missing-brace' });
        return parts;
      }
      if (mode === 'word' && META.has(c)) return parts;
      if (mode === 'dquote' && c === '"') return parts;
      if (mode === 'param' && c === '}') return parts;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        this.pos += 2;
        if (n === '\n') continue;
        if (n === undefined) push({ kind: 'literal', text: '\\', quoted });
        else if (quoted && !'$`"\\'.includes(n)) push({ kind: 'literal', text: `\\${n}`, quoted });
        else if (mode === 'heredoc' && n === '"') push({ kind: 'literal', text: '\\"', quoted });
        else push({ kind: 'literal', text: n, quoted: true });
        continue;
      }
      if (c === "'" && (mode === 'word' || mode === 'param')) {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end === -1) this.fail({ kind: 'unterminated-quote', quote: "'" });
        push({ kind: 'literal', text: this.src.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
        continue;
      }
      if (c === '"' && (mode === 'word' || mode === 'param')) {
        this.pos++;
        const inner = this.readParts('dquote');
        this.pos++;
        // "" is an empty quoted word, not nothing.
        if (inner.length === 0) push({ kind: 'literal', text: '', quoted: true });
        for (const p of inner) push(p);
        continue;
      }
      if (c === '`') {
        push(this.readBackquote(quoted));
        continue;
      }
      if (c === '$') {
        push(this.readDollar(quoted));
        continue;
      }
      if (c === '~' && mode === 'word' && this.pos === wordStart) {
        const m = /^~([A-Za-z0-9_.-]*)(?=$|\/|[\s|&;<>()])/.exec(this.src.slice(this.pos));
        if (m !== null) {
          this.pos += m[0].length;
          push({ kind: 'tilde', user: m[1] as string });
          continue;
        }
      }
      this.pos++;
      push({ kind: 'literal', text: c, quoted });
    }
  }

  private readBackquote(quoted: boolean): WordPart {
    const start = this.pos;
    let text = '';
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail({ kind: 'unterminated-quote', quote: '`' }, start);
      if (c === '`') break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n !== undefined && ('$`\\'.includes(n) || (quoted && n === '"'))) {
          text += n;
          this.pos += 2;
          continue;
        }
      }
      text += c;
      this.pos++;
    }
    this.pos++;
    return { kind: 'command', script: this.parseText(text, this.lineAt(start) - 1), quoted };
  }

  private readDollar(quoted: boolean): WordPart {
    const start = this.pos;
    const n = this.src[this.pos + 1];
    if (n === '(' && this.src[this.pos + 2] === '(') {
      const end = this.arithEnd(this.pos + 3);
      if (end !== undefined) {
        const text = this.src.slice(this.pos + 3, end);
        this.pos = end + 2;
        const expr = new Lexer(text, 0, 0, this.parseNested, this.parseText).readParts('heredoc');
        return { kind: 'arith', expr: { parts: expr, raw: text }, quoted };
      }
    }
    if (n === '(') {
      const { script, end } = this.parseNested(this.src, this.pos + 2, this.lineOffset);
      this.pos = end;
      return { kind: 'command', script, quoted };
    }
    if (n === '{') return this.readBraced(quoted, start);
    if (isNameStart(n)) {
      let end = this.pos + 1;
      while (isNameChar(this.src[end])) end++;
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end;
      return { kind: 'param', name, op: '', arg: undefined, quoted };
    }
    if (n !== undefined && (/[0-9]/.test(n) || SPECIAL_PARAMS.has(n))) {
      this.pos += 2;
      return { kind: 'param', name: n, op: '', arg: undefined, quoted };
    }
    this.pos++;
    return { kind: 'literal', text: '$', quoted };
  }

  /** The index of the `))` closing `$((`, or undefined when the parentheses do not pair up so. */
  private arithEnd(from: number): number | undefined {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) return this.src[i + 1] === ')' ? i : undefined;
        depth--;
      }
    }
    return undefined;
  }

  private readBraced(quoted: boolean, start: number): WordPart {
    this.pos += 2;
    const bad = (): never => {
      const close = this.src.indexOf('}', start);
      if (close === -1) return this.fail({ kind: 'missing-brace' }, start);
      return this.fail({ kind: 'bad-substitution', text: this.src.slice(start, close + 1) }, start);
    };
    if (this.src[this.pos] === '#' && this.src[this.pos + 1] !== '}') {
      this.pos++;
      const name = this.readParamName() ?? bad();
      if (this.src[this.pos] !== '}') bad();
      this.pos++;
      return { kind: 'length', name, quoted };
    }
    const name = this.readParamName() ?? bad();
    if (this.src[this.pos] === '}') {
      this.pos++;
      return { kind: 'param', name, op: '', arg: undefined, quoted };
    }
    const op = this.readParamOp();
    if (op === undefined) {
      // An operator the shells do not know fails when expanded, not when parsed (as dash and ash do).
      const close = this.src.indexOf('}', this.pos);
      if (close === -1) return this.fail({ kind: 'missing-brace' }, start);
      this.pos = close + 1;
      return { kind: 'param', name, op: 'bad', arg: undefined, quoted };
    }
    const argStart = this.pos;
    const parts = this.readParts('param');
    // The word after the operator keeps its own quoting: in "${x%/*}" the pattern is still a pattern.
    const arg: Word = { parts, raw: this.src.slice(argStart, this.pos) };
    this.pos++;
    return { kind: 'param', name, op, arg, quoted };
  }

  private readParamName(): string | undefined {
    const c = this.src[this.pos];
    if (isNameStart(c)) {
      let end = this.pos + 1;
      while (isNameChar(this.src[end])) end++;
      const name = this.src.slice(this.pos, end);
      this.pos = end;
      return name;
    }
    if (c !== undefined && /[0-9]/.test(c)) {
      let end = this.pos + 1;
      while (/[0-9]/.test(this.src[end] ?? '')) end++;
      const name = this.src.slice(this.pos, end);
      this.pos = end;
      return name;
    }
    if (c !== undefined && SPECIAL_PARAMS.has(c)) {
      this.pos++;
      return c;
    }
    return undefined;
  }

  private readParamOp(): ParamOp | undefined {
    for (const op of [':-', ':=', ':?', ':+', '##', '%%', '//', '^^', ',,', ':', '-', '=', '?', '+', '#', '%', '/', '^', ','] as const) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }
}
