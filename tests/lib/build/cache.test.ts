import { describe, expect, test } from 'vitest';
import { createBuildCache, deserializeCache, serializeCache, type ContextInput } from '../../../src/lib/build/index.ts';
import { buildText, fakeShell, stepSummary } from './helpers.ts';

const df = 'FROM alpine:3.24\nARG MODE=dev\nWORKDIR /app\nCOPY package.json .\nRUN write deps.txt installed\nCOPY src ./src\nRUN write out.txt built\n';
const ctx: ContextInput = { 'package.json': { content: '{}' }, 'src/a.js': { content: 'a' }, 'README.md': { content: 'r' } };

function twice(second: { dockerfile?: string; context?: ContextInput; buildArgs?: Record<string, string>; noCache?: boolean }): string[] {
  const { deps } = fakeShell();
  const cache = createBuildCache();
  buildText(df, ctx, {}, cache, deps);
  const options = { ...(second.buildArgs ? { buildArgs: second.buildArgs } : {}), ...(second.noCache ? { noCache: true } : {}) };
  return stepSummary(buildText(second.dockerfile ?? df, second.context ?? ctx, options, cache, deps));
}

describe('build cache', () => {
  test('the first build misses everything: no cache, then parent missed', () => {
    const { deps } = fakeShell();
    expect(stepSummary(buildText(df, ctx, {}, createBuildCache(), deps))).toEqual([
      'stage-0 2 ARG MODE=dev meta',
      'stage-0 3 WORKDIR /app miss(no cache)',
      'stage-0 4 COPY package.json . miss(parent missed)',
      'stage-0 5 RUN write deps.txt installed miss(parent missed)',
      'stage-0 6 COPY src ./src miss(parent missed)',
      'stage-0 7 RUN write out.txt built miss(parent missed)',
    ]);
  });

  test('an unchanged rebuild hits every step, and the image is the same', () => {
    const { deps } = fakeShell();
    const cache = createBuildCache();
    const a = buildText(df, ctx, {}, cache, deps);
    const b = buildText(df, ctx, {}, cache, deps);
    expect(b.stages[0]?.status).toBe('cached');
    expect(b.stages[0]?.steps.filter((s) => s.vertex !== null).every((s) => s.cached)).toBe(true);
    expect(b.image).toEqual(a.image);
  });

  test('changing a file outside what is copied keeps the cache', () => {
    expect(twice({ context: { ...ctx, 'README.md': { content: 'changed' } } }).filter((l) => l.includes('miss'))).toEqual([]);
  });

  test('changing a copied file misses from that COPY on', () => {
    expect(twice({ context: { ...ctx, 'src/a.js': { content: 'changed' } } }).slice(4)).toEqual([
      'stage-0 6 COPY src ./src miss(copied files changed)',
      'stage-0 7 RUN write out.txt built miss(parent missed)',
    ]);
  });

  test('a changed ARG value misses every RUN after its declaration', () => {
    expect(twice({ buildArgs: { MODE: 'prod' } })).toEqual([
      'stage-0 2 ARG MODE=dev meta',
      'stage-0 3 WORKDIR /app CACHED',
      'stage-0 4 COPY package.json . CACHED',
      'stage-0 5 RUN write deps.txt installed miss(environment changed)',
      'stage-0 6 COPY src ./src miss(parent missed)',
      'stage-0 7 RUN write out.txt built miss(parent missed)',
    ]);
  });

  test('an edited instruction misses from there; --no-cache misses everything', () => {
    expect(twice({ dockerfile: df.replace('write out.txt built', 'write out.txt BUILT') }).slice(-1)).toEqual([
      'stage-0 7 RUN write out.txt BUILT miss(instruction changed)',
    ]);
    expect(twice({ noCache: true }).filter((l) => !l.includes('meta')).map((l) => l.replace(/^.* (miss\(.*\))$/, '$1'))).toEqual(
      Array(5).fill('miss(no cache)'),
    );
  });

  test('the cache survives JSON (the CLI state folder) with shared trees read back shared', () => {
    const { deps } = fakeShell();
    const cache = createBuildCache();
    buildText(df, ctx, {}, cache, deps);
    const restored = deserializeCache(JSON.parse(JSON.stringify(serializeCache(cache))));
    expect(stepSummary(buildText(df, ctx, {}, restored, deps)).filter((l) => l.includes('miss'))).toEqual([]);
    expect(restored.steps.size).toBe(cache.steps.size);
  });
});

test('a COPY to a relative destination misses when WORKDIR changes it, even without a WORKDIR step', () => {
  const { deps } = fakeShell();
  const cache = createBuildCache();
  buildText('FROM alpine:3.24\nWORKDIR /app\nWORKDIR /\nCOPY package.json .\n', ctx, {}, cache, deps);
  const r = buildText('FROM alpine:3.24\nWORKDIR /app\nCOPY package.json .\n', ctx, {}, cache, deps);
  expect(stepSummary(r)).toEqual(['stage-0 2 WORKDIR /app CACHED', 'stage-0 3 COPY package.json . miss(instruction changed)']);
  expect(r.image?.files.some((f) => f.path === '/app/package.json')).toBe(true);
});

test('a RUN with a bind mount of the context misses when the mounted files change', () => {
  const { deps } = fakeShell();
  const cache = createBuildCache();
  const df = 'FROM alpine:3.24\nRUN --mount=type=bind,source=src,target=/src true\n';
  buildText(df, ctx, {}, cache, deps);
  expect(stepSummary(buildText(df, { ...ctx, 'README.md': { content: 'other' } }, {}, cache, deps))).toEqual([
    'stage-0 2 RUN --mount=type=bind,source=src,target=/src true CACHED',
  ]);
  expect(stepSummary(buildText(df, { ...ctx, 'src/a.js': { content: 'changed' } }, {}, cache, deps))).toEqual([
    'stage-0 2 RUN --mount=type=bind,source=src,target=/src true miss(copied files changed)',
  ]);
});

test('COPY --link stays cached when an earlier step changes; a plain COPY does not', () => {
  const { deps } = fakeShell();
  const cache = createBuildCache();
  const df = (v: string) => `FROM alpine:3.24\nRUN write /v ${v}\nCOPY --link src /src\nCOPY package.json /p.json\n`;
  buildText(df('1'), ctx, {}, cache, deps);
  const r = buildText(df('2'), ctx, {}, cache, deps);
  expect(stepSummary(r)).toEqual([
    'stage-0 2 RUN write /v 2 miss(instruction changed)',
    'stage-0 3 COPY --link src /src CACHED',
    'stage-0 4 COPY package.json /p.json miss(parent missed)',
  ]);
  expect(r.image?.files.filter((f) => f.path === '/v' || f.path.startsWith('/src/')).map((f) => `${f.path} ${f.content}`)).toEqual([
    '/src/a.js a',
    '/v 2',
  ]);
});
