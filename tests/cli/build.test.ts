import { describe, expect, test } from 'vitest';
import type { ContextInput } from '../../src/lib/build/index.ts';
import { memoryIo } from '../../src/lib/cli/io.ts';
import { main } from '../../src/lib/cli/main.ts';

/** A memory host that can also list folders, write the state files and tell the time. */
function host(files: Record<string, string>, now = Date.UTC(2026, 10, 23, 12, 0, 0)) {
  const io = Object.assign(memoryIo(files, '/w'), { clock: now });
  return Object.assign(io, {
    now: () => io.clock,
    readTree(dir: string): { ok: true; value: ContextInput } | { ok: false; error: string } {
      const prefix = `${dir.replace(/\/$/, '')}/`;
      const value: Record<string, { content: string }> = {};
      for (const [path, content] of Object.entries(files)) if (path.startsWith(prefix)) value[path.slice(prefix.length)] = { content };
      return Object.keys(value).length === 0 ? { ok: false, error: `open ${dir}: no such file or directory` } : { ok: true, value };
    },
    writeFile(path: string, text: string): { ok: true; value: undefined } {
      files[path] = text;
      return { ok: true, value: undefined };
    },
    reset() {
      io.out = '';
      io.err = '';
    },
  });
}

const dockerfile = 'FROM alpine:3.24 AS build\nWORKDIR /src\nCOPY app.txt .\nFROM alpine:3.24\nCOPY --from=build /src/app.txt /app.txt\nCMD ["cat", "/app.txt"]\n';

