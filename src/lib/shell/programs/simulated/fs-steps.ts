/**
 * Small building blocks over the vfs for programs that write many entries: each step takes a tree
 * and returns the next one or the first FsError, so a program can run a list of them and stop at
 * the first failure as the real tool would.
 */
import { lstat, mkdir, readFile, remove, setSummary, stat, symlink, writeFile } from '../../../vfs/index.ts';
import type { Access, DirNode, FsResult, Origin, Owner } from '../../../vfs/index.ts';

export type Step = (tree: DirNode) => FsResult<DirNode>;

export function runSteps(tree: DirNode, steps: readonly Step[]): FsResult<DirNode> {
  let current = tree;
  for (const step of steps) {
    const next = step(current);
    if (!next.ok) return next;
    current = next.value;
  }
  return { ok: true, value: current };
}

export const parentOf = (path: string): string => {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
};

/** `mkdir -p`. */
export const ensureDir =
  (access: Access, path: string, owner?: Owner, mode?: number): Step =>
  (tree) =>
    mkdir(tree, access, path, { parents: true, ...(owner ? { owner } : {}), ...(mode === undefined ? {} : { mode }) });

export interface FileSpec {
  content?: string;
  size?: number;
  mode?: number;
  owner?: Owner;
  origin?: Origin;
}

/** Writes a file, creating its parent folders first. */
export const putFile =
  (access: Access, path: string, spec: FileSpec): Step =>
  (tree) => {
    const dir = ensureDir(access, parentOf(path))(tree);
    if (!dir.ok) return dir;
    const data = {
      ...(spec.content === undefined ? { size: spec.size ?? 0 } : { content: spec.content }),
      ...(spec.mode === undefined ? {} : { mode: spec.mode }),
      ...(spec.owner ? { owner: spec.owner } : {}),
      ...(spec.origin ? { origin: spec.origin } : {}),
    };
    return writeFile(dir.value, access, path, data);
  };

/** Creates (or replaces) a symlink, creating its parent folders first. */
export const putSymlink =
  (access: Access, target: string, path: string): Step =>
  (tree) => {
    const dir = ensureDir(access, parentOf(path))(tree);
    if (!dir.ok) return dir;
    const cleared = lstat(dir.value, access, path).ok ? remove(dir.value, access, path, { recursive: true }) : dir;
    if (!cleared.ok) return cleared;
    return symlink(cleared.value, access, target, path);
  };

/** Removes a path if it exists (`rm -rf`). */
export const removeIfPresent =
  (access: Access, path: string): Step =>
  (tree) =>
    lstat(tree, access, path).ok ? remove(tree, access, path, { recursive: true }) : { ok: true, value: tree };

/** Adds (or with a negative count, takes away) unlisted bulk on a directory, creating it if needed. */
export const changeBulk =
  (access: Access, path: string, files: number, bytes: number, source: string): Step =>
  (tree) => {
    const dir = ensureDir(access, path)(tree);
    if (!dir.ok) return dir;
    const node = stat(dir.value, access, path);
    const old = node.ok && node.value.kind === 'dir' ? node.value.summary : undefined;
    const total = { files: Math.max(0, (old?.files ?? 0) + files), bytes: Math.max(0, (old?.bytes ?? 0) + bytes) };
    const summary = total.files === 0 && total.bytes === 0 ? undefined : { ...total, source: old?.source ?? source };
    return setSummary(dir.value, access, path, summary);
  };

/** Whether a path exists (without following a final symlink). */
export const exists = (tree: DirNode, access: Access, path: string): boolean => lstat(tree, access, path).ok;

/** The text of a file, or undefined when it is missing, unreadable or has no content. */
export function readText(tree: DirNode, access: Access, path: string): string | undefined {
  const file = readFile(tree, access, path);
  return file.ok ? file.value.content : undefined;
}
