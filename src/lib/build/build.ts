/**
 * `build(input, cache)`: parse → plan → execute → BuildResult. The one entry point of the engine;
 * everything it returns is plain JSON. Errors from user input end the build with `ok: false` and a
 * diagnostic carrying its line; nothing is thrown for them.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { parseImageRef } from '../images/index.ts';
import { createBuildCache, type BuildCache } from './cache.ts';
import { loadContext, type ContextInput } from './context.ts';
import type { EngineDeps } from './engine-deps.ts';
import { diagnostic, messages } from './errors.ts';
import { executeStage, type ExecContext } from './execute.ts';
import { finalImage, leftBehind } from './image.ts';
import { planStages } from './plan.ts';
import { humanSize, ProgressLog } from './progress.ts';
import type { BuildDiagnostic, BuilderKind, BuildPlan, BuildResult, StageResult } from './result.ts';
import type { StageState } from './state.ts';

export interface BuildInput {
  /** The Dockerfile text. */
  dockerfile: string;
  /** Its path in the context (`-f`), for `<name>.dockerignore` and messages; default `Dockerfile`. */
  dockerfilePath?: string;
  context: ContextInput;
  target?: string;
  buildArgs?: Readonly<Record<string, string>>;
  /**
   * Build secrets by id (`docker build --secret id=x,src=FILE`): shown to `RUN --mount=type=secret`
   * while the command runs, never written to a layer and not part of any cache key.
   */
  secrets?: Readonly<Record<string, string>>;
  builder?: BuilderKind;
  noCache?: boolean;
  /** `-t NAME`, normalised to `name:latest` when it has no tag. */
  tag?: string;
}

const withLine = (d: Diagnostic): BuildDiagnostic => ({ ...d, line: d.range?.line ?? null, phase: 'parse' });

export function runBuild(input: BuildInput, cache: BuildCache = createBuildCache(), deps: EngineDeps): BuildResult {
  const builder = input.builder ?? 'buildkit';
  const dockerfilePath = input.dockerfilePath ?? 'Dockerfile';
  const progress = new ProgressLog();
  const tag = input.tag === undefined ? null : normaliseTag(input.tag);
  const emptyPlan: BuildPlan = { builder, target: null, stages: [], order: [] };
  // Read first so that every result, even a parse failure, can show what the ignore file leaves out;
  // a bad pattern is still reported after the Dockerfile's own errors, where BuildKit reports it.
  const context = loadContext(input.context, dockerfilePath);
  const contextView = context.ok ? { ignoreFile: context.value.ignoreFile, ignored: context.value.ignored } : { ignoreFile: context.error.file, ignored: [] };
  const failed = (diagnostics: BuildDiagnostic[], plan = emptyPlan, stages: StageResult[] = []): BuildResult => ({
    ok: false, builder, diagnostics, plan, stages, image: null, progress: progress.events, leftBehind: [], tag, context: contextView,
  });

  progress.internal(`[internal] load build definition from ${dockerfilePath}`, [`transferring dockerfile: ${humanSize(new TextEncoder().encode(input.dockerfile).length)} done`]);
  const parsed = deps.parse(input.dockerfile);
  const diagnostics = parsed.diagnostics.map(withLine);
  const parseError = diagnostics.find((d) => d.severity === 'error');
  if (parseError !== undefined) return failed(diagnostics);

  const plan = planStages(parsed, { builder, target: input.target, buildArgs: input.buildArgs ?? {} });
  if (!plan.ok) return failed([...diagnostics, plan.error]);
  if (!context.ok) {
    const e = context.error;
    return failed([...diagnostics, diagnostic('dockerignore', messages.ignoreFile(e.message), undefined, undefined, 'error', 'plan')], plan.value.view);
  }
  const bases = new Set<string>();
  for (const index of plan.value.order) {
    const p = plan.value.stages[index];
    if (p === undefined) continue;
    // Base images and images named by COPY --from / RUN --mount=from are all resolved first.
    const images = [...(p.baseKind === 'image' ? [p.base] : []), ...p.dependsOn.flatMap((d) => (d.image === null ? [] : [d.image]))];
    for (const image of images) {
      const ref = parseImageRef(image);
      bases.add(ref.ok ? ref.value.canonical : image);
    }
  }
  for (const ref of bases) progress.internal(`[internal] load metadata for ${ref}`);
  progress.internal('[internal] load .dockerignore', [`transferring context: ${context.value.ignoreFile === null ? '2B' : humanSize(new TextEncoder().encode(input.context[context.value.ignoreFile]?.content ?? '').length)} done`]);
  progress.internal('[internal] load build context', [`transferring context: ${humanSize(context.value.bytes)} done`]);

  const stageIndex = new Map<string, number>();
  for (const s of parsed.stages) if (s.name !== null) stageIndex.set(s.name, s.index);
  const ctx: ExecContext = {
    deps,
    cache,
    noCache: input.noCache ?? false,
    context: context.value,
    escapeToken: parsed.escapeToken,
    buildArgs: input.buildArgs ?? {},
    secrets: input.secrets ?? {},
    globals: plan.value.globals,
    progress,
    states: new Map<number, StageState>(),
    showNames: parsed.stages.length > 1,
    memo: new WeakMap(),
    copiedFrom: new Map(),
    warnings: [],
    stageIndex,
  };
  const stages: StageResult[] = plan.value.stages.map((p) => ({
    index: p.index, name: p.name, named: p.named, base: p.base, baseKind: p.baseKind, baseStage: p.baseStage,
    line: p.line, status: 'skipped', reason: p.reason, dependsOn: p.dependsOn, steps: [], size: 0,
  }));
  for (const index of plan.value.order) {
    const stage = parsed.stages[index];
    const p = plan.value.stages[index];
    if (stage === undefined || p === undefined) throw new Error(`build bug: no stage ${index}`);
    const outcome = executeStage(p, stage.instructions, stage.baseRange, ctx);
    stages[index] = outcome.result;
    if (outcome.error !== null || outcome.state === null) {
      return failed([...diagnostics, ...ctx.warnings, ...(outcome.error === null ? [] : [outcome.error])], plan.value.view, stages);
    }
    ctx.states.set(index, outcome.state);
  }
  const target = ctx.states.get(plan.value.target);
  if (target === undefined) throw new Error('build bug: the target stage was not built');
  const v = progress.start('exporting to image');
  progress.detail(v, 'exporting layers done');
  if (tag !== null) progress.detail(v, `naming to docker.io/library/${tag} done`);
  progress.done(v);
  return {
    ok: true,
    builder,
    diagnostics: [...diagnostics, ...ctx.warnings],
    plan: plan.value.view,
    stages,
    image: finalImage(target, rootBase(plan.value.target, plan.value.stages)),
    progress: progress.events,
    leftBehind: leftBehind(ctx.states, target, ctx.copiedFrom),
    tag,
    context: contextView,
  };
}

/** The image a stage ultimately starts from, following FROM <stage> links. */
function rootBase(index: number, stages: readonly { base: string; baseStage: number | null }[]): string {
  let s = stages[index];
  while (s !== undefined && s.baseStage !== null) s = stages[s.baseStage];
  return s?.base ?? '';
}

/** `myapp` → `myapp:latest` (a tag is added when the last path part has none). */
export function normaliseTag(tag: string): string {
  const lastSlash = tag.lastIndexOf('/');
  return tag.slice(lastSlash + 1).includes(':') ? tag : `${tag}:latest`;
}
