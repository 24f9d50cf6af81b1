/** Deterministic traversal: depth first, parents before children, names in byte order. */
import { sortedEntries } from './inspect.ts';
import { joinNames } from './path.ts';
import { AS_ROOT } from './permissions.ts';
import { locate } from './resolve.ts';
import type { DirNode, WalkEntry } from './types.ts';

/**
 * Every listed node below the directory at `from` (not that directory itself), with absolute paths.
 * An inspection tool: no permission checks; nothing when `from` is missing or not a directory.
 */
export function* walk(tree: DirNode, from = '/'): Generator<WalkEntry> {
  const start = locate(tree, AS_ROOT, from, { follow: true, allowMissing: false });
  if (!start.ok || start.value.node?.kind !== 'dir') return;
  yield* walkBelow(start.value.node, joinNames(start.value.names));
}

function* walkBelow(dir: DirNode, path: string): Generator<WalkEntry> {
  const base = path === '/' ? '/' : `${path}/`;
  for (const { name, node } of sortedEntries(dir)) {
    const childPath = base + name;
    yield { path: childPath, node };
    if (node.kind === 'dir') yield* walkBelow(node, childPath);
  }
}
