/**
 * A container's filesystem: a fresh vfs tree rebuilt from an image's file list (the store keeps
 * images as plain JSON), so every `docker run` starts from the image as it was built.
 */
import type { ImageFile } from '../../build/index.ts';
import type { DirNode, DirSummary, FsNode } from '../../vfs/index.ts';

interface Draft {
  meta: { uid: number; gid: number; mode: number };
  summary?: DirSummary;
  children: Map<string, Draft | FsNode>;
}

const isDraft = (n: Draft | FsNode): n is Draft => !('kind' in n);

function freeze(d: Draft): DirNode {
  const children = new Map<string, FsNode>();
  for (const [name, child] of d.children) children.set(name, isDraft(child) ? freeze(child) : child);
  const dir: DirNode = { kind: 'dir', ...d.meta, children };
  if (d.summary !== undefined) dir.summary = d.summary;
  return dir;
}

export function treeFromFiles(files: readonly ImageFile[]): DirNode {
  const root: Draft = { meta: { uid: 0, gid: 0, mode: 0o755 }, children: new Map() };
  const dirAt = (path: string): Draft => {
    let dir = root;
    for (const name of path.split('/').filter((p) => p !== '')) {
      let next = dir.children.get(name);
      if (next === undefined || !isDraft(next)) {
        next = { meta: { uid: 0, gid: 0, mode: 0o755 }, children: new Map() };
        dir.children.set(name, next);
      }
      dir = next;
    }
    return dir;
  };
  for (const f of files) {
    const meta = { uid: f.uid, gid: f.gid, mode: parseInt(f.mode, 8) };
    if (f.type === 'dir') {
      const d = dirAt(f.path);
      d.meta = meta;
      if (f.summary !== null) d.summary = f.summary.source === null ? { files: f.summary.files, bytes: f.summary.bytes } : { ...f.summary, source: f.summary.source };
      continue;
    }
    const slash = f.path.lastIndexOf('/');
    const parent = dirAt(f.path.slice(0, slash));
    const name = f.path.slice(slash + 1);
    if (f.type === 'symlink') parent.children.set(name, { kind: 'symlink', ...meta, target: f.target ?? '' });
    else parent.children.set(name, f.content === null ? { kind: 'file', ...meta, size: f.size } : { kind: 'file', ...meta, size: f.size, content: f.content });
  }
  return freeze(root);
}
