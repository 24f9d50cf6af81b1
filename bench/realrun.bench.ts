/**
 * "Run for real" planning: `planRealRun` builds each replayed stage with --target to learn its
 * files, so it costs a few builds; it runs once per `docker run --real`. `runsNode` runs after every
 * playground build (to offer the action), so it must stay far below a build's own time.
 */
import { test } from 'vitest';
import { build } from '../src/lib/build/index.ts';
import { planRealRun, runsNode } from '../src/lib/realrun/index.ts';
import { loadExample, requestFor } from '../tests/lib/realrun/examples.ts';

const examples = ['src/content/examples/08-putting-it-together/production-api', 'src/components/playground/examples/03-typescript-api-non-root'];

test('realrun: planRealRun on the seed Node examples', async ({ bench }) => {
  for (const dir of examples) {
    const request = requestFor(loadExample(dir));
    const r = await bench(dir, () => {
      planRealRun(request);
    }).run();
    console.log(`plan ${dir}: median ${r.latency.p50.toFixed(2)} ms over ${r.latency.samplesCount} samples`);
  }
});

test('realrun: runsNode on a built image (per playground build)', async ({ bench }) => {
  for (const dir of examples) {
    const example = loadExample(dir);
    const image = build({ dockerfile: example.dockerfile, context: example.context }).image;
    if (image === null) throw new Error(`${dir} did not build`);
    const r = await bench(dir, () => {
      runsNode(image);
    }).run();
    console.log(`runsNode ${dir}: median ${r.latency.p50.toFixed(3)} ms over ${r.latency.samplesCount} samples`);
  }
});
