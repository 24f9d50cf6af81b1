/**
 * The host side of the terminal: a few shell commands over the build context (the playground's
 * files), enough to look around before `docker build`. They are Stagecraft's own small versions,
 * printing what GNU coreutils print for the options they take.
 */
import type { ContextInput } from '../build/index.ts';
import { absolutePath, entryKind, listDir, resolveContextPath, type ContextEntry } from '../cli/docker/index.ts';
import { lsColumns } from './columns.ts';

export interface HostEnv {
  context: ContextInput;
  cwd: string;
  setCwd(dir: string): void;
  out(text: string): void;
  err(text: string): void;
  clear(): void;
  history: readonly string[];
  cols: number;
  color: boolean;
  /** For `ls -l` dates, ms since the epoch. */
  now: number;
}

export interface HostCommand {
  name: string;
  summary: string;
  run(args: readonly string[], env: HostEnv): number;
}

const DIR_COLOR = '\x1b[01;34m';
const RESET = '\x1b[0m';
const paintDir = (env: HostEnv, name: string, kind: 'file' | 'dir'): string => (env.color && kind === 'dir' ? `${DIR_COLOR}${name}${RESET}` : name);

/** GNU ls in a UTF-8 locale: dots and case do not decide the order. */
const byName = (a: string, b: string): number => {
  const key = (s: string): string => s.replace(/^\.+/, '').toLowerCase();
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

function parseOptions(cmd: string, args: readonly string[], allowed: string, env: HostEnv): { opts: Set<string>; paths: string[] } | null {
  const opts = new Set<string>();
  const paths: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') && a.length > 1) {
      for (const letter of a.slice(1)) {
        if (!allowed.includes(letter)) {
          env.err(`${cmd}: invalid option -- '${letter}'\nTry '${cmd} --help' for more information.\n`);
          return null;
        }
        opts.add(letter);
      }
    } else paths.push(a);
  }
  return { opts, paths };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function lsDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function modeString(kind: 'file' | 'dir', mode: number): string {
  const bits = 'rwxrwxrwx'.split('').map((c, i) => (mode & (0o400 >> i) ? c : '-')).join('');
  return (kind === 'dir' ? 'd' : '-') + bits;
}

function entrySize(context: ContextInput, e: ContextEntry): number {
  if (e.kind === 'dir') return 4096;
  const f = context[e.path];
  return f?.content !== undefined ? new TextEncoder().encode(f.content).length : f?.size ?? 0;
}

function longListing(env: HostEnv, entries: readonly ContextEntry[]): string {
  const rows = entries.map((e) => {
    const mode = e.kind === 'dir' ? env.context[`${e.path}/`]?.mode ?? 0o755 : env.context[e.path]?.mode ?? 0o644;
    return { e, mode: modeString(e.kind, mode), size: entrySize(env.context, e) };
  });
  const blocks = rows.reduce((n, r) => n + Math.ceil(r.size / 4096) * 4, 0);
  const width = Math.max(...rows.map((r) => String(r.size).length));
  const date = lsDate(env.now);
  return `total ${blocks}\n${rows.map((r) => `${r.mode} 1 learner learner ${String(r.size).padStart(width)} ${date} ${paintDir(env, r.e.name, r.e.kind)}\n`).join('')}`;
}

const ls: HostCommand = {
  name: 'ls',
  summary: 'list a folder of the build context (-l long, -a all)',
  run(args, env) {
    const parsed = parseOptions('ls', args, 'la1', env);
    if (parsed === null) return 2;
    const { opts } = parsed;
    const paths = parsed.paths.length > 0 ? parsed.paths : ['.'];
    let status = 0;
    const files: ContextEntry[] = [];
    const dirs: { typed: string; dir: string }[] = [];
    for (const typed of paths) {
      const path = resolveContextPath(env.cwd, typed);
      const kind = path === null ? null : entryKind(env.context, path);
      if (path === null || kind === null) {
        env.err(`ls: cannot access '${typed}': No such file or directory\n`);
        status = 2;
      } else if (kind === 'file') files.push({ name: typed, kind, path });
      else dirs.push({ typed, dir: path });
    }
    const show = (entries: readonly ContextEntry[]): string => {
      if (entries.length === 0) return '';
      if (opts.has('l')) return longListing(env, entries);
      const names = entries.map((e) => e.name);
      const kinds = new Map(entries.map((e) => [e.name, e.kind]));
      return opts.has('1') ? names.map((n) => `${paintDir(env, n, kinds.get(n) ?? 'file')}\n`).join('') : lsColumns(names, env.cols, (n) => paintDir(env, n, kinds.get(n) ?? 'file'));
    };
    const blocks: string[] = [];
    if (files.length > 0) blocks.push(show(files));
    for (const { typed, dir } of dirs) {
      let entries = listDir(env.context, dir).filter((e) => opts.has('a') || !e.name.startsWith('.')).sort((a, b) => byName(a.name, b.name));
      if (opts.has('a')) {
        const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
        entries = [{ name: '.', kind: 'dir', path: dir }, { name: '..', kind: 'dir', path: parent }, ...entries];
      }
      const heading = paths.length > 1 ? `${typed}:\n` : '';
      blocks.push(heading + show(entries));
    }
    env.out(blocks.join('\n'));
    return status;
  },
};

