/** Changing owner and mode (chmod(2), chown(2)); both follow a final symlink unless told not to. */
import { sameOwnData } from './equality.ts';
import { fail } from './errors.ts';
import { inGroup, S_ISGID, S_ISUID } from './permissions.ts';
import { locate } from './resolve.ts';
import { updateAt } from './tree.ts';
import type { Access, DirNode, FsNode, FsResult } from './types.ts';

export interface AttributeOptions {
  /** Act on a final symlink itself (`chown -h`); default false. */
  noFollow?: boolean;
}

function change(
  tree: DirNode,
  access: Access,
  path: string,
  options: AttributeOptions,
  update: (node: FsNode) => FsResult<FsNode>,
): FsResult<DirNode> {
  const found = locate(tree, access, path, { follow: !options.noFollow, allowMissing: false });
  if (!found.ok) return found;
  const node = found.value.node as FsNode;
  const updated = update(node);
  if (!updated.ok) return updated;
  if (sameOwnData(node, updated.value)) return { ok: true, value: tree };
  return { ok: true, value: updateAt(tree, found.value.names, () => updated.value) };
}

/** Sets the permission bits (0o7777). Only the owner or root may; a non-member loses setgid on files. */
export function chmod(
  tree: DirNode,
  access: Access,
  path: string,
  mode: number,
  options: AttributeOptions = {},
): FsResult<DirNode> {
  const { cred } = access;
  return change(tree, access, path, options, (node) => {
    if (cred.uid !== 0 && cred.uid !== node.uid) return fail('EPERM', path);
    let bits = mode & 0o7777;
    if (cred.uid !== 0 && node.kind !== 'dir' && !inGroup(cred, node.gid)) bits &= ~S_ISGID;
    return { ok: true, value: { ...node, mode: bits } };
  });
}

/**
 * Sets the owner and/or group. Root may set any; the owner may only change the group, to one of
 * its own groups. A file that changes hands loses setuid (and setgid when group-executable).
 */
export function chown(
  tree: DirNode,
  access: Access,
  path: string,
  owner: { uid?: number; gid?: number },
  options: AttributeOptions = {},
): FsResult<DirNode> {
  const { cred } = access;
  return change(tree, access, path, options, (node) => {
    const uid = owner.uid ?? node.uid;
    const gid = owner.gid ?? node.gid;
    if (cred.uid !== 0) {
      if (cred.uid !== node.uid || uid !== node.uid) return fail('EPERM', path);
      if (gid !== node.gid && !inGroup(cred, gid)) return fail('EPERM', path);
    }
    let mode = node.mode;
    if (node.kind === 'file') {
      mode &= ~S_ISUID;
      if ((mode & 0o010) !== 0) mode &= ~S_ISGID;
    }
    return { ok: true, value: { ...node, uid, gid, mode } };
  });
}