describe('stagecraft build and the image commands', () => {
  test('build prints BuildKit plain progress and stores the image; images lists it', async () => {
    const io = host({ '/w/ctx/Dockerfile': dockerfile, '/w/ctx/app.txt': 'hello' });
    expect(await main(['build', '-t', 'demo', '--state', '/st', 'ctx'], io)).toBe(0);
    expect(io.err).toBe(
      [
        '#1 [internal] load build definition from Dockerfile',
        '#1 transferring dockerfile: 135B done',
        '#1 DONE 0.0s',
        '',
        '#2 [internal] load metadata for docker.io/library/alpine:3.24',
        '#2 DONE 0.0s',
        '',
        '#3 [internal] load .dockerignore',
        '#3 transferring context: 2B done',
        '#3 DONE 0.0s',
        '',
        '#4 [internal] load build context',
        '#4 transferring context: 140B done',
        '#4 DONE 0.0s',
        '',
        '#5 [build 1/3] FROM docker.io/library/alpine:3.24',
        '#5 DONE 0.0s',
        '',
        '#6 [build 2/3] WORKDIR /src',
        '#6 DONE 0.0s',
        '',
        '#7 [build 3/3] COPY app.txt .',
        '#7 DONE 0.0s',
        '',
        '#8 [stage-1 1/2] FROM docker.io/library/alpine:3.24',
        '#8 DONE 0.0s',
        '',
        '#9 [stage-1 2/2] COPY --from=build /src/app.txt /app.txt',
        '#9 DONE 0.0s',
        '',
        '#10 exporting to image',
        '#10 exporting layers done',
        '#10 naming to docker.io/library/demo:latest done',
        '#10 DONE 0.0s',
        '',
      ].join('\n'),
    );
    io.reset();
    io.clock += 120_000;
    expect(await main(['images', '--state', '/st'], io)).toBe(0);
    expect(io.out.replace(/[0-9a-f]{12}/, 'IMAGEID')).toMatch(/^REPOSITORY   TAG       IMAGE ID       CREATED         SIZE\ndemo         latest    IMAGEID   2 minutes ago   8\.44MB\n$/);
  });

  test('a second invocation sees the first one cache through the state folder', async () => {
    const io = host({ '/w/ctx/Dockerfile': dockerfile, '/w/ctx/app.txt': 'hello' });
    await main(['build', '--state', '/st', 'ctx'], io);
    io.reset();
    expect(await main(['build', '--state', '/st', 'ctx'], io)).toBe(0);
    expect(io.err.split('\n').filter((l) => l.endsWith('CACHED'))).toEqual(['#6 CACHED', '#7 CACHED', '#9 CACHED']);
  });

  test('history shows the layers newest first, as docker history', async () => {
    const io = host({ '/w/ctx/Dockerfile': dockerfile, '/w/ctx/app.txt': 'hello' });
    await main(['build', '-t', 'demo:1', '--state', '/st', 'ctx'], io);
    io.reset();
    expect(await main(['history', '--state', '/st', 'demo:1'], io)).toBe(0);
    const lines = io.out.split('\n');
    expect(lines.slice(0, 3).map((l) => l.replace(/^[0-9a-f]{12}/, 'IMAGEID     '))).toEqual([
      'IMAGE          CREATED                  CREATED BY                                      SIZE      COMMENT',
      'IMAGEID        Less than a second ago   CMD ["cat" "/app.txt"]                          0B        buildkit.dockerfile.v0',
      '<missing>      Less than a second ago   COPY /src/app.txt /app.txt # buildkit           5B        buildkit.dockerfile.v0',
    ]);
  });

  test('inspect prints the config as JSON; rmi removes the image', async () => {
    const io = host({ '/w/ctx/Dockerfile': dockerfile, '/w/ctx/app.txt': 'hello' });
    await main(['build', '-t', 'demo', '--state', '/st', 'ctx'], io);
    io.reset();
    expect(await main(['inspect', '--state', '/st', 'demo'], io)).toBe(0);
    const [doc] = JSON.parse(io.out) as [{ RepoTags: string[]; Config: { Cmd: string[]; Env: string[] } }];
    expect([doc.RepoTags, doc.Config.Cmd, doc.Config.Env]).toEqual([
      ['demo:latest'],
      ['cat', '/app.txt'],
      ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ]);
    io.reset();
    expect(await main(['rmi', '--state', '/st', 'demo'], io)).toBe(0);
    expect(io.out).toMatch(/^Untagged: demo:latest\nDeleted: sha256:[0-9a-f]{64}\n$/);
    io.reset();
    expect(await main(['rmi', '--state', '/st', 'demo'], io)).toBe(1);
    expect(io.err).toBe('Error response from daemon: No such image: demo:latest\n');
  });

  test('a failed build exits 1 with the error block; --progress json still prints the result', async () => {
    const bad = 'FROM alpine:3.24\nWORKDIR /app\nCOPY missing.txt .\nCMD ["x"]\n';
    const io = host({ '/w/ctx/Dockerfile': bad, '/w/ctx/a': 'a' });
    expect(await main(['build', '--state', '/st', 'ctx'], io)).toBe(1);
    expect(io.err.slice(io.err.indexOf('#7 [3/3]'))).toBe(
      [
        '#7 [3/3] COPY missing.txt .',
        '#7 ERROR: failed to compute cache key: failed to calculate checksum of ref context "/missing.txt": not found',
        '',
        '------',
        ' > [3/3] COPY missing.txt .:',
        '------',
        'Dockerfile:3',
        '--------------------',
        '   1 |     FROM alpine:3.24',
        '   2 |     WORKDIR /app',
        '   3 | >>> COPY missing.txt .',
        '   4 |     CMD ["x"]',
        '   5 |     ',
        '--------------------',
        'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref context "/missing.txt": not found',
        '',
      ].join('\n'),
    );
    io.reset();
    expect(await main(['build', '--progress', 'json', '--state', '/st', 'ctx'], io)).toBe(1);
    const result = JSON.parse(io.out) as { ok: boolean; diagnostics: { message: string; line: number }[]; image: unknown };
    expect([result.ok, result.diagnostics.map((d) => d.line), result.image]).toEqual([false, [3], null]);
  });

  test('check warnings are listed after the progress, before the error', async () => {
    const io = host({ '/w/ctx/Dockerfile': 'FROM alpine:3.24\nCOPY secret.txt /s\n', '/w/ctx/secret.txt': 'x', '/w/ctx/.dockerignore': 'secret.txt\n' });
    expect(await main(['build', '--state', '/st', 'ctx'], io)).toBe(1);
    const tail = io.err.slice(io.err.indexOf('#6 ERROR'));
    expect(tail.split('\n').slice(0, 5)).toEqual([
      '#6 ERROR: failed to compute cache key: failed to calculate checksum of ref context "/secret.txt": not found',
      '',
      ' 1 warning found (use docker --debug to expand):',
      ' - CopyIgnoredFile: Attempting to Copy file "secret.txt" that is excluded by .dockerignore (line 2)',
      '',
    ]);
  });

  test('only Docker build checks are listed, not hadolint rules', async () => {
    const io = host({ '/w/ctx/Dockerfile': 'FROM alpine:3.24 as build\nFROM alpine\nCOPY --from=build /etc/hostname /h\n', '/w/ctx/a': 'a' });
    expect(await main(['build', '--state', '/st', 'ctx'], io)).toBe(0);
    expect(io.err.slice(io.err.indexOf('\n 1 warning'))).toBe(
      "\n 1 warning found (use docker --debug to expand):\n - FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)\n",
    );
  });

  test('--builder legacy prints the classic builder steps, over every stage up to the target', async () => {
    const df = 'FROM alpine:3.24 AS unused\nRUN echo unused\nFROM alpine:3.24\nENV A=1\nCOPY a /a\n';
    const io = host({ '/w/ctx/Dockerfile': df, '/w/ctx/a': 'a' });
    expect(await main(['build', '--builder', 'legacy', '-t', 'old', '--state', '/st', 'ctx'], io)).toBe(0);
    expect(io.out.replace(/[0-9a-f]{12}/g, 'ID')).toBe(
      [
        'Sending build context to Docker daemon  79B',
        'Step 1/5 : FROM alpine:3.24 AS unused',
        ' ---> ID',
        'Step 2/5 : RUN echo unused',
        ' ---> Running in ID',
        'unused',
        'Removing intermediate container ID',
        ' ---> ID',
        'Step 3/5 : FROM alpine:3.24',
        ' ---> ID',
        'Step 4/5 : ENV A=1',
        ' ---> Running in ID',
        'Removing intermediate container ID',
        ' ---> ID',
        'Step 5/5 : COPY a /a',
        ' ---> ID',
        'Successfully built ID',
        'Successfully tagged old:latest',
        '',
      ].join('\n'),
    );
    io.reset();
    await main(['build', '--builder', 'legacy', '--state', '/st', 'ctx'], io);
    expect(io.out.split('\n').filter((l) => l.includes('Using cache')).length).toBe(3);
  });

  test('usage errors exit 2', async () => {
    const io = host({});
    expect(await main(['build'], io)).toBe(2);
    expect(io.err.split('\n')[0]).toBe('ERROR: "stagecraft build" requires exactly 1 argument');
  });
});
