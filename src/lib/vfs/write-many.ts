/**
 * Many file writes at once (a package manager or compiler writing its output). The result is the
 * same as calling writeFile for each in order, but every directory on the way is copied once for the
 * whole batch instead of once per file, so 10,000 files cost about as much as one pass over them.
 */
import { fileAfterWrite, writeFile, type WriteFileData } from './create.ts';
import { locate } from './resolve.ts';
import type { Access, DirNode, FileNode, FsNode, FsResult } from './types.ts';

export interface FileWrite {
  path: string;
  data: WriteFileData;
}

/** The files a batch leaves, by real path component (symlinks already resolved). */
interface Planned {
  file?: FileNode;
  children: Map<string, Planned>;
}

/**
 * Writes every file in order; stops at the first error (returned, with the path that failed).
 * Writing files never changes directories, so each path resolves in the original tree exactly as it
 * would after the earlier writes; only a file written twice needs the earlier result, kept in the plan.
 */
export function writeFiles(tree: DirNode, access: Access, writes: readonly FileWrite[]): FsResult<DirNode> {
  const plan: Planned = { children: new Map() };
  for (const { path, data } of writes) {
    const found = locate(tree, access, path, { follow: true, allowMissing: true, creating: true });
    // Anything unusual (an error, a trailing slash) is left to writeFile, one by one, for its exact answer.
    if (!found.ok || found.value.namesDir) return oneByOne(tree, access, writes);
    const { names, parent, node } = found.value;
    let slot = plan;
    for (const name of names) {
      let next = slot.children.get(name);
      if (next === undefined) {
        next = { children: new Map() };
        slot.children.set(name, next);
      }
      slot = next;
    }
    const before = slot.file ?? node;
    const written = fileAfterWrite(access, parent, before, data, path);
    if (!written.ok) return oneByOne(tree, access, writes);
    slot.file = written.value;
  }
  return { ok: true, value: applyPlan(tree, plan) };
}

function oneByOne(tree: DirNode, access: Access, writes: readonly FileWrite[]): FsResult<DirNode> {
  let current = tree;
  for (const { path, data } of writes) {
    const written = writeFile(current, access, path, data);
    if (!written.ok) return written;
    current = written.value;
  }
  return { ok: true, value: current };
}

/** `dir` with the planned files in place; directories on the way are copied once each. */
function applyPlan(dir: DirNode, plan: Planned): DirNode {
  let children: Map<string, FsNode> | undefined;
  for (const [name, sub] of plan.children) {
    const old = dir.children.get(name);
    const next = sub.file ?? (old?.kind === 'dir' ? applyPlan(old, sub) : old);
    if (next === old || next === undefined) continue;
    children ??= new Map(dir.children);
    children.set(name, next);
  }
  return children === undefined ? dir : { ...dir, children };
}
