/**
 * Plan: the stage graph (FROM <stage>, COPY --from, RUN --mount=from=, ONBUILD-introduced edges),
 * the target, and which stages run. BuildKit runs only what the target reaches; the legacy builder
 * runs every stage up to the target. The plan is data the UI draws before anything executes.
 */
import type { Result, SourceRange } from '../diagnostics.ts';
import { expandWord, suggest, type Instruction, type ParseResult, type Stage } from '../dockerfile/index.ts';
import { diagnostic, messages } from './errors.ts';
import type { BuildDiagnostic, BuilderKind, BuildPlan, StageDependency, StageIdentity } from './result.ts';

export interface PlanOptions {
  builder: BuilderKind;
  target?: string | undefined;
  buildArgs: Readonly<Record<string, string>>;
}

export interface StagePlan extends StageIdentity {
  dependsOn: Edge[];
  willBuild: boolean;
  reason: string | null;
}

/** A dependency plus, for stage references, how it was written and where (for order errors). */
export interface Edge extends StageDependency {
  written?: string;
  range?: SourceRange;
}

export interface Plan {
  stages: StagePlan[];
  target: number;
  order: number[];
  /** Values of the global (pre-FROM) ARGs and the automatic platform args. */
  globals: Record<string, string>;
  view: BuildPlan;
}

/** The automatic platform args BuildKit defines (one simulated platform: linux/amd64). */
export function automaticArgs(targetStage: string): Record<string, string> {
  const platform = { OS: 'linux', ARCH: 'amd64', VARIANT: '', OSVERSION: '' };
  const out: Record<string, string> = { BUILDPLATFORM: 'linux/amd64', TARGETPLATFORM: 'linux/amd64' };
  for (const [k, v] of Object.entries(platform)) {
    out[`BUILD${k}`] = v;
    out[`TARGET${k}`] = v;
  }
  out['TARGETSTAGE'] = targetStage;
  return out;
}

export function stageLabel(stage: Stage): string {
  return stage.name ?? `stage-${stage.index}`;
}

export function planStages(parsed: ParseResult, options: PlanOptions): Result<Plan, BuildDiagnostic> {
  const stages = parsed.stages;
  if (stages.length === 0) return fail('no-stages', messages.noStages, undefined);
  const targetIndex = findTarget(stages, options);
  if (!targetIndex.ok) return targetIndex;
  const target = stages[targetIndex.value] as Stage;
  const globals = globalArgs(parsed, options.buildArgs, options.target ?? stageLabelOrDefault(stages));
  if (!globals.ok) return globals;

  const plans: StagePlan[] = [];
  for (const stage of stages) {
    const p = planStage(stage, stages, plans, globals.value);
    if (!p.ok) return p;
    plans.push(p.value);
  }
  if (options.builder === 'legacy') {
    const seen = new Set<string>();
    for (const s of stages) {
      if (s.name === null) continue;
      if (seen.has(s.name)) return fail('duplicate-stage-name', messages.legacyDuplicateName(s.name), s.from.range);
      seen.add(s.name);
    }
  }

  const cycle = findCycle(plans);
  if (cycle !== null) return fail('circular-dependency', messages.circular(cycle), undefined);
  const reachable = reachableFrom(targetIndex.value, plans);
  // Order is checked only for stages that will run, as BuildKit checks it while dispatching them.
  for (const p of plans) {
    if (!reachable.has(p.index) && options.builder === 'buildkit') continue;
    if (options.builder === 'legacy' && p.index > targetIndex.value) continue;
    const later = p.dependsOn.find((d) => d.stage !== null && d.stage > p.index);
    if (later === undefined) continue;
    const ref = later.written ?? '';
    const message = later.kind === 'mount-from' ? messages.mountFromLater(ref, p.name) : messages.copyFromLater(ref, p.name);
    return fail('stage-defined-later', message, later.range);
  }
  const targetName = stageLabel(target);
  for (const p of plans) {
    if (options.builder === 'legacy') {
      p.willBuild = p.index <= targetIndex.value;
      p.reason = p.index > targetIndex.value
        ? `after target "${targetName}": the legacy builder stops at the target`
        : reachable.has(p.index) ? null : `not needed by target "${targetName}", but the legacy builder builds every stage up to the target`;
    } else {
      p.willBuild = reachable.has(p.index);
      p.reason = p.willBuild ? null : `not needed by target "${targetName}"`;
    }
  }
  for (const p of plans) p.dependsOn = p.dependsOn.map(({ kind, stage, image, line }) => ({ kind, stage, image, line }));
  const order = plans.filter((p) => p.willBuild).map((p) => p.index);
  const view: BuildPlan = {
    builder: options.builder,
    target: { index: targetIndex.value, name: targetName },
    stages: plans.map((p) => ({
      index: p.index,
      name: p.name,
      base: p.base,
      line: p.line,
      willBuild: p.willBuild,
      reason: p.reason,
      dependsOn: p.dependsOn,
    })),
    order,
  };
  return { ok: true, value: { stages: plans, target: targetIndex.value, order, globals: globals.value, view } };
}

