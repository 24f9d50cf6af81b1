import { describe, expect, test } from 'vitest';
import type { ContextInput } from '../../../src/lib/build/index.ts';
import { buildText, errorsOf, filesUnder } from './helpers.ts';

const ctx: ContextInput = {
  'app.txt': { content: 'app' },
  'run.sh': { content: '#!/bin/sh\n', mode: 0o755 },
  'src/a.go': { content: 'package a' },
  'src/lib/b.go': { content: 'package b' },
  'docs/x.md': { content: '# x' },
  'site.tar': { size: 2048, archive: { 'index.html': { content: '<h1>hi</h1>' }, 'css/s.css': { content: 'a{}' } } },
};

describe('COPY from the context', () => {
  test('a file: no trailing slash names the file, a trailing slash or an existing folder puts it inside', () => {
    const r = buildText('FROM alpine:3.24\nCOPY app.txt /one\nCOPY app.txt /two/\nCOPY app.txt /etc\n', ctx);
    expect([...filesUnder(r, '/one'), ...filesUnder(r, '/two'), ...filesUnder(r, '/etc/app.txt')]).toEqual([
      '/one file 3 0:0 0644',
      '/two dir 0 0:0 0755',
      '/two/app.txt file 3 0:0 0644',
      '/etc/app.txt file 3 0:0 0644',
    ]);
  });

  test('a folder copies its contents; destination relative to WORKDIR; modes kept; owner 0:0 even after USER', () => {
    const r = buildText('FROM alpine:3.24\nWORKDIR /app\nUSER nobody\nCOPY src ./code\nCOPY run.sh .\n', ctx);
    expect(filesUnder(r, '/app')).toEqual([
      '/app dir 0 0:0 0755',
      '/app/code dir 0 0:0 0755',
      '/app/code/a.go file 9 0:0 0644',
      '/app/code/lib dir 0 0:0 0755',
      '/app/code/lib/b.go file 9 0:0 0644',
      '/app/run.sh file 10 0:0 0755',
    ]);
  });

  test('wildcards match with Go rules; a wildcard without match is not an error', () => {
    const r = buildText('FROM alpine:3.24\nCOPY *.txt *.sh /w/\nCOPY *.nothing /none/\n', ctx);
    expect(r.ok).toBe(true);
    expect([...filesUnder(r, '/w'), ...filesUnder(r, '/none')]).toEqual([
      '/w dir 0 0:0 0755',
      '/w/app.txt file 3 0:0 0644',
      '/w/run.sh file 10 0:0 0755',
    ]);
  });

  test('--chown resolves names in the stage passwd file, --chmod sets modes of what is copied', () => {
    const r = buildText('FROM alpine:3.24\nCOPY --chown=nobody:nogroup --chmod=600 app.txt /o/a\nCOPY --chown=1000 src /s/\n', ctx);
    expect([...filesUnder(r, '/o'), ...filesUnder(r, '/s')]).toEqual([
      '/o dir 0 65534:65533 0600',
      '/o/a file 3 65534:65533 0600',
      '/s dir 0 1000:1000 0755',
      '/s/a.go file 9 1000:1000 0644',
      '/s/lib dir 0 1000:1000 0755',
      '/s/lib/b.go file 9 1000:1000 0644',
    ]);
  });

  test('--exclude leaves out matching paths; --parents keeps the source path', () => {
    const r = buildText('FROM alpine:3.24\nCOPY --exclude=lib src /e/\nCOPY --parents src/lib/b.go docs/x.md /p/\n', ctx);
    expect([...filesUnder(r, '/e'), ...filesUnder(r, '/p')]).toEqual([
      '/e dir 0 0:0 0755',
      '/e/a.go file 9 0:0 0644',
      '/p dir 0 0:0 0755',
      '/p/docs dir 0 0:0 0755',
      '/p/docs/x.md file 3 0:0 0644',
      '/p/src dir 0 0:0 0755',
      '/p/src/lib dir 0 0:0 0755',
      '/p/src/lib/b.go file 9 0:0 0644',
    ]);
  });

  test('a missing source is Docker error at its line', () => {
    expect(errorsOf(buildText('FROM alpine:3.24\nWORKDIR /app\nCOPY nothere.txt .\n', ctx))).toEqual([
      { message: 'failed to compute cache key: failed to calculate checksum of ref context "/nothere.txt": not found', line: 3 },
    ]);
  });

  test('a path excluded by .dockerignore is not there to copy: a CopyIgnoredFile warning, then not found', () => {
    const r = buildText('FROM alpine:3.24\nCOPY docs /d/\n', { ...ctx, '.dockerignore': { content: 'docs\n' } });
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.message, d.line])).toEqual([
      ['warning', 'CopyIgnoredFile', 'Attempting to Copy file "docs" that is excluded by .dockerignore', 2],
      ['error', 'source-not-found', 'failed to compute cache key: failed to calculate checksum of ref context "/docs": not found', 2],
    ]);
  });

  test('COPY of a URL is refused; ADD downloads it as a labelled simulation', () => {
    expect(errorsOf(buildText('FROM alpine:3.24\nCOPY https://example.com/a.tgz /x/\n', ctx))).toEqual([
      { message: "source can't be a URL for COPY", line: 2 },
    ]);
    const r = buildText('FROM alpine:3.24\nADD https://example.com/files/tool.tgz /opt/\n', ctx);
    expect(filesUnder(r, '/opt/tool.tgz')).toEqual(['/opt/tool.tgz file 0 0:0 0600']);
    expect(r.stages[0]?.steps[0]?.effects).toEqual([
      {
        label: 'simulated download',
        by: 'ADD',
        detail: 'downloaded https://example.com/files/tool.tgz (no network: an empty placeholder file named tool.tgz)',
        paths: [],
        bytes: 0,
      },
    ]);
  });

  test('ADD extracts a local tar; COPY copies it as a file', () => {
    const r = buildText('FROM alpine:3.24\nADD site.tar /www\nCOPY site.tar /keep/\n', ctx);
    expect([...filesUnder(r, '/www'), ...filesUnder(r, '/keep')]).toEqual([
      '/www dir 0 0:0 0755',
      '/www/css dir 0 0:0 0755',
      '/www/css/s.css file 3 0:0 0644',
      '/www/index.html file 11 0:0 0644',
      '/keep dir 0 0:0 0755',
      '/keep/site.tar file 2048 0:0 0644',
    ]);
  });

  test('a COPY layer holds everything it copies, also files identical to what was there', () => {
    const r = buildText('FROM alpine:3.24\nWORKDIR /app\nCOPY src/a.go .\nCOPY src .\n', ctx);
    const step = r.stages[0]?.steps[2];
    expect([step?.size, step?.changes.map((c) => `${c.op} ${c.path}`)]).toEqual([
      18,
      ['modify /app/a.go', 'add /app/lib', 'add /app/lib/b.go'],
    ]);
  });

  test('an invalid --chmod is an error', () => {
    expect(errorsOf(buildText('FROM alpine:3.24\nCOPY --chmod=999 app.txt /a\n', ctx))).toEqual([
      { message: "invalid chmod parameter: '999'. it should be octal string and between 0 and 07777", line: 2 },
    ]);
  });
});

