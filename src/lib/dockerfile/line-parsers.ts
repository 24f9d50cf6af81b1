/**
 * One logical instruction line → SyntaxNode, splitting arguments the way BuildKit's
 * parser/line_parsers.go and split_command.go do (per-keyword rules). Offsets are kept so every
 * word gets a source range.
 */
import type { Diagnostic, SourceRange } from '../diagnostics.ts';
import type { EscapeToken, KeyValue, ParseErrorCode, SyntaxNode, Word } from './types.ts';
import type { LogicalLine } from './source-map.ts';
import { isGoSpace as goSpace } from './expand.ts';

/** Bound once: called for every character, and a module-runner export getter per call shows in benchmarks. */
const isGoSpace = goSpace;
import { parseError } from './parse-errors.ts';
import { goQuote } from './go-quote.ts';

/** A word found at [start, end) of the logical line. */
interface Span {
  value: string;
  start: number;
  end: number;
}

type LineError = { code: ParseErrorCode; message: string; start: number; end: number };

interface Args {
  args: Span[];
  json: boolean;
  pairs?: { key: string; value: string; legacy: boolean; start: number; end: number }[];
  child?: SyntaxNode;
}

const isReWhitespace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\v' || ch === '\f' || ch === '\r';

/** [start, end) of text[start, end) without Go unicode spaces on both ends. */
function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && isGoSpace(text[start] as string)) start++;
  while (end > start && isGoSpace(text[end - 1] as string)) end--;
  return [start, end];
}

/** `--flag` words at the start of text[from..]; returns them and where the arguments start. */
function extractBuilderFlags(text: string, from: number, escape: string): { flags: Span[]; rest: number } {
  const flags: Span[] = [];
  let pos = from;
  for (;;) {
    while (pos < text.length && isGoSpace(text[pos] as string)) pos++;
    if (pos >= text.length) return { flags, rest: text.length };
    if (!(text[pos] === '-' && text[pos + 1] === '-')) return { flags, rest: pos };
    const start = pos;
    let word = '';
    let quote = '';
    let blankOK = false;
    for (; pos < text.length; pos++) {
      const ch = text[pos] as string;
      if (quote === '') {
        if (isGoSpace(ch)) break;
        if (ch === "'" || ch === '"') {
          quote = ch;
          blankOK = true;
          continue;
        }
        if (ch === escape) {
          if (pos + 1 === text.length) continue;
          pos++;
          word += text[pos] as string;
          continue;
        }
        word += ch;
      } else {
        if (ch === quote) {
          quote = '';
          continue;
        }
        if (ch === escape) {
          if (pos + 1 === text.length) {
            quote = '';
            continue;
          }
          pos++;
          word += text[pos] as string;
          continue;
        }
        word += ch;
      }
    }
    if (word === '--') return { flags, rest: pos };
    if (blankOK || word.length > 0) flags.push({ value: word, start, end: pos });
  }
}

/** Quote-aware words (quotes and escapes kept), as parseWords: used by ENV, LABEL and ARG. */
function parseWords(text: string, from: number, to: number, escape: string): Span[] {
  const words: Span[] = [];
  let pos = from;
  while (pos < to) {
    while (pos < to && isGoSpace(text[pos] as string)) pos++;
    if (pos >= to) break;
    const start = pos;
    let word = '';
    let quote = '';
    let blankOK = false;
    for (; pos < to; pos++) {
      const ch = text[pos] as string;
      if (quote === '') {
        if (isGoSpace(ch)) break;
        if (ch === "'" || ch === '"') {
          quote = ch;
          blankOK = true;
        }
        if (ch === escape) {
          if (pos + 1 === to) continue;
          word += ch;
          pos++;
          word += text[pos] as string;
          continue;
        }
        word += ch;
      } else {
        if (ch === quote) quote = '';
        if (ch === escape && quote !== "'" && ch !== quote) {
          if (pos + 1 === to) {
            quote = '';
            continue;
          }
          word += ch;
          pos++;
          word += text[pos] as string;
          continue;
        }
        word += ch;
      }
    }
    if (blankOK || word.length > 0) words.push({ value: word, start, end: pos });
  }
  return words;
}

