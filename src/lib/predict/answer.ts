/**
 * Computes a predict question's choices from the simulator: every right answer and every
 * explanation comes from a BuildResult, never from the question's author.
 */
import { build, createBuildCache, type BuildInput, type BuildResult, type StageResult, type StepResult } from '../build/index.ts';
import { indexFiles, lookupPath, resolveUser } from '../checks/goals/index.ts';
import type { Result } from '../diagnostics.ts';
import type { PredictAsk, PredictedQuestion, PredictSpec } from './types.ts';

const code = (text: string) => `\`${text.replaceAll('`', "'")}\``;

function inputOf(spec: PredictSpec, target?: string): BuildInput {
  const context = Object.fromEntries(Object.entries(spec.context).map(([path, content]) => [path, { content }]));
  return target === undefined ? { dockerfile: spec.dockerfile, context } : { dockerfile: spec.dockerfile, context, target };
}

function failure(result: BuildResult): string {
  const error = result.diagnostics.find((d) => d.severity === 'error');
  return `the simulator could not build the question's Dockerfile: ${error ? `line ${error.line ?? '?'}: ${error.message}` : 'unknown error'}`;
}

/** The target stage and the stages it is built FROM, nearest first. */
function chain(result: BuildResult): StageResult[] {
  const out: StageResult[] = [];
  let stage = result.stages.find((s) => s.name === result.image?.stage);
  while (stage !== undefined) {
    out.push(stage);
    const base: number | null = stage.baseStage;
    stage = base === null ? undefined : result.stages.find((s) => s.index === base);
  }
  return out;
}

const layerSteps = (result: BuildResult): StepResult[] =>
  chain(result)
    .reverse()
    .flatMap((s) => s.steps.filter((step) => !step.emptyLayer));

function layers(result: BuildResult): PredictedQuestion {
  const image = result.image!;
  const own = layerSteps(result);
  const fromBase = image.layers - own.length;
  const configOnly = chain(result).flatMap((s) => s.steps.filter((step) => step.emptyLayer)).map((s) => s.keyword);
  const why =
    `${fromBase} layer${fromBase === 1 ? '' : 's'} come${fromBase === 1 ? 's' : ''} with the base image ${image.base}` +
    (own.length > 0 ? `, then one for each of ${own.map((s) => code(s.instruction)).join(', ')}` : '') +
    (configOnly.length > 0 ? `. ${[...new Set(configOnly)].join(', ')} only change the configuration and add none.` : '.');
  const candidates = [...new Set([image.layers - 1, image.layers, image.layers + 1, image.layers + configOnly.length])].filter((n) => n >= 1).sort((a, b) => a - b);
  return {
    kind: 'single',
    choices: candidates.map((n) => ({
      text: String(n),
      correct: n === image.layers,
      explanation: n === image.layers ? `Right: ${why}` : `The simulator counts ${image.layers}, not ${n}: ${why}`,
    })),
  };
}

function whyBuilt(result: BuildResult, stage: StageResult): string {
  if (stage.name === result.image?.stage) return 'it is the target, so it becomes the image.';
  const users = result.stages.filter((s) => s.status !== 'skipped' && s.dependsOn.some((d) => d.stage === stage.index));
  const edges = users.map((s) => {
    const edge = s.dependsOn.find((d) => d.stage === stage.index)!;
    return `stage ${code(s.name)} needs it (${edge.kind === 'from' ? 'FROM' : edge.kind === 'copy-from' ? 'COPY --from' : 'RUN --mount=from'} on line ${edge.line})`;
  });
  return edges.length > 0 ? `${edges.join('; ')}.` : 'the target depends on it.';
}

function stagesBuilt(result: BuildResult): PredictedQuestion {
  return {
    kind: 'multiple',
    choices: result.stages.map((stage) => {
      const built = stage.status !== 'skipped';
      return {
        text: code(stage.name),
        correct: built,
        explanation: built
          ? `Built: ${whyBuilt(result, stage)}`
          : `Skipped (${stage.reason ?? 'not needed'}): nothing the target needs depends on it, so BuildKit never runs it.`,
      };
    }),
  };
}

