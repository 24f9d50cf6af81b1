import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { build, createBuildCache, deserializeCache, serializeCache } from '../../../src/lib/build/index.ts';

/** Small random Dockerfiles over a fixed context: stages, COPY (context and --from), ENV, WORKDIR, RUN. */
const instruction = (stage: number) =>
  fc.oneof(
    fc.constantFrom('COPY a.txt /data/', 'COPY dir /tree', 'COPY *.txt /txt/', 'WORKDIR /work', 'WORKDIR sub', 'RUN echo hi > note.txt', 'RUN mkdir -p made && touch made/x'),
    fc.nat(9).map((n) => `ENV N${n}=${n}`),
    fc.nat(stage).map((s) => (stage === 0 ? 'LABEL x=y' : `COPY --from=s${Math.min(s, stage - 1)} /etc/hostname /from-${s}`)),
  );

const dockerfile = fc
  .integer({ min: 1, max: 3 })
  .chain((stages) => fc.tuple(...Array.from({ length: stages }, (_, i) => fc.array(instruction(i), { maxLength: 6 }))))
  .map((stages) => stages.map((lines, i) => [`FROM alpine:3.24 AS s${i}`, ...lines].join('\n')).join('\n') + '\n');

const context = { 'a.txt': { content: 'a' }, 'b.txt': { content: 'b' }, 'dir/x': { content: 'x' }, 'dir/y/z': { content: 'z' } };

describe('build properties', () => {
  test('a build is deterministic: the same input gives the same result, byte for byte', () => {
    fc.assert(
      fc.property(dockerfile, (df) => {
        const one = JSON.stringify(build({ dockerfile: df, context }, createBuildCache()));
        const two = JSON.stringify(build({ dockerfile: df, context }, createBuildCache()));
        expect(two).toBe(one);
      }),
      { numRuns: 40 },
    );
  });

  test('a rebuild from the cache (also through JSON) hits every step and gives the same image', () => {
    fc.assert(
      fc.property(dockerfile, (df) => {
        const cache = createBuildCache();
        const first = build({ dockerfile: df, context }, cache);
        const again = build({ dockerfile: df, context }, deserializeCache(JSON.parse(JSON.stringify(serializeCache(cache)))));
        const vertices = again.stages.flatMap((s) => s.steps.filter((st) => st.vertex !== null));
        expect(vertices.every((st) => st.cached)).toBe(first.ok);
        expect(again.image).toEqual(first.image);
      }),
      { numRuns: 40 },
    );
  });
});
