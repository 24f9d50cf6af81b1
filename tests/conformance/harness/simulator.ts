/**
 * The simulator's side: builds a case with the engine's `build()` (src/lib/build/index.ts) and turns
 * its BuildResult into the same CaseObservation shape Docker's side produces.
 *
 * This is the one file that knows the engine's API. Until the engine exports `build`, loading fails
 * with a clear "engine not available yet" message and the suite fails (never passes silently).
 */
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Workspace, type BuildSpec, type CaseSpec, type ContextEntry } from './cases.ts';
import { classifyError } from './error-kinds.ts';
import { diffTrees, type Tree } from './image-tree.ts';
import type { BuildObservation, CaseObservation, StepObservation } from './observation.ts';
import { readTar, type TarEntry, type TarEntryType } from './tar.ts';
import type { ContextFileInput, ContextInput } from '../../../src/lib/build/context.ts';
import type { BuildResult, ImageFile } from '../../../src/lib/build/result.ts';

/** STAGECRAFT_SIMULATOR_MODULE points the suite at another module with the same API (harness checks). */
const ENGINE_INDEX = process.env['STAGECRAFT_SIMULATOR_MODULE'] ?? join(import.meta.dirname, '..', '..', '..', 'src', 'lib', 'build', 'index.ts');

/**
 * What the adapter needs from the engine module: `build(input, cache)` (BuildInput of
 * src/lib/build/build.ts) and `createBuildCache()` for a cache kept across the builds of one case.
 */
export interface EngineModule {
  build: (input: BuildInput, cache?: unknown) => BuildResult;
  createBuildCache?: () => unknown;
}

interface BuildInput {
  dockerfile: string;
  context: ContextInput;
  target?: string;
  buildArgs: Record<string, string>;
  noCache: boolean;
}

