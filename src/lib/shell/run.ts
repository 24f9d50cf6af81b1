/**
 * The shell's entry points: `runShell` interprets a script as `/bin/sh -c` would; `runArgv` runs an
 * argv without a shell (exec-form RUN, `docker run image cmd`), resolving argv[0] through PATH.
 * Both return plain values: status, output, the new filesystem and the simulated effects.
 */
import { resolvePath, type Cred, type DirNode } from '../vfs/index.ts';
import type { Flavor, Registry, SimulatedEffect, Terminal } from './command.ts';
import { InputStream, type IO } from './io.ts';
import type { Dialect } from './messages.ts';
import { Shell } from './interpreter.ts';
import { DEFAULT_LIMITS, limitMessage, type LimitName, type Limits } from './limits.ts';
import { notSimulated, type ExecFailure } from './messages.ts';
import { findProgram } from './program.ts';
import { defaultRegistry } from './programs/index.ts';
import { missingLoaderMessage } from './programs/simulated/linkage.ts';
import { BufferWriter, type Session } from './session.ts';
import { ExitSignal, LimitSignal, ReturnSignal } from './signals.ts';

export interface ShellRunOptions {
  fs: DirNode;
  cred: Cred;
  /** The user's name, e.g. 'root' or 'node'. */
  user: string;
  /** Absolute working directory. */
  cwd: string;
  /** The environment (exported variables), e.g. the image's Env plus ENV/ARG values. */
  env: Readonly<Record<string, string>>;
  /** `$0` of the script; default '/bin/sh' (what RUN passes). */
  argv0?: string;
  stdin?: string;
  limits?: Partial<Limits>;
  /** Programs by name; default: the real and simulated programs. */
  registry?: Registry;
  /** The clock, in ms since the epoch; default a fixed instant so runs are reproducible. */
  now?: number;
  /** Default 'buildkitsandbox', the hostname BuildKit gives RUN containers. */
  hostname?: string;
  /**
   * The terminal stdin, stdout and stderr are attached to (`docker run -t`, an `-it` shell); absent
   * for RUN and for output that goes to a pipe. `ls` lays out in columns for it.
   */
  terminal?: Terminal;
}

export type ShellError =
  | { kind: 'limit'; limit: LimitName; message: string }
  /** runArgv only: argv[0] could not be started (Docker reports these from the runtime). */
  | { kind: 'exec'; reason: 'not-found' | 'denied' | 'not-simulated'; path: string; message: string };

export interface ShellResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  fs: DirNode;
  /** The working directory the script ended in. */
  cwd: string;
  effects: SimulatedEffect[];
  error?: ShellError;
}

/** 2026-01-01T00:00:00Z: the default clock, a constant so that builds are reproducible. */
export const DEFAULT_NOW = Date.UTC(2026, 0, 1);

/** The status a script ends with when Stagecraft stops it at a limit (like `timeout`'s 124). */
export const LIMIT_STATUS = 124;

export function createSession(opts: ShellRunOptions): Session {
  return {
    fs: opts.fs,
    cred: opts.cred,
    user: opts.user,
    registry: opts.registry ?? defaultRegistry,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    now: opts.now ?? DEFAULT_NOW,
    hostname: opts.hostname ?? 'buildkitsandbox',
    effects: [],
    counters: { commands: 0, loops: 0, output: 0 },
  };
}

/**
 * Which shell `argv0` is: bash by name; otherwise ash when it (or /bin/sh) resolves to BusyBox
 * (Alpine, busybox images), else dash. It decides the shell's error wording.
 */
export function shellDialect(fs: DirNode, cred: Cred, argv0: string): Dialect {
  if (/(^|\/)bash$/.test(argv0)) return 'bash';
  const real = resolvePath(fs, { cred, cwd: '/' }, argv0.includes('/') ? argv0 : '/bin/sh');
  return real.ok && real.value.endsWith('/busybox') ? 'ash' : 'dash';
}

const flavorOf = (dialect: Dialect): Flavor => (dialect === 'ash' ? 'busybox' : 'gnu');

interface Run {
  session: Session;
  io: IO;
  stdout: BufferWriter;
  stderr: BufferWriter;
}

function start(opts: ShellRunOptions): Run {
  const session = createSession(opts);
  // Output past the limit is cut off by the limit itself; these collect what the user sees.
  const stdout = new BufferWriter(session, opts.terminal);
  const stderr = new BufferWriter(session, opts.terminal);
  return { session, stdout, stderr, io: { stdin: new InputStream(opts.stdin ?? '', opts.terminal), stdout, stderr } };
}

