import { describe, expect, test } from 'vitest';
import type { ContextInput } from '../../src/lib/build/index.ts';
import { loadSecrets, parseSecretSpec } from '../../src/lib/cli/docker/secrets.ts';
import { createDaemon, runDocker } from '../../src/lib/cli/docker/index.ts';
import { memoryIo } from '../../src/lib/cli/io.ts';
import { main } from '../../src/lib/cli/main.ts';

const DOCKERFILE = 'FROM alpine:3.24\nRUN --mount=type=secret,id=tok --mount=type=secret,id=key,env=KEY cat /run/secrets/tok; echo "key=$KEY"\n';

/** The log lines of the RUN step in plain progress (`#N 0.000 text`). */
const runLog = (progress: string): string[] => progress.split('\n').filter((l) => /^#\d+ \d+\.\d{3} /.test(l)).map((l) => l.replace(/^#\d+ \d+\.\d{3} /, ''));

describe('--secret values, as buildx reads them', () => {
  test('src= and env= name where the value comes from; type=env turns src into the variable; a bare id tries the variable, then the file', () => {
    const files: Record<string, string> = { 'a.txt': 'from-file', id3: 'bare-file' };
    const host = {
      readFile: (p: string) => (files[p] === undefined ? { ok: false as const, error: 'nope' } : { ok: true as const, value: files[p] as string }),
      env: (n: string) => ({ V: 'from-env', id4: 'bare-env' })[n],
    };
    expect(loadSecrets(['id=id1,src=a.txt', 'id=id2,type=env,src=V', 'id=id3', 'id=id4', 'id=id5,env=UNSET'], host)).toEqual({
      ok: true,
      value: { id1: 'from-file', id2: 'from-env', id3: 'bare-file', id4: 'bare-env', id5: '' },
    });
    expect(loadSecrets(['id=x,src=missing.txt'], host)).toEqual({ ok: false, error: 'failed to stat missing.txt: stat missing.txt: no such file or directory' });
  });

  test('malformed values fail in buildx words', () => {
    expect([parseSecretSpec('src=a'), parseSecretSpec('id=a,bogus'), parseSecretSpec('id=a,x=1'), parseSecretSpec('id=a,type=ssh')]).toEqual([
      { ok: false, error: 'secret missing ID' },
      { ok: false, error: "invalid field 'bogus' must be a key=value pair" },
      { ok: false, error: "unexpected key 'x' in 'x=1'" },
      { ok: false, error: 'unsupported secret type "ssh"' },
    ]);
  });
});

describe('docker build --secret in the terminal', () => {
  async function docker(files: ContextInput, ...argv: string[]) {
    let err = '';
    const daemon = createDaemon({ context: () => files });
    const outcome = await runDocker(argv, { daemon, io: { stdout: () => undefined, stderr: (t) => (err += t), cwd: '', cols: 80, color: false } });
    return { status: outcome.status, err };
  }

  test('a file of the project becomes the secret; the terminal has no environment, so env= secrets are empty', async () => {
    const r = await docker({ Dockerfile: { content: DOCKERFILE }, 'tok.txt': { content: 'file-secret\n' } }, 'build', '--progress', 'plain', '--secret', 'id=tok,src=tok.txt', '--secret', 'id=key,env=KEY', '.');
    expect([r.status, runLog(r.err)]).toEqual([0, ['file-secret', 'key=']]);
  });

  test('a missing secret file stops before the build', async () => {
    const r = await docker({ Dockerfile: { content: DOCKERFILE } }, 'build', '--secret', 'id=tok,src=tok.txt', '.');
    expect(r).toEqual({ status: 1, err: 'ERROR: failed to build: failed to stat tok.txt: stat tok.txt: no such file or directory\n' });
  });
});

describe('stagecraft build --secret', () => {
  function host(files: Record<string, string>, env: Record<string, string>) {
    const io = Object.assign(memoryIo(files, '/w'), { env });
    return Object.assign(io, {
      readTree(dir: string): { ok: true; value: ContextInput } {
        const prefix = `${dir.replace(/\/$/, '')}/`;
        const value: Record<string, { content: string }> = {};
        for (const [path, content] of Object.entries(files)) if (path.startsWith(prefix)) value[path.slice(prefix.length)] = { content };
        return { ok: true, value };
      },
      writeFile(path: string, text: string): { ok: true; value: undefined } {
        files[path] = text;
        return { ok: true, value: undefined };
      },
    });
  }

  test('reads src= relative to the working folder and env= from the environment', async () => {
    const io = host({ '/w/ctx/Dockerfile': DOCKERFILE, '/w/tok.txt': 'file-secret\n' }, { KEY: 'env-secret' });
    expect(await main(['build', '--state', '/st', '--secret', 'id=tok,src=tok.txt', '--secret=id=key,env=KEY', 'ctx'], io)).toBe(0);
    expect(runLog(io.err)).toEqual(['file-secret', 'key=env-secret']);
  });

  test('a missing secret file is an error before the build', async () => {
    const io = host({ '/w/ctx/Dockerfile': DOCKERFILE }, {});
    expect([await main(['build', '--state', '/st', '--secret', 'id=tok', 'ctx'], io), io.err]).toEqual([1, 'ERROR: failed to stat tok: stat tok: no such file or directory\n']);
  });
});
