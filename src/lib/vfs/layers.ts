/**
 * Layers as change sets (OCI image-spec layer.md): the diff of two trees lists added and modified
 * entries and whiteouts for deleted ones; applying it to the lower tree gives the upper tree.
 */
import { compareNames } from './inspect.ts';
import { splitPath } from './path.ts';
import { nodeBytes } from './sizes.ts';
import { sameOwnData, sameSummary } from './equality.ts';
import type { DirNode, FsNode, LayerDiff, LayerEntry } from './types.ts';

/** The marker file that makes a directory opaque in a layer tar. */
const OPAQUE_WHITEOUT = '.wh..wh..opq';

/**
 * The names a layer tar holds for an entry: `.wh.<name>` beside a deleted one, the directory and its
 * `.wh..wh..opq` marker for an opaque one, else the path itself.
 */
export function tarPaths(entry: LayerEntry): string[] {
  if (entry.op === 'delete') {
    const slash = entry.path.lastIndexOf('/');
    return [`${entry.path.slice(0, slash + 1)}.wh.${entry.path.slice(slash + 1)}`];
  }
  if (entry.opaque) return [entry.path, `${entry.path === '/' ? '' : entry.path}/${OPAQUE_WHITEOUT}`];
  return [entry.path];
}

/**
 * What `upper` changed relative to `lower`. Subtrees shared by reference are skipped without a look,
 * so diffing a step's result against its parent costs what the step touched. A removed directory is
 * one whiteout; a directory whose lower contents are all gone (or whose summarised bulk is gone,
 * which no single whiteout could name) becomes opaque and lists what it holds now.
 */
export function diffTrees(lower: DirNode, upper: DirNode): LayerDiff {
  const diff: LayerDiff = { entries: [], size: 0 };
  if (lower !== upper) diffDirs(diff, '/', lower, upper);
  return diff;
}

function push(diff: LayerDiff, entry: LayerEntry): void {
  diff.entries.push(entry);
  if (entry.node !== undefined) diff.size += nodeBytes(entry.node);
}

function diffDirs(diff: LayerDiff, path: string, lower: DirNode, upper: DirNode): void {
  const opaque = isOpaqueReplacement(lower, upper);
  if (opaque) push(diff, { path, op: 'modify', node: upper, opaque: true });
  else if (!sameOwnData(lower, upper)) {
    // Only a grown summary brings bytes, and only its growth: the layer holds the files the step
    // added to the bulk, not the bulk again (a shrunk one is whiteouts). An owner or mode change is
    // a header without content.
    diff.entries.push({ path, op: 'modify', node: upper });
    if (!sameSummary(lower.summary, upper.summary)) diff.size += Math.max(0, nodeBytes(upper) - nodeBytes(lower));
  }
  if (opaque) {
    addChildren(diff, path, upper);
    return;
  }
  const base = path === '/' ? '/' : `${path}/`;
  const names = [...lower.children.keys()];
  for (const name of upper.children.keys()) if (!lower.children.has(name)) names.push(name);
  for (const name of names.sort(compareNames)) {
    const a = lower.children.get(name);
    const b = upper.children.get(name);
    if (a === b) continue;
    const childPath = base + name;
    if (b === undefined) diff.entries.push({ path: childPath, op: 'delete' });
    else if (a === undefined) addSubtree(diff, childPath, b, 'add');
    else if (a.kind === 'dir' && b.kind === 'dir') diffDirs(diff, childPath, a, b);
    else if (!sameOwnData(a, b)) addSubtree(diff, childPath, b, 'modify');
  }
}

function addSubtree(diff: LayerDiff, path: string, node: FsNode, op: 'add' | 'modify'): void {
  push(diff, { path, op, node });
  if (node.kind === 'dir') addChildren(diff, path, node);
}

function addChildren(diff: LayerDiff, path: string, dir: DirNode): void {
  const base = path === '/' ? '/' : `${path}/`;
  for (const name of [...dir.children.keys()].sort(compareNames)) {
    addSubtree(diff, base + name, dir.children.get(name) as FsNode, 'add');
  }
}

function isOpaqueReplacement(lower: DirNode, upper: DirNode): boolean {
  if (lower.summary !== undefined && upper.summary === undefined) return true;
  if (lower.children.size < 2) return false;
  for (const name of lower.children.keys()) if (upper.children.has(name)) return false;
  return true;
}

/** The changes of `diff`, grouped by path component so each directory is copied once. */
interface Patch {
  entry?: LayerEntry;
  children: Map<string, Patch>;
}

/**
 * `tree` with `diff` applied: whiteouts remove, entries set nodes (a directory entry sets only its
 * own metadata and summary; an opaque one also drops what was below). Directories a diff needs but
 * does not list are created 0:0 0755, so a list of entries also builds a tree from nothing.
 */
export function applyDiff(tree: DirNode, diff: LayerDiff): DirNode {
  const root: Patch = { children: new Map() };
  for (const entry of diff.entries) {
    let patch = root;
    for (const name of splitPath(entry.path)) {
      let next = patch.children.get(name);
      if (next === undefined) {
        next = { children: new Map() };
        patch.children.set(name, next);
      }
      patch = next;
    }
    patch.entry = entry;
  }
  const result = applyPatch(tree, root);
  return result?.kind === 'dir' ? result : { kind: 'dir', uid: 0, gid: 0, mode: 0o755, children: new Map() };
}

function applyPatch(current: FsNode | undefined, patch: Patch): FsNode | undefined {
  let node = current;
  const entry = patch.entry;
  if (entry !== undefined) {
    if (entry.op === 'delete' || entry.node === undefined) node = undefined;
    else if (entry.node.kind !== 'dir') node = entry.node;
    else {
      const fresh = entry.opaque === true || node?.kind !== 'dir';
      // A whole subtree added as is (diffTrees lists every node of it): reuse the upper's nodes.
      if (fresh && readdsExactly(entry.node, patch)) return entry.node;
      const { children: _upper, ...meta } = entry.node;
      const keep = !fresh && node?.kind === 'dir' ? node.children : new Map<string, FsNode>();
      node = { ...meta, children: keep };
    }
  }
  if (patch.children.size === 0) return node;
  const dir: DirNode = node?.kind === 'dir' ? node : { kind: 'dir', uid: 0, gid: 0, mode: 0o755, children: new Map() };
  const children = new Map(dir.children);
  for (const [name, sub] of patch.children) {
    const applied = applyPatch(children.get(name), sub);
    if (applied === undefined) children.delete(name);
    else children.set(name, applied);
  }
  return { ...dir, children };
}

/** Whether `patch` below a directory entry adds exactly `dir`'s listed children, the same objects. */
function readdsExactly(dir: DirNode, patch: Patch): boolean {
  if (patch.children.size !== dir.children.size) return false;
  for (const [name, child] of dir.children) {
    const sub = patch.children.get(name);
    if (sub?.entry?.op !== 'add' || sub.entry.node !== child) return false;
    if (child.kind === 'dir' ? !readdsExactly(child, sub) : sub.children.size > 0) return false;
  }
  return true;
}
