/**
 * Word expansion in sh's order: tilde, parameters, command substitution and arithmetic, then field
 * splitting (of unquoted expansion results only), pathname expansion, quote removal.
 */
import type { Script, Word, WordPart } from './ast.ts';
import { evaluateArithmetic } from './arith.ts';
import type { ParamOp } from './ast.ts';
import { escapePattern, hasWildcard, removeAffix, replacePattern, unescapePattern } from './pattern.ts';

export interface ExpandHost {
  /** A variable or special parameter (`?`, `#`, `@`, `*`, `0`-`9`, `$`, `!`, `-`); undefined when unset. */
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  positional(): readonly string[];
  readonly nounset: boolean;
  readonly noglob: boolean;
  /** Runs `$(...)` and returns its output without trailing newlines. */
  commandSubstitution(script: Script): string;
  /** Reports an expansion error (`x: parameter not set`) the way the shell does, and stops. */
  fail(message: string): never;
  /** Reports `set -u`'s unset parameter and stops. */
  unsetParameter(name: string): never;
  /** Which non-POSIX expansions this shell has (see ParamOp). */
  readonly dialect: 'dash' | 'ash' | 'bash';
  /** Reports `${x<unknown operator>}` and stops. */
  badSubstitution(): never;
  /** Reports a failed `$((...))` and stops. */
  arithmeticFailed(reason: string, expression: string): never;
  home(user: string): string | undefined;
  /** Pathnames matching a pattern, sorted; [] when none. */
  glob(pattern: string): string[];
}

/** A run of text and whether it came from quoted source (quoted text is never split or globbed). */
interface Chunk {
  text: string;
  quoted: boolean;
}

/** A field in the making; `solid` once something quoted was in it (so "" survives as an empty field). */
interface Field {
  chunks: Chunk[];
  solid: boolean;
}

/** A word to its fields: split and globbed, as for a command's arguments or a `for` list. */
export function expandFields(word: Word, host: ExpandHost): string[] {
  const fields = expandToFields(word, host, true);
  const out: string[] = [];
  for (const field of fields) {
    const pattern = toPattern(field.chunks);
    if (!host.noglob && hasWildcard(pattern)) {
      const matches = host.glob(pattern);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
      out.push(unescapePattern(pattern));
    } else out.push(field.chunks.map((c) => c.text).join(''));
  }
  return out;
}

/** A word to one string, unsplit and unglobbed (assignments, redirection targets, `case` words, heredocs). */
export function expandString(word: Word, host: ExpandHost): string {
  return expandToFields(word, host, false).map((f) => f.chunks.map((c) => c.text).join('')).join(' ');
}

/** A word as a pattern (`case` patterns, `${x#...}`): quoted parts match literally. */
export function expandPattern(word: Word, host: ExpandHost): string {
  return expandToFields(word, host, false).map((f) => toPattern(f.chunks)).join(' ');
}

const toPattern = (chunks: readonly Chunk[]): string =>
  chunks.map((c) => (c.quoted ? escapePattern(c.text) : c.text)).join('');

function expandToFields(word: Word, host: ExpandHost, split: boolean): Field[] {
  const fields: Field[] = [{ chunks: [], solid: false }];
  const current = (): Field => fields[fields.length - 1] as Field;
  const ifs = host.getVar('IFS') ?? ' \t\n';

  const addText = (text: string, quoted: boolean): void => {
    if (quoted || !split) {
      current().chunks.push({ text, quoted });
      if (quoted) current().solid = true;
      return;
    }
    // Field splitting of an unquoted expansion result.
    let piece = '';
    for (const ch of text) {
      if (ifs.includes(ch)) {
        if (piece !== '') current().chunks.push({ text: piece, quoted: false });
        piece = '';
        const f = current();
        if (f.chunks.length > 0 || f.solid || !/\s/.test(ch)) fields.push({ chunks: [], solid: false });
      } else piece += ch;
    }
    if (piece !== '') current().chunks.push({ text: piece, quoted: false });
  };

  for (const part of word.parts) {
    if (part.kind === 'literal') {
      current().chunks.push({ text: part.text, quoted: part.quoted });
      if (part.quoted) current().solid = true;
      continue;
    }
    if (part.kind === 'tilde') {
      const home = part.user === '' ? host.getVar('HOME') : host.home(part.user);
      current().chunks.push({ text: home ?? `~${part.user}`, quoted: true });
      current().solid = true;
      continue;
    }
    if (part.kind === 'param' && part.name === '@' && part.op === '' && part.quoted && split) {
      // "$@": one field per positional parameter.
      const args = host.positional();
      args.forEach((arg, i) => {
        if (i > 0) fields.push({ chunks: [], solid: true });
        current().chunks.push({ text: arg, quoted: true });
        current().solid = true;
      });
      continue;
    }
    addText(expandPart(part, host), part.quoted);
  }
  return fields.filter((f) => f.solid || f.chunks.some((c) => c.text !== ''));
}

