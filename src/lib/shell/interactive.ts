/**
 * A shell that lives across lines (`docker run -it image sh`): variables, functions, the working
 * directory and the filesystem carry over from one line to the next until `exit`. Each line gets
 * the full limits, as a fresh command at a prompt would.
 */
import type { DirNode } from '../vfs/index.ts';
import type { SimulatedEffect } from './command.ts';
import { InputStream } from './io.ts';
import type { Dialect } from './messages.ts';
import { Shell } from './interpreter.ts';
import { limitMessage } from './limits.ts';
import { parseScript } from './parser.ts';
import { createSession, LIMIT_STATUS, shellDialect, type ShellRunOptions } from './run.ts';
import { BufferWriter } from './session.ts';
import { ExitSignal, LimitSignal, ReturnSignal } from './signals.ts';
import { bashSyntaxError, syntaxErrorText } from './syntax-error.ts';

export interface LineResult {
  stdout: string;
  stderr: string;
  /** `$?` after the line, or the status `exit` gave. */
  exitCode: number;
  /** The line ran `exit` (or the shell had already exited). */
  exited: boolean;
}

export interface InteractiveShell {
  run(line: string, stdin?: string): LineResult;
  readonly cwd: string;
  readonly fs: DirNode;
  /** Effects of simulated programs since the shell opened. */
  readonly effects: readonly SimulatedEffect[];
  readonly exited: boolean;
  /** Which shell it is: dash, BusyBox ash or bash (prompts differ). */
  readonly dialect: Dialect;
  getVar(name: string): string | undefined;
}

/** Opens a shell; `argv0` (default `/bin/sh`) names it: dash, BusyBox ash or bash (see shellDialect). */
export function openShell(opts: ShellRunOptions): InteractiveShell {
  const session = createSession(opts);
  const name = opts.argv0 ?? '/bin/sh';
  const dialect = shellDialect(opts.fs, opts.cred, name);
  const flavor = dialect === 'ash' ? 'busybox' : 'gnu';
  const shell = new Shell(session, { env: opts.env, cwd: opts.cwd, name, positional: [], flavor, dialect, depth: 0 });
  let exited = false;
  let exitStatus = 0;
  return {
    run(line, stdin = '') {
      if (exited) return { stdout: '', stderr: '', exitCode: exitStatus, exited };
      session.counters.commands = 0;
      session.counters.loops = 0;
      session.counters.output = 0;
      const stdout = new BufferWriter(session, opts.terminal);
      const stderr = new BufferWriter(session, opts.terminal);
      const io = { stdin: new InputStream(stdin, opts.terminal), stdout, stderr };
      const parsed = parseScript(line);
      if (!parsed.ok) {
        shell.line = parsed.error.line;
        if (dialect === 'bash') io.stderr.write(bashSyntaxError(parsed.error, name, line));
        else shell.error(io, syntaxErrorText(parsed.error.problem, flavor));
        shell.status = 2;
        return { stdout: stdout.text, stderr: stderr.text, exitCode: 2, exited };
      }
      try {
        shell.status = shell.runList(parsed.script, io);
      } catch (e) {
        // A `return` at the prompt ends dash and ash as `exit` does.
        if (e instanceof ExitSignal || e instanceof ReturnSignal) {
          exited = true;
          exitStatus = e.status;
        } else if (e instanceof LimitSignal) {
          stderr.text += `${limitMessage(e.limit, session.limits)}\n`;
          shell.status = LIMIT_STATUS;
        } else throw e;
      }
      return { stdout: stdout.text, stderr: stderr.text, exitCode: exited ? exitStatus : shell.status, exited };
    },
    get cwd() {
      return shell.cwd;
    },
    get fs() {
      return session.fs;
    },
    get effects() {
      return session.effects;
    },
    get exited() {
      return exited;
    },
    dialect,
    getVar: (n) => shell.getVar(n),
  };
}
