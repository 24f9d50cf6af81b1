/**
 * `docker images [OPTIONS] [REPOSITORY[:TAG]]` in the terminal's docker CLI: the positional argument
 * as docker's reference filter (per tag, Go path.Match wildcards, name or name:tag), --filter,
 * -q, --no-trunc, the "did you mean docker image ls" hint, and docker's usage errors.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createDaemon, type DockerDaemon } from '../../src/lib/cli/docker/index.ts';
import { familiarMatch } from '../../src/lib/cli/docker/image-filters.ts';
import { docker } from './run-docker.ts';

let d: DockerDaemon;
/** Short ids: `web` (tagged web:latest, web:v1, registry.local/team/web:v1), `api` (api:1.0, label tier=api), a dangling one. */
const ids = { web: '', api: '', old: '' };
const files = { Dockerfile: { content: 'FROM alpine:3.20\nCMD ["echo", "one"]\n' } };

beforeAll(async () => {
  d = createDaemon({ context: () => files, now: () => Date.UTC(2026, 0, 1, 12) });
  const build = async (tag: string, dockerfile: string) => {
    files.Dockerfile = { content: dockerfile };
    expect((await docker(d, 'build', '-q', '-t', tag, '.')).status).toBe(0);
    return d.store.images[0]?.id.slice(0, 12) ?? '';
  };
  ids.old = await build('web', 'FROM alpine:3.20\nCMD ["echo", "old"]\n');
  ids.web = await build('web', 'FROM alpine:3.20\nCMD ["echo", "web"]\n');
  ids.api = await build('api:1.0', 'FROM alpine:3.20\nLABEL tier=api\nCMD ["echo", "api"]\n');
  await docker(d, 'tag', 'web', 'web:v1');
  await docker(d, 'tag', 'web', 'registry.local/team/web:v1');
});

const HEADER = 'REPOSITORY                TAG       IMAGE ID       CREATED                  SIZE';
const row = (repo: string, tag: string, id: string): string =>
  `${repo.padEnd(26)}${tag.padEnd(10)}${id}   Less than a second ago   7.8MB`;

describe('docker images [REPOSITORY[:TAG]]', () => {
  test('every tag is a row; an image without a tag is <none>', async () => {
    expect(await docker(d, 'images')).toEqual({
      status: 0,
      out: [
        HEADER,
        row('api', '1.0', ids.api),
        row('web', 'latest', ids.web),
        row('web', 'v1', ids.web),
        row('registry.local/team/web', 'v1', ids.web),
        row('<none>', '<none>', ids.old),
        '',
      ].join('\n'),
      err: '',
    });
  });

  test('a repository name lists its tags; name:tag one row; wildcards as path.Match', async () => {
    const rows = async (...argv: string[]) => (await docker(d, 'images', ...argv)).out.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(':'));
    expect(await rows('web')).toEqual(['web:latest', 'web:v1']);
    expect(await rows('web:v1')).toEqual(['web:v1']);
    expect(await rows('w*')).toEqual(['web:latest', 'web:v1']);
    expect(await rows('*:v1')).toEqual(['web:v1']);
    expect(await rows('*/*/web')).toEqual(['registry.local/team/web:v1']);
    expect(await rows('registry.local/team/web:v?')).toEqual(['registry.local/team/web:v1']);
    expect(await rows('[a-b]pi')).toEqual(['api:1.0']);
    expect(await rows('nothing')).toEqual([]);
  });

  test('an empty result prints the header only', async () => {
    expect(await docker(d, 'images', 'nothing')).toEqual({ status: 0, out: 'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n', err: '' });
  });

  test('"docker images ls" finds nothing and says what was probably meant; "docker image ls ls" does not', async () => {
    expect(await docker(d, 'images', 'ls')).toEqual({
      status: 0,
      out: 'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n',
      err: 'No images found matching "ls": did you mean "docker image ls"?\n',
    });
    expect((await docker(d, 'image', 'ls', 'ls')).err).toBe('');
  });

  test('-q prints an id per row; --no-trunc the full id', async () => {
    expect(await docker(d, 'images', '-q', 'web')).toEqual({ status: 0, out: `${ids.web}\n${ids.web}\n`, err: '' });
    const full = d.store.images.find((i) => i.id.startsWith(ids.api))?.id ?? '';
    expect((await docker(d, 'image', 'ls', '--no-trunc', '-q', 'api')).out).toBe(`sha256:${full}\n`);
    expect((await docker(d, 'images', '--no-trunc', 'api')).out.split('\n')[1]).toBe(
      `api          1.0       sha256:${full}   Less than a second ago   7.8MB`,
    );
  });

  test('--filter reference, dangling and label', async () => {
    const q = async (...argv: string[]) => (await docker(d, 'images', '-q', ...argv)).out.trimEnd().split('\n');
    expect(await q('--filter', 'reference=api')).toEqual([ids.api]);
    expect(await q('-f', 'reference=api', '-f', 'reference=web:latest')).toEqual([ids.api, ids.web]);
    expect(await q('--filter', 'dangling=true')).toEqual([ids.old]);
    expect(await q('--filter', 'dangling=false', 'web')).toEqual([ids.web, ids.web]);
    expect(await q('--filter', 'label=tier')).toEqual([ids.api]);
    expect(await q('--filter', 'label=tier=web')).toEqual(['']);
  });
});

