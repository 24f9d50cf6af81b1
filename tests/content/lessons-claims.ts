/**
 * Judges the claims a lesson makes about an example (src/content/examples/.../claims.yaml) on the
 * simulator's builds. Each check returns what it saw when that differs from the claim, so a failing
 * test names the claim and the simulator's actual answer.
 */
import { createBuildCache, formatProgress, humanSize, type BuildResult, type ImageResult } from '../../src/lib/build/index.ts';
import { walk } from '../../src/lib/vfs/index.ts';
import { buildExample, type ExampleFiles } from '../../src/components/example/example-files.ts';
import type { ExampleClaim, LessonExample } from '../../src/content/schemas/example.ts';

export interface LoadedExample {
  id: string;
  data: LessonExample;
  files: ExampleFiles;
}

/** Everything a claim may need: the example's builds, and the other examples (size comparisons). */
export interface ClaimContext {
  example: LoadedExample;
  result: BuildResult;
  rebuild: BuildResult | null;
  sizeOf(id: string): number | null;
}

function firstError(result: BuildResult): string {
  return result.diagnostics.find((d) => d.severity === 'error')?.message ?? '(no error)';
}

const image = (result: BuildResult): ImageResult | string => result.image ?? `the build failed: ${firstError(result)}`;

function pathExists(img: ImageResult, path: string): boolean {
  const clean = path.replace(/\/+$/, '') || '/';
  return img.files.some((f) => f.path === clean);
}

function stepsOnLines(result: BuildResult, lines: readonly number[]): string[] {
  return lines.map((line) => {
    const step = result.stages.flatMap((s) => s.steps).find((s) => s.line === line);
    if (step === undefined) return `line ${line}: no step`;
    return `line ${line}: ${step.status === 'not-run' ? 'not run' : step.cached ? 'cached' : 'rebuilt'}`;
  });
}

/**
 * Paths holding `text` (in their content, or their path) in any layer: every built step's
 * filesystem, of every stage, including files a later step deleted, and the final image's files.
 * The BuildResult lists only paths per layer, so the example is built again into a cache, which
 * keeps each step's filesystem.
 */
function pathsHolding(text: string, ctx: ClaimContext): string[] {
  const cache = createBuildCache();
  buildExample(ctx.example.files, ctx.example.data, {}, cache);
  const found = new Set<string>();
  for (const step of cache.steps.values()) {
    for (const { path, node } of walk(step.fs)) {
      if (path.includes(text) || (node.kind === 'file' && node.content?.includes(text) === true)) found.add(path);
    }
  }
  for (const file of ctx.result.image?.files ?? []) if (file.path.includes(text) || file.content?.includes(text) === true) found.add(file.path);
  return [...found].sort();
}

