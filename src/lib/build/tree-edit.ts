/**
 * The few tree edits COPY needs that the vfs API does not offer as such: putting a whole subtree at a
 * resolved path (sharing it, not copying file by file) and recasting a subtree's owners and modes.
 */
import { mkdir, resolvePath, ROOT_CRED, stat, type DirNode, type FsNode, type FsResult } from '../vfs/index.ts';

const ROOT = { cred: ROOT_CRED };

/** `root` with `node` at `realDir/name`; `realDir` must be a real (symlink-free) existing directory. */
export function putNode(root: DirNode, realDir: string, name: string, node: FsNode): DirNode {
  const names = realDir.split('/').filter((n) => n !== '');
  return putBelow(root, names, 0, name, node);
}

function putBelow(dir: DirNode, names: readonly string[], depth: number, name: string, node: FsNode): DirNode {
  const next = names[depth];
  const children = new Map(dir.children);
  if (next === undefined) children.set(name, node);
  else {
    const child = dir.children.get(next);
    if (child?.kind !== 'dir') throw new Error(`build bug: ${next} is not a resolved directory`);
    children.set(next, putBelow(child, names, depth + 1, name, node));
  }
  return { ...dir, children };
}

/** `mkdir -p` as root with the given owner and mode for created directories; returns the real path. */
export function ensureDir(
  fs: DirNode,
  path: string,
  owner: { uid: number; gid: number },
  mode: number,
): FsResult<{ fs: DirNode; real: string }> {
  const existing = stat(fs, ROOT, path);
  let next = fs;
  if (!existing.ok) {
    const made = mkdir(fs, ROOT, path, { parents: true, owner, mode });
    if (!made.ok) return made;
    next = made.value;
  } else if (existing.value.kind !== 'dir') {
    return { ok: false, error: { code: 'ENOTDIR', path, message: 'Not a directory' } };
  }
  const real = resolvePath(next, ROOT, path);
  if (!real.ok) return real;
  return { ok: true, value: { fs: next, real: real.value } };
}

export interface Recast {
  owner?: { uid: number; gid: number };
  mode?: number;
  /** Drop entries whose path relative to the copied root matches. */
  exclude?: (relPath: string) => boolean;
}

/** A subtree with owners/modes replaced and excluded entries dropped; unchanged input is shared as is. */
export function recast(node: FsNode, how: Recast, rel = ''): FsNode {
  if (how.owner === undefined && how.mode === undefined && how.exclude === undefined) return node;
  // --chmod leaves symlinks at 0777, as chmod(2) cannot change a link's own mode.
  const meta = { ...(how.owner ?? {}), ...(how.mode === undefined || node.kind === 'symlink' ? {} : { mode: how.mode }) };
  if (node.kind !== 'dir') return { ...node, ...meta };
  const children = new Map<string, FsNode>();
  for (const [name, child] of node.children) {
    const childRel = rel === '' ? name : `${rel}/${name}`;
    if (how.exclude?.(childRel)) continue;
    children.set(name, recast(child, how, childRel));
  }
  return { ...node, ...meta, children };
}

/**
 * Merge a source directory's children into the real directory `realDir`: a directory meeting an
 * existing directory merges (the existing one keeps its owner and mode), anything else replaces.
 * Works node by node and places the merged directory once, so a big copy stays linear.
 */
export function mergeInto(fs: DirNode, realDir: string, source: DirNode, how: Recast): DirNode {
  const target = stat(fs, ROOT, realDir);
  if (!target.ok || target.value.kind !== 'dir') throw new Error(`build bug: ${realDir} is not a directory`);
  const summary = bulkOf(target.value, source);
  const inner = mergeDirs(target.value, source, how, '');
  const merged = summary === undefined ? inner : { ...inner, summary };
  if (realDir === '/') return merged;
  const slash = realDir.lastIndexOf('/');
  return putNode(fs, slash === 0 ? '/' : realDir.slice(0, slash), realDir.slice(slash + 1), merged);
}

/** The summarised bulk of two merged folders: both counts add up (their unlisted files are distinct). */
function bulkOf(a: DirNode, b: DirNode): DirNode['summary'] {
  if (a.summary === undefined || b.summary === undefined) return a.summary ?? b.summary;
  const source = a.summary.source ?? b.summary.source;
  const sum = { files: a.summary.files + b.summary.files, bytes: a.summary.bytes + b.summary.bytes };
  return source === undefined ? sum : { ...sum, source };
}

function mergeDirs(existing: DirNode, source: DirNode, how: Recast, rel: string): DirNode {
  const children = new Map(existing.children);
  for (const [name, child] of source.children) {
    const childRel = rel === '' ? name : `${rel}/${name}`;
    if (how.exclude?.(childRel)) continue;
    const there = children.get(name);
    if (child.kind === 'dir' && there?.kind === 'dir') {
      // A copied folder meeting an existing one keeps its contents but takes the copied owner and mode.
      const meta = recast({ ...child, children: new Map() }, how, childRel);
      const merged = mergeDirs(there, child, how, childRel);
      const summary = bulkOf(there, child);
      const { summary: _old, ...rest } = merged;
      const placed = { ...rest, uid: meta.uid, gid: meta.gid, mode: meta.mode };
      children.set(name, summary === undefined ? placed : { ...placed, summary });
    } else {
      children.set(name, recast(child, how, childRel));
    }
  }
  return { ...existing, children };
}
