/**
 * Executes one planned stage: starts from its base (an image, or an earlier stage's result; ONBUILD
 * triggers of a base stage fire first), then runs every instruction over the vfs, one layer per
 * filesystem step, consulting the cache before doing any work.
 */
import type { Result, SourceRange } from '../diagnostics.ts';
import { expandWord, type EscapeToken, type Instruction } from '../dockerfile/index.ts';
import { DEFAULT_PATH } from '../images/index.ts';
import { diffTrees, lstat, mkdir, ROOT_CRED, type DirNode, type FsNode, type LayerDiff } from '../vfs/index.ts';
import { missReason, remember, stepKey, type BuildCache, type StepIdentity } from './cache.ts';
import type { BuildContext } from './context.ts';
import { applyCopy, planCopy, type CopySource } from './copy.ts';
import type { EngineDeps } from './engine-deps.ts';
import { diagnostic, messages } from './errors.ts';
import { hashText } from './hash.ts';
import { applyMetadata } from './metadata.ts';
import { absPath } from './paths.ts';
import type { StagePlan } from './plan.ts';
import { ProgressLog, stepPrefix } from './progress.ts';
import type { BuildDiagnostic, FileChange, ImageConfigView, StageResult, StepResult } from './result.ts';
import { executeRun } from './run.ts';
import { cloneConfig, envMap, setEnvEntry, type StageState } from './state.ts';
import { resolveUser } from './users.ts';

export interface ExecContext {
  deps: EngineDeps;
  cache: BuildCache;
  noCache: boolean;
  context: BuildContext;
  escapeToken: EscapeToken;
  buildArgs: Readonly<Record<string, string>>;
  /** Build secrets by id, for secret mounts. */
  secrets: Readonly<Record<string, string>>;
  globals: Readonly<Record<string, string>>;
  progress: ProgressLog;
  /** Finished stages by index. */
  states: Map<number, StageState>;
  /** Show stage names in progress (more than one stage in the file). */
  showNames: boolean;
  memo: WeakMap<FsNode, string>;
  /** Bytes each stage gave to others through COPY --from, for "left behind". */
  copiedFrom: Map<number, number>;
  /** Warnings found while building (CopyIgnoredFile), in order. */
  warnings: BuildDiagnostic[];
  /** Index of every stage by lower-case name, for COPY --from. */
  stageIndex: ReadonlyMap<string, number>;
}

export interface StageOutcome {
  result: StageResult;
  state: StageState | null;
  error: BuildDiagnostic | null;
}

const COMMENT = 'buildkit.dockerfile.v0';
/** The parent key of every `COPY --link` step: a linked copy does not build on the steps before it. */
const LINK_PARENT = 'link';

export function executeStage(plan: StagePlan, instructions: readonly Instruction[], fromRange: SourceRange, ctx: ExecContext): StageOutcome {
  const result: StageResult = {
    index: plan.index,
    name: plan.name,
    named: plan.named,
    base: plan.base,
    baseKind: plan.baseKind,
    baseStage: plan.baseStage,
    line: plan.line,
    status: 'built',
    reason: plan.reason,
    dependsOn: plan.dependsOn,
    steps: [],
    size: 0,
  };
  const started = startState(plan, fromRange, ctx);
  if (!started.ok) return { result: { ...result, status: 'failed' }, state: null, error: started.error };
  const { state, triggers, baseRef } = started.value;
  const all = [...triggers, ...instructions];
  const fsSteps = all.filter(isFsStep).length;
  const total = fsSteps + (baseRef === null ? 0 : 1);
  const label = ctx.showNames ? plan.name : null;
  let counter = 0;
  if (baseRef !== null) {
    const v = ctx.progress.start(`${stepPrefix(label, ++counter, total)}FROM ${baseRef}`, plan.index, plan.line);
    ctx.progress.done(v);
  }
  let anyMiss = false;
  for (let i = 0; i < all.length; i++) {
    const ins = all[i] as Instruction;
    const prefix = isFsStep(ins) ? stepPrefix(label, ++counter, total) : null;
    const step = executeStep(state, ins, prefix, `${plan.name}:${counter}`, ctx);
    result.steps.push(step.step);
    if (step.step.vertex !== null && !step.step.cached) anyMiss = true;
    if (step.error !== null) {
      for (const rest of all.slice(i + 1)) result.steps.push(notRun(rest));
      return { result: { ...result, status: 'failed' }, state: null, error: step.error };
    }
  }
  // A stage without filesystem steps (a bare `FROM x AS base`) counts as built: nothing to take from cache.
  result.status = anyMiss || fsSteps === 0 ? 'built' : 'cached';
  result.size = state.size;
  return { result, state, error: null };
}

