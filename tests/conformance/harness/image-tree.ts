/**
 * An image's filesystem from its layer tars (whiteouts applied), and the difference between two of
 * them. Reading layers rather than `docker export` keeps the container's own files (/etc/hosts,
 * /.dockerenv, /dev, ...) out of the picture.
 */
import type { FileObservation } from './observation.ts';
import type { TarEntry } from './tar.ts';

export type Tree = Map<string, TarEntry>;

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

export function applyLayer(tree: Tree, layer: TarEntry[]): void {
  for (const entry of layer) {
    const slash = entry.path.lastIndexOf('/');
    const dir = slash === -1 ? '' : entry.path.slice(0, slash);
    const base = entry.path.slice(slash + 1);
    if (base === OPAQUE) {
      removeChildren(tree, dir);
    } else if (base.startsWith(WHITEOUT)) {
      const target = (dir ? `${dir}/` : '') + base.slice(WHITEOUT.length);
      tree.delete(target);
      removeChildren(tree, target);
    } else if (entry.path !== '') {
      const existing = tree.get(entry.path);
      if (existing && existing.type === 'dir' && entry.type !== 'dir') removeChildren(tree, entry.path);
      tree.set(entry.path, entry);
    }
  }
}

function removeChildren(tree: Tree, dir: string): void {
  const prefix = dir === '' ? '' : `${dir}/`;
  for (const path of [...tree.keys()]) if (path.startsWith(prefix) && path !== dir) tree.delete(path);
}

const TEXT_LIMIT = 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Content of a small text file; null when binary, large, or unknown (fewer bytes than its size). */
function smallText(entry: TarEntry): string | null {
  if (entry.type !== 'file' || entry.data.length !== entry.size) return null;
  if (entry.data.length > TEXT_LIMIT || entry.data.includes(0)) return null;
  try {
    return utf8.decode(entry.data);
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function differs(a: TarEntry, b: TarEntry): boolean {
  return a.type !== b.type || a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid || a.size !== b.size
    || a.linkTarget !== b.linkTarget || (a.type === 'file' && !sameBytes(a.data, b.data));
}

export function octalMode(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

function describe(entry: TarEntry, change: 'added' | 'changed'): FileObservation {
  return {
    path: `/${entry.path}`,
    change,
    type: entry.type,
    mode: octalMode(entry.mode),
    uid: entry.uid,
    gid: entry.gid,
    size: entry.type === 'file' ? entry.size : 0,
    target: entry.type === 'symlink' || entry.type === 'hardlink' ? entry.linkTarget : null,
    content: smallText(entry),
  };
}

/** Paths added, changed or deleted going from `base` to `image`, sorted by path. */
export function diffTrees(base: Tree, image: Tree): FileObservation[] {
  const out: FileObservation[] = [];
  for (const [path, entry] of image) {
    const before = base.get(path);
    if (!before) out.push(describe(entry, 'added'));
    else if (differs(before, entry)) out.push(describe(entry, 'changed'));
  }
  for (const path of base.keys()) {
    if (!image.has(path)) {
      out.push({ path: `/${path}`, change: 'deleted', type: null, mode: null, uid: null, gid: null, size: null, target: null, content: null });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
