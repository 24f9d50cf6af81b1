import { describe, expect, test } from 'vitest';
import { createBuildCache } from '../../../src/lib/build/index.ts';
import { buildText, errorsOf, fakeShell, filesUnder } from './helpers.ts';

describe('RUN', () => {
  test('a heredoc starting with #! runs as a script file that is gone afterwards', () => {
    const r = buildText('FROM alpine:3.24\nRUN <<EOF\n#!/bin/sh\necho from-script > /out.txt\nEOF\n');
    expect([filesUnder(r, '/out.txt'), filesUnder(r, '/dev/pipes'), r.image?.history.at(-1)?.createdBy]).toEqual([
      ['/out.txt file 12 0:0 0644'],
      [],
      'RUN /dev/pipes/EOF # buildkit',
    ]);
  });

  test('runs through the SHELL as USER in WORKDIR with ENV and the ARGs in scope', () => {
    const { deps, calls } = fakeShell();
    const r = buildText('FROM alpine:3.24\nARG V=1\nENV E=2\nWORKDIR /w\nUSER nobody\nRUN go build\n', {}, { buildArgs: { HTTP_PROXY: 'http://p' } }, createBuildCache(), deps);
    expect(r.ok).toBe(true);
    const c = calls[0];
    expect([c?.argv, c?.cwd, c?.user, c?.cred, c?.env]).toEqual([
      ['/bin/sh', '-c', 'go build'],
      '/w',
      'nobody',
      { uid: 65534, gid: 65534, groups: [] },
      { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', V: '1', E: '2', HTTP_PROXY: 'http://p' },
    ]);
    expect(r.image?.history.at(-1)?.createdBy).toBe('RUN |1 V=1 /bin/sh -c go build # buildkit');
  });

  test('a failing command stops the build with BuildKit error at its line; later steps do not run', () => {
    const { deps } = fakeShell();
    const r = buildText('FROM alpine:3.24\nRUN fail 3\nRUN write /x y\n', {}, {}, createBuildCache(), deps);
    expect(errorsOf(r)).toEqual([{ message: 'process "/bin/sh -c fail 3" did not complete successfully: exit code: 3', line: 2 }]);
    expect(r.stages[0]?.steps.map((s) => [s.status, s.stderr, s.exitCode])).toEqual([
      ['failed', 'it failed\n', 3],
      ['not-run', '', null],
    ]);
    expect(r.image).toBe(null);
  });

  test('an unknown USER fails when something runs as it', () => {
    const { deps } = fakeShell();
    const r = buildText('FROM alpine:3.24\nUSER ghost\nENV OK=1\nRUN true\n', {}, {}, createBuildCache(), deps);
    expect(errorsOf(r)).toEqual([{ message: 'unable to find user ghost: no matching entries in passwd file', line: 4 }]);
  });

  test('the layer holds what the command wrote, labelled effects and output', () => {
    const { deps } = fakeShell();
    const r = buildText('FROM alpine:3.24\nWORKDIR /app\nRUN write out.txt hello\n', {}, {}, createBuildCache(), deps);
    const step = r.stages[0]?.steps[1];
    expect([step?.size, step?.changes, step?.effects, step?.stdout]).toEqual([
      5,
      [{ path: '/app/out.txt', op: 'add', type: 'file', size: 5, uid: 0, gid: 0, mode: '0644' }],
      [{ label: 'simulated', by: 'write', detail: 'wrote out.txt', paths: [], bytes: null }],
      'wrote out.txt\n',
    ]);
  });

  test('a cache mount stays out of the layer and keeps its content for the next build', () => {
    const { deps, calls } = fakeShell();
    const cache = createBuildCache();
    const df = (n: number) => `FROM alpine:3.24\nRUN --mount=type=cache,target=/root/.cache write /root/.cache/f${n} x\n`;
    const first = buildText(df(1), {}, {}, cache, deps);
    expect([filesUnder(first, '/root/.cache'), first.stages[0]?.steps[0]?.changes]).toEqual([[], []]);
    buildText(df(2), {}, {}, cache, deps);
    const root = calls[1]?.fs.children.get('root');
    const cached = root?.kind === 'dir' ? root.children.get('.cache') : undefined;
    expect(cached?.kind === 'dir' && [...cached.children.keys()]).toEqual(['f1']);
  });
});
