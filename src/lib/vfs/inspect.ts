/** Read-only operations: looking nodes up, reading files and directories. */
import { fail } from './errors.ts';
import { joinNames } from './path.ts';
import { mayAccess, R_OK } from './permissions.ts';
import { locate } from './resolve.ts';
import type { Access, DirEntry, DirNode, FileNode, FsNode, FsResult } from './types.ts';

const existing = (tree: DirNode, access: Access, path: string, follow: boolean): FsResult<FsNode> => {
  const found = locate(tree, access, path, { follow, allowMissing: false });
  if (!found.ok) return found;
  return { ok: true, value: found.value.node as FsNode };
};

/** The node at `path`; a final symlink is returned itself. */
export const lstat = (tree: DirNode, access: Access, path: string): FsResult<FsNode> =>
  existing(tree, access, path, false);

/** The node at `path`, following a final symlink. */
export const stat = (tree: DirNode, access: Access, path: string): FsResult<FsNode> =>
  existing(tree, access, path, true);

/** A symlink's target text; EINVAL when `path` is not a symlink. */
export function readlink(tree: DirNode, access: Access, path: string): FsResult<string> {
  const node = lstat(tree, access, path);
  if (!node.ok) return node;
  if (node.value.kind !== 'symlink') return fail('EINVAL', path);
  return { ok: true, value: node.value.target };
}

/** The canonical absolute path of an existing node (realpath; with follow: false the final link stays). */
export function resolvePath(
  tree: DirNode,
  access: Access,
  path: string,
  options: { follow?: boolean } = {},
): FsResult<string> {
  const found = locate(tree, access, path, { follow: options.follow ?? true, allowMissing: false });
  if (!found.ok) return found;
  return { ok: true, value: joinNames(found.value.names) };
}

/** The file at `path` (following symlinks) after checking read permission. */
export function readFile(tree: DirNode, access: Access, path: string): FsResult<FileNode> {
  const node = stat(tree, access, path);
  if (!node.ok) return node;
  // Opening comes before reading: an unreadable directory is EACCES, a readable one EISDIR.
  if (!mayAccess(access.cred, node.value, R_OK)) return fail('EACCES', path);
  if (node.value.kind === 'dir') return fail('EISDIR', path);
  if (node.value.kind !== 'file') return fail('EINVAL', path);
  return { ok: true, value: node.value };
}

/** The listed entries of a directory, sorted by name (a summary's bulk is on the node, not listed). */
export function readdir(tree: DirNode, access: Access, path: string): FsResult<DirEntry[]> {
  const node = stat(tree, access, path);
  if (!node.ok) return node;
  if (node.value.kind !== 'dir') return fail('ENOTDIR', path);
  if (!mayAccess(access.cred, node.value, R_OK)) return fail('EACCES', path);
  return { ok: true, value: sortedEntries(node.value) };
}

export const sortedEntries = (dir: DirNode): DirEntry[] =>
  [...dir.children.keys()].sort(compareNames).map((name) => ({ name, node: dir.children.get(name) as FsNode }));

/** Byte-wise name order (what `ls` gives in the C locale), stable across runtimes. */
export const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `stat` plus a permission check (`test -r/-w/-x`, or whether a program may be executed). */
export function checkAccess(tree: DirNode, access: Access, path: string, want: number): FsResult<FsNode> {
  const node = stat(tree, access, path);
  if (!node.ok) return node;
  if (!mayAccess(access.cred, node.value, want)) return fail('EACCES', path);
  return node;
}
