/**
 * The one permission check every operation goes through (Linux's generic_permission): the owner's
 * bits apply to the owner, the group's bits to members of the file's group, the other bits to the
 * rest. Root may read and write anything and search any directory, but may execute a file only if
 * some execute bit is set.
 */
import type { Access, Cred, FsNode } from './types.ts';

export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;

export const ROOT_CRED: Cred = { uid: 0, gid: 0, groups: [] };

/** Acting as root from '/': for building base images and for steps that run as root. */
export const AS_ROOT: Access = { cred: ROOT_CRED, cwd: '/' };

export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;

export const inGroup = (cred: Cred, gid: number): boolean =>
  cred.gid === gid || cred.groups.includes(gid);

/** Whether `cred` may access `node` for every bit of `want` (a mix of R_OK, W_OK, X_OK). */
export function mayAccess(cred: Cred, node: FsNode, want: number): boolean {
  if (cred.uid === 0) {
    if ((want & X_OK) === 0 || node.kind === 'dir') return true;
    return (node.mode & 0o111) !== 0;
  }
  const shift = cred.uid === node.uid ? 6 : inGroup(cred, node.gid) ? 3 : 0;
  const granted = (node.mode >> shift) & 7;
  return (granted & want) === want;
}

/**
 * Whether `cred` may unlink or rename `child` out of `dir` as far as the sticky bit goes (/tmp):
 * in a sticky directory only the child's owner, the directory's owner or root may.
 */
export const passesSticky = (cred: Cred, dir: FsNode, child: FsNode): boolean =>
  (dir.mode & S_ISVTX) === 0 || cred.uid === 0 || cred.uid === child.uid || cred.uid === dir.uid;
