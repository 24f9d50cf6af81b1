/** Deterministic traversal: depth first, parents before children, names in byte order. */
import { sortedEntries } from './inspect.ts';
import type { DirNode, WalkEntry } from './types.ts';

/** Every listed node below `dir` (not `dir` itself), with absolute paths under `prefix` ('/' = root). */
export function* walk(dir: DirNode, prefix = '/'): Generator<WalkEntry> {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  for (const { name, node } of sortedEntries(dir)) {
    const path = base + name;
    yield { path, node };
    if (node.kind === 'dir') yield* walk(node, path);
  }
}
