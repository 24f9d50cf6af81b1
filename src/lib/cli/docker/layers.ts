/**
 * Which layers images share, for sizes that count a shared layer once (`docker system df`, what
 * `image prune` frees). A layer is known by its place in the history chain: the same parent chain
 * and the same instruction and size mean the same layer, as content-addressed layers would.
 */
import type { StoredImage } from '../state/store.ts';

function layers(image: StoredImage): Map<string, number> {
  const out = new Map<string, number>();
  let key = '';
  for (const h of image.image.history) {
    key += `\n${h.createdBy}\t${h.size}`;
    if (!h.emptyLayer) out.set(key, h.size);
  }
  return out;
}

/** Bytes of every distinct layer of the images. */
export function uniqueBytes(images: readonly StoredImage[]): number {
  const all = new Map<string, number>();
  for (const i of images) for (const [k, v] of layers(i)) all.set(k, v);
  let total = 0;
  for (const v of all.values()) total += v;
  return total;
}

/** Bytes freed by deleting `doomed` while `kept` stay. */
export function reclaimableBytes(doomed: readonly StoredImage[], kept: readonly StoredImage[]): number {
  return uniqueBytes([...doomed, ...kept]) - uniqueBytes(kept);
}
