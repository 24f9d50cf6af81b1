/**
 * A problem found in user input (a Dockerfile, a build context, a command line), as a value.
 * Shared by every module so the editor, the terminal and the checks can show any of them alike.
 * Lines and columns are 1-based; `endColumn` is exclusive.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable id: BuildKit's check name (e.g. `StageNameCasing`), hadolint's (`DL3006`), or ours. */
  code: string;
  /** The message, in BuildKit's words where BuildKit has one. */
  message: string;
  /** A short teaching hint: why this matters and what to do instead. */
  hint?: string;
  /** Where in the source; absent when the problem has no location (e.g. an empty file). */
  range?: SourceRange;
  /** Link to the upstream documentation of the rule, when there is one. */
  url?: string;
}

/** The result of something that can fail on user input. Exceptions are for bugs only. */
export type Result<T, E = Diagnostic> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
