/**
 * The grammar of POSIX sh (the parts Dockerfiles use): lists, and-or chains, pipelines, simple
 * commands with assignments and redirections, subshells, groups, if/for/while/until/case and
 * function definitions. Errors come back as values carrying dash's/ash's vocabulary.
 */
import type { AndOr, Assignment, Case, CommandNode, For, FunctionDef, If, List, Pipeline, Redirect, Script, SimpleCommand, Word } from './ast.ts';
import { Lexer, SyntaxFailure, type Token } from './lexer.ts';
import type { SyntaxError } from './syntax-error.ts';

export type ParseResult = { ok: true; script: Script } | { ok: false; error: SyntaxError };

export function parseScript(source: string): ParseResult {
  try {
    const parser = new Parser(source, 0, 0);
    const script = parser.list(new Set(), true);
    parser.expectEnd();
    return { ok: true, script };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: { problem: e.problem, line: e.line } };
    throw e;
  }
}

const parseNested = (source: string, start: number, lineOffset: number): { script: Script; end: number } => {
  const parser = new Parser(source, start, lineOffset);
  const script = parser.list(new Set(), true, true);
  parser.expectOp(')');
  return { script, end: parser.position };
};

const parseText = (text: string, lineOffset: number): Script => {
  const parser = new Parser(text, 0, lineOffset);
  const script = parser.list(new Set(), true);
  parser.expectEnd();
  return script;
};

/** Reserved words; `in` counts only where for/case expect it (as a command it is a plain name). */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The text of a word when it is a plain unquoted literal (how reserved words are recognised). */
export function plainText(word: Word): string | undefined {
  const [only, ...rest] = word.parts;
  if (only?.kind !== 'literal' || only.quoted || rest.length > 0) return undefined;
  return only.text;
}

const tokenText = (t: Token): string => {
  switch (t.kind) {
    case 'word': return t.word.raw;
    case 'op': return t.op;
    case 'redirect': return t.op;
    case 'newline': return 'newline';
    case 'eof': return 'end of file';
  }
};

class Parser {
  private readonly lexer: Lexer;
  private lookahead: Token | undefined;

  constructor(source: string, start: number, lineOffset: number) {
    this.lexer = new Lexer(source, start, lineOffset, parseNested, parseText);
  }

  get position(): number {
    return this.lexer.pos;
  }

  private peek(): Token {
    this.lookahead ??= this.lexer.next();
    return this.lookahead;
  }

  private take(): Token {
    const t = this.peek();
    this.lookahead = undefined;
    return t;
  }

  private unexpected(t: Token, expecting?: string): never {
    const problem = expecting === undefined
      ? { kind: 'unexpected' as const, token: tokenText(t) }
      : { kind: 'unexpected' as const, token: tokenText(t), expecting };
    throw new SyntaxFailure(problem, t.line);
  }

  private reservedAt(t: Token): string | undefined {
    if (t.kind !== 'word') return undefined;
    const text = plainText(t.word);
    return text !== undefined && RESERVED.has(text) ? text : undefined;
  }

  private isOp(t: Token, op: string): boolean {
    return t.kind === 'op' && t.op === op;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.take();
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
  }

  expectOp(op: string): void {
    const t = this.peek();
    if (!this.isOp(t, op)) this.unexpected(t, op);
    this.lookahead = undefined;
  }

  private expectWord(word: string): void {
    const t = this.take();
    if (this.reservedAt(t) !== word) this.unexpected(t, word);
  }

