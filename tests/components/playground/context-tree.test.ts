/** The context file list's tree: the ignore marks, from the engine's own list of what it left out. */
import { expect, test } from 'vitest';
import { build } from '../../../src/lib/build/index.ts';
import { contextTree, findNode, type TreeNode } from '../../../src/components/playground/context-tree.ts';

/** Each node as `path` plus ` (ignored)` when marked, depth first. */
const marks = (nodes: readonly TreeNode[]): string[] =>
  nodes.flatMap((n) => [`${n.path}${n.ignored ? ' (ignored)' : ''}`, ...(n.kind === 'folder' ? marks(n.children) : [])]);

const files = {
  '.dockerignore': 'node_modules\n*.md\n!KEEP.md\ntmp\nlogs/*.log\n',
  'KEEP.md': 'kept',
  'README.md': 'gone',
  'app.js': 'x',
  'tmp/': '',
  'node_modules/a/index.js': 'a',
  'node_modules/b.js': 'b',
  'logs/debug.log': 'd',
  'logs/.keep': '',
};

function ignoredBy(context: Record<string, string>): Set<string> {
  const input = Object.fromEntries(Object.entries(context).map(([p, content]) => [p, p.endsWith('/') ? {} : { content }]));
  return new Set(build({ dockerfile: 'FROM alpine:3.20\n', context: input }).context.ignored);
}

test('files the engine left out are marked; a folder when all it holds is, or when it is an ignored empty folder', () => {
  expect(marks(contextTree(files, ignoredBy(files)))).toEqual([
    'logs/',
    'logs/.keep',
    'logs/debug.log (ignored)',
    'node_modules/ (ignored)',
    'node_modules/a/ (ignored)',
    'node_modules/a/index.js (ignored)',
    'node_modules/b.js (ignored)',
    'tmp/ (ignored)',
    '.dockerignore',
    'app.js',
    'KEEP.md',
    'README.md (ignored)',
  ]);
});

test('without a build nothing is marked', () => {
  expect(marks(contextTree(files)).filter((m) => m.endsWith('(ignored)'))).toEqual([]);
});

test('findNode finds files and folders at any depth', () => {
  const tree = contextTree(files);
  expect(findNode(tree, 'node_modules/a/index.js')?.name).toBe('index.js');
  expect(findNode(tree, 'node_modules/a/')?.kind).toBe('folder');
  expect(findNode(tree, 'node_modules/c.js')).toBeUndefined();
});
