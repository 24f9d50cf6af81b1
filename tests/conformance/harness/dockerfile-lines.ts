/**
 * Just enough of a Dockerfile reader to map BuildKit's progress names (`[builder 2/4] COPY ...`) back
 * to source lines: stages with their labels, and each instruction's keyword and first line. It is the
 * harness's own, independent of the simulator's parser on purpose (the simulator is what is tested).
 */

export interface ScannedInstruction {
  keyword: string;
  line: number;
  /** Continuation lines joined (escape and newline removed), comments inside dropped. */
  text: string;
}

export interface ScannedStage {
  index: number;
  /** Lower-cased `AS` name, or null. */
  name: string | null;
  /** What the progress calls the stage: its name, else `stage-<index>`. */
  label: string;
  /** False when the base is `scratch` or an earlier stage: then FROM is no progress step of its own. */
  fromIsStep: boolean;
  /** The earlier stage this one is built on, if any (its ONBUILD triggers fire here). */
  baseStage: ScannedStage | null;
  instructions: ScannedInstruction[];
}

/** Instructions that BuildKit turns into progress vertices (the rest only change the config). */
const VERTEX_KEYWORDS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR']);

export function scanDockerfile(source: string): ScannedStage[] {
  const stages: ScannedStage[] = [];
  const lines = source.split(/\r?\n/);
  let pending: { line: number; parts: string[] } | null = null;
  const finish = (): void => {
    if (!pending) return;
    const text = pending.parts.join('').trim();
    const keyword = (text.split(/\s+/, 1)[0] ?? '').toUpperCase();
    if (keyword === 'FROM') {
      const words = text.split(/\s+/);
      const asIndex = words.findIndex((w, i) => i > 0 && w.toLowerCase() === 'as');
      const name = asIndex > 0 ? (words[asIndex + 1] ?? '').toLowerCase() : null;
      const base = words.slice(1).find((w) => !w.startsWith('--')) ?? '';
      const baseStage = stages.find((s) => s.name === base) ?? null;
      const fromIsStep = base.toLowerCase() !== 'scratch' && baseStage === null;
      const index = stages.length;
      stages.push({ index, name, label: name ?? `stage-${index}`, fromIsStep, baseStage, instructions: [] });
    }
    stages.at(-1)?.instructions.push({ keyword, line: pending.line, text });
    pending = null;
  };
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) return;
    if (trimmed === '' && !pending) return;
    const continued = /\\[ \t]*$/.test(raw);
    const part = continued ? raw.replace(/\\[ \t]*$/, '') : raw;
    if (!pending) pending = { line: i + 1, parts: [] };
    pending.parts.push(part);
    if (!continued) finish();
  });
  finish();
  return stages;
}

/** The instructions of a stage that appear as steps `k/n` in the progress, in order. */
export function vertexInstructions(stage: ScannedStage): ScannedInstruction[] {
  return stage.instructions.filter((ins) => VERTEX_KEYWORDS.has(ins.keyword) && (ins.keyword !== 'FROM' || stage.fromIsStep));
}

/** The instructions the base stage's ONBUILD lines add to this stage (they run right after FROM). */
export function triggerTexts(stage: ScannedStage): string[] {
  return (stage.baseStage?.instructions ?? [])
    .filter((ins) => ins.keyword === 'ONBUILD')
    .map((ins) => ins.text.replace(/^\S+\s+/, ''));
}

/**
 * The stage a progress label refers to: BuildKit prints no label when the Dockerfile has one stage.
 */
export function stageByLabel(stages: ScannedStage[], label: string | null): ScannedStage | undefined {
  if (label === null) return stages.length === 1 ? stages[0] : undefined;
  return stages.find((s) => s.label === label);
}
