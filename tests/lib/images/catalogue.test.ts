import { describe, expect, test } from 'vitest';
import {
  CATALOGUE_DATA, createCatalogue, createImageLoader, DEFAULT_PATH, listImages, loadBaseImage, validateFamilyData,
} from '../../../src/lib/images/index.ts';
import type { BaseImage } from '../../../src/lib/images/index.ts';
import { treeBytes, walk } from '../../../src/lib/vfs/index.ts';

const load = (ref: string): BaseImage => {
  const result = loadBaseImage(ref);
  if (!result.ok) throw new Error(`${ref}: ${result.error.message}`);
  return result.value;
};

const everyImage = listImages().map((row) => `${row.repository}:${row.tags[0] ?? ''}`);

describe('the catalogue data files', () => {
  test.each(Object.entries(CATALOGUE_DATA))('%s passes the schema', (file, json) => {
    expect(validateFamilyData(json, file)).toMatchObject({ ok: true });
  });

  test('holds at least the families and images the lessons need', () => {
    expect(new Set(listImages().map((row) => row.repository))).toEqual(new Set([
      'alpine', 'buildpack-deps', 'busybox', 'composer', 'debian', 'gcr.io/distroless/base-debian12', 'gcr.io/distroless/static-debian12',
      'eclipse-temurin', 'golang', 'httpd', 'nginx', 'node', 'php', 'python', 'rust', 'ubuntu',
    ]));
    expect(everyImage.length).toBeGreaterThanOrEqual(55);
  });

  test('every row says which month its tags, versions and size reflect (latest and lts move)', () => {
    expect(new Set(listImages().map((row) => row.asOf))).toEqual(new Set(['2026-09']));
    expect(listImages().find((row) => row.repository === 'node' && row.tags.includes('lts'))).toMatchObject({ tags: expect.arrayContaining(['24', 'latest']), asOf: '2026-09' });
  });

  test('every image size is either cited or marked as an estimate', () => {
    for (const row of listImages()) {
      expect(row.sizeSource, `${row.repository}:${row.tags[0]}`).toMatch(/^(docker-library\/repo-info .+ Virtual Size ~ [\d.]+ [MG]b: https:\/\/github\.com\/docker-library\/repo-info\/blob\/[0-9a-f]{40}\/|estimate: )/);
    }
  });
});

describe.each(everyImage)('%s', (ref) => {
  const image = load(ref);

  test('its tree holds exactly its declared size', () => {
    expect(treeBytes(image.rootfs)).toBe(image.size);
  });

  test('its history adds up to its size, with a source for every sized layer', () => {
    expect(image.history.reduce((sum, h) => sum + h.size, 0)).toBe(image.size);
    for (const h of image.history) {
      if (h.size > 0) expect(h.sizeSource, h.createdBy).toBeTruthy();
      expect(h.createdBy).not.toMatch(/\{\{[A-Z_]+\}\}/);
    }
  });

  test('has a PATH and sound ownership (no negative or fractional sizes)', () => {
    expect(image.config.Env.some((e) => e.startsWith('PATH='))).toBe(true);
    for (const { path, node } of walk(image.rootfs)) {
      if (node.kind === 'file') expect(Number.isInteger(node.size) && node.size >= 0, path).toBe(true);
      if (node.kind === 'dir' && node.summary) expect(node.summary.bytes >= 0, path).toBe(true);
    }
  });
});

describe('loading', () => {
  test('scratch is the empty image BuildKit starts FROM scratch with', () => {
    const scratch = load('scratch');
    expect(scratch).toMatchObject({ ref: 'scratch', size: 0, history: [] });
    expect(scratch.config).toEqual({
      User: '', WorkingDir: '/', Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: null, Entrypoint: null,
      ExposedPorts: [], Labels: {}, Volumes: [],
    });
    expect([...scratch.rootfs.children.keys()]).toEqual([]);
    expect(DEFAULT_PATH).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  });

  test('aliases share one tree; the ref keeps the tag that was asked for', () => {
    const byNumber = load('node:24-alpine');
    const byAlias = load('docker.io/library/node:lts-alpine');
    expect(byAlias.ref).toBe('docker.io/library/node:lts-alpine');
    expect(byNumber.ref).toBe('docker.io/library/node:24-alpine');
    expect(byAlias.rootfs).toBe(byNumber.rootfs);
    expect(load('node:24-alpine').rootfs).toBe(byNumber.rootfs);
  });

  test('a tag without a version resolves to latest', () => {
    expect(load('alpine').ref).toBe('docker.io/library/alpine:latest');
    expect(load('alpine').rootfs).toBe(load('alpine:3.24').rootfs);
  });

  test('a derived image keeps its base history first and shares the base subtrees it does not touch', () => {
    const alpine = load('alpine:3.24');
    const node = load('node:22-alpine');
    expect(node.history.slice(0, alpine.history.length)).toEqual(alpine.history);
    expect(node.history.map((h) => h.createdBy).at(-1)).toBe('CMD ["node"]');
    expect(node.rootfs.children.get('sbin')).toBe(alpine.rootfs.children.get('sbin'));
  });

  test('history text takes the image own versions', () => {
    expect(load('node:20-alpine').history.map((h) => h.createdBy)).toContain('ENV NODE_VERSION=20.20.0');
    expect(load('node:22-alpine').history.map((h) => h.createdBy)).toContain('ENV NODE_VERSION=22.23.2');
  });

  test('a catalogue with a data error is refused with every problem listed', () => {
    const bad = { repositories: ['demo'], description: 'x', asOf: '2026-09', sources: [], images: [{ tags: ['1'], size: 10, sizeSource: 's', files: { 'etc/x': { size: 3 } }, colour: 'red' }] };
    expect(() => createCatalogue({ 'demo.json': bad })).toThrow(
      'invalid image data:\ndemo.json.images[0].colour: unknown field\ndemo.json.images[0].files: "etc/x" is not an absolute path\ndemo.json.images[0].files["etc/x"]: a declared size needs a source',
    );
  });

  test('listed contents larger than the declared size are a data error', () => {
    const loader = createImageLoader(createCatalogue({
      'demo.json': { repositories: ['demo'], description: 'x', asOf: '2026-09', sources: [], images: [{ tags: ['1'], size: 10, sizeSource: 's', files: { '/big': { size: 11, source: 's' } } }] },
    }));
    expect(() => loader.load('demo:1')).toThrow('image data: docker.io/library/demo:1 lists 11 bytes but its size is 10');
  });
});

