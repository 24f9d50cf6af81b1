/** Building blocks of the immutable tree: new nodes and path-copying updates. */
import type { DirNode, FsNode } from './types.ts';

/** An empty root directory: 0:0, mode 0755. */
export const emptyTree = (): DirNode => ({ kind: 'dir', uid: 0, gid: 0, mode: 0o755, children: new Map() });

/** `dir` with `name` set to `node` (or removed when `node` is undefined); `dir` itself is untouched. */
function withChild(dir: DirNode, name: string, node: FsNode | undefined): DirNode {
  if (dir.children.get(name) === node) return dir;
  const children = new Map(dir.children);
  if (node === undefined) children.delete(name);
  else children.set(name, node);
  return { ...dir, children };
}

/**
 * A new root where the node at `names` (real names, no symlinks) is replaced by `update(old)`;
 * every directory on the way is copied, everything else is shared. The caller has resolved `names`,
 * so every name but the last is an existing directory.
 */
export function updateAt(
  root: DirNode,
  names: readonly string[],
  update: (node: FsNode | undefined) => FsNode | undefined,
): DirNode {
  return updateBelow(root, names, 0, update);
}

function updateBelow(
  dir: DirNode,
  names: readonly string[],
  depth: number,
  update: (node: FsNode | undefined) => FsNode | undefined,
): DirNode {
  const name = names[depth];
  if (name === undefined) {
    const updated = update(dir);
    if (updated?.kind !== 'dir') throw new Error('vfs bug: the root must stay a directory');
    return updated;
  }
  const child = dir.children.get(name);
  if (depth === names.length - 1) return withChild(dir, name, update(child));
  if (child?.kind !== 'dir') throw new Error(`vfs bug: ${names.slice(0, depth + 1).join('/')} is not a resolved directory`);
  return withChild(dir, name, updateBelow(child, names, depth + 1, update));
}

/** Whether a directory holds anything, listed or summarised. */
export const isEmptyDir = (dir: DirNode): boolean =>
  dir.children.size === 0 && (dir.summary === undefined || dir.summary.files === 0);
