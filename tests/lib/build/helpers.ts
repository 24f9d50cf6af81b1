/** Shared helpers for engine tests: build through the one entry point and show results compactly. */
import { build, createBuildCache, defaultDeps, type BuildCache, type BuildInput, type BuildResult, type ContextInput, type EngineDeps } from '../../../src/lib/build/index.ts';

export function buildText(
  dockerfile: string,
  context: ContextInput = {},
  options: Omit<BuildInput, 'dockerfile' | 'context'> = {},
  cache: BuildCache = createBuildCache(),
  deps: EngineDeps = defaultDeps,
): BuildResult {
  return build({ dockerfile, context, ...options }, cache, deps);
}

/** The final image's entries under `prefix`, one line each: `path type size uid:gid mode [-> target]`. */
export function filesUnder(result: BuildResult, prefix: string): string[] {
  return (result.image?.files ?? [])
    .filter((f) => f.path === prefix || f.path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))
    .map((f) => `${f.path} ${f.type} ${f.size} ${f.uid}:${f.gid} ${f.mode}${f.target === null ? '' : ` -> ${f.target}`}`);
}

/** Each step as `line keyword cached|miss(reason)|meta`. */
export function stepSummary(result: BuildResult): string[] {
  return result.stages.flatMap((s) =>
    s.steps.map((st) => `${s.name} ${st.line} ${st.instruction} ${st.vertex === null ? 'meta' : st.cached ? 'CACHED' : `miss(${st.cacheMiss ?? ''})`}`),
  );
}

export function errorsOf(result: BuildResult): { message: string; line: number | null }[] {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ message: d.message, line: d.line }));
}
