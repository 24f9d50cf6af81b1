/**
 * Runs one simulated program against a small test tree, without the shell: builds the context by
 * hand and records what the program wrote, the effects it declared and the tree it left.
 */
import type { Command, CommandContext, ExecOptions, SimulatedEffect } from '../../../../src/lib/shell/command.ts';
import { DEFAULT_LIMITS } from '../../../../src/lib/shell/limits.ts';
import { AS_ROOT, emptyTree, mkdir, stat, symlink, treeBytes, writeFile } from '../../../../src/lib/vfs/index.ts';
import type { Cred, DirNode, FsNode } from '../../../../src/lib/vfs/index.ts';
import { simulatedCommands } from '../../../../src/lib/shell/programs/simulated/index.ts';

interface DirMeta {
  mode?: number;
  uid?: number;
  gid?: number;
}

export interface TreeSpec {
  /** Files: path → content (a string) or a declared size. */
  files?: Record<string, string | number>;
  dirs?: Record<string, DirMeta> | string[];
  links?: Record<string, string>;
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { path: string; message: string } }): T => {
  if (!r.ok) throw new Error(`test tree: ${r.error.path}: ${r.error.message}`);
  return r.value;
};

const parent = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

export function makeTree(spec: TreeSpec): DirNode {
  let tree = emptyTree();
  for (const dir of ['/tmp', '/etc', '/root', '/home', '/bin', '/usr/bin', '/var']) tree = must(mkdir(tree, AS_ROOT, dir, { parents: true }));
  const dirs: Record<string, DirMeta> = Array.isArray(spec.dirs) ? Object.fromEntries(spec.dirs.map((d) => [d, {}])) : (spec.dirs ?? {});
  for (const [path, meta] of Object.entries(dirs)) {
    tree = must(mkdir(tree, AS_ROOT, parent(path), { parents: true }));
    if (stat(tree, AS_ROOT, path).ok) continue;
    const options = { mode: meta.mode ?? 0o755, owner: { uid: meta.uid ?? 0, gid: meta.gid ?? 0 } };
    tree = must(mkdir(tree, AS_ROOT, path, options));
  }
  for (const [path, data] of Object.entries(spec.files ?? {})) {
    tree = must(mkdir(tree, AS_ROOT, parent(path), { parents: true }));
    tree = must(writeFile(tree, AS_ROOT, path, typeof data === 'string' ? { content: data } : { size: data }));
  }
  for (const [path, target] of Object.entries(spec.links ?? {})) {
    tree = must(mkdir(tree, AS_ROOT, parent(path), { parents: true }));
    tree = must(symlink(tree, AS_ROOT, target, path));
  }
  return tree;
}


export interface RunOptions {
  cred?: Cred;
  user?: string;
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string;
  flavor?: 'busybox' | 'gnu';
  /** Handles ctx.exec; default: runs a simulated command by its basename, else 127. */
  exec?: (argv: readonly string[], ctx: CommandContext, options?: ExecOptions) => number;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  fs: DirNode;
  effects: SimulatedEffect[];
  exec: string[][];
}

const byName = new Map(simulatedCommands.map((command) => [command.name, command]));

export function run(tree: DirNode, argv: readonly string[], options: RunOptions = {}): RunResult {
  const [name, ...args] = argv;
  const command: Command | undefined = byName.get((name ?? '').split('/').pop() ?? '');
  if (command === undefined) throw new Error(`no simulated command ${name}`);
  let stdout = '';
  let stderr = '';
  const effects: SimulatedEffect[] = [];
  const execs: string[][] = [];
  const cred = options.cred ?? { uid: 0, gid: 0, groups: [] };
  const cwd = options.cwd ?? '/';
  const ctx: CommandContext = {
    fs: tree,
    cred,
    user: options.user ?? (cred.uid === 0 ? 'root' : 'user'),
    cwd,
    access: { cred, cwd },
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', ...options.env },
    argv0: name ?? '',
    flavor: options.flavor ?? 'gnu',
    stdin: options.stdin ?? '',
    stdout: { write: (text) => void (stdout += text) },
    stderr: { write: (text) => void (stderr += text) },
    limits: DEFAULT_LIMITS,
    now: Date.UTC(2025, 0, 15),
    hostname: 'buildkitsandbox',
    simulate: (effect) => void effects.push(effect),
    resolve: (path) => (path.startsWith('/') ? path : `${cwd === '/' ? '' : cwd}/${path}`).replace(/\/\.(?=\/|$)/g, '') || '/',
    exec(childArgv, execOptions) {
      execs.push([...childArgv]);
      if (options.exec) return options.exec(childArgv, ctx, execOptions);
      const child = byName.get(childArgv[0] ?? '');
      if (child === undefined) return 127;
      return child.run(childArgv.slice(1), ctx);
    },
  };
  const status = command.run(args, ctx);
  return { status, stdout, stderr, fs: ctx.fs, effects, exec: execs };
}

export function nodeAt(tree: DirNode, path: string): FsNode | undefined {
  const found = stat(tree, AS_ROOT, path);
  return found.ok ? found.value : undefined;
}

export function textAt(tree: DirNode, path: string): string | undefined {
  const node = nodeAt(tree, path);
  return node?.kind === 'file' ? node.content : undefined;
}

export const bytesAt = (tree: DirNode, path: string): number => {
  const node = nodeAt(tree, path);
  return node === undefined ? 0 : treeBytes(node);
};
