/**
 * What is at a path of the image the container runs, for the few questions the real mode asks
 * (`command -v`, "is this file executable"): from a build's file list or a catalogue image's tree.
 */
import type { ImageFile } from '../build/index.ts';
import { AS_ROOT, lstat, MAX_SYMLINK_HOPS, normalizePath, stat, type DirNode } from '../vfs/index.ts';

export type PathKind = 'dir' | 'file' | 'executable';

export type ImageLookup = (path: string) => PathKind | null;

/**
 * A built image's files, with symlinks in the folders of a path followed (Debian's `/bin` is a link
 * to `usr/bin`). A path that is itself a symlink counts as an executable: the catalogue lists the
 * links tools need, and their targets may sit in a summarised folder.
 */
export function lookupInFiles(files: readonly ImageFile[]): ImageLookup {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const entry = (path: string): ImageFile | null => {
    let names = normalizePath(path).split('/').filter((n) => n !== '');
    let hops = 0;
    for (let i = 0; i < names.length - 1; i++) {
      const file = byPath.get(`/${names.slice(0, i + 1).join('/')}`);
      if (file === undefined) return null;
      if (file.type !== 'symlink' || file.target === null) continue;
      if (++hops > MAX_SYMLINK_HOPS) return null;
      const target = normalizePath(file.target, `/${names.slice(0, i).join('/')}`);
      names = [...target.split('/').filter((n) => n !== ''), ...names.slice(i + 1)];
      i = -1;
    }
    return byPath.get(`/${names.join('/')}`) ?? null;
  };
  return (path) => {
    const file = entry(path);
    if (file === null) return null;
    if (file.type === 'dir') return 'dir';
    if (file.type === 'symlink') return 'executable';
    return (Number.parseInt(file.mode, 8) & 0o111) !== 0 ? 'executable' : 'file';
  };
}

/** A catalogue image's filesystem tree. */
export function lookupInTree(tree: DirNode): ImageLookup {
  return (path) => {
    if (!lstat(tree, AS_ROOT, path).ok) return null;
    const node = stat(tree, AS_ROOT, path);
    if (!node.ok) return null;
    if (node.value.kind === 'dir') return 'dir';
    return (node.value.mode & 0o111) !== 0 ? 'executable' : 'file';
  };
}

/** `command -v NAME` in the image: the executable's path through PATH (or NAME itself when it has a `/`). */
export function findCommand(lookup: ImageLookup, name: string, path: string, cwd: string): string | null {
  if (name.includes('/')) {
    const full = normalizePath(name, cwd);
    return lookup(full) === 'executable' ? full : null;
  }
  for (const dir of path.split(':')) {
    if (dir === '') continue;
    const full = normalizePath(`${dir}/${name}`, cwd);
    if (lookup(full) === 'executable') return full;
  }
  return null;
}