  /**
   * Commands up to a reserved word in `stops`, a `)`, `;;` or the end. Must not be empty unless
   * `allowEmpty` (a whole script, `$( )`). `nested` stops at `)` for a command substitution.
   */
  list(stops: ReadonlySet<string>, allowEmpty = false, nested = false, closer?: string): List {
    const items: AndOr[] = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      const reserved = this.reservedAt(t);
      if (t.kind === 'eof' || (reserved !== undefined && stops.has(reserved)) || this.isOp(t, ')') || this.isOp(t, ';;')) break;
      items.push(this.andOr());
      const sep = this.peek();
      if (this.isOp(sep, ';') || this.isOp(sep, '&') || sep.kind === 'newline') {
        this.take();
        this.skipNewlines();
        continue;
      }
      break;
    }
    if (items.length === 0 && !allowEmpty) {
      const t = this.peek();
      this.unexpected(t, t.kind === 'eof' ? closer : undefined);
    }
    if (nested && !this.isOp(this.peek(), ')')) this.unexpected(this.peek(), ')');
    return { kind: 'list', items };
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.take();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.pipeline() });
    }
    return { kind: 'and-or', first, rest };
  }

  private pipeline(): Pipeline {
    let negated = false;
    if (this.reservedAt(this.peek()) === '!') {
      this.take();
      negated = true;
    }
    const commands = [this.command()];
    while (this.isOp(this.peek(), '|')) {
      this.take();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { kind: 'pipeline', negated, commands };
  }

  private command(): CommandNode {
    const t = this.peek();
    const line = t.line;
    const reserved = this.reservedAt(t);
    let node: Exclude<CommandNode, FunctionDef | SimpleCommand>;
    if (this.isOp(t, '(')) {
      this.take();
      const body = this.list(new Set(), false, false, ')');
      this.expectOp(')');
      node = { kind: 'subshell', body, redirects: [], line };
    } else if (reserved === '{') {
      this.take();
      const body = this.list(new Set(['}']), false, false, '}');
      this.expectWord('}');
      node = { kind: 'group', body, redirects: [], line };
    } else if (reserved === 'if') node = this.ifClause(line);
    else if (reserved === 'while' || reserved === 'until') {
      this.take();
      const condition = this.list(new Set(['do']), false, false, 'do');
      this.expectWord('do');
      const body = this.list(new Set(['done']), false, false, 'done');
      this.expectWord('done');
      node = { kind: 'loop', until: reserved === 'until', condition, body, redirects: [], line };
    } else if (reserved === 'for') node = this.forClause(line);
    else if (reserved === 'case') node = this.caseClause(line);
    else if (reserved !== undefined && reserved !== 'in') return this.unexpected(t);
    else return this.simpleCommand();
    node.redirects.push(...this.redirects());
    return node;
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    while (this.peek().kind === 'redirect') out.push(this.redirect());
    return out;
  }

  private redirect(): Redirect {
    const t = this.take();
    if (t.kind !== 'redirect') return this.unexpected(t);
    const target = this.take();
    if (target.kind !== 'word') return this.unexpected(target);
    const fd = t.fd ?? (t.op.startsWith('<') && t.op !== '<>' ? 0 : t.op === '<>' ? 0 : 1);
    const redirect: Redirect = { fd, op: t.op, target: target.word };
    if (t.op === '<<' || t.op === '<<-') this.lexer.addHeredoc(redirect, t.op === '<<-');
    return redirect;
  }

  private simpleCommand(): CommandNode {
    const line = this.peek().line;
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'redirect') {
        redirects.push(this.redirect());
        continue;
      }
      if (t.kind !== 'word') break;
      this.take();
      if (words.length === 0) {
        const assignment = asAssignment(t.word);
        if (assignment !== undefined) {
          assignments.push(assignment);
          continue;
        }
      }
      words.push(t.word);
      if (words.length === 1 && assignments.length === 0 && redirects.length === 0 && this.isOp(this.peek(), '(')) {
        return this.functionDef(t.word, line);
      }
    }
    if (assignments.length === 0 && words.length === 0 && redirects.length === 0) this.unexpected(this.peek());
    const command: SimpleCommand = { kind: 'simple', assignments, words, redirects, line };
    return command;
  }

  private functionDef(nameWord: Word, line: number): CommandNode {
    const name = plainText(nameWord);
    this.take();
    if (name === undefined || !NAME.test(name)) this.unexpected({ kind: 'op', op: '(', line });
    this.expectOp(')');
    this.skipNewlines();
    const body = this.command();
    return { kind: 'function', name, body, line };
  }

  private ifClause(line: number): If {
    this.take();
    const clauses: { condition: List; body: List }[] = [];
    let elseBody: List | undefined;
    for (;;) {
      const condition = this.list(new Set(['then']), false, false, 'then');
      this.expectWord('then');
      const body = this.list(new Set(['elif', 'else', 'fi']), false, false, 'fi');
      clauses.push({ condition, body });
      const t = this.take();
      const word = this.reservedAt(t);
      if (word === 'elif') continue;
      if (word === 'else') {
        elseBody = this.list(new Set(['fi']), false, false, 'fi');
        this.expectWord('fi');
      } else if (word !== 'fi') this.unexpected(t, 'fi');
      break;
    }
    return { kind: 'if', clauses, elseBody, redirects: [], line };
  }

  private forClause(line: number): For {
    this.take();
    const nameToken = this.take();
    const name = nameToken.kind === 'word' ? plainText(nameToken.word) : undefined;
    if (name === undefined || !NAME.test(name)) return this.unexpected(nameToken);
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.reservedAt(this.peek()) === 'in') {
      this.take();
      items = [];
      for (let t = this.peek(); t.kind === 'word'; t = this.peek()) items.push((this.take() as { word: Word }).word);
      const sep = this.take();
      if (!this.isOp(sep, ';') && sep.kind !== 'newline') this.unexpected(sep, 'do');
    } else if (this.isOp(this.peek(), ';')) this.take();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.list(new Set(['done']), false, false, 'done');
    this.expectWord('done');
    return { kind: 'for', name, items, body, redirects: [], line };
  }

  private caseClause(line: number): Case {
    this.take();
    const wordToken = this.take();
    if (wordToken.kind !== 'word') return this.unexpected(wordToken);
    this.skipNewlines();
    this.expectWord('in');
    this.skipNewlines();
    const items: { patterns: Word[]; body: List }[] = [];
    while (this.reservedAt(this.peek()) !== 'esac') {
      if (this.isOp(this.peek(), '(')) this.take();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.take();
        if (p.kind !== 'word') return this.unexpected(p, p.kind === 'eof' ? ')' : undefined);
        patterns.push(p.word);
        if (this.isOp(this.peek(), '|')) {
          this.take();
          continue;
        }
        break;
      }
      this.expectOp(')');
      const body = this.list(new Set(['esac']), true);
      items.push({ patterns, body });
      if (this.isOp(this.peek(), ';;')) {
        this.take();
        this.skipNewlines();
      } else break;
    }
    this.expectWord('esac');
    return { kind: 'case', word: wordToken.word, items, redirects: [], line };
  }
}

function asAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'literal' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (m === null) return undefined;
  const name = m[1] as string;
  const rest = first.text.slice(m[0].length);
  const parts = [...(rest === '' ? [] : [{ ...first, text: rest }]), ...word.parts.slice(1)];
  return { name, value: { parts, raw: word.raw.slice(m[0].length) } };
}