function stageLabelOrDefault(stages: readonly Stage[]): string {
  const last = stages[stages.length - 1];
  return last?.name ?? 'default';
}

function fail(code: string, message: string, range: SourceRange | undefined): { ok: false; error: BuildDiagnostic } {
  return { ok: false, error: diagnostic(code, message, range, undefined, 'error', 'plan') };
}

function findTarget(stages: readonly Stage[], options: PlanOptions): Result<number, BuildDiagnostic> {
  if (options.target === undefined || options.target === '') return { ok: true, value: stages.length - 1 };
  const wanted = options.target.toLowerCase();
  // The last stage of a duplicated name wins, as in BuildKit's name map.
  let found = -1;
  for (const s of stages) if (s.name === wanted) found = s.index;
  if (found >= 0) return { ok: true, value: found };
  if (options.builder === 'legacy') return fail('target-not-found', messages.legacyTargetNotFound(options.target), undefined);
  const names = stages.flatMap((s) => (s.name === null ? [] : [s.name]));
  return fail('target-not-found', messages.targetNotFound(options.target, suggest(options.target, names, false)), undefined);
}

/** Global ARGs in order: a --build-arg replaces the default, else the default expands with earlier globals. */
function globalArgs(
  parsed: ParseResult,
  buildArgs: Readonly<Record<string, string>>,
  targetStage: string,
): Result<Record<string, string>, BuildDiagnostic> {
  const values: Record<string, string> = automaticArgs(targetStage);
  for (const arg of parsed.metaArgs) {
    for (const def of arg.args) {
      const given = buildArgs[def.key];
      if (given !== undefined) values[def.key] = given;
      else if (def.value !== undefined) {
        const r = expandWord(def.value, values, { escapeToken: parsed.escapeToken });
        if (!r.ok) return fail('expansion', r.error.message, def.range);
        values[def.key] = r.value.value;
      }
    }
  }
  return { ok: true, value: values };
}