describe('validateFamilyData', () => {
  const family = (image: object): unknown => ({ repositories: ['demo'], description: 'd', asOf: '2026-09', sources: [], images: [image] });
  test.each([
    [{ tags: ['1'] }, ['f.images[0]: size and sizeSource are required (or "like" another entry)']],
    [{ tags: ['1'], size: -1, sizeSource: 's' }, ['f.images[0].size: expected a non-negative integer']],
    [{ tags: ['1'], size: 1, sizeSource: 's', files: { '/a': { lines: ['x'], size: 2, source: 's' } } }, ['f.images[0].files["/a"]: give exactly one of lines, append, size']],
    [{ tags: ['1'], size: 1, sizeSource: 's', dirs: { '/tmp': { mode: '777x' } } }, ['f.images[0].dirs["/tmp"].mode: expected an octal mode string like "0755"']],
    [{ tags: ['1'], size: 1, sizeSource: 's', history: [{ createdBy: 'RUN x' }] }, ['f.images[0].history[0]: a layer needs a size']],
    [{ tags: ['1'], size: 1, sizeSource: 's', history: [{ createdBy: 'RUN x', size: 5 }] }, ['f.images[0].history[0]: a layer size needs a source']],
    [{ tags: ['1'], size: 1, sizeSource: 's', bulk: { '/a': { files: 1, bytes: 'rest', source: 's' }, '/b': { files: 1, bytes: 'rest', source: 's' } } }, ['f.images[0].bulk: at most one folder may take the rest']],
  ])('%j is refused', (image, problems) => {
    expect(validateFamilyData(family(image), 'f')).toEqual({ ok: false, error: problems });
  });

  test('a family says which month its tags reflect', () => {
    const { asOf: _, ...undated } = family({ tags: ['1'], size: 1, sizeSource: 's' }) as Record<string, unknown>;
    expect(validateFamilyData(undated, 'f')).toEqual({ ok: false, error: ['f.asOf: required'] });
    expect(validateFamilyData({ ...undated, asOf: 'September 2026' }, 'f')).toEqual({ ok: false, error: ['f.asOf: expected a month like "2026-09"'] });
  });
});

describe('data mistakes are bugs, caught when the image loads', () => {
  const family = (images: object[]): Record<string, unknown> => ({ 'demo.json': { repositories: ['demo'], description: 'x', asOf: '2026-09', sources: [], images } });
  test('an image that is its own base', () => {
    const loader = createImageLoader(createCatalogue(family([{ tags: ['1'], base: 'demo:2', size: 0, sizeSource: 's' }, { tags: ['2'], base: 'demo:1', size: 0, sizeSource: 's' }])));
    expect(() => loader.load('demo:1')).toThrow('image data: docker.io/library/demo:1 is its own base');
  });

  test('a history that does not add up', () => {
    const loader = createImageLoader(createCatalogue(family([{ tags: ['1'], size: 10, sizeSource: 's', bulk: { '/x': { files: 1, bytes: 'rest', source: 's' } }, history: [{ createdBy: 'ADD x', size: 4, source: 's' }] }])));
    expect(() => loader.load('demo:1')).toThrow('image data: docker.io/library/demo:1 history sums to 4 bytes, size is 10');
  });

  test('text appended to a file the base does not have', () => {
    const loader = createImageLoader(createCatalogue(family([{ tags: ['1'], size: 0, sizeSource: 's', files: { '/etc/passwd': { append: ['x'] } } }])));
    expect(() => loader.load('demo:1')).toThrow('image data: nothing to append to at /etc/passwd');
  });
});
