import { describe, expect, test } from 'vitest';
import { createBuildCache } from '../../../src/lib/build/index.ts';
import { buildText, errorsOf, filesUnder, stepSummary } from './helpers.ts';

/** stdout of the last step of the last stage. */
const lastOutput = (r: ReturnType<typeof buildText>): string => r.stages.at(-1)?.steps.at(-1)?.stdout ?? '';

describe('RUN --mount=type=secret', () => {
  test('shows the secret at /run/secrets/<id> (mode 0400) while the command runs; the layer keeps nothing of it', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=secret,id=token cat /run/secrets/token; ls -l /run/secrets\n', {}, { secrets: { token: 's3cr3t\n' } });
    expect([lastOutput(r), filesUnder(r, '/run'), r.stages[0]?.steps[0]?.changes]).toEqual([
      's3cr3t\ntotal 4\n-r--------    1 root     root             7 Jan  1 00:00 token\n',
      ['/run dir 0 0:0 0755'],
      [],
    ]);
  });

  test('target=, uid= and mode= place the file; a folder created for it goes again (BuildKit removes mount stubs)', () => {
    const df = 'FROM alpine:3.24\nWORKDIR /app\nRUN --mount=type=secret,id=npmrc,target=conf/npmrc,uid=65534,mode=0440 ls -ln conf; cat conf/npmrc\n';
    const r = buildText(df, {}, { secrets: { npmrc: 'x=1\n' } });
    expect([lastOutput(r), filesUnder(r, '/app'), r.stages[0]?.steps[1]?.changes]).toEqual([
      'total 4\n-r--r-----    1 65534    0                4 Jan  1 00:00 npmrc\nx=1\n',
      ['/app dir 0 0:0 0755'],
      [],
    ]);
  });

  test('the id defaults to the target file name', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=secret,target=/root/.npmrc cat /root/.npmrc\n', {}, { secrets: { '.npmrc': 'from-id\n' } });
    expect([lastOutput(r), filesUnder(r, '/root')]).toEqual(['from-id\n', ['/root dir 0 0:0 0700']]);
  });

  test('env= gives the secret as a variable and mounts no file unless target= is given too', () => {
    const df = 'FROM alpine:3.24\nRUN --mount=type=secret,id=tok,env=TOKEN echo "$TOKEN"; ls /run/secrets\n';
    const r = buildText(df, {}, { secrets: { tok: 'abc' } });
    expect([lastOutput(r), r.stages[0]?.steps[0]?.stderr]).toEqual(['abc\n', 'ls: /run/secrets: No such file or directory\n']);
    const both = buildText('FROM alpine:3.24\nRUN --mount=type=secret,id=tok,env=TOKEN,target=/t echo "$TOKEN"; cat /t\n', {}, { secrets: { tok: 'abc' } });
    expect(lastOutput(both)).toBe('abc\nabc');
  });

  test('a secret the build was not given is simply absent', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc,env=NPMRC ls -A /root; echo "[$NPMRC]"\n');
    expect([r.ok, lastOutput(r), filesUnder(r, '/root')]).toEqual([true, '[]\n', ['/root dir 0 0:0 0700']]);
  });

  test('required=true fails the step with BuildKit error when the secret is missing', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=secret,id=npmrc,required=true true\n');
    expect(errorsOf(r)).toEqual([{ message: 'secret npmrc: not found', line: 2 }]);
  });

  test('the secret content is not part of the cache key: a new value hits, and a cached step needs no secret', () => {
    const cache = createBuildCache();
    const df = 'FROM alpine:3.24\nRUN --mount=type=secret,id=tok,required cat /run/secrets/tok\n';
    buildText(df, {}, { secrets: { tok: 'one' } }, cache);
    const changed = buildText(df, {}, { secrets: { tok: 'two' } }, cache);
    const missing = buildText(df, {}, {}, cache);
    expect([stepSummary(changed), stepSummary(missing), missing.ok]).toEqual([
      ['stage-0 2 RUN --mount=type=secret,id=tok,required cat /run/secrets/tok CACHED'],
      ['stage-0 2 RUN --mount=type=secret,id=tok,required cat /run/secrets/tok CACHED'],
      true,
    ]);
  });

  test('a file already at the target comes back unchanged after the command', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=secret,id=h,target=/etc/hostname cat /etc/hostname\n', {}, { secrets: { h: 'secret-host\n' } });
    const base = buildText('FROM alpine:3.24\n');
    expect([lastOutput(r), filesUnder(r, '/etc/hostname')]).toEqual(['secret-host\n', filesUnder(base, '/etc/hostname')]);
  });
});

describe('mount points the engine had to create', () => {
  test('a tmpfs target and the folders made for it are gone afterwards', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=tmpfs,target=/a/b/c touch /a/b/c/x && ls /a/b\n');
    expect([lastOutput(r), filesUnder(r, '/a'), r.stages[0]?.steps[0]?.changes]).toEqual(['c\n', [], []]);
  });

  test('a created folder the command wrote into stays; the mount point itself goes', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=cache,target=/a/b/c touch /a/b/kept\n');
    expect(filesUnder(r, '/a')).toEqual(['/a dir 0 0:0 0755', '/a/b dir 0 0:0 0755', '/a/b/kept file 0 0:0 0644']);
  });

  test('a bind-mounted file leaves no empty file behind', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=bind,source=app.conf,target=/etc/app/app.conf cat /etc/app/app.conf\n', { 'app.conf': { content: 'port=80\n' } });
    expect([lastOutput(r), filesUnder(r, '/etc/app')]).toEqual(['port=80\n', []]);
  });

  test('an ssh mount: no agent is forwarded, so the socket is absent, and required=true fails', () => {
    const r = buildText('FROM alpine:3.24\nRUN --mount=type=ssh test -e /run/buildkit || echo no agent\n');
    expect([lastOutput(r), filesUnder(r, '/run')]).toEqual(['no agent\n', ['/run dir 0 0:0 0755']]);
    const required = buildText('FROM alpine:3.24\nRUN --mount=type=ssh,required=true true\n');
    expect(errorsOf(required)).toEqual([{ message: 'no SSH key "default" forwarded from the client', line: 2 }]);
  });
});