describe('--format', () => {
  test('a Go template per row; "table" adds the header and aligns the cells', async () => {
    expect(await docker(d, 'images', '--format', '{{.Repository}}:{{.Tag}} {{.Size}}', 'web')).toEqual({ status: 0, out: 'web:latest 7.8MB\nweb:v1 7.8MB\n', err: '' });
    expect(await docker(d, 'images', '--format', 'table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}', 'w*')).toEqual({
      status: 0,
      out: `REPOSITORY   TAG       IMAGE ID\nweb          latest    ${ids.web}\nweb          v1        ${ids.web}\n`,
      err: '',
    });
    expect((await docker(d, 'images', '--format', 'table')).out).toBe((await docker(d, 'images')).out);
    expect((await docker(d, 'images', '-q', '--format', '{{.Tag}}', 'api')).out).toBe('1.0\n');
  });

  test('json: one object per row, keys sorted, <none> escaped as json.Marshal does', async () => {
    expect((await docker(d, 'images', '--format', 'json', 'api')).out).toBe(
      `{"Containers":"N/A","CreatedAt":"2026-01-01 12:00:00 +0000 UTC","CreatedSince":"Less than a second ago","Digest":"\\u003cnone\\u003e","ID":"${ids.api}","Repository":"api","SharedSize":"N/A","Size":"7.8MB","Tag":"1.0","UniqueSize":"N/A","VirtualSize":"7.8MB"}\n`,
    );
  });

  test('an unknown field fails before anything is printed', async () => {
    expect(await docker(d, 'images', '--format', '{{.Name}}')).toEqual({
      status: 1,
      out: '',
      err: 'template parsing error: template: :1:2: executing "" at <.Name>: can\'t evaluate field Name in type *formatter.imageContext\n',
    });
  });
});

describe("docker's errors", () => {
  test('more than one argument', async () => {
    expect(await docker(d, 'images', 'web', 'api')).toEqual({
      status: 1,
      out: '',
      err: "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'docker images --help' for more information\n",
    });
    expect((await docker(d, 'image', 'ls', 'web', 'api')).err).toBe(
      "docker: 'docker image ls' requires at most 1 argument\n\nUsage:  docker image ls [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'docker image ls --help' for more information\n",
    );
  });

  test('a filter without "=", an unknown filter, a bad dangling value', async () => {
    expect(await docker(d, 'images', '--filter', 'dangling')).toEqual({
      status: 125,
      out: '',
      err: 'invalid argument "dangling" for "-f, --filter" flag: bad format of filter (expected name=value)\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun \'docker images --help\' for more information\n',
    });
    expect(await docker(d, 'images', '-f', 'colour=red')).toEqual({ status: 1, out: '', err: "Error response from daemon: invalid filter 'colour'\n" });
    expect(await docker(d, 'images', '-f', 'dangling=maybe')).toEqual({ status: 1, out: '', err: "Error response from daemon: invalid filter 'dangling=maybe'\n" });
    expect(await docker(d, 'images', '-f', 'since=web')).toEqual({ status: 1, out: '', err: "docker images: the 'since' filter is not simulated by Stagecraft\n" });
  });
});

describe('reference.FamiliarMatch', () => {
  test.each([
    ['web', 'web', 'latest', true],
    ['web:latest', 'web', 'latest', true],
    ['web:v*', 'web', 'latest', false],
    ['*', 'team/web', 'v1', false],
    ['*/*', 'team/web', 'v1', true],
    ['w?b', 'web', 'v1', true],
    ['[^a]eb', 'web', 'v1', true],
    ['web\\:v1', 'web', 'v1', true],
    ['[', 'web', 'v1', false],
    ['web[', 'web', 'v1', false],
  ] as const)('%s against %s:%s', (pattern, repo, tag, expected) => {
    expect(familiarMatch(pattern, repo, tag)).toBe(expected);
  });
});
