/**
 * Exercise goals judged on what the simulator built (src/lib/build), never on the Dockerfile's
 * text. Pure: the engine is injected (default: the real one).
 */
export type { Attempt, ContextEdit, Goal, GoalKind, GoalReport, GoalResult } from './types.ts';
export type { RunBuild } from './builds.ts';
export { checkGoals } from './check.ts';
export { exerciseAttempt } from './attempt.ts';
export { lookupPath, resolveUser, indexFiles } from './image-facts.ts';
