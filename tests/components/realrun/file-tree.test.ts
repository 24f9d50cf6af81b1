import { expect, test } from 'vitest';
import { toFileSystemTree } from '../../../src/components/realrun/file-tree.ts';

test('flat paths become the nested tree WebContainer mounts, folders shared', () => {
  expect(
    toFileSystemTree({
      'build/app/package.json': '{}',
      'build/app/src/server.ts': 'export {};',
      'runtime/app/package.json': '{"name":"api"}',
      'top.txt': 'x',
    }),
  ).toEqual({
    build: {
      directory: {
        app: {
          directory: {
            'package.json': { file: { contents: '{}' } },
            src: { directory: { 'server.ts': { file: { contents: 'export {};' } } } },
          },
        },
      },
    },
    runtime: { directory: { app: { directory: { 'package.json': { file: { contents: '{"name":"api"}' } } } } } },
    'top.txt': { file: { contents: 'x' } },
  });
});

test('empty and dot segments are dropped; nothing mounted for no files', () => {
  expect(toFileSystemTree({ './a//b.txt': 'b' })).toEqual({ a: { directory: { 'b.txt': { file: { contents: 'b' } } } } });
  expect(toFileSystemTree({})).toEqual({});
});
