/** An exercise attempt as the checker takes it: the context's text files, with the learner's edits. */
import type { ContextInput } from '../../build/index.ts';
import type { Attempt } from './types.ts';

/**
 * `context` is the exercise's context folder (path → text); `edited` replaces or adds the files the
 * learner may edit (e.g. `.dockerignore`).
 */
export function exerciseAttempt(
  context: Readonly<Record<string, string>>,
  dockerfile: string,
  edited: Readonly<Record<string, string>> = {},
): Attempt {
  const files: Record<string, { content: string }> = {};
  for (const [path, content] of Object.entries({ ...context, ...edited })) files[path] = { content };
  return { dockerfile, context: files satisfies ContextInput };
}
