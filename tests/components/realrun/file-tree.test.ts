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

test('a key ending in / is a folder, empty or not', () => {
  expect(toFileSystemTree({ 'stage-0/': '', 'stage-0/app/': '', 'stage-0/app/a.js': 'a' })).toEqual({
    'stage-0': { directory: { app: { directory: { 'a.js': { file: { contents: 'a' } } } } } },
  });
  expect(toFileSystemTree({ 'runtime/app/': '' })).toEqual({ runtime: { directory: { app: { directory: {} } } } });
});

test('empty and dot segments are dropped; nothing mounted for no files', () => {
  expect(toFileSystemTree({ './a//b.txt': 'b' })).toEqual({ a: { directory: { 'b.txt': { file: { contents: 'b' } } } } });
  expect(toFileSystemTree({})).toEqual({});
});