function finalUser(result: BuildResult): Result<PredictedQuestion, string> {
  const image = result.image!;
  const user = resolveUser(image, indexFiles(image));
  if (!user.ok) return { ok: false, error: user.error };
  const answer = user.value.name ?? String(user.value.uid);
  const target = image.stage;
  const set = result.stages.flatMap((s) => s.steps.filter((step) => step.keyword === 'USER').map((step) => ({ stage: s.name, user: step.instruction.replace(/^USER\s+/i, '').split(':')[0] ?? '' })));
  const candidates = [...new Set(['root', answer, ...set.map((s) => s.user)])];
  if (candidates.length < 2) candidates.push(answer === 'nobody' ? 'root' : 'nobody');
  const said = image.config.User === '' ? 'the image config sets no User, so the container runs as root' : `the image config says User ${code(image.config.User)}, uid ${user.value.uid}`;
  return {
    ok: true,
    value: {
      kind: 'single',
      choices: candidates.map((candidate) => {
        const elsewhere = set.find((s) => s.user === candidate && s.stage !== target);
        const correct = candidate === answer;
        return {
          text: code(candidate),
          correct,
          explanation: correct
            ? `Right: ${said}.`
            : elsewhere !== undefined
              ? `${code(`USER ${candidate}`)} is set in stage ${code(elsewhere.stage)}, and USER does not carry into another stage: ${said}.`
              : `Not ${code(candidate)}: ${said}.`,
        };
      }),
    },
  };
}

const missWords: Record<string, string> = {
  'instruction changed': 'its instruction changed',
  'copied files changed': 'the files it copies changed',
  'environment changed': 'an ENV or ARG value, the WORKDIR or the USER it runs with changed',
  'parent missed': 'an earlier step missed, and a miss invalidates every later step',
  'no cache': 'there was nothing cached for it',
};

function cachedAfterEdit(spec: PredictSpec, edit: { path: string; content: string }): Result<PredictedQuestion, string> {
  const cache = createBuildCache();
  const first = build(inputOf(spec), cache);
  if (!first.ok) return { ok: false, error: failure(first) };
  const second = build({ ...inputOf(spec), context: inputOf({ ...spec, context: { ...spec.context, [edit.path]: edit.content } }).context }, cache);
  if (!second.ok) return { ok: false, error: failure(second) };
  const steps = chain(second).reverse().flatMap((s) => s.steps.filter((step) => step.vertex !== null));
  if (!steps.some((s) => s.cached)) return { ok: false, error: 'no step is cached after the edit: the question needs at least one' };
  return {
    ok: true,
    value: {
      kind: 'multiple',
      choices: steps.map((step) => ({
        text: `${code(step.instruction)} (line ${step.line})`,
        correct: step.cached,
        explanation: step.cached
          ? `Cached: its cache key (the instruction, the files it copies, its environment and every step before it) did not change when ${code(edit.path)} did.`
          : `Runs again: ${missWords[step.cacheMiss ?? 'no cache'] ?? step.cacheMiss}.`,
      })),
    },
  };
}

function deletedAt(result: BuildResult, path: string): StepResult | undefined {
  return layerSteps(result).findLast((step) => step.changes.some((c) => c.path === path && c.op === 'delete'));
}

function pathInImage(result: BuildResult, path: string): PredictedQuestion {
  const image = result.image!;
  const file = lookupPath(indexFiles(image), path);
  const deleted = file === null ? deletedAt(result, path) : undefined;
  const where =
    deleted !== undefined
      ? `${code(path)} was deleted on line ${deleted.line}, so the image's filesystem does not show it, though the bytes stay in the layer that added it.`
      : file === null
      ? `The final image has nothing at ${code(path)}: only the target stage's filesystem is the image, plus what it copies in.`
      : `${code(path)} is in the image, ${file.fromStage === null ? `from the base image ${image.base}` : file.fromStage === image.stage ? `made on line ${file.fromLine ?? '?'} of the final stage` : `copied from stage ${code(file.fromStage)} on line ${file.fromLine ?? '?'}`}.`;
  return {
    kind: 'single',
    choices: [
      { text: 'Yes', correct: file !== null, explanation: file !== null ? `Right. ${where}` : where },
      { text: 'No', correct: file === null, explanation: file === null ? `Right. ${where}` : where },
    ],
  };
}

/** The choices of a predict question, or why the simulator could not answer it. */
export function predictChoices(spec: PredictSpec): Result<PredictedQuestion, string> {
  const ask: PredictAsk = spec.ask;
  if (ask.kind === 'cached-after-edit') return cachedAfterEdit(spec, ask.edit);
  const result = build(inputOf(spec, ask.kind === 'stages-built' ? ask.target : undefined));
  if (!result.ok || result.image === null) return { ok: false, error: failure(result) };
  switch (ask.kind) {
    case 'layers':
      return { ok: true, value: layers(result) };
    case 'stages-built':
      return { ok: true, value: stagesBuilt(result) };
    case 'final-user':
      return finalUser(result);
    case 'path-in-image':
      return { ok: true, value: pathInImage(result, ask.path) };
  }
}
