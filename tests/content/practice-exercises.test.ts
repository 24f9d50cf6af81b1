import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { readExerciseFiles } from '../../src/content/exercise-files.ts';
import { exerciseSchema } from '../../src/content/schemas/exercise.ts';
import { checkGoals, exerciseAttempt } from '../../src/lib/checks/goals/index.ts';
import { contentDir, exerciseIds, frontmatter } from './content-files.ts';

const exercises = exerciseIds().map((id) => {
  const dir = join(contentDir, 'exercises', id);
  const data = exerciseSchema.parse(frontmatter(join(dir, 'index.mdx')));
  const files = readExerciseFiles(dir);
  if (!files.ok) throw new Error(files.error);
  return { id, data, files: files.value };
});

const starterEdits = (e: (typeof exercises)[number]) => Object.fromEntries(e.data.editable.map((f) => [f.path, e.files.context[f.path] ?? '']));
const solutionEdits = (e: (typeof exercises)[number]) => Object.fromEntries(e.data.editable.map((f) => [f.path, f.solution]));

describe('exercises', () => {
  test('at least 10, beginner to advanced, in a unique order, each with hints', () => {
    expect(exercises.length).toBeGreaterThanOrEqual(10);
    const levels = new Set(exercises.map((e) => e.data.level));
    expect([...levels].sort()).toEqual(['advanced', 'beginner', 'intermediate']);
    const orders = exercises.map((e) => e.data.order).sort((a, b) => a - b);
    expect(orders).toEqual(orders.map((_, i) => i + 1));
    for (const e of exercises) expect(e.data.hints.length, e.id).toBeGreaterThanOrEqual(2);
  });

  test.each(exercises.map((e) => [e.id, e] as const))('%s: the solution passes every goal', (_, e) => {
    const report = checkGoals(e.data.goals, exerciseAttempt(e.files.context, e.files.solution, solutionEdits(e)));
    expect(report.results.filter((r) => !r.passed).map((r) => `${r.goal.description} → ${r.observed} ${r.explanation}`)).toEqual([]);
  });

  test.each(exercises.map((e) => [e.id, e] as const))('%s: the starter builds and fails at least one goal', (_, e) => {
    const report = checkGoals(e.data.goals, exerciseAttempt(e.files.context, e.files.starter, starterEdits(e)));
    expect(report.build.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.results.filter((r) => !r.passed).length).toBeGreaterThan(0);
    for (const r of report.results.filter((x) => !x.passed)) expect(r.explanation.length, r.goal.description).toBeGreaterThan(40);
  });
});
