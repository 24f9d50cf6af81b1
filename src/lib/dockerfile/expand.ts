/**
 * Variable expansion as BuildKit's Dockerfile shell lexer does it (frontend/dockerfile/shell/lex.go):
 * `$v`, `${v}`, `${v:-w}` `${v-w}` `${v:+w}` `${v+w}` `${v:?m}` `${v?m}`, `${v#p}` `${v##p}`
 * `${v%p}` `${v%%p}`, `${v/p/r}` `${v//p/r}`, quotes and the escape token. Unset variables expand
 * to '' and are reported in `unresolved` (the UndefinedVar check and the engine use that).
 * Pure: the variables come in as a Map, a record or a lookup function; errors are values.
 */
import type { Result } from '../diagnostics.ts';
import type { EscapeToken } from './types.ts';
import { goQuote } from './go-quote.ts';

export type Variables =
  | ReadonlyMap<string, string>
  | Readonly<Record<string, string | undefined>>
  | ((name: string) => string | undefined);

export interface ExpandOptions {
  /** The Dockerfile's escape token (`# escape=`); default `\`. */
  escapeToken?: EscapeToken;
  /** Keep quote characters as plain text (COPY heredoc bodies). */
  skipProcessQuotes?: boolean;
  /** Keep the quote characters in the output while still honouring them. */
  rawQuotes?: boolean;
  /** Keep escape tokens in the output. */
  rawEscapes?: boolean;
  /** Leave references to unset variables as written instead of expanding them to ''. */
  skipUnsetEnv?: boolean;
}

export interface Expansion {
  /** The expanded word (ProcessWord). */
  value: string;
  /** The expanded text split into words after expansion, quotes respected (ProcessWords). */
  words: string[];
  /** Names referenced but not set, in first-use order. */
  unresolved: string[];
  /** Names referenced and set, in first-use order. */
  resolved: string[];
}

export interface ExpansionError {
  /** BuildKit's full message: `failed to process "<word>": <detail>`. */
  message: string;
  /** The inner error, e.g. `FOO: is not allowed to be unset` or `syntax error: missing '}'`. */
  detail: string;
}

const EOF = -1;

/** Thrown only inside this module to unwind the recursive scanner; always caught in `expandWord`. */
class LexError {
  readonly detail: string;
  constructor(detail: string) {
    this.detail = detail;
  }
}

function lookupIn(vars: Variables): (name: string) => string | undefined {
  if (typeof vars === 'function') return vars;
  if (vars instanceof Map) return (name) => vars.get(name);
  const record = vars as Readonly<Record<string, string | undefined>>;
  return (name) => (Object.hasOwn(record, name) ? record[name] : undefined);
}

/** Go's unicode.IsSpace (ASCII fast path: the parser calls this for every character). */
export function isGoSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return /^[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch);
}

function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return /^\p{L}$/u.test(ch);
}

function isDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return /^\p{Nd}$/u.test(ch);
}
const isSpecialParam = (ch: string): boolean => '@*#?-$!0'.includes(ch) && ch.length === 1;

/** Word splitting state; the buffer is shared by nested scans exactly as lex.go shares `wordsBuffer`. */
interface Words {
  words: string[];
  inWord: boolean;
}

class Scanner {
  private readonly chars: string[];
  private pos = 0;
  private readonly escape: string;
  private readonly get: (name: string) => string | undefined;
  private readonly opts: ExpandOptions;
  private rawEscapes: boolean;
  /** Shared like lex.go's `shellWord.wordsBuffer`: a nested `${...}` scan resets it. */
  private wordsBuffer = '';
  readonly resolved = new Set<string>();
  readonly unresolved = new Set<string>();

  constructor(word: string, get: (name: string) => string | undefined, opts: ExpandOptions) {
    this.chars = Array.from(word);
    this.escape = opts.escapeToken ?? '\\';
    this.get = get;
    this.opts = opts;
    this.rawEscapes = opts.rawEscapes ?? false;
  }

  private peek(): string | typeof EOF {
    return this.pos < this.chars.length ? (this.chars[this.pos] as string) : EOF;
  }

  private next(): string | typeof EOF {
    return this.pos < this.chars.length ? (this.chars[this.pos++] as string) : EOF;
  }

  private addChar(w: Words, ch: string): void {
    if (isGoSpace(ch) && w.inWord) {
      if (this.wordsBuffer.length !== 0) {
        w.words.push(this.wordsBuffer);
        this.wordsBuffer = '';
        w.inWord = false;
      }
    } else if (!isGoSpace(ch)) {
      this.addRawChar(w, ch);
    }
  }

  private addRawChar(w: Words, ch: string): void {
    this.wordsBuffer += ch;
    w.inWord = true;
  }

