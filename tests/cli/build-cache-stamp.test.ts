import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { ContextInput } from '../../src/lib/build/index.ts';
import { memoryIo } from '../../src/lib/cli/io.ts';
import { main } from '../../src/lib/cli/main.ts';
import { sourceStamp, type StampFs } from '../../src/lib/cli/state/source-stamp.ts';

/** A memory host with a state folder; `stamp` is the simulator stamp it reports (none: no stamp). */
function host(files: Record<string, string>, stamp?: string) {
  const io = Object.assign(memoryIo(files, '/w'), {
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
  return stamp === undefined ? io : Object.assign(io, { simulatorStamp: () => stamp });
}

const context = (): Record<string, string> => ({ '/w/ctx/Dockerfile': 'FROM alpine:3.24\nCOPY app.txt /app.txt\n', '/w/ctx/app.txt': 'hello' });

/** BuildKit's plain progress for that Dockerfile, with the COPY step a hit or a miss. */
const progress = (copy: 'CACHED' | 'DONE 0.0s'): string =>
  [
    '#1 [internal] load build definition from Dockerfile',
    '#1 transferring dockerfile: 39B done',
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
    '#4 transferring context: 44B done',
    '#4 DONE 0.0s',
    '',
    '#5 [1/2] FROM docker.io/library/alpine:3.24',
    '#5 DONE 0.0s',
    '',
    '#6 [2/2] COPY app.txt /app.txt',
    `#6 ${copy}`,
    '',
    '#7 exporting to image',
    '#7 exporting layers done',
    '#7 DONE 0.0s',
    '',
  ].join('\n');

const build = async (io: ReturnType<typeof host>): Promise<[number, string]> => {
  io.err = '';
  const status = await main(['build', '--state', '/st', 'ctx'], io);
  return [status, io.err];
};

describe('the build cache carries a stamp of the simulator that wrote it', () => {
  test('the same stamp reuses the cache; another stamp drops it, says so once, and writes its own', async () => {
    const files = context();
    expect(await build(host(files, 'sim-a'))).toEqual([0, progress('DONE 0.0s')]);
    expect((JSON.parse(files['/st/cache.json'] as string) as { stamp: string }).stamp).toBe('sim-a');
    expect(await build(host(files, 'sim-a'))).toEqual([0, progress('CACHED')]);

    expect(await build(host(files, 'sim-b'))).toEqual([0, `WARNING: build cache from another Stagecraft version dropped\n${progress('DONE 0.0s')}`]);
    expect((JSON.parse(files['/st/cache.json'] as string) as { stamp: string }).stamp).toBe('sim-b');
    expect(await build(host(files, 'sim-b'))).toEqual([0, progress('CACHED')]);
  });

  test('a cache without a stamp and a host without one are different simulators too', async () => {
    const files = context();
    await build(host(files));
    expect(JSON.parse(files['/st/cache.json'] as string)).not.toHaveProperty('stamp');
    expect(await build(host(files))).toEqual([0, progress('CACHED')]);
    expect(await build(host(files, 'sim-a'))).toEqual([0, `WARNING: build cache from another Stagecraft version dropped\n${progress('DONE 0.0s')}`]);
    expect(await build(host(files))).toEqual([0, `WARNING: build cache from another Stagecraft version dropped\n${progress('DONE 0.0s')}`]);
  });

  test('--no-cache does not read the cache, so it has nothing to drop', async () => {
    const files = context();
    await build(host(files, 'sim-a'));
    const io = host(files, 'sim-b');
    expect(await main(['build', '--no-cache', '--state', '/st', 'ctx'], io)).toBe(0);
    expect(io.err).toBe(progress('DONE 0.0s'));
  });
});

/** A folder tree in memory, as the three fs functions sourceStamp reads. */
function memoryFs(tree: Record<string, string>, reverse = false): StampFs {
  const isDir = (path: string): boolean => Object.keys(tree).some((k) => k.startsWith(`${path}/`));
  return {
    readdirSync(path) {
      const names = new Set(Object.keys(tree).filter((k) => k.startsWith(`${path}/`)).map((k) => k.slice(path.length + 1).split('/')[0] as string));
      const list = [...names].sort();
      return reverse ? list.reverse() : list;
    },
    lstatSync: (path) => ({ isDirectory: () => isDir(path) }),
    readFileSync: (path) => new TextEncoder().encode(tree[path]),
  };
}

const stampOf = (tree: Record<string, string>, reverse = false): string => sourceStamp(memoryFs(tree, reverse), '/lib/', () => createHash('sha256'));

describe('sourceStamp', () => {
  const tree = { '/lib/build/cache.ts': 'export {}', '/lib/images/catalog.json': '{"alpine":1}', '/lib/index.ts': '' };

  test('hashes every path and content below the root, whatever order the folder lists', () => {
    const base = stampOf(tree);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(stampOf(tree, true)).toBe(base);
    expect(stampOf({ ...tree, '/lib/images/catalog.json': '{"alpine":2}' })).not.toBe(base);
    expect(stampOf({ ...tree, '/lib/index.ts': ' ' })).not.toBe(base);
    expect(stampOf({ ...tree, '/lib/shell/new.json': '' })).not.toBe(base);
    const { ['/lib/index.ts']: _, ...without } = tree;
    expect(stampOf(without)).not.toBe(base);
  });

  test('a moved file or content shifted between path and bytes changes it', () => {
    expect(stampOf({ '/lib/a.ts': 'x' })).not.toBe(stampOf({ '/lib/b/a.ts': 'x' }));
    expect(stampOf({ '/lib/a': 'bc' })).not.toBe(stampOf({ '/lib/ab': 'c' }));
    expect(stampOf({ '/lib/a': '', '/lib/b': 'x' })).not.toBe(stampOf({ '/lib/a': 'x', '/lib/b': '' }));
  });
});
