import { describe, expect, test } from 'vitest';
import { createBuildCache } from '../../../src/lib/build/index.ts';
import { buildText, errorsOf, fakeShell, filesUnder } from './helpers.ts';

describe('more instruction behaviour', () => {
  test('WORKDIR creates its folder owned by the current USER; an existing folder keeps its owner', () => {
    const r = buildText('FROM alpine:3.24\nUSER nobody\nWORKDIR /data/work\nWORKDIR /tmp\n');
    expect([...filesUnder(r, '/data'), ...filesUnder(r, '/tmp')]).toEqual([
      '/data dir 0 65534:65534 0755',
      '/data/work dir 0 65534:65534 0755',
      '/tmp dir 0 0:0 01777',
    ]);
  });

  test('ARG history shows the value the ARG took; RUN lists every declared ARG with the value RUN sees', () => {
    const { deps } = fakeShell();
    const r = buildText('FROM alpine:3.24\nARG NAME=default\nARG UNSET\nENV NAME=from-env\nRUN true\n', {}, { buildArgs: { NAME: 'cli' } }, createBuildCache(), deps);
    expect(r.image?.history.slice(-4).map((h) => h.createdBy)).toEqual([
      'ARG NAME=cli',
      'ARG UNSET',
      'ENV NAME=from-env',
      'RUN |2 NAME=from-env UNSET= /bin/sh -c true # buildkit',
    ]);
  });

  test('a heredoc becomes a file; a symlink given as a source is followed', () => {
    const r = buildText('FROM alpine:3.24\nARG WHO=world\nCOPY <<EOF /etc/greeting\nhello $WHO\nEOF\nCOPY link.txt /l\n', {
      'real.txt': { content: 'real' },
      'link.txt': { symlink: 'real.txt' },
    });
    expect([...filesUnder(r, '/etc/greeting'), ...filesUnder(r, '/l')]).toEqual(['/etc/greeting file 12 0:0 0644', '/l file 4 0:0 0644']);
    expect(r.image?.files.find((f) => f.path === '/etc/greeting')?.content).toBe('hello world\n');
  });

  test('RUN --mount=type=bind,from=<stage> shows that stage files during the command only', () => {
    const { deps, calls } = fakeShell();
    const r = buildText('FROM alpine:3.24 AS tools\nCOPY t /opt/t\nFROM alpine:3.24\nRUN --mount=type=bind,from=tools,source=/opt,target=/mnt true\n', { t: { content: 't' } }, {}, createBuildCache(), deps);
    expect(r.plan.stages[1]?.dependsOn).toEqual([{ kind: 'mount-from', stage: 0, image: null, line: 4 }]);
    const mnt = calls[0]?.fs.children.get('mnt');
    expect(mnt?.kind === 'dir' && [...mnt.children.keys()]).toEqual(['t']);
    expect(filesUnder(r, '/mnt')).toEqual(['/mnt dir 0 0:0 0755']);
  });

  test('an ONBUILD COPY --from in a base stage makes the child depend on that stage', () => {
    const df = 'FROM alpine:3.24 AS assets\nCOPY a /a\nFROM alpine:3.24 AS base\nONBUILD COPY --from=assets /a /from-assets\nFROM base\n';
    const r = buildText(df, { a: { content: 'A' } });
    expect(r.plan.order).toEqual([0, 1, 2]);
    expect(r.plan.stages[2]?.dependsOn).toEqual([
      { kind: 'from', stage: 1, image: null, line: 5 },
      { kind: 'copy-from', stage: 0, image: null, line: 5 },
    ]);
    expect(filesUnder(r, '/from-assets')).toEqual(['/from-assets file 1 0:0 0644']);
  });

  test('the legacy builder refuses two stages with one name', () => {
    expect(errorsOf(buildText('FROM alpine:3.24 AS a\nFROM alpine:3.24 AS a\n', {}, { builder: 'legacy' }))).toEqual([
      { message: 'a stage name already used', line: 2 },
    ]);
  });

  test('without a shell in the image, RUN cannot start', () => {
    const r = buildText('FROM scratch\nRUN echo hi\n');
    expect(errorsOf(r).map((e) => [e.message.startsWith('process "/bin/sh -c echo hi" did not complete successfully'), e.line])).toEqual([[true, 2]]);
  });
});
