/**
 * What a lesson says about one step's layer that claims.yaml cannot express: which paths the layer
 * adds or hides (a whiteout), read from the step's `changes` in the simulator's BuildResult.
 */
import { expect, test } from 'vitest';
import { join } from 'node:path';
import { buildExample, readExampleFiles } from '../../src/components/example/example-files.ts';
import { contentDir } from './content-files.ts';

function changesOnLine(id: string, line: number) {
  const files = readExampleFiles(join(contentDir, 'examples', id));
  if (!files.ok) throw new Error(files.error);
  const { result } = buildExample(files.value, {});
  const step = result.stages.flatMap((s) => s.steps).find((s) => s.line === line);
  return step?.changes.map((c) => ({ path: c.path, op: c.op, size: c.size }));
}

test('lesson 1: the dd RUN adds /big.bin with all 50 MiB, the later rm only a whiteout of 0 bytes', () => {
  expect(changesOnLine('01-images-and-layers/delete-later', 3)).toEqual([{ path: '/big.bin', op: 'add', size: 52428800 }]);
  expect(changesOnLine('01-images-and-layers/delete-later', 5)).toEqual([{ path: '/big.bin', op: 'delete', size: 0 }]);
});
