/**
 * The line-level parser (BuildKit's parser/parser.go): physical lines → instruction nodes.
 * Handles the BOM, parser directives, comments, line continuation with the escape token (comment
 * and empty lines inside a continuation are dropped), heredoc bodies, and the line-size limit.
 * Unlike BuildKit it does not stop at the first error: it records it and goes on with the next line.
 */
import type { Diagnostic, SourceRange } from '../diagnostics.ts';
import type { Directive, EscapeToken, Heredoc, SyntaxNode } from './types.ts';
import { LogicalLine } from './source-map.ts';
import { nodeFromLine } from './line-parsers.ts';
import { heredocsFromLine } from './heredoc.ts';
import { parseError } from './parse-errors.ts';

export interface SyntaxResult {
  directives: Directive[];
  escapeToken: EscapeToken;
  nodes: SyntaxNode[];
  diagnostics: Diagnostic[];
  /** Instructions that had empty lines inside their continuation (lint NoEmptyContinuation). */
  emptyContinuations: SourceRange[];
}

const MAX_LINE_BYTES = 65535;
const directiveRe = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/;
const leadingSpace = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

interface PhysicalLine {
  /** Text without the line ending. */
  text: string;
  /** 1-based line number. */
  number: number;
  /** Column of text[0] (2 on a first line that started with a BOM). */
  column: number;
  /** The stripped line ending ('\n', '\r\n' or '' on a last line without one). */
  ending: string;
}

