/**
 * `docker run -it IMAGE sh`: a shell attached to the terminal, one line at a time, keeping its
 * variables, functions, working directory and filesystem between lines until `exit`. The shell is
 * the shell module's `openShell`; this adds the prompt, Ctrl-D and what completion needs.
 */
import type { Cred, DirNode } from '../../vfs/index.ts';
import { openShell } from '../../shell/index.ts';

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
  /** argv[0] as typed: `sh`, `/bin/bash`... (it picks dash, BusyBox ash or bash). */
  name: string;
  fs: DirNode;
  cred: Cred;
  user: string;
  cwd: string;
  env: Readonly<Record<string, string>>;
  hostname: string;
  now: number;
  /** Show a prompt (`-t`); without a tty a shell prints none. */
  tty: boolean;
  /** The terminal's width, for programs that lay out for a tty (`ls` in columns). */
  cols: number;
}

export function openContainerShell(o: ContainerShellOptions): ContainerShell {
  const shell = openShell({
    fs: o.fs,
    cred: o.cred,
    user: o.user,
    cwd: o.cwd,
    env: o.env,
    argv0: o.name,
    hostname: o.hostname,
    now: o.now,
    ...(o.tty ? { terminal: { cols: o.cols } } : {}),
  });
  const style = shell.dialect;
  let closed = false;
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
      const r = shell.run(line);
      exitStatus = r.exitCode;
      return { stdout: r.stdout, stderr: r.stderr, status: r.exitCode };
    },
    close() {
      closed = true;
    },
    get exited() {
      return closed || shell.exited;
    },
    get exitStatus() {
      return exitStatus;
    },
    fs: () => shell.fs,
    where: () => ({ cred: o.cred, cwd: shell.cwd, path: shell.getVar('PATH') ?? '' }),
  };
}