function expandPart(part: Exclude<WordPart, { kind: 'literal' | 'tilde' }>, host: ExpandHost): string {
  switch (part.kind) {
    case 'command':
      return host.commandSubstitution(part.script);
    case 'arith': {
      const text = expandString(part.expr, host);
      const result = evaluateArithmetic(text, { get: (n) => host.getVar(n), set: (n, v) => host.setVar(n, v) });
      if (!result.ok) return host.arithmeticFailed(result.reason, text);
      return String(result.value);
    }
    case 'length': {
      const value = host.getVar(part.name);
      if (value === undefined && host.nounset) host.unsetParameter(part.name);
      return String([...(value ?? '')].length);
    }
    case 'param':
      return expandParam(part, host);
  }
}

function expandParam(part: Extract<WordPart, { kind: 'param' }>, host: ExpandHost): string {
  const value = host.getVar(part.name);
  const { op, arg } = part;
  const argText = (): string => (arg === undefined ? '' : expandString(arg, host));
  const unsetOrNull = value === undefined || (op.startsWith(':') && value === '');
  switch (op) {
    case '':
      if (value === undefined && host.nounset && part.name !== '@' && part.name !== '*') host.unsetParameter(part.name);
      return value ?? '';
    case '-':
    case ':-':
      return unsetOrNull ? argText() : (value as string);
    case '=':
    case ':=': {
      if (!unsetOrNull) return value as string;
      const v = argText();
      host.setVar(part.name, v);
      return v;
    }
    case '?':
    case ':?': {
      if (!unsetOrNull) return value as string;
      const message = argText();
      return host.fail(`${part.name}: ${message === '' ? (op === '?' ? 'parameter not set' : 'parameter null or not set') : message}`);
    }
    case '+':
    case ':+':
      return unsetOrNull ? '' : argText();
    case '#':
    case '##':
    case '%':
    case '%%': {
      if (value === undefined && host.nounset) host.unsetParameter(part.name);
      const pattern = arg === undefined ? '' : expandPattern(arg, host);
      return removeAffix(value ?? '', pattern, op);
    }
    default:
      return extendedParam(op, value ?? '', arg, host);
  }
}

const SHELL_HAS: Readonly<Record<string, readonly string[]>> = {
  ':': ['ash', 'bash'], '/': ['ash', 'bash'], '//': ['ash', 'bash'], '^^': ['bash'], '^': ['bash'], ',,': ['bash'], ',': ['bash'],
};

/** `${x:1:2}`, `${x/a/b}`, `${x//a/b}`, `${x^^}`, `${x,,}`: for the shells that have them. */
function extendedParam(op: ParamOp, value: string, arg: Word | undefined, host: ExpandHost): string {
  if (!(SHELL_HAS[op] ?? []).includes(host.dialect)) return host.badSubstitution();
  if (op === '^^') return value.toUpperCase();
  if (op === ',,') return value.toLowerCase();
  if (op === '^') return value.slice(0, 1).toUpperCase() + value.slice(1);
  if (op === ',') return value.slice(0, 1).toLowerCase() + value.slice(1);
  if (op === ':') {
    const [offsetText = '0', lengthText] = (arg === undefined ? '' : expandString(arg, host)).split(':');
    const number = (text: string): number => {
      const r = evaluateArithmetic(text, { get: (n) => host.getVar(n), set: (n, v) => host.setVar(n, v) });
      return r.ok ? r.value : host.arithmeticFailed(r.reason, text);
    };
    const chars = [...value];
    const offset = number(offsetText);
    const start = offset < 0 ? Math.max(0, chars.length + offset) : Math.min(offset, chars.length);
    if (lengthText === undefined) return chars.slice(start).join('');
    const length = number(lengthText);
    return chars.slice(start, length < 0 ? chars.length + length : start + length).join('');
  }
  const [pattern, replacement] = arg === undefined ? ['', ''] : patternAndReplacement(arg, host);
  return replacePattern(value, pattern, replacement, op === '//');
}

/**
 * `${x/p/r}`: the pattern runs to the first `/` that is neither quoted nor escaped (`${x//\//_}`
 * replaces every slash), the rest is the replacement.
 */
function patternAndReplacement(arg: Word, host: ExpandHost): [string, string] {
  const chunks = expandToFields(arg, host, false).flatMap((f) => f.chunks);
  for (const [i, c] of chunks.entries()) {
    const slash = c.quoted ? -1 : c.text.search(/(?<!\\)\//);
    if (slash === -1) continue;
    const before = [...chunks.slice(0, i), { text: c.text.slice(0, slash), quoted: false }];
    const after = [{ text: c.text.slice(slash + 1), quoted: false }, ...chunks.slice(i + 1)];
    return [toPattern(before), unescapePattern(toPattern(after))];
  }
  return [toPattern(chunks), ''];
}