/** Steps that are BuildKit vertices (`WORKDIR /` changes only the config, like ENV). */
const isFsStep = (ins: Instruction): boolean =>
  ins.keyword === 'RUN' || ins.keyword === 'COPY' || ins.keyword === 'ADD' || (ins.keyword === 'WORKDIR' && ins.path.value.trim() !== '/');

function startState(
  plan: StagePlan,
  fromRange: SourceRange,
  ctx: ExecContext,
): Result<{ state: StageState; triggers: Instruction[]; baseRef: string | null }, BuildDiagnostic> {
  if (plan.baseStage !== null) {
    const base = ctx.states.get(plan.baseStage);
    if (base === undefined) throw new Error(`build bug: stage ${plan.baseStage} not built before ${plan.index}`);
    const config = cloneConfig(base.config);
    // ONBUILD triggers fire in the stage built on this one and are not inherited further.
    const triggers = parseTriggers(config.OnBuild, plan.line, ctx);
    if (!triggers.ok) return triggers;
    config.OnBuild = [];
    const state: StageState = {
      ...base,
      index: plan.index,
      name: plan.name,
      config,
      env: new Map(base.env),
      args: new Map(base.args),
      history: [...base.history],
      origins: new Map(base.origins),
      cmdSet: false,
      ancestors: [base.index, ...base.ancestors],
    };
    return { ok: true, value: { state, triggers: triggers.value, baseRef: null } };
  }
  const loaded = ctx.deps.loadImage(plan.base);
  if (!loaded.ok) {
    const e = loaded.error;
    const message = e.code === 'InvalidReference' ? messages.badReference(plan.base, e.message) : e.message;
    return { ok: false, error: diagnostic('image-not-found', message, fromRange, e.hint) };
  }
  const image = loaded.value;
  const config: ImageConfigView = {
    User: image.config.User,
    WorkingDir: image.config.WorkingDir,
    Env: [...image.config.Env],
    Cmd: image.config.Cmd === null ? null : [...image.config.Cmd],
    Entrypoint: image.config.Entrypoint === null ? null : [...image.config.Entrypoint],
    ExposedPorts: [...image.config.ExposedPorts],
    Labels: { ...image.config.Labels },
    Volumes: [...image.config.Volumes],
    StopSignal: image.config.StopSignal ?? null,
    Healthcheck: image.config.Healthcheck === undefined ? null : { ...image.config.Healthcheck },
    Shell: image.config.Shell === undefined ? null : [...image.config.Shell],
    OnBuild: [],
  };
  if (!config.Env.some((e) => e.startsWith('PATH='))) setEnvEntry(config.Env, 'PATH', DEFAULT_PATH);
  const triggers = parseTriggers(image.config.OnBuild ?? [], plan.line, ctx);
  if (!triggers.ok) return triggers;
  const history = image.history.map((h) => ({ createdBy: h.createdBy, emptyLayer: h.emptyLayer, size: h.size, comment: '' }));
  const state: StageState = {
    index: plan.index,
    name: plan.name,
    fs: image.rootfs,
    config,
    env: envMap(config.Env),
    args: new Map(),
    history,
    layers: history.filter((h) => !h.emptyLayer).length,
    size: image.size,
    key: hashText(`from:${image.ref}`),
    missed: false,
    cmdSet: false,
    origins: new Map(),
    baseSizeSource: image.sizeSource,
    rootImage: { ref: image.ref, size: image.size, rootfs: image.rootfs },
    ancestors: [],
  };
  return { ok: true, value: { state, triggers: triggers.value, baseRef: image.ref === 'scratch' ? null : image.ref } };
}

/** Trigger texts are parsed as instructions; they run with the FROM line's number. */
function parseTriggers(texts: readonly string[], line: number, ctx: ExecContext): Result<Instruction[], BuildDiagnostic> {
  if (texts.length === 0) return { ok: true, value: [] };
  const parsed = ctx.deps.parse(`FROM scratch\n${texts.join('\n')}\n`);
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (error !== undefined) return { ok: false, error: diagnostic(error.code, error.message, { line, column: 1, endLine: line, endColumn: 1 }) };
  const ins = parsed.stages[0]?.instructions ?? [];
  return { ok: true, value: ins.map((i) => ({ ...i, range: { ...i.range, line, endLine: line } })) };
}