  private finishWords(w: Words): string[] {
    if (this.wordsBuffer.length > 0) {
      w.words.push(this.wordsBuffer);
      this.wordsBuffer = '';
      w.inWord = false;
    }
    return w.words;
  }

  /** Scan until `stop` (consumed) or the end; returns the text and its words. */
  scan(stop: string | typeof EOF, rawEscapes: boolean): { text: string; words: string[] } {
    let result = '';
    this.wordsBuffer = '';
    const w: Words = { words: [], inWord: false };
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      while (this.peek() !== EOF) {
        const ch = this.peek() as string;
        if (stop !== EOF && ch === stop) {
          this.next();
          return { text: result, words: this.finishWords(w) };
        }
        const special = this.special(ch);
        if (special !== null) {
          const tmp = special();
          result += tmp;
          if (ch === '$') for (const c of tmp) this.addChar(w, c);
          else {
            this.wordsBuffer += tmp;
            w.inWord = true;
          }
          continue;
        }
        let c = this.next() as string;
        if (c === this.escape) {
          if (this.rawEscapes) {
            this.addRawChar(w, c);
            result += c;
          }
          const escaped = this.next();
          if (escaped === EOF) break;
          c = escaped;
          this.addRawChar(w, c);
        } else {
          this.addChar(w, c);
        }
        result += c;
      }
      if (stop !== EOF) throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
      return { text: result, words: this.finishWords(w) };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private special(ch: string): (() => string) | null {
    if (ch === '$') return () => this.dollar();
    if (ch === '<') return () => this.possibleHeredoc();
    if (this.opts.skipProcessQuotes) return null;
    if (ch === "'") return () => this.singleQuote();
    if (ch === '"') return () => this.doubleQuote();
    return null;
  }

  private singleQuote(): string {
    let out = '';
    const open = this.next() as string;
    if (this.opts.rawQuotes) out += open;
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.opts.rawQuotes) out += ch;
        return out;
      }
      out += ch;
    }
  }

  private doubleQuote(): string {
    let out = '';
    const open = this.next() as string;
    if (this.opts.rawQuotes) out += open;
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        this.next();
        if (this.opts.rawQuotes) out += p;
        return out;
      }
      if (p === '$') {
        out += this.dollar();
        continue;
      }
      let ch = this.next() as string;
      if (ch === this.escape) {
        if (this.rawEscapes) out += ch;
        const after = this.peek();
        if (after === EOF) continue; // a trailing escape is dropped; the EOF check above then fails
        if (after === '"' || after === '$' || after === this.escape) ch = this.next() as string;
      }
      out += ch;
    }
  }

  private lookup(name: string): { value: string; set: boolean } {
    const value = this.get(name);
    if (value === undefined) {
      this.unresolved.add(name);
      return { value: '', set: false };
    }
    this.resolved.add(name);
    return { value, set: true };
  }

  private dollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      const { value, set } = this.lookup(name);
      if (!set && this.opts.skipUnsetEnv) return '$' + name;
      return value;
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.name();
    let ch = this.next();
    let modifier = ch === EOF ? '\ufffd' : ch;
    let nullIsUnset = false;
    switch (ch) {
      case '}': {
        const { value, set } = this.lookup(name);
        if (!set && this.opts.skipUnsetEnv) return '${' + name + '}';
        return value;
      }
      case ':':
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        if (ch === ':') {
          nullIsUnset = true;
          ch = this.next();
          modifier += ch === EOF ? '\ufffd' : ch;
        }
        const raw = ch === '#' || ch === '%';
        if (nullIsUnset && raw) throw new LexError(`unsupported modifier (${modifier}) in substitution`);
        let word: string;
        try {
          word = this.scan('}', raw).text;
        } catch (e) {
          if (e instanceof LexError && this.peek() === EOF) throw new LexError("syntax error: missing '}'");
          throw e;
        }
        const { value, set } = this.lookup(name);
        if (this.opts.skipUnsetEnv && !set) return '${' + name + modifier + word + '}';
        switch (ch) {
          case '-':
            return !set || (nullIsUnset && value === '') ? word : value;
          case '+':
            return !set || (nullIsUnset && value === '') ? '' : word;
          case '?':
            if (!set) throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
            if (nullIsUnset && value === '') {
              throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
            }
            return value;
          case '%':
          case '#': {
            const greedy = word.startsWith(ch);
            const pattern = greedy ? word.slice(1) : word;
            return ch === '%' ? trimSuffix(pattern, value, greedy) : trimPrefix(pattern, value, greedy);
          }
          default:
            throw new LexError(`unsupported modifier (${modifier}) in substitution`);
        }
      }
      case '/': {
        const all = this.peek() === '/';
        if (all) this.next();
        let pattern: string;
        try {
          pattern = this.scan('/', true).text;
        } catch (e) {
          if (e instanceof LexError && this.peek() === EOF) throw new LexError("syntax error: missing '/' in ${}");
          throw e;
        }
        let replacement: string;
        try {
          replacement = this.scan('}', true).text;
        } catch (e) {
          if (e instanceof LexError && this.peek() === EOF) throw new LexError("syntax error: missing '}'");
          throw e;
        }
        const { value, set } = this.lookup(name);
        if (this.opts.skipUnsetEnv && !set) return '${' + name + '/' + pattern + '/' + replacement + '}';
        const re = patternToRegex(pattern, true, false, all ? 'gu' : 'u');
        return value.replace(re, (match) => goExpandTemplate(replacement, match));
      }
      default:
        throw new LexError(`unsupported modifier (${modifier}) in substitution`);
    }
  }

  private name(): string {
    let name = '';
    for (;;) {
      const ch = this.peek();
      if (ch === EOF) break;
      if (name === '' && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek() as string)) name += this.next() as string;
        return name;
      }
      if (name === '' && isSpecialParam(ch)) return this.next() as string;
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      name += this.next() as string;
    }
    return name;
  }

  private possibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    for (let p = this.peek(); p === '\t' || p === '\r' || p === ' '; p = this.peek()) space += this.next() as string;
    return '<<' + space;
  }
}