export async function loadEngine(): Promise<{ engine: EngineModule } | { unavailable: string }> {
  if (!existsSync(ENGINE_INDEX)) return { unavailable: `engine not available yet: ${ENGINE_INDEX} does not exist` };
  const mod = (await import(ENGINE_INDEX)) as Partial<EngineModule>;
  if (typeof mod.build !== 'function') return { unavailable: `engine not available yet: ${ENGINE_INDEX} exports no build()` };
  return { engine: mod as EngineModule };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(data: Uint8Array): string | null {
  try {
    return utf8.decode(data);
  } catch {
    return null;
  }
}

/** A local tar archive as the engine's declared file list (ADD extracts it). */
function archiveOf(path: string, data: Uint8Array): ContextInput | undefined {
  if (!/\.tar(\.gz)?$/.test(path)) return undefined;
  const entries = readTar(path.endsWith('.gz') ? gunzipSync(data) : data);
  const out: Record<string, ContextFileInput> = {};
  for (const e of entries) {
    if (e.path === '' || e.path === '.') continue;
    if (e.type === 'dir') out[`${e.path}/`] = { mode: e.mode };
    else if (e.type === 'symlink') out[e.path] = { symlink: e.linkTarget };
    else out[e.path] = { content: asText(e.data) ?? '', mode: e.mode };
  }
  return out;
}

/** The workspace's context in the engine's input shape (relative path → entry; `dir/` for folders). */
function contextOf(entries: ContextEntry[]): ContextInput {
  const out: Record<string, ContextFileInput> = {};
  for (const e of entries) {
    if (e.type === 'dir') { out[`${e.path}/`] = { mode: e.mode }; continue; }
    if (e.type === 'symlink') { out[e.path] = { symlink: e.target ?? '' }; continue; }
    const text = asText(e.data);
    const archive = archiveOf(e.path, e.data);
    out[e.path] = {
      mode: e.mode,
      ...(text !== null ? { content: text } : { size: e.data.length }),
      ...(archive ? { archive } : {}),
    };
  }
  return out;
}

const FILE_TYPES: Record<ImageFile['type'], TarEntryType> = { file: 'file', dir: 'dir', symlink: 'symlink' };

function treeOfFiles(files: ImageFile[]): Tree {
  const tree: Tree = new Map();
  for (const f of files) {
    const path = f.path.replace(/^\/+/, '');
    if (path === '') continue;
    tree.set(path, {
      path,
      type: FILE_TYPES[f.type],
      mode: parseInt(f.mode, 8),
      uid: f.uid,
      gid: f.gid,
      size: f.size,
      linkTarget: f.target ?? '',
      data: new TextEncoder().encode(f.content ?? ''),
    } satisfies TarEntry);
  }
  return tree;
}

function normaliseBase(ref: string): string {
  if (ref === 'scratch') return 'scratch';
  const short = ref.replace(/^docker\.io\/library\//, '');
  return short.includes(':') ? short : `${short}:latest`;
}

export class SimulatorObserver {
  private readonly bases = new Map<string, { tree: Tree; history: number }>();
  private readonly engine: EngineModule;

  constructor(engine: EngineModule) {
    this.engine = engine;
  }

  observe(spec: CaseSpec): CaseObservation {
    const cache = this.engine.createBuildCache?.();
    const ws = new Workspace(spec);
    try {
      const builds: BuildObservation[] = [];
      for (const build of spec.builds) {
        ws.apply(build.edits);
        builds.push(this.build(ws.dockerfile, contextOf(ws.files()), build, cache));
      }
      return { case: spec.name, engine: 'stagecraft simulator', builds };
    } finally {
      ws.dispose();
    }
  }

  private run(dockerfile: string, context: ContextInput, spec: BuildSpec, cache: unknown): BuildResult {
    const input: BuildInput = { dockerfile, context, buildArgs: spec.buildArgs ?? {}, noCache: spec.noCache ?? false };
    if (spec.target !== undefined) input.target = spec.target;
    return cache === undefined ? this.engine.build(input) : this.engine.build(input, cache);
  }

  /** The simulated base image's files and history length, from a build of `FROM <base>` alone. */
  private base(ref: string): { tree: Tree; history: number } {
    const known = this.bases.get(ref);
    if (known) return known;
    const result = this.run(`FROM ${ref}\n`, {}, {}, undefined);
    const base = { tree: treeOfFiles(result.image?.files ?? []), history: result.image?.history.length ?? 0 };
    this.bases.set(ref, base);
    return base;
  }

  private build(dockerfile: string, context: ContextInput, spec: BuildSpec, cache: unknown): BuildObservation {
    const result = this.run(dockerfile, context, spec, cache);
    if (!result.ok || !result.image) {
      const error = result.diagnostics.find((d) => d.severity === 'error') ?? result.diagnostics[0];
      const message = error?.message ?? 'failed without a diagnostic';
      return { ok: false, error: { kind: classifyError(message), line: error?.line ?? null, message }, stagesRan: [], steps: [], image: null };
    }
    const ran = result.stages.filter((s) => s.status !== 'skipped');
    const steps: StepObservation[] = ran.flatMap((stage) =>
      stage.steps
        .filter((step) => step.vertex !== null && step.status !== 'not-run')
        .map((step) => ({ stage: stage.name, line: step.line, instruction: step.instruction, cached: step.cached })));
    steps.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const baseRef = normaliseBase(result.image.base);
    const base = this.base(baseRef === 'scratch' ? 'scratch' : baseRef);
    const c = result.image.config;
    return {
      ok: true,
      error: null,
      stagesRan: ran.map((s) => s.name),
      steps,
      image: {
        base: baseRef,
        config: {
          User: c.User, WorkingDir: c.WorkingDir, Env: c.Env, Cmd: c.Cmd, Entrypoint: c.Entrypoint,
          ExposedPorts: [...c.ExposedPorts].sort(), Labels: c.Labels,
        },
        history: result.image.history.slice(base.history).map((h) => ({ createdBy: h.createdBy, emptyLayer: h.emptyLayer })),
        files: diffTrees(base.tree, treeOfFiles(result.image.files)),
      },
    };
  }
}

