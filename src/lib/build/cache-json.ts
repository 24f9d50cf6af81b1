/**
 * The cache as JSON, for the CLI's state folder. Trees are written as a node table so a subtree
 * shared by many steps (the base image, an unchanged folder) is written once, and read back shared.
 */
import type { DirNode, FsNode } from '../vfs/index.ts';
import { createBuildCache, type BuildCache, type CachedStep, type StepIdentity } from './cache.ts';

type NodeRow =
  | ['f', number, number, number, number, string | null, string | null]
  | ['l', number, number, number, string]
  | ['d', number, number, number, [string, number][], [number, number, string | null] | null];

export interface CacheJson {
  version: 1;
  /**
   * Which simulator wrote the cache (the Node host hashes src/lib): a cache written by another one
   * holds layers computed by other code and data, so the reader drops it. Absent: the host has none.
   */
  stamp?: string;
  nodes: NodeRow[];
  steps: [string, Omit<CachedStep, 'fs'> & { fs: number }][];
  children: [string, StepIdentity[]][];
  mounts: [string, number][];
}

export function serializeCache(cache: BuildCache, stamp?: string): CacheJson {
  const ids = new Map<FsNode, number>();
  const nodes: NodeRow[] = [];
  const idOf = (node: FsNode): number => {
    const known = ids.get(node);
    if (known !== undefined) return known;
    let row: NodeRow;
    if (node.kind === 'file') row = ['f', node.uid, node.gid, node.mode, node.size, node.content ?? null, node.origin?.by ?? null];
    else if (node.kind === 'symlink') row = ['l', node.uid, node.gid, node.mode, node.target];
    else {
      const children: [string, number][] = [...node.children].map(([name, child]) => [name, idOf(child)]);
      const s = node.summary;
      row = ['d', node.uid, node.gid, node.mode, children, s === undefined ? null : [s.files, s.bytes, s.source ?? null]];
    }
    nodes.push(row);
    ids.set(node, nodes.length - 1);
    return nodes.length - 1;
  };
  const json: CacheJson = {
    version: 1,
    steps: [...cache.steps].map(([key, step]) => [key, { ...step, fs: idOf(step.fs) }]),
    children: [...cache.children],
    mounts: [...cache.mounts].map(([id, dir]) => [id, idOf(dir)]),
    nodes,
  };
  if (stamp !== undefined) json.stamp = stamp;
  return json;
}

/** Reads a serialized cache; anything unreadable gives an empty cache (a cache is only an optimisation). */
export function deserializeCache(json: unknown): BuildCache {
  const cache = createBuildCache();
  const doc = json as Partial<CacheJson> | null;
  if (doc === null || typeof doc !== 'object' || doc.version !== 1 || !Array.isArray(doc.nodes)) return cache;
  const built: FsNode[] = [];
  for (const row of doc.nodes) {
    if (row[0] === 'f') {
      const [, uid, gid, mode, size, content, by] = row;
      const file: FsNode = { kind: 'file', uid, gid, mode, size };
      if (content !== null) file.content = content;
      if (by !== null) file.origin = { simulated: true, by };
      built.push(file);
    } else if (row[0] === 'l') {
      built.push({ kind: 'symlink', uid: row[1], gid: row[2], mode: row[3], target: row[4] });
    } else {
      const dir: DirNode = { kind: 'dir', uid: row[1], gid: row[2], mode: row[3], children: new Map(row[4].map(([n, id]) => [n, built[id] as FsNode])) };
      if (row[5] !== null) dir.summary = row[5][2] === null ? { files: row[5][0], bytes: row[5][1] } : { files: row[5][0], bytes: row[5][1], source: row[5][2] };
      built.push(dir);
    }
  }
  const dirAt = (id: number): DirNode | undefined => {
    const n = built[id];
    return n?.kind === 'dir' ? n : undefined;
  };
  for (const [key, step] of doc.steps ?? []) {
    const fs = dirAt(step.fs);
    if (fs !== undefined) cache.steps.set(key, { ...step, fs });
  }
  for (const [key, ids] of doc.children ?? []) cache.children.set(key, ids);
  for (const [id, node] of doc.mounts ?? []) {
    const fs = dirAt(node);
    if (fs !== undefined) cache.mounts.set(id, fs);
  }
  return cache;
}
