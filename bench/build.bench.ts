/**
 * Build engine benchmarks: a cold build of each seed example (target: under 2 ms median), an
 * unchanged rebuild (all cache hits), and a scale run (100 stages, 2,000 instructions, a 10,000-file
 * context) next to a quarter-size run, to show time and heap grow no faster than the input.
 */
import process from 'node:process';
import { test } from 'vitest';
import { build, createBuildCache, type BuildInput } from '../src/lib/build/index.ts';
import { SEED_EXAMPLES } from '../tests/lib/build/seeds/index.ts';

const buildable = SEED_EXAMPLES;
const inputOf = (s: (typeof buildable)[number]): BuildInput => ({ dockerfile: s.dockerfile, context: s.context, ...(s.target ? { target: s.target } : {}) });

test('build: cold build of each seed example (target: median < 2 ms)', async ({ bench }) => {
  for (const s of buildable) {
    const input = inputOf(s);
    const r = await bench(s.name, () => {
      build(input, createBuildCache());
    }).run();
    console.log(`cold ${s.name}: median ${r.latency.p50.toFixed(3)} ms over ${r.latency.samplesCount} samples`);
  }
});

test('build: unchanged rebuild (every step a cache hit)', async ({ bench }) => {
  for (const s of buildable) {
    const input = inputOf(s);
    const cache = createBuildCache();
    build(input, cache);
    const r = await bench(s.name, () => {
      build(input, cache);
    }).run();
    console.log(`rebuild ${s.name}: median ${r.latency.p50.toFixed(3)} ms over ${r.latency.samplesCount} samples`);
  }
});

/** `stages` stages of 20 instructions each, every stage copying its own folder of `filesPerStage` files. */
function scaleInput(stages: number, filesPerStage: number): BuildInput {
  const context: Record<string, { content: string }> = {};
  const lines: string[] = [];
  for (let i = 0; i < stages; i++) {
    for (let f = 0; f < filesPerStage; f++) context[`d${i}/sub${f % 10}/f${f}.txt`] = { content: `stage ${i} file ${f}\n` };
    lines.push(i % 4 === 0 ? `FROM alpine:3.24 AS s${i}` : `FROM s${i - 1} AS s${i}`);
    lines.push(`WORKDIR /w${i}`, `COPY d${i} ./d`, `ARG A${i}=${i}`, `ENV E${i}=$A${i}`, `LABEL stage=s${i}`);
    lines.push(`RUN echo ${i} > out.txt && mkdir -p gen && touch gen/a gen/b`);
    for (let k = 0; k < 11; k++) lines.push(`ENV K${k}=v${i}`);
    lines.push(i === 0 ? 'RUN true' : `COPY --from=s${i - 1} /w${i - 1}/out.txt ./prev.txt`);
    lines.push('EXPOSE 8080');
  }
  return { dockerfile: `${lines.join('\n')}\n`, context };
}

/** Median time of 5 cold builds, and the heap the result of one holds (run with NODE_OPTIONS=--expose-gc for steady heap figures). */
function measure(label: string, input: BuildInput): void {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    build(input, createBuildCache());
    times.push(performance.now() - start);
  }
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const result = build(input, createBuildCache());
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const steps = result.stages.reduce((n, st) => n + st.steps.length, 0);
  const median = times.sort((a, b) => a - b)[2] ?? 0;
  console.log(`${label}: median ${median.toFixed(1)} ms of 5, result holds ${(heap / 1e6).toFixed(1)} MB of heap, ${steps} steps, ${result.progress.length} progress events`);
}

test('build: scale (time and heap at a quarter and at full size)', () => {
  const quarter = scaleInput(25, 100);
  const full = scaleInput(100, 100);
  // Warm both up first, so the quarter run does not pay for the JIT alone.
  build(quarter, createBuildCache());
  build(full, createBuildCache());
  measure('scale 25 stages, 500 instructions, 2,500-file context', quarter);
  measure('scale 100 stages, 2,000 instructions, 10,000-file context', full);
});