function planStage(
  stage: Stage,
  stages: readonly Stage[],
  earlier: readonly StagePlan[],
  globals: Record<string, string>,
): Result<StagePlan, BuildDiagnostic> {
  const expanded = expandWord(stage.baseImage, globals);
  if (!expanded.ok) return fail('expansion', expanded.error.message, stage.baseRange);
  const base = expanded.value.value;
  if (base === '') return fail('blank-base', messages.blankBase(stage.baseImage), stage.baseRange);
  // FROM <name> means a stage only when an earlier stage has exactly that (lower-case) name.
  let baseStage: number | null = null;
  for (const p of earlier) if (p.named && p.name === base) baseStage = p.index;
  const deps: Edge[] = [];
  const line = stage.from.range.line;
  if (baseStage !== null) deps.push({ kind: 'from', stage: baseStage, image: null, line });
  const instructions = [...stage.instructions, ...onbuildTriggers(baseStage, stages, line)];
  for (const ins of instructions) {
    const refs = stageRefs(ins);
    for (const ref of refs) {
      const dep = resolveRef(ref.value, ref.kind, stages, ref.range);
      if (!dep.ok) return dep;
      if (!deps.some((d) => d.kind === dep.value.kind && d.stage === dep.value.stage && d.image === dep.value.image)) {
        deps.push({ ...dep.value, line: ins.range.line });
      }
    }
  }
  return {
    ok: true,
    value: {
      index: stage.index,
      name: stageLabel(stage),
      named: stage.name !== null,
      base,
      baseKind: baseStage !== null ? 'stage' : base === 'scratch' ? 'scratch' : 'image',
      baseStage,
      line,
      dependsOn: deps,
      willBuild: false,
      reason: null,
    },
  };
}

/** ONBUILD triggers of a base stage run in the stage built on it, so their COPY --from are edges too. */
function onbuildTriggers(baseStage: number | null, stages: readonly Stage[], line: number): Instruction[] {
  if (baseStage === null) return [];
  const base = stages[baseStage];
  if (base === undefined) return [];
  return base.instructions.flatMap((i) =>
    i.keyword === 'ONBUILD' && i.trigger !== null ? [{ ...i.trigger, range: { ...i.trigger.range, line } }] : [],
  );
}

interface Ref {
  value: string;
  kind: 'copy-from' | 'mount-from';
  range: SourceRange;
}

function stageRefs(ins: Instruction): Ref[] {
  if (ins.keyword === 'COPY' && ins.from !== undefined) {
    return [{ value: ins.from.value, kind: 'copy-from', range: ins.from.range }];
  }
  if (ins.keyword === 'RUN') {
    return ins.mounts.flatMap((m) => {
      const from = m.fields['from'];
      return from === undefined || from === '' ? [] : [{ value: from, kind: 'mount-from' as const, range: m.range }];
    });
  }
  return [];
}

function resolveRef(
  value: string,
  kind: 'copy-from' | 'mount-from',
  stages: readonly Stage[],
  range: SourceRange,
): Result<Edge, BuildDiagnostic> {
  if (kind === 'copy-from' && value.includes('$')) return fail('from-variable', messages.fromVariable, range);
  const lower = value.toLowerCase();
  let index = -1;
  for (const s of stages) if (s.name === lower) index = s.index;
  if (index < 0 && /^[0-9]+$/.test(value)) {
    index = Number(value);
    if (index >= stages.length) return fail('invalid-stage-index', messages.invalidStageIndex(value), range);
  }
  if (index < 0) return { ok: true, value: { kind, stage: null, image: value, line: range.line } };
  return { ok: true, value: { kind, stage: index, image: null, line: range.line, written: value, range } };
}

/** The first stage found on a dependency cycle (depth-first from stage 0), or null. */
function findCycle(plans: readonly StagePlan[]): string | null {
  const state = new Map<number, 'open' | 'done'>();
  const visit = (i: number): string | null => {
    const st = state.get(i);
    if (st === 'open') return plans[i]?.name ?? null;
    if (st === 'done') return null;
    state.set(i, 'open');
    for (const d of plans[i]?.dependsOn ?? []) {
      if (d.stage === null) continue;
      const found = visit(d.stage);
      if (found !== null) return found;
    }
    state.set(i, 'done');
    return null;
  };
  for (const p of plans) {
    const found = visit(p.index);
    if (found !== null) return found;
  }
  return null;
}

function reachableFrom(target: number, plans: readonly StagePlan[]): Set<number> {
  const out = new Set<number>();
  const stack = [target];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    if (out.has(s)) continue;
    out.add(s);
    for (const d of plans[s]?.dependsOn ?? []) if (d.stage !== null) stack.push(d.stage);
  }
  return out;
}
