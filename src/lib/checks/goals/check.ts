/** `checkGoals`: every goal of an exercise judged on the builds of one attempt. */
import { build as engineBuild } from '../../build/index.ts';
import { createSession, type RunBuild } from './builds.ts';
import { evaluateGoal } from './evaluate.ts';
import type { Attempt, Goal, GoalReport } from './types.ts';

export function checkGoals(goals: readonly Goal[], attempt: Attempt, run: RunBuild = (input, cache) => engineBuild(input, cache)): GoalReport {
  const session = createSession(attempt, run);
  const results = goals.map((goal) => ({ goal, ...evaluateGoal(goal, session) }));
  return { passed: results.every((r) => r.passed), results, build: session.main() };
}
