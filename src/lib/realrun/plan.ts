/**
 * `planRealRun`: what running an image for real means, decided before anything runs. The engine
 * supplies the facts (the build, each needed stage's files, the progress labels, the base images);
 * this module maps them onto stage folders in the container and says what cannot be replayed.
 */
import { build, envMap, type BuildResult, type ImageFile } from '../build/index.ts';
import type { Result } from '../diagnostics.ts';
import { parseDockerfile, type ParseResult } from '../dockerfile/index.ts';
import { loadBaseImage } from '../images/index.ts';
import { inStage, pathRewriter } from './folders.ts';
import { lookupInFiles, lookupInTree } from './image-lookup.ts';
import { realRunNotes } from './notes.ts';
import { containerEnv, metaArgValues, StageScope } from './scope.ts';
import { replayStage, type StageReplay } from './stage-replay.ts';
import { resolveStart, type ContainerCommand, type StartArgv } from './start.ts';
import type { RealCommand, RealRunPlan, RealRunRequest, RealStep } from './types.ts';

type Recipe = NonNullable<RealRunRequest['recipe']>;

/** The folder of a catalogue image run without a build: it is stage 0 of `FROM <image>`. */
const CATALOGUE_STAGE = 'stage-0';

export function planRealRun(request: RealRunRequest): Result<RealRunPlan, string> {
  return request.recipe === null ? planCatalogueImage(request) : planBuiltImage(request, request.recipe);
}

/** A command of the container as the WebContainer runs it: the tool by its name, paths rewritten, in its stage folder. */
function realCommand(c: StartArgv, stage: string, rewrite: (arg: string) => string, env: Record<string, string>): RealCommand {
  const [program = 'node', ...args] = c.argv;
  return { command: program.slice(program.lastIndexOf('/') + 1), args: args.map(rewrite), cwd: inStage(stage, c.cwd), env: { ...env, ...c.env } };
}

/**
 * The container's command as the plan's start, and the commands a `sh -c "a && b"` runs before it
 * as one last run step (line 0: it is the container's command, not a Dockerfile line).
 */
function containerCommand(command: ContainerCommand, stage: string, rewrite: (arg: string) => string, env: Record<string, string>): { steps: RealStep[]; start: RealCommand; folders: Record<string, string> } {
  const before = command.before.map((c) => realCommand(c, stage, rewrite, env));
  const start = realCommand(command.start, stage, rewrite, env);
  const steps: RealStep[] = before.length === 0 ? [] : [{ kind: 'run', stage, line: 0, label: `[${stage}] ${command.shown}`, instruction: command.shown, commands: before }];
  return { steps, start, folders: Object.fromEntries([...before, start].map((c) => [`${c.cwd}/`, ''])) };
}

function planCatalogueImage(request: RealRunRequest): Result<RealRunPlan, string> {
  const image = loadBaseImage(request.image);
  if (!image.ok) return { ok: false, error: `${request.image} is not an image the simulator knows (${image.error.message}).` };
  const vars = envMap(request.env);
  const start = resolveStart(request.argv, { image: request.image, lookup: lookupInTree(image.value.rootfs), vars, workdir: request.workdir });
  if (!start.ok) return start;
  const command = containerCommand(start.value, CATALOGUE_STAGE, (arg) => arg, containerEnv(request.env, image.value.config.Env));
  return {
    ok: true,
    value: {
      image: request.image,
      files: { [`${CATALOGUE_STAGE}/`]: '', ...command.folders },
      steps: command.steps,
      start: command.start,
      simulatedCopies: [],
      notes: realRunNotes({ user: image.value.config.User, steps: [], extra: [] }),
    },
  };
}

/** The first error of a failed build, as one clause. */
function buildError(result: BuildResult): string {
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error === undefined) return 'it did not build';
  const message = (error.message.split('\n')[0] ?? '').replace(/\.$/, '');
  return error.line === null ? message : `line ${error.line}: ${message}`;
}

/** The stage indices the target needs (FROM, COPY --from, RUN --mount=from), in the engine's build order. */
function neededStages(result: BuildResult, target: number): number[] {
  const needed = new Set<number>();
  const visit = (index: number): void => {
    if (needed.has(index)) return;
    needed.add(index);
    for (const d of result.stages[index]?.dependsOn ?? []) if (d.stage !== null) visit(d.stage);
  };
  visit(target);
  return result.plan.order.filter((i) => needed.has(i));
}

/** The earlier stage `COPY --from=<from>` names (by index or case-insensitive name, the last of a name), or null for an image. */
function stageNamed(parsed: ParseResult, from: string, before: number): number | null {
  if (/^\d+$/.test(from)) return Number(from) < before ? Number(from) : null;
  const wanted = from.toLowerCase();
  let found: number | null = null;
  for (const s of parsed.stages) if (s.index < before && s.name === wanted) found = s.index;
  return found;
}

