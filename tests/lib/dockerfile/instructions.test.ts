import { describe, expect, test } from 'vitest';
import { INSTRUCTION_FLAGS, KEYWORDS, parseDockerfile, type Instruction } from '../../../src/lib/dockerfile/index.ts';

/** The typed fields only (drops the syntax node, the raw line, all flags and the whole range). */
function typed(i: Instruction): Record<string, unknown> {
  const { node, original, flags, range, ...rest } = i;
  void node, original, flags, range;
  return rest;
}

const r = (line: number, column: number, endLine: number, endColumn: number) => ({ line, column, endLine, endColumn });

describe('typed instructions', () => {
  const source = [
    'ARG GO=1.22',
    'FROM --platform=$BUILDPLATFORM golang:${GO} AS Build',
    'RUN --mount=type=cache,target=/root/.cache --network=none <<EOF',
    'go build -o /out/app .',
    'EOF',
    'COPY --from=build --chown=app --chmod=755 --link --exclude=*.md a <<-NOTE /dst/',
    '\tnote body',
    '\tNOTE',
    'HEALTHCHECK --interval=1m30s --retries=2 CMD curl -f http://x/',
    'ONBUILD COPY . /src',
    'ARG A B=2',
    '',
  ].join('\n');
  const result = parseDockerfile(source);
  const stage = result.stages[0];

  test('meta ARGs and the stage', () => {
    expect(result.metaArgs.map(typed)).toEqual([
      { keyword: 'ARG', written: 'ARG', args: [{ key: 'GO', value: '1.22', range: r(1, 5, 1, 12) }] },
    ]);
    expect(result.stages.length).toBe(1);
    expect(stage?.name).toBe('build');
    expect(stage?.index).toBe(0);
    expect(stage?.baseImage).toBe('golang:${GO}');
    expect(stage?.baseRange).toEqual(r(2, 32, 2, 44));
    expect(stage?.range).toEqual(r(2, 1, 11, 10));
    expect(stage && typed(stage.from)).toEqual({
      keyword: 'FROM',
      written: 'FROM',
      image: { value: 'golang:${GO}', range: r(2, 32, 2, 44) },
      as: { value: 'AS', range: r(2, 45, 2, 47) },
      stageName: { value: 'Build', range: r(2, 48, 2, 53) },
      platform: { value: '$BUILDPLATFORM', range: r(2, 17, 2, 31) },
    });
  });

  test('RUN with a mount, a network mode and a heredoc', () => {
    expect(stage && typed(stage.instructions[0] as Instruction)).toEqual({
      keyword: 'RUN',
      written: 'RUN',
      command: { form: 'shell', args: ['<<EOF'], range: r(3, 59, 3, 64) },
      heredocs: [
        { name: 'EOF', fileDescriptor: 0, expand: true, chomp: false, content: 'go build -o /out/app .\n', range: r(4, 1, 5, 4) },
      ],
      mounts: [{ raw: 'type=cache,target=/root/.cache', fields: { type: 'cache', target: '/root/.cache' }, range: r(3, 13, 3, 43) }],
      network: 'none',
      security: 'sandbox',
    });
  });

  test('COPY with every flag and a chomped heredoc source', () => {
    expect(stage && typed(stage.instructions[1] as Instruction)).toEqual({
      keyword: 'COPY',
      written: 'COPY',
      sources: [{ value: 'a', range: r(6, 65, 6, 66) }],
      heredocSources: [{ name: 'NOTE', content: 'note body\n', expand: true, range: r(7, 1, 8, 6) }],
      dest: { value: '/dst/', range: r(6, 75, 6, 80) },
      from: { value: 'build', range: r(6, 13, 6, 18) },
      chown: { value: 'app', range: r(6, 27, 6, 30) },
      chmod: { value: '755', range: r(6, 39, 6, 42) },
      link: true,
      exclude: [{ value: '*.md', range: r(6, 60, 6, 64) }],
      parents: false,
    });
  });

  test('HEALTHCHECK durations, ONBUILD trigger, ARG definitions', () => {
    const [, , health, onbuild, arg] = stage?.instructions ?? [];
    expect(health && typed(health)).toEqual({
      keyword: 'HEALTHCHECK',
      written: 'HEALTHCHECK',
      health: {
        type: 'CMD',
        test: ['CMD-SHELL', 'curl -f http://x/'],
        intervalMs: 90_000,
        timeoutMs: 0,
        startPeriodMs: 0,
        startIntervalMs: 0,
        retries: 2,
      },
    });
    expect(onbuild?.keyword === 'ONBUILD' && onbuild.expression).toBe('COPY . /src');
    expect(onbuild?.keyword === 'ONBUILD' && onbuild.trigger && typed(onbuild.trigger)).toEqual({
      keyword: 'COPY',
      written: 'COPY',
      sources: [{ value: '.', range: r(10, 14, 10, 15) }],
      heredocSources: [],
      dest: { value: '/src', range: r(10, 16, 10, 20) },
      link: false,
      exclude: [],
      parents: false,
    });
    expect(arg && typed(arg)).toEqual({
      keyword: 'ARG',
      written: 'ARG',
      args: [
        { key: 'A', range: r(11, 5, 11, 6) },
        { key: 'B', value: '2', range: r(11, 7, 11, 10) },
      ],
    });
  });

  test('diagnostics: only the checks that apply', () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.range?.line])).toEqual([
      ['StageNameCasing', 2],
      ['DL3023', 6],
    ]);
  });
});

describe('errors as values', () => {
  test('an invalid ONBUILD trigger only warns (BuildKit checks it when it runs)', () => {
    const res = parseDockerfile('FROM alpine:3.20\nONBUILD COPY --form=x a b\n');
    expect(res.ok).toBe(true);
    expect(res.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['warning', 'flag-unknown', 'unknown flag: --form (did you mean from?)'],
    ]);
    const onbuild = res.stages[0]?.instructions[0];
    expect(onbuild?.keyword === 'ONBUILD' && onbuild.trigger).toBe(null);
  });

  test('every error carries a hint', () => {
    const res = parseDockerfile('RUN x\nFROM alpine:3.20 AS 9x\nCOPY a\nFOO bar\n');
    expect(res.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.range?.line, Boolean(d.hint)])).toEqual([
      ['no-stage', 1, true],
      ['invalid-stage-name', 2, true],
      ['argument-count', 3, true],
      ['unknown-instruction', 4, true],
    ]);
  });

  test('a line over 65535 bytes stops parsing with BuildKit\'s error', () => {
    const res = parseDockerfile(`FROM alpine:3.20\nRUN echo ${'x'.repeat(70_000)}\nRUN true\n`);
    expect(res.diagnostics.map((d) => [d.code, d.message, d.range?.line])).toEqual([
      ['line-too-long', 'dockerfile line greater than max allowed size of 65535', 2],
    ]);
  });
});

describe('INSTRUCTION_FLAGS', () => {
  test('lists every instruction, and the parser accepts exactly the flags it lists', () => {
    expect(Object.keys(INSTRUCTION_FLAGS).sort()).toEqual([...KEYWORDS].sort());
    expect(INSTRUCTION_FLAGS.COPY).toMatchObject({ from: 'string', chown: 'string', link: 'bool', exclude: 'strings' });
    const ok = parseDockerfile('FROM --platform=linux/amd64 alpine\nCOPY --from=x --link --exclude=a --exclude=b s /d\nRUN --mount=type=cache,target=/c --network=none true\n');
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const bad = parseDockerfile('FROM alpine\nWORKDIR --from=x /app\n');
    expect(bad.diagnostics.map((d) => d.message)).toContain('unknown flag: --from');
  });
});
