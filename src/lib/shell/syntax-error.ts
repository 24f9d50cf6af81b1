/** Syntax errors as values, worded as the image's shell words them (dash or BusyBox ash). */
import type { Flavor } from './command.ts';

export type SyntaxProblem =
  /** A token where it cannot stand; `token` is its text, 'newline' or 'end of file'. */
  | { kind: 'unexpected'; token: string; expecting?: string }
  | { kind: 'unterminated-quote'; quote: string }
  | { kind: 'bad-substitution'; text: string }
  /** `${` without its `}`. */
  | { kind: 'missing-brace' };

export interface SyntaxError {
  problem: SyntaxProblem;
  /** 1-based line of the script where the error was found. */
  line: number;
}

const shown = (token: string): string => (token === 'newline' || token === 'end of file' ? token : `"${token}"`);

/** The message after the `sh: 1: ` / `sh: ` prefix. */
export function syntaxErrorText(problem: SyntaxProblem, flavor: Flavor): string {
  const busybox = flavor === 'busybox';
  switch (problem.kind) {
    case 'unterminated-quote':
      return busybox ? 'syntax error: unterminated quoted string' : 'Syntax error: Unterminated quoted string';
    case 'bad-substitution':
      return busybox ? `syntax error: bad substitution` : `Syntax error: Bad substitution`;
    case 'missing-brace':
      return busybox ? "syntax error: missing '}'" : "Syntax error: Missing '}'";
    case 'unexpected': {
      const expecting = problem.expecting === undefined ? '' : ` (expecting "${problem.expecting}")`;
      return busybox
        ? `syntax error: unexpected ${shown(problem.token)}${expecting}`
        : `Syntax error: ${shown(problem.token)} unexpected${expecting}`;
    }
  }
}

/**
 * bash's report of a syntax error in `bash -c`: `bash: -c: line 1: syntax error near unexpected
 * token `fi'` followed by the offending line, or `unexpected end of file`.
 */
export function bashSyntaxError(error: SyntaxError, name: string, source: string): string {
  const at = `${name}: -c: line ${error.line}: `;
  const { problem } = error;
  if (problem.kind === 'unterminated-quote') return `${at}unexpected EOF while looking for matching \`${problem.quote}'\n`;
  if (problem.kind === 'unexpected' && problem.token === 'end of file') {
    // bash counts the end of the text as one line past the last one (two when no newline ends it).
    const newlines = source.split('\n').length - 1;
    return `${name}: -c: line ${newlines + (source.endsWith('\n') ? 1 : 2)}: syntax error: unexpected end of file\n`;
  }
  if (problem.kind === 'unexpected') {
    const token = problem.token === 'newline' ? 'newline' : problem.token;
    const text = source.split('\n')[error.line - 1] ?? '';
    return `${at}syntax error near unexpected token \`${token}'\n${at}\`${text}'\n`;
  }
  return `${at}bad substitution\n`;
}