describe('COPY --from', () => {
  test('copies from an earlier stage keeping owners; sources are read from its root, not its WORKDIR', () => {
    const df = 'FROM alpine:3.24 AS build\nWORKDIR /out\nCOPY --chown=nobody app.txt /out/app.txt\nFROM alpine:3.24\nWORKDIR /srv\nCOPY --from=build /out/app.txt .\nCOPY --from=0 out /all\n';
    const r = buildText(df, ctx);
    expect([...filesUnder(r, '/srv'), ...filesUnder(r, '/all')]).toEqual([
      '/srv dir 0 0:0 0755',
      '/srv/app.txt file 3 65534:65534 0644',
      '/all dir 0 0:0 0755',
      '/all/app.txt file 3 65534:65534 0644',
    ]);
    expect(r.image?.files.find((f) => f.path === '/srv/app.txt')).toMatchObject({ fromStage: 'build', fromLine: 6 });
  });

  test('copies from an image', () => {
    const r = buildText('FROM alpine:3.24\nCOPY --from=busybox:1.38 /bin/busybox /usr/local/bin/bb\n', ctx);
    expect(r.ok).toBe(true);
    expect(r.stages[0]?.dependsOn).toEqual([{ kind: 'copy-from', stage: null, image: 'busybox:1.38', line: 2 }]);
    expect(filesUnder(r, '/usr/local/bin/bb').map((l) => l.replace(/ file \d+ /, ' file N '))).toEqual(['/usr/local/bin/bb file N 0:0 0755']);
  });

  test('a missing path in the source stage is an error at the COPY line', () => {
    const r = buildText('FROM alpine:3.24 AS build\nWORKDIR /w\nFROM alpine:3.24\nCOPY --from=build /app/dist /srv\n', ctx);
    expect(errorsOf(r)).toEqual([
      { message: 'failed to compute cache key: failed to calculate checksum of ref context "/app/dist": not found', line: 4 },
    ]);
  });
});