/** A stage on a base image starts with the image's ENV (for expansion) and WORKDIR; on scratch with nothing. */
function imageScope(ref: string | null, escapeToken: ParseResult['escapeToken']): StageScope {
  const image = ref === null ? null : loadBaseImage(ref);
  const config = image?.ok ? image.value.config : null;
  return new StageScope(envMap(config?.Env ?? []), new Map(), config === null || config.WorkingDir === '' ? '/' : config.WorkingDir, escapeToken);
}

/** The stage's own build (it as the target): its files at its end. An unnamed stage is the last of the text cut after it. */
function buildStage(recipe: Recipe, parsed: ParseResult, index: number, name: string, named: boolean): BuildResult {
  if (named) return build({ ...recipe, target: name });
  const { target: _target, ...rest } = recipe;
  const end = parsed.stages[index]?.range.endLine ?? 0;
  return build({ ...rest, dockerfile: recipe.dockerfile.split('\n').slice(0, end).join('\n') });
}

function planBuiltImage(request: RealRunRequest, recipe: Recipe): Result<RealRunPlan, string> {
  const result = build(recipe);
  const target = result.plan.target;
  if (!result.ok || result.image === null || target === null) return { ok: false, error: `${request.image} did not build (${buildError(result)}), so there is nothing to run for real.` };
  const finalStage = result.image.stage;
  const finalFiles = result.image.files;
  const base = loadBaseImage(result.image.base);
  const baseEnv = base.ok ? base.value.config.Env : [];
  const start = resolveStart(request.argv, { image: request.image, lookup: lookupInFiles(finalFiles), vars: envMap(request.env), workdir: request.workdir });
  if (!start.ok) return start;

  const parsed = parseDockerfile(recipe.dockerfile);
  const buildArgs = recipe.buildArgs ?? {};
  const metaValues = metaArgValues(parsed.metaArgs, buildArgs, parsed.escapeToken);
  const labels = new Map<number, string>();
  for (const e of result.progress) if (e.kind === 'start' && e.line !== null && e.stage !== null) labels.set(e.line, e.text);
  const stageFiles = new Map<number, readonly ImageFile[]>([[target.index, finalFiles]]);
  const scopes = new Map<number, StageScope>();
  const replays: StageReplay[] = [];
  const skippedRuns = new Set<number>();
  for (const index of neededStages(result, target.index)) {
    const stage = result.stages[index];
    const instructions = parsed.stages[index]?.instructions;
    if (stage === undefined || instructions === undefined) continue;
    let files = stageFiles.get(index);
    if (files === undefined) {
      const own = buildStage(recipe, parsed, index, stage.name, stage.named);
      if (!own.ok || own.image === null) return { ok: false, error: `${request.image}: stage ${stage.name} did not build on its own (${buildError(own)}), so it cannot be replayed.` };
      files = own.image.files;
      stageFiles.set(index, files);
    }
    const parentScope = stage.baseStage === null ? undefined : scopes.get(stage.baseStage);
    const scope = parentScope?.child() ?? imageScope(stage.baseKind === 'image' ? stage.base : null, parsed.escapeToken);
    replays.push(replayStage({
      stage,
      instructions,
      files,
      scope,
      parent: stage.baseStage === null ? null : (result.stages[stage.baseStage]?.name ?? null),
      label: (line) => labels.get(line) ?? null,
      copySource: (from) => {
        const source = stageNamed(parsed, from, index);
        if (source === null) return { image: from };
        return { stage: result.stages[source]?.name ?? '', files: stageFiles.get(source) ?? [] };
      },
      buildArgs,
      metaValues,
      root: request.root,
      skippedRuns,
    }));
    scopes.set(index, scope);
  }
  const command = containerCommand(start.value, finalStage, pathRewriter(finalStage, finalFiles, request.root), containerEnv(request.env, baseEnv));
  const steps: RealStep[] = [...replays.flatMap((r) => r.steps), ...command.steps];
  const final = replays.at(-1);
  const unmountable = replays.flatMap((r) => r.unmountable);
  const files: Record<string, string> = Object.assign({}, ...replays.map((r) => r.files), command.folders);
  return {
    ok: true,
    value: {
      image: request.image,
      files,
      steps,
      start: command.start,
      simulatedCopies: final?.simulated ?? [],
      notes: realRunNotes({
        user: result.image.config.User,
        steps,
        extra: [
          ...replays.flatMap((r) => r.notes),
          ...(unmountable.length === 0 ? [] : [`The simulator has no text for ${unmountable.join(', ')} from the build context, so ${unmountable.length === 1 ? 'it is' : 'they are'} not mounted.`]),
        ],
      }),
    },
  };
}