function splitLines(source: string): PhysicalLine[] {
  const out: PhysicalLine[] = [];
  let pos = 0;
  let number = 1;
  while (pos < source.length) {
    const nl = source.indexOf('\n', pos);
    const end = nl < 0 ? source.length : nl + 1;
    const withEnding = source.slice(pos, end);
    let text = withEnding.replace(/[\r\n]+$/, '');
    const ending = withEnding.slice(text.length);
    let column = 1;
    if (number === 1 && text.startsWith('\ufeff')) {
      text = text.slice(1);
      column = 2;
    }
    out.push({ text, number, column, ending });
    pos = end;
    number++;
  }
  return out;
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;
const tooLong = (s: string): boolean => s.length > MAX_LINE_BYTES / 3 && utf8Length(s) > MAX_LINE_BYTES;
const isComment = (s: string): boolean => s.replace(leadingSpace, '').startsWith('#');

/** Directive detection state (parser/directives.go DirectiveParser). */
class DirectiveParser {
  private done = false;
  private readonly seen = new Set<string>();

  parse(line: string): { name: Directive['name']; value: string } | { error: string } | null {
    if (this.done) return null;
    if (!line.startsWith('#')) {
      this.done = true;
      return null;
    }
    const m = directiveRe.exec(line.slice(1).replace(leadingSpace, ''));
    const name = m?.[1]?.toLowerCase();
    if (!m || (name !== 'syntax' && name !== 'escape' && name !== 'check')) {
      this.done = true;
      return null;
    }
    if (this.seen.has(name)) return { error: `only one ${name} parser directive can be used` };
    this.seen.add(name);
    return { name, value: m[2] as string };
  }
}

function continuationRegex(escape: EscapeToken): RegExp {
  const e = escape === '\\' ? '\\\\' : '`';
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}

export function parseSyntax(source: string): SyntaxResult {
  const lines = splitLines(source);
  const result: SyntaxResult = {
    directives: [],
    escapeToken: '\\',
    nodes: [],
    diagnostics: [],
    emptyContinuations: [],
  };
  const directives = new DirectiveParser();
  let continuation = continuationRegex('\\');
  let comments: string[] = [];
  let sawInstruction = false;

  const lineRange = (l: PhysicalLine): SourceRange => ({
    line: l.number,
    column: l.column,
    endLine: l.number,
    endColumn: l.column + l.text.length,
  });

  /** Directive handling for a processed line; true when the line was a directive. */
  const directive = (l: PhysicalLine, text: string): boolean => {
    const d = directives.parse(text);
    if (d === null) return false;
    if ('error' in d) {
      result.diagnostics.push(parseError('directive-repeated', d.error, lineRange(l)));
      return false;
    }
    if (d.name === 'escape') {
      if (d.value !== '\\' && d.value !== '`') {
        result.diagnostics.push(
          parseError('invalid-escape-token', `invalid escape token '${d.value}' does not match \` or \\`, lineRange(l)),
        );
        return false;
      }
      result.escapeToken = d.value;
      continuation = continuationRegex(d.value);
    }
    result.directives.push({ name: d.name, value: d.value, range: lineRange(l) });
    return true;
  };

  /** Strip the continuation token; returns the kept length and whether the instruction ends here. */
  const trimContinuation = (text: string): { keep: number; end: boolean } => {
    const m = continuation.exec(text);
    if (!m) return { keep: text.length, end: true };
    return { keep: m.index + (m[1]?.length ?? 0), end: false };
  };

  let i = 0;
  while (i < lines.length) {
    const first = lines[i] as PhysicalLine;
    i++;
    if (tooLong(first.text)) {
      result.diagnostics.push(
        parseError('line-too-long', `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`, lineRange(first)),
      );
      return finish(result, sawInstruction, lines);
    }
    const lead = (leadingSpace.exec(first.text)?.[0] ?? '').length;
    const trimmed = first.text.slice(lead);
    if (trimmed.startsWith('#')) {
      // BuildKit drops the first character of the untrimmed line, not the '#'.
      const comment = first.text.slice(1).trim();
      if (comment === '') comments = [];
      else comments.push(comment);
    }
    if (directive(first, trimmed)) comments.pop();
    if (trimmed.startsWith('#')) continue;

    const startLine = first.number;
    let endLine = first.number;
    let endColumn = first.column + first.text.length;
    const firstCut = trimContinuation(trimmed);
    if (firstCut.end && firstCut.keep === 0) continue;
    const logical = new LogicalLine();
    logical.append(trimmed.slice(0, firstCut.keep), first.number, first.column + lead);
    let ended = firstCut.end;
    let hasEmpty = false;
    while (!ended && i < lines.length) {
      const l = lines[i] as PhysicalLine;
      i++;
      if (tooLong(l.text)) {
        result.diagnostics.push(
          parseError('line-too-long', `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`, lineRange(l)),
        );
        return finish(result, sawInstruction, lines);
      }
      directive(l, l.text);
      endLine = l.number;
      endColumn = l.column + l.text.length;
      if (isComment(l.text)) continue;
      if (l.text.replace(leadingSpace, '') === '') {
        hasEmpty = true;
        continue;
      }
      const cut = trimContinuation(l.text);
      logical.append(l.text.slice(0, cut.keep), l.number, l.column);
      ended = cut.end;
    }
    sawInstruction = true;
    const range: SourceRange = { line: startLine, column: first.column + lead, endLine, endColumn };
    if (hasEmpty) result.emptyContinuations.push(range);
    const parsed = nodeFromLine({ escape: result.escapeToken, line: logical, comments, range }, 0);
    comments = [];
    if ('error' in parsed) {
      result.diagnostics.push(parsed.error);
      continue;
    }
    const node = parsed.node;
    if (canContainHeredoc(node) && logical.text.includes('<<')) {
      for (const header of heredocsFromLine(logical.text)) {
        const bodyStart = i;
        let content = '';
        let terminated = false;
        while (i < lines.length) {
          const l = lines[i] as PhysicalLine;
          i++;
          endLine = l.number;
          endColumn = l.column + l.text.length;
          const candidate = header.chomp ? l.text.replace(/^\t+/, '') : l.text;
          if (candidate === header.name) {
            terminated = true;
            break;
          }
          content += l.text + l.ending;
        }
        const bodyRange: SourceRange =
          bodyStart < lines.length
            ? { line: (lines[bodyStart] as PhysicalLine).number, column: 1, endLine, endColumn }
            : { line: endLine, column: endColumn, endLine, endColumn };
        if (!terminated) {
          result.diagnostics.push(parseError('unterminated-heredoc', 'unterminated heredoc', { ...range, endLine, endColumn }));
          break;
        }
        const heredoc: Heredoc = { ...header, content, range: bodyRange };
        node.heredocs.push(heredoc);
        if (node.child) node.child.heredocs.push(heredoc);
      }
      const full: SourceRange = { ...range, endLine, endColumn };
      node.range = full;
      if (node.child) node.child.range = full;
    }
    result.nodes.push(node);
  }
  return finish(result, sawInstruction, lines);
}

function canContainHeredoc(node: SyntaxNode): boolean {
  const target = node.keyword.toLowerCase() === 'onbuild' && node.child ? node.child : node;
  const k = target.keyword.toLowerCase();
  return (k === 'add' || k === 'copy' || k === 'run') && !target.json;
}

function finish(result: SyntaxResult, sawInstruction: boolean, lines: PhysicalLine[]): SyntaxResult {
  if (!sawInstruction) {
    const last = lines[lines.length - 1];
    const range = last
      ? { line: last.number, column: 1, endLine: last.number, endColumn: 1 }
      : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    result.diagnostics.push(parseError('empty-file', 'file with no instructions', range));
  }
  return result;
}
