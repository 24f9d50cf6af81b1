import { afterAll, beforeAll, expect, test } from 'vitest';
import * as fs from 'node:fs';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/lib/cli/main.ts';
import { memoryIo } from '../../../src/lib/cli/io.ts';
import { fsStateHost } from '../../../src/lib/cli/state/fs-host.ts';
import { handInText } from '../../../src/lib/progress/index.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const exerciseDir = join(root, 'src', 'content', 'exercises', 'split-go-build');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hand-ins-'));
  const solution = readFileSync(join(exerciseDir, 'solution.Dockerfile'), 'utf8');
  // Same solution, stage named by its index: equally right.
  writeFileSync(join(dir, 'ada.json'), handInText({ format: 'stagecraft-hand-in', version: 1, student: 'Ada', exercises: [{ id: 'split-go-build', dockerfile: solution.replace('AS build', '').replace('--from=build', '--from=0'), files: {}, results: [] }] }));
  mkdirSync(join(dir, 'bob'));
  writeFileSync(join(dir, 'bob', 'Dockerfile'), readFileSync(join(exerciseDir, 'starter.Dockerfile'), 'utf8'));
  writeFileSync(join(dir, 'carol.json'), handInText({ format: 'stagecraft-hand-in', version: 1, student: 'Carol', exercises: [] }));
  writeFileSync(join(dir, 'notes.json'), '{"not":"a hand-in"}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const io = Object.assign(memoryIo({}, root), fsStateHost(fs, () => 0));
  return main(args, io).then((status) => ({ status, out: io.out, err: io.err }));
}

test('stagecraft check EXERCISE DIR judges every hand-in by rebuilding it', async () => {
  const { status, out, err } = await run(['check', 'split-go-build', dir]);
  expect(err).toBe('');
  expect(status).toBe(1);
  const lines = out.split('\n');
  expect(lines.slice(0, 3)).toEqual(['Checking 4 hand-ins against split-go-build (5 goals)', '', 'ada.json (Ada): 5/5 goals met']);
  expect(out).toContain('bob/: 1/5 goals met\n  ✗ The Dockerfile has a build stage and a final stage.\n    The Dockerfile has 1 stage; at least 2 are wanted.\n');
  expect(out).toContain('carol.json (Carol): no attempt at split-go-build\n');
  expect(out).toContain('notes.json: the file is not a Stagecraft hand-in (no "format": "stagecraft-hand-in")\n');
  expect(lines.at(-2)).toBe('1 of 4 meet every goal.');
});

test('usage errors and unknown exercises', async () => {
  expect(await run(['check', 'split-go-build'])).toMatchObject({ status: 2, err: expect.stringContaining('"stagecraft check" requires exactly 2 arguments.') });
  expect(await run(['check', 'no-such-exercise', dir])).toMatchObject({ status: 1, err: expect.stringContaining('ERROR: ') });
});
