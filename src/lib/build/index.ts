/**
 * The build engine: `build(input, cache?)` runs a Dockerfile over a build context the way Docker
 * with BuildKit does and returns a plain, serializable BuildResult. Views, the CLI and the checks
 * only read that result.
 */
import { parseDockerfile } from '../dockerfile/index.ts';
import { loadBaseImage } from '../images/index.ts';
import { runBuild, type BuildInput } from './build.ts';
export { normaliseTag } from './build.ts';
import { createBuildCache, type BuildCache } from './cache.ts';
import type { EngineDeps } from './engine-deps.ts';
import type { BuildResult } from './result.ts';
import { runWithShell } from './shell-runner.ts';

export type * from './result.ts';
export type { BuildInput } from './build.ts';
export type { BuildCache } from './cache.ts';
export type { ContextFileInput, ContextInput } from './context.ts';
export type { EngineDeps, RunOutcome, RunRequest } from './engine-deps.ts';
export { createBuildCache } from './cache.ts';
export { serializeCache, deserializeCache, type CacheJson } from './cache-json.ts';
export { formatProgress, humanSize } from './progress.ts';
export { digestOf, hashText } from './hash.ts';
export { compilePatterns, isIgnored, readIgnoreFile } from './dockerignore.ts';
export { envMap } from './state.ts';

/** The real neighbours: the Dockerfile parser, the image catalogue and the shell. */
export const defaultDeps: EngineDeps = {
  parse: (text) => parseDockerfile(text),
  loadImage: loadBaseImage,
  run: runWithShell,
};

/**
 * Builds `input`. Pass the same `cache` to later builds of the session to get cache hits
 * (a fresh one each time is a cold build); `deps` replaces the parser, images or shell (tests).
 */
export function build(input: BuildInput, cache: BuildCache = createBuildCache(), deps: EngineDeps = defaultDeps): BuildResult {
  return runBuild(input, cache, deps);
}