/** Words split on [\t\v\f\r ]+ (parseStringsWhitespaceDelimited). */
function splitWhitespace(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let pos = from;
  while (pos < to) {
    while (pos < to && isReWhitespace(text[pos])) pos++;
    if (pos >= to) break;
    const start = pos;
    while (pos < to && !isReWhitespace(text[pos])) pos++;
    out.push({ value: text.slice(start, pos), start, end: pos });
  }
  return out;
}

/** Offsets of the string literals of a JSON array that already parsed as strings only. */
function jsonStringSpans(text: string, from: number, to: number, values: string[]): Span[] {
  const spans: Span[] = [];
  let pos = from;
  for (const value of values) {
    while (pos < to && text[pos] !== '"') pos++;
    const start = pos;
    pos++;
    while (pos < to && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    spans.push({ value, start, end: Math.min(pos, to) });
  }
  return spans;
}

const NOT_JSON = Symbol('not json');

function parseJSON(text: string, from: number, to: number): Span[] | typeof NOT_JSON | LineError {
  const [start] = trimSpan(text, from, to);
  if (text[start] !== '[') return NOT_JSON;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, to));
  } catch {
    return NOT_JSON;
  }
  if (!Array.isArray(parsed)) return NOT_JSON;
  const values: string[] = [];
  for (const item of parsed) {
    if (typeof item !== 'string') {
      return {
        code: 'json-not-strings',
        message: 'when using JSON array syntax, arrays must be comprised of strings only',
        start,
        end: to,
      };
    }
    values.push(item);
  }
  return jsonStringSpans(text, start, to, values);
}

function maybeJSON(text: string, from: number, to: number): Args | LineError {
  if (from >= to) return { args: [], json: false };
  const j = parseJSON(text, from, to);
  if (j === NOT_JSON) return { args: [{ value: text.slice(from, to), start: from, end: to }], json: false };
  if (!Array.isArray(j)) return j;
  return { args: j, json: true };
}

function maybeJSONToList(text: string, from: number, to: number): Args | LineError {
  const j = parseJSON(text, from, to);
  if (j === NOT_JSON) return { args: splitWhitespace(text, from, to), json: false };
  if (!Array.isArray(j)) return j;
  return { args: j, json: true };
}

function nameVal(text: string, from: number, to: number, key: 'ENV' | 'LABEL', escape: string): Args | LineError {
  const words = parseWords(text, from, to, escape);
  const first = words[0];
  if (first === undefined) return { args: [], json: false, pairs: [] };
  if (!first.value.includes('=')) {
    let sep = from;
    while (sep < to && !isReWhitespace(text[sep])) sep++;
    let value = sep;
    while (value < to && isReWhitespace(text[value])) value++;
    if (sep >= to) return { code: 'env-needs-two-args', message: `${key} must have two arguments`, start: from, end: to };
    return {
      args: [],
      json: false,
      pairs: [{ key: text.slice(from, sep), value: text.slice(value, to), legacy: true, start: from, end: to }],
    };
  }
  const pairs: NonNullable<Args['pairs']> = [];
  for (const w of words) {
    const eq = w.value.indexOf('=');
    if (eq < 0) {
      return {
        code: 'missing-equals',
        message: `Syntax error - can't find = in ${goQuote(w.value)}. Must be of the form: name=value`,
        start: w.start,
        end: w.end,
      };
    }
    pairs.push({ key: w.value.slice(0, eq), value: w.value.slice(eq + 1), legacy: false, start: w.start, end: w.end });
  }
  return { args: [], json: false, pairs };
}