function finish(run: Run, exitCode: number, cwd: string, error?: ShellError): ShellResult {
  const result: ShellResult = {
    exitCode,
    stdout: run.stdout.text,
    stderr: run.stderr.text,
    fs: run.session.fs,
    cwd,
    effects: run.session.effects,
  };
  if (error !== undefined) result.error = error;
  return result;
}

/** Runs `f` and turns a limit into the result's error (and `exit` into a status). */
function guarded(run: Run, cwd: () => string, f: () => number): ShellResult {
  try {
    return finish(run, f(), cwd());
  } catch (e) {
    // dash and ash end the shell on a `return` outside any function or `.` file.
    if (e instanceof ExitSignal || e instanceof ReturnSignal) return finish(run, e.status, cwd());
    if (!(e instanceof LimitSignal)) throw e;
    const message = limitMessage(e.limit, run.session.limits);
    run.stderr.text += `${message}\n`;
    return finish(run, LIMIT_STATUS, cwd(), { kind: 'limit', limit: e.limit, message });
  }
}

/** Interprets `script` as `/bin/sh -c script` does. */
export function runShell(script: string, opts: ShellRunOptions): ShellResult {
  const run = start(opts);
  let shell: Shell | undefined;
  return guarded(run, () => shell?.cwd ?? opts.cwd, () => {
    const name = opts.argv0 ?? '/bin/sh';
    const dialect = shellDialect(opts.fs, opts.cred, name);
    shell = new Shell(run.session, { env: opts.env, cwd: opts.cwd, name, positional: [], flavor: flavorOf(dialect), dialect, depth: 0 });
    return shell.runScript(script, run.io);
  });
}

/** Runs an argv without a shell: argv[0] through PATH (from `env`), as the container runtime execs it. */
export function runArgv(argv: readonly string[], opts: ShellRunOptions): ShellResult {
  const run = start(opts);
  const name = argv[0] ?? '';
  const found = findProgram(opts.fs, { cred: opts.cred, cwd: opts.cwd }, run.session.registry, name, opts.env['PATH']);
  if (found.kind === 'missing-interpreter') {
    // runc found the file (exec.LookPath) and started the container; execve failing after that is
    // printed by runc's init on the container's stderr, which then exits 255.
    run.stderr.text += `${missingLoaderMessage(found.path)}\n`;
    return finish(run, MISSING_INTERPRETER_STATUS, opts.cwd);
  }
  if (found.kind !== 'command' && found.kind !== 'script') {
    const error = execError(found.kind === 'not-simulated' ? { kind: found.kind, name, path: found.path } : { kind: found.kind, name });
    run.stderr.text += `${error.message}\n`;
    return finish(run, found.kind === 'not-found' ? 127 : 126, opts.cwd, error);
  }
  return guarded(run, () => opts.cwd, () => {
    const dialect = shellDialect(opts.fs, opts.cred, '/bin/sh');
    const shell = new Shell(run.session, { env: opts.env, cwd: opts.cwd, name, positional: [], flavor: flavorOf(dialect), dialect, depth: 0 });
    // argv[0] was found, so a failure here is of the interpreter its `#!` line names.
    return shell.execute(argv, { ...opts.env }, opts.cwd, run.io, (failure) => run.stderr.write(`${execError(failure).message}\n`));
  });
}

/** runc's init exits 255 when the final execve fails (libcontainer Init). */
const MISSING_INTERPRETER_STATUS = 255;

/** The runtime's words (runc) for an argv[0] it cannot start. */
function execError(failure: ExecFailure): ShellError & { kind: 'exec' } {
  const { name } = failure;
  if (failure.kind === 'not-simulated') return { kind: 'exec', reason: 'not-simulated', path: failure.path, message: notSimulated(name, failure.path) };
  if (failure.kind === 'missing-interpreter') return { kind: 'exec', reason: 'not-found', path: failure.path, message: missingLoaderMessage(failure.path) };
  if (failure.kind === 'denied') return { kind: 'exec', reason: 'denied', path: name, message: `exec: "${name}": permission denied` };
  const message = name.includes('/')
    ? `exec: "${name}": stat ${name}: no such file or directory`
    : `exec: "${name}": executable file not found in $PATH`;
  return { kind: 'exec', reason: 'not-found', path: name, message };
}
