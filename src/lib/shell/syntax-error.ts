/** Syntax errors as values, worded as the image's shell words them (dash or BusyBox ash). */
import type { Flavor } from './command.ts';

export type SyntaxProblem =
  /** A token where it cannot stand; `token` is its text, 'newline' or 'end of file'. */
  | { kind: 'unexpected'; token: string; expecting?: string }
  | { kind: 'unterminated-quote' }
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
