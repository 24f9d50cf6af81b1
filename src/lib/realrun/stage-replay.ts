/**
 * One stage of the build as real steps, in its instruction order: the parent stage copied in for
 * `FROM <stage>`, context files mounted, RUNs replayed, `COPY --from` copied, and the rest said.
 * The files and the step labels are the engine's (a build of the stage, its progress lines).
 */
import type { ImageFile, StageResult } from '../build/index.ts';
import type { AddInstruction, CopyInstruction, Instruction } from '../dockerfile/index.ts';
import { copySteps, type SimulatedCopy } from './copy-step.ts';
import { inStage, pathRewriter } from './folders.ts';
import { runSteps } from './run-step.ts';
import type { StageScope } from './scope.ts';
import type { RealStep } from './types.ts';

export interface StageReplayInput {
  stage: StageResult;
  instructions: readonly Instruction[];
  /** The stage's files at its end (a build with the stage as target). */
  files: readonly ImageFile[];
  scope: StageScope;
  /** The parent stage's name for `FROM <stage>`. */
  parent: string | null;
  /** `[runtime 4/7] RUN npm ci` for a line of this stage, from the build's progress. */
  label: (line: number) => string | null;
  /** What `COPY --from=<from>` reads: a replayed stage with its files, or an image. */
  copySource: (from: string) => { stage: string; files: readonly ImageFile[] } | { image: string };
  buildArgs: Readonly<Record<string, string>>;
  metaValues: ReadonlyMap<string, string>;
  root: string;
  /** Lines of the RUNs skipped entirely so far (earlier stages included). */
  skippedRuns: Set<number>;
}

export interface StageReplay {
  steps: RealStep[];
  files: Record<string, string>;
  simulated: SimulatedCopy[];
  notes: string[];
  /** Context files the engine knows only by size (binaries): not mounted. */
  unmountable: string[];
}

const isUrl = (source: string): boolean => /^(https?:\/\/|git@|ssh:\/\/)/.test(source);

export function replayStage(input: StageReplayInput): StageReplay {
  const { stage, scope } = input;
  const name = stage.name;
  const out: StageReplay = { steps: [], files: { [`${name}/`]: '' }, simulated: [], notes: [], unmountable: [] };
  const folder = (): void => {
    out.files[`${inStage(name, scope.workdir)}/`] = '';
  };
  folder();
  if (input.parent !== null) {
    const instruction = `FROM ${stage.base}`;
    out.steps.push({ kind: 'copy', stage: name, line: stage.line, label: `[${name}] ${instruction}`, instruction, from: input.parent, to: name });
  }
  const rewrite = pathRewriter(name, input.files, input.root);
  for (const ins of input.instructions) {
    const line = ins.range.line;
    const label = input.label(line) ?? `[${name}] ${ins.original}`;
    const instruction = label.replace(/^\[[^\]]*\] /, '');
    switch (ins.keyword) {
      case 'ENV':
        scope.applyEnv(ins);
        break;
      case 'ARG':
        scope.applyArg(ins, input.buildArgs, input.metaValues);
        break;
      case 'WORKDIR':
        scope.applyWorkdir(ins);
        folder();
        break;
      case 'RUN': {
        const run = runSteps(ins, { stage: name, label, instruction, scope, rewrite });
        if (run.steps.every((s) => s.kind === 'skip')) input.skippedRuns.add(line);
        out.steps.push(...run.steps);
        out.notes.push(...run.notes);
        break;
      }
      case 'COPY':
      case 'ADD': {
        const at = { stage: name, line, label, instruction };
        if (ins.keyword === 'COPY' && ins.from !== undefined) {
          const source = input.copySource(ins.from.value);
          if ('image' in source) {
            out.steps.push({ kind: 'skip', ...at, why: `it copies from the image ${source.image}, which the real mode does not download` });
            break;
          }
          const copied = copySteps(ins, { stage: name, label, instruction, scope, from: source, files: input.files, skippedRuns: input.skippedRuns });
          out.steps.push(...copied.steps);
          out.simulated.push(...copied.simulated);
          break;
        }
        out.steps.push(contextStep(ins, at, input, out));
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * A COPY/ADD from the build context: the paths the engine says this step wrote (its layer's
 * changes), with their text at the stage's end when a context copy of this stage last wrote them.
 */
function contextStep(
  ins: CopyInstruction | AddInstruction,
  at: { stage: string; line: number; label: string; instruction: string },
  input: StageReplayInput,
  out: StageReplay,
): RealStep {
  const url = ins.sources.find((s) => isUrl(s.value));
  if (ins.keyword === 'ADD' && url !== undefined) {
    return { kind: 'skip', ...at, why: `ADD downloads \`${url.value}\`, which the real mode does not fetch` };
  }
  const contextLines = new Set(input.instructions.filter(fromContext).map((i) => i.range.line));
  const atEnd = new Map(input.files.map((f) => [f.path, f]));
  const written = (input.stage.steps.find((s) => s.line === at.line)?.changes ?? []).filter((c) => c.op !== 'delete').map((c) => c.path);
  const mounted: Record<string, string> = {};
  for (const path of written) {
    const f = atEnd.get(path);
    if (f === undefined) continue;
    const real = inStage(at.stage, path);
    if (f.type === 'dir') {
      if (!written.some((p) => p.startsWith(`${path}/`))) mounted[`${real}/`] = '';
    } else if (f.type === 'file' && f.content !== null && f.fromLine !== null && contextLines.has(f.fromLine)) {
      mounted[real] = f.content;
    } else if (!out.unmountable.includes(real)) {
      out.unmountable.push(real);
    }
  }
  Object.assign(out.files, mounted);
  return { kind: 'context', ...at, files: mounted };
}

/** COPY or ADD reading the build context (not `COPY --from`). */
const fromContext = (ins: Instruction): boolean => ins.keyword === 'ADD' || (ins.keyword === 'COPY' && ins.from === undefined);
