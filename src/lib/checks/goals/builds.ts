/**
 * The builds a set of goals needs, each run once: the attempt itself, one build per `--target`
 * asked about, and build → edit → rebuild pairs for the cache goals. The engine is injected so the
 * checker stays pure and tests can count builds.
 */
import { createBuildCache, type BuildCache, type BuildInput, type BuildResult } from '../../build/index.ts';
import type { Attempt, ContextEdit } from './types.ts';

export type RunBuild = (input: BuildInput, cache: BuildCache) => BuildResult;

export interface Rebuild {
  first: BuildResult;
  second: BuildResult;
}

export interface BuildSession {
  main(): BuildResult;
  withTarget(target: string): BuildResult;
  afterEdit(edit: ContextEdit): Rebuild;
}

function inputOf(attempt: Attempt): BuildInput {
  const input: BuildInput = { dockerfile: attempt.dockerfile, context: attempt.context };
  if (attempt.target !== undefined) input.target = attempt.target;
  if (attempt.buildArgs !== undefined) input.buildArgs = attempt.buildArgs;
  return input;
}

export function createSession(attempt: Attempt, run: RunBuild): BuildSession {
  const memo = new Map<string, BuildResult | Rebuild>();
  const once = <T extends BuildResult | Rebuild>(key: string, make: () => T): T => {
    const known = memo.get(key);
    if (known !== undefined) return known as T;
    const made = make();
    memo.set(key, made);
    return made;
  };
  const base = inputOf(attempt);
  return {
    main: () => once('main', () => run(base, createBuildCache())),
    withTarget: (target) => once(`target\0${target}`, () => run({ ...base, target }, createBuildCache())),
    afterEdit: (edit) =>
      once(`edit\0${edit.path}\0${edit.content}`, () => {
        const cache = createBuildCache();
        const first = run(base, cache);
        const context = { ...attempt.context, [edit.path]: { ...attempt.context[edit.path], content: edit.content } };
        return { first, second: run({ ...base, context }, cache) };
      }),
  };
}
