/**
 * The one interface every program of the simulated shell implements, real (ls, cp, sed...) or
 * simulated (apk, npm, go...). A program is `{ name, run(args, ctx) }`: it reads and replaces the
 * filesystem through `ctx`, writes text to `ctx.stdout`/`ctx.stderr` and returns its exit status.
 * Failure is a value (a non-zero status and a message on stderr), never an exception.
 */
import type { Access, Cred, DirNode } from '../vfs/index.ts';
import type { Limits } from './limits.ts';

/** A terminal a stream is attached to (isatty), and its width in columns (TIOCGWINSZ). */
export interface Terminal {
  readonly cols: number;
}

/** Where a program writes text. */
export interface Writer {
  write(text: string): void;
  /** Set when the stream is a terminal: `ls` then lays names out in columns. */
  readonly terminal?: Terminal | undefined;
}

/**
 * Something a simulated program pretended to do (it did not download, compile or install for real).
 * The UI lists these with a "simulated" label.
 */
export interface SimulatedEffect {
  /** The program and subcommand, e.g. 'apk add', 'npm ci', 'go build'. */
  by: string;
  /** One line for people, e.g. 'installed 3 packages (curl, ca-certificates, libcurl)'. */
  summary: string;
  /** Paths the effect created or changed, when there are few enough to list. */
  paths?: readonly string[];
  /** Bytes the effect added to the filesystem. */
  bytes?: number;
}

/**
 * Whose error wording a program uses: BusyBox (`touch: /app/x: Permission denied`) or GNU
 * coreutils (`touch: cannot touch '/app/x': Permission denied`). Decided per invocation: a program
 * whose file resolves to a `busybox` binary speaks BusyBox, any other GNU. Shell builtins follow
 * the shell (ash when /bin/sh is busybox, else dash).
 */
export type Flavor = 'busybox' | 'gnu';

export interface ExecOptions {
  /** Text on the program's standard input; default: none. */
  stdin?: string;
  /** Extra or replaced environment variables. */
  env?: Readonly<Record<string, string>>;
  /** Start from an empty environment instead of the program's own (`env -i`). */
  clearEnv?: boolean;
  /** Working directory (absolute or relative to ctx.cwd); default ctx.cwd. */
  cwd?: string;
}

export interface CommandContext {
  /** The filesystem as it is now. A program that changes it assigns the new tree here. */
  fs: DirNode;
  readonly cred: Cred;
  /** The running user's name (as USER gave it, e.g. 'node', or 'root'). */
  readonly user: string;
  /** Absolute working directory. */
  readonly cwd: string;
  /** `{ cred, cwd }` for the vfs functions. */
  readonly access: Access;
  /** The exported environment the program sees (PATH, HOME, ...). */
  readonly env: Readonly<Record<string, string>>;
  /** argv[0] as the program was invoked, e.g. 'ls' or '/usr/local/bin/npm'. */
  readonly argv0: string;
  /**
   * The file that was executed, absolute, as found through PATH or given by path (before symlinks:
   * `/app/node_modules/.bin/tsc`); unset when the program did not run from a file of the image.
   */
  readonly executable?: string | undefined;
  readonly flavor: Flavor;
  /** All of standard input (pipes and redirections are resolved before the program runs). */
  readonly stdin: string;
  /** Set when standard input is a terminal (BusyBox ls takes its width from there). */
  readonly stdinTerminal?: Terminal | undefined;
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly limits: Readonly<Limits>;
  /** The injected clock (milliseconds since the epoch); `date` and file times read it. */
  readonly now: number;
  /** The container's hostname (BuildKit runs RUN steps as 'buildkitsandbox'). */
  readonly hostname: string;
  /**
   * Absolute folders holding unlisted bulk (a summary) that a wildcard in this command's arguments
   * was matched in: `rm -rf /usr/share/doc/*` must remove the bulk too, though no argument names it.
   */
  readonly globbedBulk?: ReadonlySet<string>;
  /** Records a labelled simulated effect. */
  simulate(effect: SimulatedEffect): void;
  /** `path` made absolute against the cwd, `.` and `..` folded lexically (no symlinks followed). */
  resolve(path: string): string;
  /**
   * Runs another program as a child (xargs, find -exec, env, npm run → `sh -c`): argv[0] is found
   * through PATH in the current filesystem, exactly like the shell does; output goes to this
   * program's stdout/stderr. Returns the child's exit status (127 when not found).
   */
  exec(argv: readonly string[], options?: ExecOptions): number;
}

export interface Command {
  /** The basename the program is found by, e.g. 'ls', 'apk', 'npm'. */
  name: string;
  /** Runs with the arguments after argv[0]; returns the exit status (0 = success). */
  run(args: readonly string[], ctx: CommandContext): number;
}

/**
 * Programs by name. Later groups override earlier ones, so a test may swap an implementation.
 * The default registry (programs/index.ts) joins `realCommands` (programs/real/index.ts) and
 * `simulatedCommands: readonly Command[]` exported by programs/simulated/index.ts.
 */
export type Registry = ReadonlyMap<string, Command>;

export function createRegistry(...groups: readonly (readonly Command[])[]): Registry {
  const registry = new Map<string, Command>();
  for (const group of groups) for (const command of group) registry.set(command.name, command);
  return registry;
}

/**
 * Exit status of a program that exists in the image but has no implementation in Stagecraft
 * (a simulator limit, not something Docker would do): 126, the status sh gives a file it finds
 * but cannot execute, so it stays distinct from 127 "not found".
 */
export const NOT_SIMULATED_STATUS = 126;