/** null when the claim holds, else a sentence saying what the simulator did instead. */
export function checkClaim(claim: ExampleClaim, ctx: ClaimContext): string | null {
  const { result } = ctx;
  if ('builds' in claim) return result.ok ? null : `the build failed: ${firstError(result)}`;
  if ('fails' in claim) {
    if (result.ok) return 'the build succeeded';
    return firstError(result).includes(claim.fails) ? null : `it failed with: ${firstError(result)}`;
  }
  if ('fails-without-secrets' in claim) {
    const bare = buildExample(ctx.example.files, { ...ctx.example.data, secrets: undefined, edit: undefined }).result;
    if (bare.ok) return 'without its secrets the build succeeded';
    return firstError(bare).includes(claim['fails-without-secrets']) ? null : `without its secrets it failed with: ${firstError(bare)}`;
  }
  if ('diagnostics' in claim) {
    const codes = [...new Set(result.diagnostics.map((d) => d.code))].sort();
    return JSON.stringify(codes) === JSON.stringify([...claim.diagnostics].sort()) ? null : `diagnostics: ${JSON.stringify(codes)}`;
  }
  if ('stages' in claim) {
    const { target, builder, built, skipped } = claim.stages;
    const run = target === undefined && builder === undefined ? result : buildExample(ctx.example.files, ctx.example.data, { target, builder }).result;
    // A failing build still says which stages it ran: the failed one counts as built.
    const seenBuilt = run.stages.filter((s) => s.status !== 'skipped').map((s) => s.name);
    const seenSkipped = run.stages.filter((s) => s.status === 'skipped').map((s) => s.name);
    const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
    return same(seenBuilt, built) && same(seenSkipped, skipped) ? null : `built ${JSON.stringify(seenBuilt)}, skipped ${JSON.stringify(seenSkipped)}`;
  }
  if ('after-edit' in claim) {
    if (ctx.rebuild === null) return 'the example has no `edit` to rebuild after';
    const want = [...claim['after-edit'].cached.map((l) => `line ${l}: cached`), ...claim['after-edit'].rebuilt.map((l) => `line ${l}: rebuilt`)];
    const seen = stepsOnLines(ctx.rebuild, [...claim['after-edit'].cached, ...claim['after-edit'].rebuilt]);
    return JSON.stringify(seen) === JSON.stringify(want) ? null : `after the edit: ${seen.join(', ')}`;
  }
  if ('cached-first' in claim) {
    const seen = stepsOnLines(result, claim['cached-first']);
    return seen.every((s) => s.endsWith(': cached')) ? null : `in the first build: ${seen.join(', ')}`;
  }
  if ('smaller-than' in claim) {
    const other = ctx.sizeOf(claim['smaller-than']);
    const mine = result.image?.size ?? null;
    if (other === null || mine === null) return `cannot compare: ${mine === null ? 'this build' : claim['smaller-than']} has no image`;
    return mine < other ? null : `${mine} bytes, not smaller than ${other}`;
  }
  if ('log-has' in claim) return formatProgress(result.progress).includes(claim['log-has']) ? null : 'the build log does not contain it';
  if ('log-lacks' in claim) {
    const log = formatProgress(result.progress);
    if (!log.includes(claim['log-lacks'])) return null;
    return `the build log has it: ${log.split('\n').find((l) => l.includes(claim['log-lacks'])) ?? '(across lines)'}`;
  }
  if ('layers-lack-text' in claim) {
    const paths = pathsHolding(claim['layers-lack-text'], ctx);
    return paths.length === 0 ? null : `layers hold it in: ${paths.join(', ')}`;
  }
  if ('output' in claim) {
    const step = result.stages.flatMap((s) => s.steps).find((s) => s.line === claim.output.line && s.status !== 'not-run');
    if (step === undefined) return `no step ran on line ${claim.output.line}`;
    const printed = `${step.stdout}${step.stderr}`;
    return printed.includes(claim.output.contains) ? null : `it printed: ${JSON.stringify(printed)}`;
  }
  if ('step-layer' in claim) {
    const step = result.stages.flatMap((s) => s.steps).find((s) => s.line === claim['step-layer'].line && s.status !== 'not-run');
    if (step === undefined) return `no step ran on line ${claim['step-layer'].line}`;
    return humanSize(step.size) === claim['step-layer'].size ? null : `its layer is ${humanSize(step.size)}`;
  }
  const img = image(result);
  if (typeof img === 'string') return img;
  if ('present' in claim) {
    const missing = claim.present.filter((p) => !pathExists(img, p));
    return missing.length === 0 ? null : `missing: ${missing.join(', ')}`;
  }
  if ('absent' in claim) {
    const there = claim.absent.filter((p) => pathExists(img, p));
    return there.length === 0 ? null : `present: ${there.join(', ')}`;
  }
  if ('user' in claim) return img.config.User === claim.user ? null : `User is ${JSON.stringify(img.config.User)}`;
  if ('workdir' in claim) return img.config.WorkingDir === claim.workdir ? null : `WorkingDir is ${JSON.stringify(img.config.WorkingDir)}`;
  if ('cmd' in claim) return JSON.stringify(img.config.Cmd) === JSON.stringify(claim.cmd) ? null : `Cmd is ${JSON.stringify(img.config.Cmd)}`;
  const names = img.config.Env.map((e) => e.split('=')[0]);
  if ('env-has' in claim) {
    const missing = claim['env-has'].filter((n) => !names.includes(n));
    return missing.length === 0 ? null : `Env lacks ${missing.join(', ')}`;
  }
  if ('env-lacks' in claim) {
    const there = claim['env-lacks'].filter((n) => names.includes(n));
    return there.length === 0 ? null : `Env has ${there.join(', ')}`;
  }
  if ('owner' in claim) {
    const file = img.files.find((f) => f.path === claim.owner.path);
    if (file === undefined) return `${claim.owner.path} is not in the image`;
    return file.uid === claim.owner.uid && file.gid === claim.owner.gid ? null : `owner is ${file.uid}:${file.gid}`;
  }
  if ('mode' in claim) {
    const file = img.files.find((f) => f.path === claim.mode.path);
    if (file === undefined) return `${claim.mode.path} is not in the image`;
    return file.mode === claim.mode.mode ? null : `mode is ${file.mode}`;
  }
  if ('layers' in claim) return img.layers === claim.layers ? null : `${img.layers} layers`;
  if ('size' in claim) return img.size >= claim.size.min && img.size <= claim.size.max ? null : `size is ${img.size} bytes`;
  if ('history-count' in claim) return img.history.length === claim['history-count'] ? null : `${img.history.length} history lines`;
  if ('history-has' in claim) return img.history.some((h) => h.createdBy.includes(claim['history-has'])) ? null : 'no history line has it';
  const lacks = claim['history-lacks'];
  const line = img.history.find((h) => h.createdBy.includes(lacks));
  return line === undefined ? null : `history has: ${line.createdBy}`;
}
