/** Value equality of nodes' own data, so that a no-op change keeps the old node (and tree) by reference. */
import type { DirSummary, FsNode } from './types.ts';

export const sameMeta = (a: FsNode, b: FsNode): boolean => a.uid === b.uid && a.gid === b.gid && a.mode === b.mode;

export const sameSummary = (a: DirSummary | undefined, b: DirSummary | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.files === b.files && a.bytes === b.bytes && a.source === b.source);

/** Same kind, owner, mode and own data (a directory's children are not compared). */
export function sameOwnData(a: FsNode, b: FsNode): boolean {
  if (!sameMeta(a, b)) return false;
  if (a.kind === 'file' && b.kind === 'file') {
    return a.size === b.size && a.content === b.content && a.origin?.by === b.origin?.by;
  }
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target;
  if (a.kind === 'dir' && b.kind === 'dir') return sameSummary(a.summary, b.summary);
  return false;
}
