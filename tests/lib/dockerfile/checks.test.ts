import { describe, expect, test } from 'vitest';
import { checkRules, parseDockerfile } from '../../../src/lib/dockerfile/index.ts';

const codes = (text: string, options = {}) =>
  parseDockerfile(text, options).diagnostics.map((d) => `${d.severity} ${d.code} ${d.range?.line}: ${d.message}`);

describe('check rules as data', () => {
  test('ids are unique and every rule has a description, a hint and a docs link', () => {
    const ids = checkRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of checkRules) {
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.hint.length).toBeGreaterThan(10);
    }
  });

  test("docs links follow Docker's and hadolint's URL schemes", () => {
    const url = (id: string) => checkRules.find((r) => r.id === id)?.url;
    expect(url('JSONArgsRecommended')).toBe('https://docs.docker.com/reference/build-checks/json-args-recommended/');
    expect(url('StageNameCasing')).toBe('https://docs.docker.com/reference/build-checks/stage-name-casing/');
    expect(url('SecretsUsedInArgOrEnv')).toBe('https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/');
    expect(url('DL3006')).toBe('https://github.com/hadolint/hadolint/wiki/DL3006');
  });
});

describe('checks on a parse', () => {
  test('checks can be turned off', () => {
    expect(codes('FROM ubuntu\nCMD run\n', { checks: false })).toEqual([]);
  });

  test('UndefinedVar knows the env of the base image when told', () => {
    const text = 'FROM node:20\nWORKDIR $NODE_HOME\n';
    expect(codes(text)).toEqual(["warning UndefinedVar 2: Usage of undefined variable '$NODE_HOME'"]);
    expect(codes(text, { imageEnv: () => ['NODE_HOME'] })).toEqual([]);
  });

  test('UndefinedVar: a stage built FROM another inherits its ENV and ARGs; meta ARGs are not visible', () => {
    const text = 'ARG V=1\nFROM alpine:3.20 AS base\nENV HOME_DIR=/h\nFROM base\nWORKDIR $HOME_DIR\nUSER $V\n';
    expect(codes(text)).toEqual(["warning UndefinedVar 6: Usage of undefined variable '$V'"]);
  });

  test('values in one ENV see the variables from before it', () => {
    expect(codes('FROM alpine:3.20\nENV A=1 B=$A\n')).toEqual(["warning UndefinedVar 2: Usage of undefined variable '$A'"]);
  });

  test('SecretsUsedInArgOrEnv matches whole name parts, with allowed words', () => {
    expect(codes('FROM alpine:3.20\nARG API_KEY MONKEY KEY_FILE AUTH token_version DB_PASSWD\n')).toEqual([
      'warning SecretsUsedInArgOrEnv 2: Do not use ARG or ENV instructions for sensitive data (ARG "API_KEY")',
      'warning SecretsUsedInArgOrEnv 2: Do not use ARG or ENV instructions for sensitive data (ARG "AUTH")',
      'warning SecretsUsedInArgOrEnv 2: Do not use ARG or ENV instructions for sensitive data (ARG "DB_PASSWD")',
    ]);
  });

  test('JSONArgsRecommended is silent once the stage (or its parent stage) sets SHELL', () => {
    expect(codes('FROM alpine:3.20 AS a\nSHELL ["/bin/ash", "-c"]\nFROM a\nCMD run\n')).toEqual([]);
  });

  test('UndefinedArgInFrom suggests a declared ARG', () => {
    expect(codes('ARG ALPINE_TAG=3.20\nFROM alpine:${ALPINE_TGA}\n')).toContain(
      "warning UndefinedArgInFrom 2: FROM argument 'ALPINE_TGA' is not declared (did you mean ALPINE_TAG?)",
    );
  });

  test('ConsistentInstructionCasing follows the majority', () => {
    expect(codes('from alpine:3.20\nrun a\nRUN b\n')).toEqual([
      "warning ConsistentInstructionCasing 3: Command 'RUN' should match the case of the command majority (lowercase)",
    ]);
  });

  test('DL3022/DL3023 on numeric --from', () => {
    expect(codes('FROM alpine:3.20\nCOPY --from=0 /a /a\nFROM alpine:3.20\nCOPY --from=0 /a /a\nCOPY --from=5 /a /a\n')).toEqual([
      'warning DL3023 2: COPY --from cannot reference its own FROM alias',
      'warning DL3022 5: COPY --from should reference a previously defined FROM alias',
    ]);
  });
});
