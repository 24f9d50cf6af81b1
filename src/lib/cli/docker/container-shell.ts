/**
 * `docker run -it IMAGE sh`: a shell attached to the terminal, one line at a time, keeping its
 * variables, functions, working directory and filesystem between lines until `exit`.
 *
 * The shell module's public API runs whole scripts (runShell); an interactive shell needs one
 * interpreter that lives across lines, so this adapter drives the interpreter directly.
 */
import type { Cred, DirNode } from '../../vfs/index.ts';
import { DEFAULT_LIMITS, defaultRegistry, parseScript, syntaxErrorText, type Flavor } from '../../shell/index.ts';
import { Shell } from '../../shell/interpreter.ts';
import { InputStream } from '../../shell/io.ts';
import { limitMessage } from '../../shell/limits.ts';
import { BufferWriter, type Session } from '../../shell/session.ts';
import { ExitSignal, LimitSignal } from '../../shell/signals.ts';

export interface ShellLineResult {
  stdout: string;
  stderr: string;
  status: number;
}

export interface ContainerShell {
  /** The prompt as the image's shell draws it (`/app $ `, `root@3f2a1b4c5d6e:/app# `, `$ `). */
  prompt(): string;
  run(line: string): ShellLineResult;
  /** Ctrl-D on an empty line. */
  close(): void;
  readonly exited: boolean;
  /** The status the shell exited with (`exit 3` → 3). */
  readonly exitStatus: number;
  /** The container's filesystem as the shell has left it. */
  fs(): DirNode;
  /** Who the shell runs as, where it is and its PATH: what completion needs. */
  where(): { cred: Cred; cwd: string; path: string };
}

export interface ContainerShellOptions {
  /** argv[0] as typed: `sh`, `/bin/bash`... */
  name: string;
  flavor: Flavor;
  fs: DirNode;
  cred: Cred;
  user: string;
  cwd: string;
  env: Readonly<Record<string, string>>;
  hostname: string;
  now: number;
  /** Show a prompt (`-t`); without a tty a shell prints none. */
  tty: boolean;
}

type PromptStyle = 'bash' | 'ash' | 'dash';

function promptStyle(name: string, flavor: Flavor): PromptStyle {
  if (name.endsWith('bash')) return 'bash';
  return flavor === 'busybox' ? 'ash' : 'dash';
}

export function openContainerShell(o: ContainerShellOptions): ContainerShell {
  const session: Session = {
    fs: o.fs,
    cred: o.cred,
    user: o.user,
    registry: defaultRegistry,
    limits: DEFAULT_LIMITS,
    now: o.now,
    hostname: o.hostname,
    effects: [],
    counters: { commands: 0, loops: 0, output: 0 },
  };
  const shell = new Shell(session, { env: o.env, cwd: o.cwd, name: o.name, positional: [], flavor: o.flavor, depth: 0 });
  const style = promptStyle(o.name, o.flavor);
  let exited = false;
  let exitStatus = 0;

  const where = (): string => {
    const home = shell.getVar('HOME');
    if (home !== undefined && home !== '/' && (shell.cwd === home || shell.cwd.startsWith(`${home}/`))) return `~${shell.cwd.slice(home.length)}`;
    return shell.cwd;
  };

  return {
    prompt() {
      if (!o.tty) return '';
      const mark = o.cred.uid === 0 ? '#' : '$';
      if (style === 'bash') return `${o.user}@${o.hostname}:${where()}${mark} `;
      if (style === 'ash') return `${where()} ${mark} `;
      return `${mark} `;
    },
    run(line) {
      // Each line gets the full limits, as each would be a fresh command in a real shell.
      session.counters.commands = 0;
      session.counters.loops = 0;
      session.counters.output = 0;
      const stdout = new BufferWriter(session);
      const stderr = new BufferWriter(session);
      const io = { stdin: new InputStream(''), stdout, stderr };
      const parsed = parseScript(line);
      if (!parsed.ok) {
        shell.error(io, syntaxErrorText(parsed.error.problem, o.flavor));
        shell.status = 2;
      } else {
        try {
          shell.status = shell.runList(parsed.script, io);
        } catch (e) {
          if (e instanceof ExitSignal) {
            exited = true;
            exitStatus = e.status;
          } else if (e instanceof LimitSignal) {
            stderr.text += `${limitMessage(e.limit, session.limits)}\n`;
            shell.status = 124;
          } else throw e;
        }
      }
      return { stdout: stdout.text, stderr: stderr.text, status: exited ? exitStatus : shell.status };
    },
    close() {
      exited = true;
      exitStatus = shell.status;
    },
    get exited() {
      return exited;
    },
    get exitStatus() {
      return exitStatus;
    },
    fs: () => session.fs,
    where: () => ({ cred: o.cred, cwd: shell.cwd, path: shell.getVar('PATH') ?? '' }),
  };
}
