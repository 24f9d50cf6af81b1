import { describe, expect, test } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExerciseFiles } from '../../src/content/exercise-files.ts';
import { contentDir, exerciseIds } from './content-files.ts';

describe('exercise folders', () => {
  test.each(exerciseIds())('%s has a context, a starter and a solution', (id) => {
    const result = readExerciseFiles(join(contentDir, 'exercises', id));
    if (!result.ok) expect.fail(result.error);
    expect(Object.keys(result.value.context).length).toBeGreaterThan(0);
    expect(result.value.starter).toMatch(/^FROM /m);
    expect(result.value.solution).toMatch(/^FROM /m);
  });

  test('split-go-build: the starter has one stage, the solution two, and the context is the Go program', () => {
    const result = readExerciseFiles(join(contentDir, 'exercises', 'split-go-build'));
    if (!result.ok) expect.fail(result.error);
    expect(Object.keys(result.value.context)).toEqual(['go.mod', 'main.go']);
    expect(result.value.starter.match(/^FROM /gm)).toHaveLength(1);
    expect(result.value.solution.match(/^FROM .*/gm)).toEqual(['FROM golang:1.22 AS build', 'FROM alpine:3.20']);
    expect(result.value.solution).toContain('COPY --from=build /usr/local/bin/greeter /usr/local/bin/greeter');
  });

  test('a folder with missing parts is an error naming them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exercise-'));
    try {
      writeFileSync(join(dir, 'starter.Dockerfile'), 'FROM alpine\n');
      expect(readExerciseFiles(dir)).toEqual({ ok: false, error: `${dir}: missing solution.Dockerfile, context/` });
      writeFileSync(join(dir, 'solution.Dockerfile'), 'FROM alpine\n');
      mkdirSync(join(dir, 'context'));
      expect(readExerciseFiles(dir)).toEqual({ ok: false, error: `${join(dir, 'context')}: the build context is empty` });
      mkdirSync(join(dir, 'context', 'src'));
      writeFileSync(join(dir, 'context', 'src', 'a.txt'), 'a');
      writeFileSync(join(dir, 'context', 'b.txt'), 'b');
      expect(readExerciseFiles(dir)).toEqual({
        ok: true,
        value: { context: { 'b.txt': 'b', 'src/a.txt': 'a' }, starter: 'FROM alpine\n', solution: 'FROM alpine\n' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
