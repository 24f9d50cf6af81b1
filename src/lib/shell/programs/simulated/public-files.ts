/**
 * The copy of public/ into the output folder that bundlers (vite, astro) make as is: each file keeps
 * its content, or its declared size when it has none.
 */
import type { Access, DirNode } from '../../../vfs/index.ts';
import { walk } from '../../../vfs/index.ts';
import { putFile } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { joinPath } from './npm-project.ts';

export function copyPublic(tree: DirNode, access: Access, root: string, outDir: string): Step[] {
  const publicDir = joinPath(root, 'public');
  const steps: Step[] = [];
  for (const entry of walk(tree, publicDir)) {
    if (entry.node.kind !== 'file') continue;
    const target = joinPath(outDir, entry.path.slice(publicDir.length + 1));
    steps.push(putFile(access, target, entry.node.content === undefined ? { size: entry.node.size } : { content: entry.node.content }));
  }
  return steps;
}