/** Shell pattern (`*`, `?`, `\x`) → RegExp, as lex.go's convertShellPatternToRegex. */
function patternToRegex(pattern: string, greedy: boolean, anchored: boolean, flags: string): RegExp {
  const chars = Array.from(pattern);
  let out = anchored ? '^' : '';
  for (let i = 0; i < chars.length; i++) {
    const tok = chars[i] as string;
    if (tok === '*') {
      out += greedy ? '.*' : '.*?';
      continue;
    }
    if (tok === '?') {
      out += '.';
      continue;
    }
    if (tok === '\\') {
      const nextCh = chars[i + 1];
      if (nextCh === '}' || nextCh === '/') continue;
      i++;
      if (nextCh !== '*' && nextCh !== '?' && nextCh !== '\\') {
        throw new LexError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${nextCh ?? '\ufffd'}'`);
      }
      out += '\\' + nextCh;
      continue;
    }
    out += '[]{}.+()|^$'.includes(tok) ? '\\' + tok : tok;
  }
  return new RegExp(out, flags);
}

/** Go's Regexp.Expand for a regex without groups: `$$` → `$`, `$0` → the match, other `$name` → ''. */
function goExpandTemplate(template: string, match: string): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (all, _x: string, braced?: string, bare?: string) => {
    if (all === '$$') return '$';
    const name = braced ?? bare;
    return name === '0' ? match : '';
  });
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const m = patternToRegex(pattern, greedy, true, 'u').exec(value);
  return m ? value.slice(m.index + m[0].length) : value;
}

/** Reverses a pattern keeping `\x` escapes in front of their character. */
function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    const tok = chars[i] as string;
    if (tok === '\\' && i !== chars.length - 1) {
      out.unshift(tok + (chars[i + 1] as string));
      i += 2;
    } else {
      out.unshift(tok);
      i++;
    }
  }
  return out.join('');
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  const reversed = trimPrefix(reversePattern(pattern), Array.from(value).reverse().join(''), greedy);
  return Array.from(reversed).reverse().join('');
}

/**
 * Expand `word` with `vars`. Returns the value, its words, and which names did or did not resolve;
 * or BuildKit's error (`failed to process "<word>": ...`) as a value.
 */
export function expandWord(word: string, vars: Variables, options: ExpandOptions = {}): Result<Expansion, ExpansionError> {
  // Most words have nothing to expand: skip the scanner (same result, much cheaper).
  if (!/[$'"<\\`]/.test(word)) {
    return { ok: true, value: { value: word, words: splitWords(word), unresolved: [], resolved: [] } };
  }
  const scanner = new Scanner(word, lookupIn(vars), options);
  try {
    const { text, words } = scanner.scan(EOF, options.rawEscapes ?? false);
    return {
      ok: true,
      value: { value: text, words, unresolved: [...scanner.unresolved], resolved: [...scanner.resolved] },
    };
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    return { ok: false, error: { message: `failed to process ${goQuote(word)}: ${e.detail}`, detail: e.detail } };
  }
}

function splitWords(word: string): string[] {
  const words: string[] = [];
  let current = '';
  for (const ch of word) {
    if (isGoSpace(ch)) {
      if (current !== '') words.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') words.push(current);
  return words;
}

/** Names a word references (set or not), without caring about values; [] when the word does not lex. */
export function referencedNames(word: string, options: ExpandOptions = {}): string[] {
  const r = expandWord(word, () => undefined, options);
  return r.ok ? r.value.unresolved : [];
}