interface StepOutcome {
  step: StepResult;
  error: BuildDiagnostic | null;
}

function baseStep(ins: Instruction, text: string): StepResult {
  return {
    line: ins.range.line,
    endLine: ins.range.endLine,
    keyword: ins.keyword,
    instruction: text,
    status: 'done',
    cached: false,
    cacheMiss: null,
    emptyLayer: true,
    size: 0,
    changes: [],
    effects: [],
    stdout: '',
    stderr: '',
    exitCode: null,
    createdBy: '',
    vertex: null,
  };
}

/** The instruction as progress shows it: builder-side variables expanded, quotes kept. */
function displayText(state: StageState, ins: Instruction, ctx: ExecContext): string {
  const r = expandWord(ins.original, state.env, { escapeToken: ctx.escapeToken, rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  const text = r.ok ? r.value.value : ins.original;
  return text.replace(/^\s*\S+/, (k) => k.toUpperCase());
}

function notRun(ins: Instruction): StepResult {
  return { ...baseStep(ins, ins.original.replace(/^\s*\S+/, (k) => k.toUpperCase())), status: 'not-run' };
}

function executeStep(state: StageState, ins: Instruction, prefix: string | null, slot: string, ctx: ExecContext): StepOutcome {
  const text = displayText(state, ins, ctx);
  const step = baseStep(ins, text);
  if (prefix === null) {
    const meta = applyMetadata(state, ins, { escapeToken: ctx.escapeToken, buildArgs: ctx.buildArgs, globals: ctx.globals });
    if (meta === null) return { step, error: null };
    if (!meta.ok) return { step: { ...step, status: 'failed' }, error: meta.error };
    if (meta.value.createdBy !== null) {
      step.createdBy = meta.value.createdBy;
      state.history.push({ createdBy: meta.value.createdBy, emptyLayer: true, size: 0, comment: COMMENT });
    }
    return { step, error: null };
  }
  const vertex = ctx.progress.start(prefix + text, state.index, ins.range.line);
  step.vertex = vertex;
  const fail = (error: BuildDiagnostic, extra: Partial<StepResult> = {}): StepOutcome => {
    ctx.progress.error(vertex, error.message);
    return { step: { ...step, ...extra, status: 'failed' }, error };
  };
  const prepared = prepare(state, ins, ctx);
  if (!prepared.ok) return fail(prepared.error);
  const { createdBy, apply, emptyLayer } = prepared.value;
  const identity = { ...prepared.value.identity, slot };
  step.createdBy = createdBy;
  if (emptyLayer) {
    state.history.push({ createdBy, emptyLayer: true, size: 0, comment: COMMENT });
    step.vertex = vertex;
    ctx.progress.done(vertex);
    return { step, error: null };
  }
  // COPY --link copies onto an empty layer that is then merged: its key does not depend on the
  // steps before it, so it stays cached when they change (only the cheap merge is redone).
  const linked = (ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.link;
  const parent = linked ? LINK_PARENT : state.key;
  const key = stepKey(parent, identity);
  const hit = ctx.noCache ? undefined : ctx.cache.steps.get(key);
  let layer: { fs: DirNode; size: number; changes: FileChange[]; stdout: string; stderr: string; effects: StepResult['effects'] };
  const replay = hit !== undefined && linked ? apply() : undefined;
  if (hit !== undefined && (replay === undefined || replay.ok)) {
    layer = replay?.ok ? { ...hit, fs: replay.value.fs } : hit;
    step.cached = true;
    step.status = 'cached';
    ctx.progress.cached(vertex);
  } else {
    step.cacheMiss = missReason(ctx.cache, parent, identity, state.missed, ctx.noCache);
    state.missed = true;
    const applied = apply();
    if (!applied.ok) {
      if (applied.output !== undefined) {
        if (applied.output.stdout + applied.output.stderr !== '') ctx.progress.log(vertex, applied.output.stdout + applied.output.stderr);
        return fail(applied.error, { ...applied.output, exitCode: applied.output.exitCode });
      }
      return fail(applied.error);
    }
    const diff = withRewritten(diffTrees(state.fs, applied.value.fs), applied.value.fs, applied.value.written ?? []);
    layer = {
      fs: applied.value.fs,
      size: diff.size,
      changes: changesOf(diff),
      stdout: applied.value.stdout,
      stderr: applied.value.stderr,
      effects: applied.value.effects,
    };
    remember(ctx.cache, parent, identity, key, layer);
    if (layer.stdout + layer.stderr !== '') ctx.progress.log(vertex, layer.stdout + layer.stderr);
    ctx.progress.done(vertex);
  }
  state.key = linked ? stepKey(state.key, { ...identity, instruction: `merge ${key}` }) : key;
  state.fs = layer.fs;
  state.layers++;
  state.size += layer.size;
  state.history.push({ createdBy, emptyLayer: false, size: layer.size, comment: COMMENT });
  // Files a COPY --from brings are credited to the stage they come from.
  const fromName = ins.keyword === 'COPY' ? ins.from?.value.toLowerCase() : undefined;
  const fromIndex = fromName === undefined ? undefined : ctx.stageIndex.get(fromName) ?? numericStage(fromName);
  const sourceStage = fromIndex === undefined ? undefined : ctx.states.get(fromIndex)?.name;
  for (const c of layer.changes) {
    if (c.op === 'delete') state.origins.delete(c.path);
    else state.origins.set(c.path, { stage: sourceStage ?? state.name, line: ins.range.line });
  }
  Object.assign(step, {
    emptyLayer: false,
    size: layer.size,
    changes: layer.changes,
    stdout: layer.stdout,
    stderr: layer.stderr,
    effects: layer.effects,
    exitCode: ins.keyword === 'RUN' ? 0 : null,
  });
  return { step, error: null };
}

export interface AppliedStep {
  fs: DirNode;
  /** Paths the step wrote even if unchanged (COPY rewrites what it copies: they are in its layer). */
  written?: string[];
  stdout: string;
  stderr: string;
  effects: StepResult['effects'];
}

export type ApplyResult =
  | { ok: true; value: AppliedStep }
  | { ok: false; error: BuildDiagnostic; output?: { stdout: string; stderr: string; exitCode: number } };

export interface Prepared {
  identity: Omit<StepIdentity, 'slot'>;
  createdBy: string;
  emptyLayer: boolean;
  apply(): ApplyResult;
}

function prepare(state: StageState, ins: Instruction, ctx: ExecContext): Result<Prepared, BuildDiagnostic> {
  switch (ins.keyword) {
    case 'WORKDIR':
      return prepareWorkdir(state, ins.path.value, ins.range, ctx);
    case 'COPY':
    case 'ADD': {
      const source = copySource(state, ins, ctx);
      if (!source.ok) return source;
      const plan = planCopy(state, ins, source.value, ctx.escapeToken, ctx.memo);
      ctx.warnings.push(...(plan.ok ? plan.value.warnings : plan.warnings ?? []));
      if (!plan.ok) return plan;
      const fromIndex = ins.keyword === 'COPY' && ins.from !== undefined ? ctx.stageIndex.get(ins.from.value.toLowerCase()) ?? numericStage(ins.from.value) : undefined;
      return {
        ok: true,
        value: {
          // The resolved destination is part of the key: a relative one depends on WORKDIR.
          identity: { instruction: `${plan.value.createdBy} -> ${plan.value.dest}`, files: plan.value.contentHash, env: '' },
          createdBy: plan.value.createdBy,
          emptyLayer: false,
          apply: () => {
            const out = applyCopy(state.fs, plan.value);
            if (!out.ok) return { ok: false, error: diagnostic('copy-failed', out.error, ins.range) };
            if (fromIndex !== undefined) {
              const bytes = plan.value.items.reduce((n, it) => n + nodeBytesDeep(it.node), 0);
              ctx.copiedFrom.set(fromIndex, (ctx.copiedFrom.get(fromIndex) ?? 0) + bytes);
            }
            return { ok: true, value: { fs: out.value.fs, written: out.value.written, stdout: '', stderr: '', effects: plan.value.effects } };
          },
        },
      };
    }
    case 'RUN':
      return executeRun(state, ins, ctx);
    default:
      throw new Error(`build bug: ${ins.keyword} is not a filesystem step`);
  }
}

function numericStage(value: string): number | undefined {
  return /^[0-9]+$/.test(value) ? Number(value) : undefined;
}

function nodeBytesDeep(node: FsNode): number {
  if (node.kind === 'file') return node.size;
  if (node.kind === 'symlink') return 0;
  let n = node.summary?.bytes ?? 0;
  for (const c of node.children.values()) n += nodeBytesDeep(c);
  return n;
}

function prepareWorkdir(state: StageState, raw: string, range: SourceRange, ctx: ExecContext): Result<Prepared, BuildDiagnostic> {
  const expanded = expandWord(raw, state.env, { escapeToken: ctx.escapeToken });
  if (!expanded.ok) return { ok: false, error: diagnostic('expansion', expanded.error.message, range) };
  const path = absPath(state.config.WorkingDir || '/', expanded.value.value);
  state.config.WorkingDir = path;
  const createdBy = `WORKDIR ${path}`;
  const user = state.config.User;
  return {
    ok: true,
    value: {
      identity: { instruction: createdBy, files: '', env: user },
      createdBy,
      emptyLayer: path === '/',
      apply: () => {
        // The folder is created owned by the current USER (an existing one keeps its owner).
        let owner = { uid: 0, gid: 0 };
        if (user !== '') {
          const u = resolveUser(state.fs, user);
          if (!u.ok) return { ok: false, error: diagnostic('unknown-user', messages.unknownUser(u.name), range) };
          owner = { uid: u.value.uid, gid: u.value.gid };
        }
        const made = mkdir(state.fs, { cred: ROOT_CRED }, path, { parents: true, owner, mode: 0o755 });
        if (!made.ok) return { ok: false, error: diagnostic('workdir-failed', `mkdir ${path}: ${made.error.message}`, range) };
        return { ok: true, value: { fs: made.value, stdout: '', stderr: '', effects: [] } };
      },
    },
  };
}

function copySource(state: StageState, ins: Instruction & { keyword: 'COPY' | 'ADD' }, ctx: ExecContext): Result<CopySource, BuildDiagnostic> {
  const none = new Map<string, DirNode>();
  if (ins.keyword === 'ADD' || ins.from === undefined) {
    return { ok: true, value: { tree: ctx.context.root, fromContext: true, excludes: ctx.context.excludes, archives: ctx.context.archives } };
  }
  const from = ins.from.value;
  const index = ctx.stageIndex.get(from.toLowerCase()) ?? numericStage(from);
  if (index !== undefined) {
    const source = ctx.states.get(index);
    if (source === undefined) throw new Error(`build bug: stage ${index} not built before ${state.index}`);
    return { ok: true, value: { tree: source.fs, fromContext: false, excludes: () => false, archives: none } };
  }
  const image = ctx.deps.loadImage(from);
  if (!image.ok) {
    const e = image.error;
    const message = e.code === 'InvalidReference' ? messages.badReference(from, e.message) : e.message;
    return { ok: false, error: diagnostic('image-not-found', message, ins.from.range, e.hint) };
  }
  return { ok: true, value: { tree: image.value.rootfs, fromContext: false, excludes: () => false, archives: none } };
}

/** The diff plus the written paths it does not list (rewritten unchanged), in path order. */
function withRewritten(diff: LayerDiff, fs: DirNode, written: readonly string[]): LayerDiff {
  if (written.length === 0) return diff;
  const listed = new Set(diff.entries.map((e) => e.path));
  const extra: LayerDiff['entries'] = [];
  let size = diff.size;
  for (const path of written) {
    if (listed.has(path)) continue;
    const n = lstat(fs, { cred: ROOT_CRED }, path);
    if (!n.ok) continue;
    listed.add(path);
    extra.push({ path, op: 'modify', node: n.value });
    if (n.value.kind === 'file') size += n.value.size;
  }
  if (extra.length === 0) return diff;
  const entries = [...diff.entries, ...extra].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entries, size };
}

function changesOf(diff: LayerDiff): FileChange[] {
  return diff.entries.map((e) => {
    const n = e.node;
    if (n === undefined) return { path: e.path, op: e.op, type: null, size: 0, uid: null, gid: null, mode: null };
    return {
      path: e.path,
      op: e.op,
      type: n.kind,
      size: n.kind === 'file' ? n.size : n.kind === 'dir' ? n.summary?.bytes ?? 0 : 0,
      uid: n.uid,
      gid: n.gid,
      mode: octal(n.mode),
    };
  });
}

export const octal = (mode: number): string => '0' + (mode & 0o7777).toString(8).padStart(3, '0');
