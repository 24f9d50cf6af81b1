/**
 * `COPY --from=<stage>` as real copies between stage folders, one per source, with COPY's rules:
 * sources are read from the source stage's root, a folder's contents go into the destination, a
 * file goes into it when it is a folder (`/` at the end, several sources, or a folder already).
 */
import type { ImageFile } from '../build/index.ts';
import type { CopyInstruction } from '../dockerfile/index.ts';
import { hasWildcard, matchPattern } from '../shell/index.ts';
import { normalizePath } from '../vfs/index.ts';
import { inStage, parentOf } from './folders.ts';
import { baseName } from './node-tools.ts';
import type { StageScope } from './scope.ts';
import type { RealStep } from './types.ts';

export interface CopyContext {
  stage: string;
  label: string;
  instruction: string;
  scope: StageScope;
  /** The source stage and its files at its end. */
  from: { stage: string; files: readonly ImageFile[] };
  /** This stage's files at its end (is the destination a folder?). */
  files: readonly ImageFile[];
  /** Lines of the RUNs the replay skips entirely: what they made is not there to copy. */
  skippedRuns: ReadonlySet<number>;
}

/** What the simulator put at one copy's destination (see RealRunPlan.simulatedCopies). */
export interface SimulatedCopy {
  line: number;
  to: string;
  files: { path: string; size: number }[];
}

/** The lines of the Dockerfile steps that made the path and what is under it (none: it is the base image's). */
function madeBy(files: readonly ImageFile[], path: string): Set<number> {
  const lines = new Set<number>();
  for (const f of files) if ((f.path === path || f.path.startsWith(`${path}/`)) && f.fromStage !== null && f.fromLine !== null) lines.add(f.fromLine);
  return lines;
}

export function copySteps(ins: CopyInstruction, ctx: CopyContext): { steps: RealStep[]; simulated: SimulatedCopy[] } {
  const at = { stage: ctx.stage, line: ins.range.line, label: ctx.label, instruction: ctx.instruction };
  const skip = (why: string): { steps: RealStep[]; simulated: SimulatedCopy[] } => ({ steps: [{ kind: 'skip', ...at, why }], simulated: [] });
  if (ins.exclude.length > 0 || ins.parents) return skip('it uses `--exclude` or `--parents`, which the real mode does not replay');
  if (ins.heredocSources.length > 0) return skip('it copies a heredoc, which the real mode does not replay');
  const dest = ctx.scope.expand(ins.dest.value);
  if (dest === null) return skip(`its destination \`${ins.dest.value}\` does not expand`);
  const destAbs = normalizePath(dest, ctx.scope.workdir);
  const sources: string[] = [];
  for (const word of ins.sources) {
    const source = ctx.scope.expand(word.value);
    if (source === null) return skip(`its source \`${word.value}\` does not expand`);
    const abs = normalizePath(source);
    if (!hasWildcard(abs)) {
      sources.push(abs);
      continue;
    }
    // Go's filepath.Match, as COPY uses: wildcards stay inside one path segment.
    const matches = ctx.from.files.filter((f) => matchPattern(abs, f.path, true)).map((f) => f.path);
    if (matches.length === 0) return skip(`the pattern \`${source}\` matches nothing the real mode can find in ${ctx.from.stage}`);
    sources.push(...matches);
  }
  const destEntry = ctx.files.find((f) => f.path === destAbs);
  const destIsDir = dest.endsWith('/') || sources.length > 1 || destEntry?.type === 'dir';
  const steps: RealStep[] = [];
  const simulated: SimulatedCopy[] = [];
  for (const source of sources) {
    const entry = ctx.from.files.find((f) => f.path === source);
    const lines = madeBy(ctx.from.files, source);
    if (lines.size === 0) {
      steps.push({ kind: 'skip', ...at, why: `\`${source}\` is a file of ${ctx.from.stage}'s base image, which the real mode does not have` });
      continue;
    }
    if ([...lines].every((l) => ctx.skippedRuns.has(l))) {
      const list = [...lines].sort((a, b) => a - b).join(', ');
      steps.push({ kind: 'skip', ...at, why: `\`${source}\` is made by the RUN at line ${list}, which the real mode skipped` });
      continue;
    }
    const isDir = entry?.type === 'dir';
    const target = isDir || !destIsDir ? destAbs : normalizePath(`${destAbs}/${baseName(source)}`);
    const to = inStage(ctx.stage, target);
    steps.push({ kind: 'copy', ...at, from: inStage(ctx.from.stage, source), to });
    simulated.push(simulatedAt(ins.range.line, isDir ? target : parentOf(target) || '/', ctx, to, isDir));
  }
  return { steps, simulated };
}

/** The simulated files this copy put at `folder` (the copy's folder, or a copied file's parent). */
function simulatedAt(line: number, folder: string, ctx: CopyContext, to: string, isDir: boolean): SimulatedCopy {
  const prefix = folder === '/' ? '/' : `${folder}/`;
  const files = ctx.files
    .filter((f) => f.fromLine === line && (f.path.startsWith(prefix) || (isDir && f.path === folder)))
    .filter((f) => isDir || f.path === `${prefix}${baseName(to)}`)
    .flatMap((f) => {
      // A summarised folder's unlisted bulk: `name/`, or `./` for the copied folder itself.
      const path = f.path === folder ? '.' : f.path.slice(prefix.length);
      if (f.type === 'dir') return f.summary === null ? [] : [{ path: `${path}/`, size: f.summary.bytes }];
      return [{ path, size: f.size }];
    });
  return { line, to: isDir ? to : parentOf(to), files };
}
