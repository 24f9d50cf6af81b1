import { describe, expect, test } from 'vitest';
import { buildText, errorsOf } from './helpers.ts';

const threeStages = `FROM alpine:3.24 AS base
WORKDIR /base
FROM base AS test
WORKDIR /test
FROM alpine:3.24 AS unrelated
WORKDIR /x
FROM base AS prod
COPY --from=test /test /t
`;

describe('plan: stage graph and target', () => {
  test('BuildKit builds the target and what it reaches, and says why others were skipped', () => {
    const r = buildText(threeStages);
    expect(r.plan.target).toEqual({ index: 3, name: 'prod' });
    expect(r.plan.order).toEqual([0, 1, 3]);
    expect(r.stages.map((s) => [s.name, s.status, s.reason])).toEqual([
      ['base', 'built', null],
      ['test', 'built', null],
      ['unrelated', 'skipped', 'not needed by target "prod"'],
      ['prod', 'built', null],
    ]);
    expect(r.plan.stages[3]?.dependsOn).toEqual([
      { kind: 'from', stage: 0, image: null, line: 7 },
      { kind: 'copy-from', stage: 1, image: null, line: 8 },
    ]);
  });

  test('--target is case-insensitive and skips later stages', () => {
    const r = buildText(threeStages, {}, { target: 'TEST' });
    expect(r.plan.target).toEqual({ index: 1, name: 'test' });
    expect(r.stages.map((s) => s.status)).toEqual(['built', 'built', 'skipped', 'skipped']);
    expect(r.image?.config.WorkingDir).toBe('/test');
  });

  test('the legacy builder builds every stage up to the target', () => {
    const r = buildText(threeStages, {}, { builder: 'legacy', target: 'unrelated' });
    expect(r.stages.map((s) => [s.status, s.reason])).toEqual([
      ['built', 'not needed by target "unrelated", but the legacy builder builds every stage up to the target'],
      ['built', 'not needed by target "unrelated", but the legacy builder builds every stage up to the target'],
      ['built', null],
      ['skipped', 'after target "unrelated": the legacy builder stops at the target'],
    ]);
  });

  test('an unknown target is an error with a suggestion', () => {
    expect(errorsOf(buildText(threeStages, {}, { target: 'prd' }))).toEqual([
      { message: 'target stage "prd" could not be found (did you mean prod?)', line: null },
    ]);
    expect(errorsOf(buildText(threeStages, {}, { target: 'zzz', builder: 'legacy' }))).toEqual([
      { message: 'failed to reach build target zzz in Dockerfile', line: null },
    ]);
  });

  test('COPY --from a later stage that will run is an error at its line', () => {
    const r = buildText('FROM alpine:3.24 AS first\nCOPY --from=second /x /x\nFROM alpine:3.24 AS second\nWORKDIR /x\n', {}, { target: 'first' });
    expect(errorsOf(r)).toEqual([
      { message: 'cannot copy from stage "second", it needs to be defined before current stage "first"', line: 2 },
    ]);
  });

  test('cycles and self references are errors', () => {
    expect(errorsOf(buildText('FROM alpine:3.24 AS a\nCOPY --from=b /x /x\nFROM alpine:3.24 AS b\nCOPY --from=a /y /y\n'))).toEqual([
      { message: 'circular dependency detected on stage: a', line: null },
    ]);
    expect(errorsOf(buildText('FROM alpine:3.24 AS a\nCOPY --from=a /x /x\n'))).toEqual([
      { message: 'circular dependency detected on stage: a', line: null },
    ]);
  });

  test('stage indexes, variables in --from and empty files', () => {
    expect(errorsOf(buildText('FROM alpine:3.24\nCOPY --from=5 /x /x\n'))).toEqual([{ message: 'invalid stage index 5', line: 2 }]);
    expect(errorsOf(buildText('FROM alpine:3.24\nARG S=a\nCOPY --from=$S /x /x\n'))).toEqual([
      {
        message: 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
        line: 3,
      },
    ]);
    expect(errorsOf(buildText('ARG A=1\n'))).toEqual([{ message: 'dockerfile contains no stages to build', line: null }]);
  });

  test('global ARGs reach FROM lines only; --build-arg overrides them', () => {
    const df = 'ARG TAG=3.24\nFROM alpine:${TAG} AS x\nLABEL tag="${TAG}"\n';
    const r = buildText(df);
    expect([r.stages[0]?.base, r.image?.config.Labels]).toEqual(['alpine:3.24', { tag: '' }]);
    expect(errorsOf(buildText(df, {}, { buildArgs: { TAG: '0.1' } }))[0]?.line).toBe(2);
  });

  test('an unknown base image fails at the FROM line', () => {
    const r = buildText('FROM alpine:3.24\nFROM nosuchimage:1 AS x\n');
    expect(r.ok).toBe(false);
    expect(errorsOf(r).map((e) => e.line)).toEqual([2]);
  });
});
