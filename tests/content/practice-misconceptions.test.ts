import { describe, expect, test } from 'vitest';
import { checkGoals } from '../../src/lib/checks/goals/index.ts';
import { demoAttempt, loadMisconceptions } from './practice-support.ts';

const misconceptions = loadMisconceptions();

describe('misconception bank', () => {
  test('has at least 24 entries with unique ids, including every one issue 9 names', () => {
    const ids = misconceptions.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(24);
    expect(ids).toEqual(
      expect.arrayContaining([
        'two-froms-merge',
        'every-stage-ships',
        'second-stage-continues-first',
        'copy-from-later-stage',
        'multi-stage-is-small',
        'delete-shrinks-image',
        'target-builds-everything',
        'global-arg-everywhere',
        'secret-in-env-or-arg-disappears',
        'copy-belongs-to-user',
        'expose-publishes',
        'run-cd-persists',
        'cmd-runs-at-build',
        'cache-only-checks-last-step',
      ]),
    );
  });

  test.each(misconceptions.map((m) => [m.id, m] as const))('%s: the simulator shows the truth', (_, m) => {
    const report = checkGoals(m.demo.shows, demoAttempt(m));
    const failed = report.results.filter((r) => !r.passed).map((r) => `${r.goal.description} → ${r.observed} ${r.explanation}`);
    expect(failed).toEqual([]);
  });
});
