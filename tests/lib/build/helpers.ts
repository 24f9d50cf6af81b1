/** Shared helpers for engine tests: build through the one entry point and show results compactly. */
import { build, createBuildCache, defaultDeps, type BuildCache, type BuildInput, type BuildResult, type ContextInput, type EngineDeps, type RunRequest } from '../../../src/lib/build/index.ts';
import { writeFile } from '../../../src/lib/vfs/index.ts';

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

/**
 * A stand-in for the shell where a test is about the engine, not the shell: it records each request;
 * `write PATH TEXT` writes a file as the running user, `fail N` exits with N, anything else succeeds.
 */
export function fakeShell(): { deps: EngineDeps; calls: RunRequest[] } {
  const calls: RunRequest[] = [];
  const deps: EngineDeps = {
    ...defaultDeps,
    run(request) {
      calls.push(request);
      const script = request.argv[request.argv.length - 1] ?? '';
      const [cmd, path = '', ...text] = script.split(' ');
      if (cmd === 'fail') return { exitCode: Number(path), stdout: '', stderr: 'it failed\n', fs: request.fs, effects: [] };
      if (cmd === 'write') {
        const out = writeFile(request.fs, { cred: request.cred, cwd: request.cwd }, path, { content: text.join(' ') });
        if (!out.ok) return { exitCode: 1, stdout: '', stderr: `write: ${path}: ${out.error.message}\n`, fs: request.fs, effects: [] };
        return { exitCode: 0, stdout: `wrote ${path}\n`, stderr: '', fs: out.value, effects: [{ by: 'write', summary: `wrote ${path}` }] };
      }
      return { exitCode: 0, stdout: '', stderr: '', fs: request.fs, effects: [] };
    },
  };
  return { deps, calls };
}