const cat: HostCommand = {
  name: 'cat',
  summary: 'print files of the build context',
  run(args, env) {
    let status = 0;
    if (args.length === 0) {
      env.err('cat: reading the keyboard is not simulated here; name a file\n');
      return 1;
    }
    for (const typed of args) {
      const path = resolveContextPath(env.cwd, typed);
      const kind = path === null ? null : entryKind(env.context, path);
      const file = path === null ? undefined : env.context[path];
      if (kind === 'dir') {
        env.err(`cat: ${typed}: Is a directory\n`);
        status = 1;
      } else if (path === null || file === undefined) {
        env.err(`cat: ${typed}: No such file or directory\n`);
        status = 1;
      } else if (file.content === undefined) env.out(`(${typed}: ${file.size ?? 0} bytes of binary content, not stored by Stagecraft)\n`);
      else env.out(file.content);
    }
    return status;
  },
};

const cd: HostCommand = {
  name: 'cd',
  summary: 'change folder inside the build context',
  run(args, env) {
    if (args.length > 1) {
      env.err('bash: cd: too many arguments\n');
      return 1;
    }
    const typed = args[0] ?? '';
    const path = typed === '' ? '' : resolveContextPath(env.cwd, typed);
    if (path === null) {
      env.err(`bash: cd: ${typed}: outside the project (this terminal's host has only the build context)\n`);
      return 1;
    }
    const kind = entryKind(env.context, path);
    if (kind === null) {
      env.err(`bash: cd: ${typed}: No such file or directory\n`);
      return 1;
    }
    if (kind === 'file') {
      env.err(`bash: cd: ${typed}: Not a directory\n`);
      return 1;
    }
    env.setCwd(path);
    return 0;
  },
};

const pwd: HostCommand = {
  name: 'pwd',
  summary: 'print the current folder',
  run(_args, env) {
    env.out(`${absolutePath(env.cwd)}\n`);
    return 0;
  },
};

const tree: HostCommand = {
  name: 'tree',
  summary: 'show the build context as a tree (-a all)',
  run(args, env) {
    const parsed = parseOptions('tree', args, 'a', env);
    if (parsed === null) return 2;
    const typed = parsed.paths[0] ?? '.';
    const root = resolveContextPath(env.cwd, typed);
    if (root === null || entryKind(env.context, root) !== 'dir') {
      env.out(`${typed}  [error opening dir]\n\n0 directories, 0 files\n`);
      return 2;
    }
    let dirs = 0;
    let files = 0;
    const lines: string[] = [paintDir(env, typed, 'dir')];
    const walk = (dir: string, indent: string): void => {
      const entries = listDir(env.context, dir).filter((e) => parsed.opts.has('a') || !e.name.startsWith('.')).sort((a, b) => byName(a.name, b.name));
      entries.forEach((e, i) => {
        const last = i === entries.length - 1;
        lines.push(`${indent}${last ? '└── ' : '├── '}${paintDir(env, e.name, e.kind)}`);
        if (e.kind === 'dir') {
          dirs++;
          walk(e.path, `${indent}${last ? '    ' : '│   '}`);
        } else files++;
      });
    };
    walk(root, '');
    env.out(`${lines.join('\n')}\n\n${dirs} director${dirs === 1 ? 'y' : 'ies'}, ${files} file${files === 1 ? '' : 's'}\n`);
    return 0;
  },
};

const clear: HostCommand = {
  name: 'clear',
  summary: 'clear the screen (or press Ctrl-L)',
  run(_args, env) {
    env.clear();
    return 0;
  },
};

const echo: HostCommand = {
  name: 'echo',
  summary: 'print its arguments',
  run(args, env) {
    env.out(`${args.join(' ')}\n`);
    return 0;
  },
};

const history: HostCommand = {
  name: 'history',
  summary: 'list the commands entered in this terminal',
  run(_args, env) {
    env.out(env.history.map((line, i) => `${String(i + 1).padStart(5)}  ${line}\n`).join(''));
    return 0;
  },
};

const exit: HostCommand = {
  name: 'exit',
  summary: 'leave a container shell (here on the host, the terminal stays open)',
  run(_args, env) {
    env.err('exit: this is the page\'s own terminal; there is no shell outside it to return to\n');
    return 1;
  },
};

const help: HostCommand = {
  name: 'help',
  summary: 'this list',
  run(_args, env) {
    const width = Math.max(...hostCommands.map((c) => c.name.length));
    env.out(
      'This terminal is a simulation running in your browser: no real Docker, no network.\n\n' +
        'docker commands (simulated: the same engine as the playground, the same images and cache):\n' +
        '  docker build      build the context here (-f, -t, --target, --build-arg, --no-cache, --progress)\n' +
        '  docker run        run a command in a new container (--rm, -it, -u, -e, -w, --entrypoint)\n' +
        '  docker run --real IMAGE   a Node image for real, in a WebContainer on this page (needs network)\n' +
        '  docker images     list images;  docker history / inspect / tag / rmi IMAGE\n' +
        '  docker image prune, docker system df\n\n' +
        'Host commands (Stagecraft\'s small versions, over the build context only):\n' +
        hostCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n`).join('') +
        '\nKeys: Tab completes (twice lists), Up/Down recall history, Ctrl-C cancels the line, Ctrl-L clears.\n',
    );
    return 0;
  },
};

export const hostCommands: readonly HostCommand[] = [ls, cat, cd, pwd, tree, echo, history, clear, exit, help];
