/**
 * Deterministic content hashes for cache keys: two 32-bit FNV-1a lanes (different offsets) give 64
 * bits as 16 hex digits. Not cryptographic: it only has to tell changed content from unchanged.
 */
import type { FsNode } from '../vfs/index.ts';

export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return hex(a) + hex(b);
}

/** A 64-hex-digit id (the length of a sha256 digest) derived from `text`, for simulated image and layer ids. */
export function digestOf(text: string): string {
  let id = '';
  for (let i = 0; id.length < 64; i++) id += hashText(`${i}:${text}`);
  return id.slice(0, 64);
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/**
 * A node's content hash (file bytes or declared size, mode, symlink target, and a directory's
 * listed children), memoised by node identity: immutable trees share unchanged subtrees, so a rebuild
 * rehashes only what changed. Owners are left out: context files are all 0:0 anyway.
 */
export function hashNode(node: FsNode, memo: WeakMap<FsNode, string>): string {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let text: string;
  if (node.kind === 'file') {
    text = `f${node.mode}:${node.content === undefined ? `#${node.size}:${node.origin?.by ?? ''}` : hashText(node.content)}`;
  } else if (node.kind === 'symlink') {
    text = `l${node.mode}:${node.target}`;
  } else {
    const parts = [`d${node.mode}:${node.summary?.files ?? 0}:${node.summary?.bytes ?? 0}`];
    for (const [name, child] of [...node.children].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      parts.push(`${name}=${hashNode(child, memo)}`);
    }
    text = parts.join('\n');
  }
  const h = hashText(text);
  memo.set(node, h);
  return h;
}
