/** Byte counts: what a node, a tree and an image weigh. */
import { utf8Length } from './path.ts';
import type { FsNode } from './types.ts';

/** A node's own bytes: a file's size, a symlink's target length, a directory's summarised bulk. */
export function nodeBytes(node: FsNode): number {
  if (node.kind === 'file') return node.size;
  if (node.kind === 'symlink') return utf8Length(node.target);
  return node.summary?.bytes ?? 0;
}

/** Bytes of a node and everything below it, summaries included. */
export function treeBytes(node: FsNode): number {
  if (node.kind !== 'dir') return nodeBytes(node);
  let total = nodeBytes(node);
  for (const child of node.children.values()) total += treeBytes(child);
  return total;
}

/** Files in a node and below it: listed regular files plus summarised ones. */
export function fileCount(node: FsNode): number {
  if (node.kind !== 'dir') return node.kind === 'file' ? 1 : 0;
  let count = node.summary?.files ?? 0;
  for (const child of node.children.values()) count += fileCount(child);
  return count;
}

/**
 * An image's size: the sum of its layers. A file deleted in a later layer still counts, because the
 * whiteout hides it without shrinking the layer that added it.
 */
export const imageSize = (layers: readonly { size: number }[]): number =>
  layers.reduce((total, layer) => total + layer.size, 0);