function healthConfig(text: string, from: number, to: number): Args | LineError {
  let sep = from;
  while (sep < to && !isGoSpace(text[sep] as string)) sep++;
  let next = sep;
  while (next < to && isGoSpace(text[next] as string)) next++;
  if (sep === from) return { args: [], json: false };
  const cmd = maybeJSON(text, next, to);
  if ('code' in cmd) return cmd;
  return { args: [{ value: text.slice(from, sep), start: from, end: sep }, ...cmd.args], json: cmd.json };
}

export interface NodeContext {
  escape: EscapeToken;
  line: LogicalLine;
  comments: string[];
  /** The full range of the instruction (heredocs are added later by the caller). */
  range: SourceRange;
}

/** Parse text[from..] of the logical line into a node, or the line-level error BuildKit reports. */
export function nodeFromLine(ctx: NodeContext, from: number): { node: SyntaxNode } | { error: Diagnostic } {
  const result = nodeAt(ctx, from);
  if ('code' in result) return { error: parseError(result.code, result.message, ctx.line.range(result.start, result.end)) };
  return { node: result };
}

function nodeAt(ctx: NodeContext, from: number): SyntaxNode | LineError {
  const text = ctx.line.text;
  const [start, end] = trimSpan(text, from, text.length);
  let cmdEnd = start;
  while (cmdEnd < end && !isReWhitespace(text[cmdEnd])) cmdEnd++;
  let argsFrom = end;
  let flags: Span[] = [];
  if (cmdEnd < end) {
    let restStart = cmdEnd;
    while (restStart < end && isReWhitespace(text[restStart])) restStart++;
    const extracted = extractBuilderFlags(text.slice(0, end), restStart, ctx.escape);
    flags = extracted.flags;
    argsFrom = extracted.rest;
  }
  const [aFrom, aTo] = trimSpan(text, argsFrom, end);
  const keyword = text.slice(start, cmdEnd);
  const parsed = dispatch(keyword.toLowerCase(), ctx, aFrom, aTo);
  if ('code' in parsed) return parsed;
  const r = (s: number, e: number): SourceRange => ctx.line.range(s, e);
  const word = (s: Span): Word => ({ value: s.value, range: r(s.start, s.end) });
  const node: SyntaxNode = {
    keyword,
    keywordRange: r(start, cmdEnd),
    flags: flags.map(word),
    args: parsed.args.map(word),
    json: parsed.json,
    heredocs: [],
    original: text.slice(from),
    range: ctx.range,
    comments: ctx.comments,
  };
  if (parsed.pairs) {
    node.pairs = parsed.pairs.map(
      (p): KeyValue => ({ key: p.key, value: p.value, legacy: p.legacy, range: r(p.start, p.end) }),
    );
  }
  if (parsed.child) node.child = parsed.child;
  return node;
}

function dispatch(cmd: string, ctx: NodeContext, from: number, to: number): Args | LineError {
  const text = ctx.line.text;
  switch (cmd) {
    case 'add':
    case 'copy':
    case 'volume':
      return maybeJSONToList(text, from, to);
    case 'arg':
      return { args: parseWords(text, from, to, ctx.escape), json: false };
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell':
      return maybeJSON(text, from, to);
    case 'env':
      return nameVal(text, from, to, 'ENV', ctx.escape);
    case 'label':
      return nameVal(text, from, to, 'LABEL', ctx.escape);
    case 'expose':
    case 'from':
      return { args: splitWhitespace(text, from, to), json: false };
    case 'healthcheck':
      return healthConfig(text, from, to);
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      return { args: from < to ? [{ value: text.slice(from, to), start: from, end: to }] : [], json: false };
    case 'onbuild': {
      if (from >= to) return { args: [], json: false };
      const child = nodeAt({ ...ctx, comments: [] }, from);
      if ('code' in child) return child;
      return { args: [], json: false, child };
    }
    default:
      return { args: [], json: false };
  }
}
