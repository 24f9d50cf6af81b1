/**
 * Every bound the shell enforces, in one place: users type `while true; do :; done`, and the
 * simulator must answer with a clear error instead of hanging the page.
 */
export interface Limits {
  /** Commands (builtins, functions and programs) one script may run. */
  maxCommands: number;
  /** Iterations of all `while`/`until`/`for` loops together. */
  maxLoopIterations: number;
  /** Bytes written to stdout and stderr together (pipes and substitutions included). */
  maxOutputBytes: number;
  /** Bytes of text one file may hold when a command writes it. */
  maxFileBytes: number;
  /** Nesting of function calls, `sh -c`, `eval`, substitutions and subshells. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxCommands: 10_000,
  maxLoopIterations: 10_000,
  maxOutputBytes: 1_000_000,
  maxFileBytes: 1_000_000,
  maxDepth: 100,
};

export type LimitName = keyof Limits;

/** What each limit means, for the error the user sees. */
export const LIMIT_WORDS: Readonly<Record<LimitName, string>> = {
  maxCommands: 'commands run',
  maxLoopIterations: 'loop iterations',
  maxOutputBytes: 'bytes of output',
  maxFileBytes: 'bytes in one file',
  maxDepth: 'levels of nesting',
};

export const limitMessage = (name: LimitName, limits: Limits): string =>
  `Stagecraft stopped this script: it exceeded ${limits[name]} ${LIMIT_WORDS[name]} (a simulator limit, not a Docker one)`;
