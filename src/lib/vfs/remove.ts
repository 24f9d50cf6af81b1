/** Removing and renaming entries. Both need write and search permission on the directories whose
 * entries change, and honour the sticky bit (/tmp) there. */
import { fail, fsError } from './errors.ts';
import { joinNames, splitPath } from './path.ts';
import { mayAccess, passesSticky, R_OK, W_OK, X_OK } from './permissions.ts';
import { sortedEntries } from './inspect.ts';
import { locate } from './resolve.ts';
import { isEmptyDir, updateAt } from './tree.ts';
import type { Access, Cred, DirNode, FsError, FsNode, FsResult } from './types.ts';

/** Why `cred` may not unlink `child` from `dir`, if it may not. */
function unlinkDenied(cred: Cred, dir: DirNode, child: FsNode, path: string): FsError | undefined {
  if (!mayAccess(cred, dir, W_OK | X_OK)) return fsError('EACCES', path);
  if (!passesSticky(cred, dir, child)) return fsError('EPERM', path);
  return undefined;
}

/** The first entry below `dir` that `cred` could not remove, in the order `rm -r` meets them: it lists
 * a directory (r and x), empties each subdirectory, then unlinks each entry (w and x on `dir`). */
function subtreeDenied(cred: Cred, dir: DirNode, path: string): FsError | undefined {
  if (cred.uid === 0 || isEmptyDir(dir)) return undefined;
  if (!mayAccess(cred, dir, R_OK | X_OK)) return fsError('EACCES', path);
  for (const { name, node } of sortedEntries(dir)) {
    const childPath = `${path}/${name}`;
    const denied = (node.kind === 'dir' ? subtreeDenied(cred, node, childPath) : undefined) ?? unlinkDenied(cred, dir, node, childPath);
    if (denied !== undefined) return denied;
  }
  // Unlisted bulk is unlinked too, which needs w on the directory.
  return mayAccess(cred, dir, W_OK) ? undefined : fsError('EACCES', path);
}

/** The last component when it is `.` or `..` (which name a directory, not an entry of one). */
const dotEnding = (path: string): string | undefined => {
  const last = splitPath(path).at(-1);
  return last === '.' || last === '..' ? last : undefined;
};

export interface RemoveOptions {
  /** Remove a directory with everything in it (`rm -r`); without it only an empty directory goes. */
  recursive?: boolean;
  /** Behave exactly as one system call: 'unlink' refuses directories (EISDIR), 'rmdir' anything else
   * (ENOTDIR). Default: whichever fits the entry. */
  as?: 'unlink' | 'rmdir';
}

/**
 * Removes the entry at `path` (a final symlink itself, not its target; a trailing slash does not
 * follow it). Errors come in the kernel's order. All or nothing: when some entry of a subtree may not
 * be removed, nothing is.
 */
export function remove(tree: DirNode, access: Access, path: string, options: RemoveOptions = {}): FsResult<DirNode> {
  const found = locate(tree, access, path, { follow: false, allowMissing: false, entry: true });
  if (!found.ok) return found;
  const unlinking = options.as === 'unlink';
  const { node, parent, names, namesDir } = found.value;
  // `.`, `..` and `/` are no entries: unlink(2) says EISDIR; rmdir(2) EINVAL, ENOTEMPTY and EBUSY.
  const dot = dotEnding(path);
  if (dot !== undefined) return fail(unlinking ? 'EISDIR' : dot === '.' ? 'EINVAL' : 'ENOTEMPTY', path);
  if (parent === undefined || node === undefined) return fail(unlinking ? 'EISDIR' : 'EBUSY', path);
  if (unlinking && namesDir) return fail(node.kind === 'dir' ? 'EISDIR' : 'ENOTDIR', path);
  const denied = unlinkDenied(access.cred, parent, node, path);
  if (denied !== undefined) return { ok: false, error: denied };
  if (node.kind === 'dir' && unlinking) return fail('EISDIR', path);
  if (node.kind !== 'dir' && (namesDir || options.as === 'rmdir')) return fail('ENOTDIR', path);
  if (node.kind === 'dir') {
    if (!options.recursive && !isEmptyDir(node)) return fail('ENOTEMPTY', path);
    const below = subtreeDenied(access.cred, node, path.replace(/\/+$/, ''));
    if (below !== undefined) return { ok: false, error: below };
  }
  return { ok: true, value: updateAt(tree, names, () => undefined) };
}

/**
 * Moves `from` to `to` (rename(2)): neither final component is followed; an existing `to` is replaced
 * when kinds agree (a directory only by an empty directory).
 */
export function rename(tree: DirNode, access: Access, from: string, to: string): FsResult<DirNode> {
  // As rename(2): both parents resolve first, then `.`/`..`/the root are EBUSY, then `from` must exist.
  const source = locate(tree, access, from, { follow: false, allowMissing: true, entry: true });
  if (!source.ok) return source;
  const target = locate(tree, access, to, { follow: false, allowMissing: true, entry: true });
  if (!target.ok) return target;
  const { node, parent, names } = source.value;
  const dest = target.value;
  if (dotEnding(from) !== undefined || parent === undefined) return fail('EBUSY', from);
  if (dotEnding(to) !== undefined || dest.parent === undefined) return fail('EBUSY', to);
  if (node === undefined) return fail('ENOENT', from);
  // A trailing slash on either side asks for a directory.
  if (node.kind !== 'dir' && (source.value.namesDir || dest.namesDir)) return fail('ENOTDIR', source.value.namesDir ? from : to);
  const fromPath = joinNames(names);
  const toPath = joinNames(dest.names);
  if (fromPath === toPath) return { ok: true, value: tree };
  if (toPath.startsWith(`${fromPath}/`)) return fail('EINVAL', from);
  // Onto one of its own ancestors: that directory is not empty (it holds `from`).
  if (fromPath.startsWith(toPath === '/' ? '/' : `${toPath}/`)) return fail('ENOTEMPTY', to);
  const cred = access.cred;
  const denied = unlinkDenied(cred, parent, node, from) ?? (dest.node ? unlinkDenied(cred, dest.parent, dest.node, to) : undefined);
  if (denied !== undefined) return { ok: false, error: denied };
  if (!mayAccess(cred, dest.parent, W_OK | X_OK)) return fail('EACCES', to);
  // Moving a directory to another parent rewrites its '..' entry: that needs write permission on it.
  if (node.kind === 'dir' && joinNames(names.slice(0, -1)) !== joinNames(dest.names.slice(0, -1)) && !mayAccess(cred, node, W_OK)) return fail('EACCES', from);
  if (dest.node !== undefined) {
    if (node.kind === 'dir' && dest.node.kind !== 'dir') return fail('ENOTDIR', to);
    if (node.kind !== 'dir' && dest.node.kind === 'dir') return fail('EISDIR', to);
    if (dest.node.kind === 'dir' && !isEmptyDir(dest.node)) return fail('ENOTEMPTY', to);
  }
  const without = updateAt(tree, names, () => undefined);
  return { ok: true, value: updateAt(without, dest.names, () => node) };
}
