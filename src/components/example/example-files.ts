/**
 * A lesson example's folder (src/content/examples/<lesson>/<example>/): its Dockerfile and build
 * context, read from disk at build time, and the simulator's builds of it. The <Example> component
 * and the content tests both go through here, so the page shows exactly what the tests checked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, createBuildCache, type BuildCache, type BuildResult, type BuilderKind, type ContextInput } from '../../lib/build/index.ts';
import type { Result } from '../../lib/diagnostics.ts';

export interface ExampleFiles {
  dockerfile: string;
  /** context/ as the engine takes it: relative path → text (and mode 0755 for executables). */
  context: ContextInput;
}

/** The build options an example's claims.yaml may set. */
export interface ExampleOptions {
  target?: string | undefined;
  builder?: BuilderKind | undefined;
  buildArgs?: Readonly<Record<string, string>> | undefined;
  /** `--secret` contents by id: shown to `RUN --mount=type=secret` only, never part of the context. */
  secrets?: Readonly<Record<string, string>> | undefined;
  edit?: { path: string; content: string } | undefined;
}

export interface ExampleBuild {
  result: BuildResult;
  /** The second build after `edit`, with the first build's cache; null without an edit. */
  rebuild: BuildResult | null;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

const exists = (path: string, kind: 'file' | 'dir') => {
  try {
    const stat = statSync(path);
    return kind === 'file' ? stat.isFile() : stat.isDirectory();
  } catch {
    return false;
  }
};

/**
 * Git cannot keep a folder named `.git` inside the repository, so an example context stores it as
 * `dot.git`; the build context gets the real name back.
 */
const fromStoredName = (segment: string): string => (segment === 'dot.git' ? '.git' : segment);

/** Reads `dir`'s Dockerfile and context/ (an example may have no context folder: nothing to copy). */
export function readExampleFiles(dir: string): Result<ExampleFiles, string> {
  const dockerfilePath = join(dir, 'Dockerfile');
  if (!exists(dockerfilePath, 'file')) return { ok: false, error: `${dir}: missing Dockerfile` };
  const contextDir = join(dir, 'context');
  const context: Record<string, { content: string; mode?: number }> = {};
  if (exists(contextDir, 'dir')) {
    for (const path of listFiles(contextDir).sort()) {
      const key = relative(contextDir, path).split(/[\\/]/).map(fromStoredName).join('/');
      // Git keeps the executable bit, so a script marked +x in the repo is 0755 in the context too.
      const executable = (statSync(path).mode & 0o111) !== 0;
      context[key] = executable ? { content: readFileSync(path, 'utf8'), mode: 0o755 } : { content: readFileSync(path, 'utf8') };
    }
  }
  return { ok: true, value: { dockerfile: readFileSync(dockerfilePath, 'utf8'), context } };
}

/**
 * Builds the example as its options say; `override` switches the target or the builder (claims about
 * other targets). `cache` receives every step's filesystem (claims that look inside the layers).
 */
export function buildExample(
  files: ExampleFiles,
  options: ExampleOptions,
  override: { target?: string | undefined; builder?: BuilderKind | undefined } = {},
  cache: BuildCache = createBuildCache(),
): ExampleBuild {
  const target = override.target ?? options.target;
  const builder = override.builder ?? options.builder;
  const input = {
    dockerfile: files.dockerfile,
    context: files.context,
    ...(target === undefined ? {} : { target }),
    ...(options.buildArgs === undefined ? {} : { buildArgs: options.buildArgs }),
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    ...(builder === undefined ? {} : { builder }),
  };
  const result = build(input, cache);
  if (options.edit === undefined) return { result, rebuild: null };
  const edited = { ...files.context, [options.edit.path]: { content: options.edit.content } };
  return { result, rebuild: build({ ...input, context: edited }, cache) };
}
