/**
 * Path resolution as Linux does it: relative paths start at the cwd; `.` stays, `..` goes to the
 * parent of the directory actually reached (so `link/..` is the parent of the link's target), and
 * `..` at / stays /; symlinks in intermediate components are always followed, the final one only
 * when the operation follows (or the path ends in `/`); more than 40 links → ELOOP. Looking up a name
 * needs search (x) permission on the directory it is in.
 */
import { fail } from './errors.ts';
import { mayAccess, X_OK } from './permissions.ts';
import { splitPath } from './path.ts';
import type { Access, DirNode, FsNode, FsResult } from './types.ts';

export const MAX_SYMLINK_HOPS = 40;

export interface LocateOptions {
  /** Follow a symlink in the final component. */
  follow: boolean;
  /** Succeed with `node: undefined` when only the final component is missing (for creating). */
  allowMissing: boolean;
  /** The operation acts on the entry itself (mkdir, symlink, unlink, rename): a trailing slash neither
   * follows a final symlink nor is checked here; the operation decides what it means. */
  entry?: boolean;
  /** Resolve as open(O_CREAT) does: a final component that must be a directory (trailing slash) is
   * not looked up at all, the caller fails with EISDIR. */
  creating?: boolean;
}

export interface Located {
  /** Real names from the root to the final component, symlinks resolved; [] for the root. */
  names: string[];
  /** The directory holding the final component; undefined for the root. */
  parent: DirNode | undefined;
  /** The node found; undefined when missing (only with allowMissing). */
  node: FsNode | undefined;
  /** The path ended in `/`, `/.` or `/..`: it names a directory. */
  namesDir: boolean;
}

export function locate(root: DirNode, access: Access, path: string, options: LocateOptions): FsResult<Located> {
  if (path === '') return fail('ENOENT', path);
  const full = path.startsWith('/') ? path : `${access.cwd ?? '/'}/${path}`;
  const pending = splitPath(full).reverse();
  let namesDir = /\/\.{0,2}$/.test(full) && pending.length > 0;
  let follow = options.follow || (namesDir && !options.entry);
  const chain: { name: string; dir: DirNode }[] = [{ name: '', dir: root }];
  let hops = 0;
  for (let c = pending.pop(); c !== undefined; c = pending.pop()) {
    const top = chain[chain.length - 1] as { name: string; dir: DirNode };
    if (!mayAccess(access.cred, top.dir, X_OK)) return fail('EACCES', path);
    if (c === '.') continue;
    if (c === '..') {
      if (chain.length > 1) chain.pop();
      continue;
    }
    const isLast = pending.length === 0;
    if (isLast && namesDir && options.creating) return found(chain, c, undefined, true);
    const child = top.dir.children.get(c);
    if (child === undefined) {
      if (isLast && options.allowMissing) return found(chain, c, undefined, namesDir);
      return fail('ENOENT', path);
    }
    if (child.kind === 'symlink' && (!isLast || follow)) {
      if (++hops > MAX_SYMLINK_HOPS) return fail('ELOOP', path);
      if (child.target === '') return fail('ENOENT', path);
      if (child.target.startsWith('/')) chain.length = 1;
      // A final link whose target ends in '/' names a directory, as a path with a trailing slash does.
      if (isLast && child.target.endsWith('/')) {
        namesDir = true;
        follow = true;
      }
      pending.push(...splitPath(child.target).reverse());
      continue;
    }
    if (!isLast) {
      if (child.kind !== 'dir') return fail('ENOTDIR', path);
      chain.push({ name: c, dir: child });
      continue;
    }
    if (namesDir && !options.entry && child.kind !== 'dir') return fail('ENOTDIR', path);
    return found(chain, c, child, namesDir);
  }
  // The path ended on '/', '.' or '..': the directory reached is the node.
  const names = chain.slice(1).map((e) => e.name);
  const node = (chain[chain.length - 1] as { dir: DirNode }).dir;
  return { ok: true, value: { names, parent: chain[chain.length - 2]?.dir, node, namesDir: true } };
}

function found(
  chain: readonly { name: string; dir: DirNode }[],
  name: string,
  node: FsNode | undefined,
  namesDir: boolean,
): FsResult<Located> {
  const names = chain.slice(1).map((e) => e.name);
  names.push(name);
  const parent = chain[chain.length - 1]?.dir;
  return { ok: true, value: { names, parent, node, namesDir } };
}
