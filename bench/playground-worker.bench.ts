/**
 * What a keystroke costs in the playground's worker, on the largest example: the rebuild with the
 * session cache after a one-character edit, and the structured clone postMessage makes of the
 * BuildResult. The browser round trip (reported by the e2e tests' status line) adds only message
 * scheduling to these.
 */
import { test } from 'vitest';
import { build, createBuildCache } from '../src/lib/build/index.ts';
import { toBuildInput } from '../src/components/playground/build-input.ts';
import { examples } from '../src/components/playground/examples/index.ts';

const size = (e: (typeof examples)[number]) => e.state.dockerfile.length + Object.values(e.state.files).join('').length;
const largest = [...examples].sort((a, b) => size(b) - size(a))[0];
if (largest === undefined) throw new Error('no examples');
const input = toBuildInput(largest.state);

test(`playground worker: "${largest.title}"`, async ({ bench }) => {
  const cache = createBuildCache();
  const warm = build(input, cache);
  console.log(`largest example: ${largest.title} (${warm.ok ? 'builds' : 'fails'}); result ${JSON.stringify(warm).length.toLocaleString('en')} bytes as JSON`);

  const cold = await bench('cold build', () => {
    build(input, createBuildCache());
  }).run();
  let edits = 0;
  const keystroke = await bench('rebuild after a keystroke + clone', () => {
    edits++;
    // A new last instruction: every earlier step hits the cache, the new one misses.
    structuredClone(build({ ...input, dockerfile: `${input.dockerfile}ENV EDIT=${edits}\n` }, cache));
  }).run();
  const clone = await bench('clone of the result', () => {
    structuredClone(warm);
  }).run();
  for (const [name, r] of [['cold build', cold], ['keystroke rebuild + clone', keystroke], ['clone alone', clone]] as const) {
    console.log(`${name}: median ${r.latency.p50.toFixed(3)} ms, p99 ${r.latency.p99.toFixed(3)} ms over ${r.latency.samplesCount} samples`);
  }
});
