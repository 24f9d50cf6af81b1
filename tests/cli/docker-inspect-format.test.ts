/**
 * `docker inspect -f` / `docker image inspect --format` in the terminal's docker CLI: the fields
 * learners ask for, printed as docker prints them (Go's fmt and docker's json function), and the
 * errors and exit statuses docker gives for unknown fields, bad templates and missing images.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createDaemon, type DockerDaemon } from '../../src/lib/cli/docker/index.ts';
import { docker } from './run-docker.ts';

const DOCKERFILE = [
  'FROM alpine:3.20',
  'ENV NODE_ENV=production PORT=8080',
  'LABEL org.opencontainers.image.title="notes" tier=api',
  'EXPOSE 8080 9229/udp',
  'USER 1000:1000',
  'WORKDIR /srv',
  'HEALTHCHECK --interval=30s --timeout=3s CMD wget -q -O- http://localhost:8080/health',
  'CMD ["node", "dist/server.js"]',
  '',
].join('\n');

let d: DockerDaemon;
let id = '';
beforeAll(async () => {
  d = createDaemon({ context: () => ({ Dockerfile: { content: DOCKERFILE } }), now: () => Date.UTC(2026, 0, 1, 12) });
  expect((await docker(d, 'build', '-q', '-t', 'notes-api', '.')).status).toBe(0);
  id = d.store.images[0]?.id ?? '';
});

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

describe('fields as docker prints them', () => {
  test.each([
    ['{{.Config.User}}', '1000:1000\n'],
    ['{{.Config.Cmd}}', '[node dist/server.js]\n'],
    ['{{.Config.Env}}', `[${PATH} NODE_ENV=production PORT=8080]\n`],
    ['{{json .Config.Env}}', `["${PATH}","NODE_ENV=production","PORT=8080"]\n`],
    ['{{json .Config.ExposedPorts}}', '{"8080/tcp":{},"9229/udp":{}}\n'],
    ['{{.Config.ExposedPorts}}', 'map[8080/tcp:{} 9229/udp:{}]\n'],
    ['{{.Config.Entrypoint}}', '[]\n'],
    ['{{.Config.Volumes}}', 'map[]\n'],
    ['{{.Size}}', '7800000\n'],
    ['{{.RepoTags}}', '[notes-api:latest]\n'],
    ['{{range .Config.Env}}{{println .}}{{end}}', `${PATH}\nNODE_ENV=production\nPORT=8080\n\n`],
    ['{{index .Config.Labels "tier"}}', 'api\n'],
    ['{{index .Config.Labels "x"}}', '\n'],
    ['{{.Config.Labels}}', 'map[org.opencontainers.image.title:notes tier:api]\n'],
    ['{{.Os}}/{{.Architecture}}', 'linux/amd64\n'],
    ['{{.Config.Healthcheck.Interval}} {{.Config.Healthcheck.Test}}', '30s [CMD-SHELL wget -q -O- http://localhost:8080/health]\n'],
    ['{{.Config.User}} {{.Config.WorkingDir}} {{json .Config.Cmd}}', '1000:1000 /srv ["node","dist/server.js"]\n'],
    ['user: {{if .Config.User}}{{.Config.User}}{{else}}root{{end}}', 'user: 1000:1000\n'],
  ])('%s', async (format, expected) => {
    expect(await docker(d, 'image', 'inspect', '--format', format, 'notes-api')).toEqual({ status: 0, out: expected, err: '' });
  });

  test('{{.Id}} and {{json .Config}} follow the JSON docker inspect prints', async () => {
    expect((await docker(d, 'inspect', '-f', '{{.Id}}', 'notes-api')).out).toBe(`sha256:${id}\n`);
    const json = (await docker(d, 'image', 'inspect', '--format', '{{json .Config}}', 'notes-api')).out;
    const full = JSON.parse((await docker(d, 'image', 'inspect', 'notes-api')).out) as { Config: unknown }[];
    expect(json).toBe(`${JSON.stringify(full[0]?.Config)}\n`);
  });

  test('--format json prints the array compact; no --format prints it indented', async () => {
    const compact = await docker(d, 'inspect', '--format', 'json', 'notes-api');
    const indented = await docker(d, 'inspect', 'notes-api');
    expect(compact.out).toBe(`${JSON.stringify(JSON.parse(indented.out))}\n`);
    expect(indented.out.split('\n').slice(0, 3)).toEqual(['[', '    {', `        "Id": "sha256:${id}",`]);
  });

  test('one line per image, in the order asked', async () => {
    await docker(d, 'tag', 'notes-api', 'notes-api:v2');
    expect(await docker(d, 'inspect', '-f', '{{.RepoTags}}', 'notes-api:v2', id.slice(0, 12))).toEqual({
      status: 0, out: '[notes-api:latest notes-api:v2]\n[notes-api:latest notes-api:v2]\n', err: '',
    });
    await docker(d, 'rmi', 'notes-api:v2');
  });
});

describe('errors and exit statuses', () => {
  test('an unknown field: the raw map has no entry for it; an empty line, status 1', async () => {
    expect(await docker(d, 'image', 'inspect', '--format', '{{.Config.Foo}}', 'notes-api')).toEqual({
      status: 1,
      out: '\n',
      err: 'template parsing error: template: :1:9: executing "" at <.Config.Foo>: map has no entry for key "Foo"\n',
    });
    expect((await docker(d, 'inspect', '-f', '{{.Foo}}', 'notes-api')).err).toBe(
      'template parsing error: template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"\n',
    );
  });

  test('a template that does not parse: nothing on stdout, status 64', async () => {
    expect(await docker(d, 'inspect', '-f', '{{.Config.User', 'notes-api')).toEqual({ status: 64, out: '', err: 'template parsing error: template: :1: unclosed action\n' });
    expect(await docker(d, 'inspect', '-f', '{{upper2 .Os}}', 'notes-api')).toEqual({
      status: 64, out: '', err: 'template parsing error: template: :1: function "upper2" not defined\n',
    });
  });

  test('a missing object among found ones: their lines, then the error; status 1', async () => {
    expect(await docker(d, 'inspect', '-f', '{{.Os}}', 'nope', 'notes-api')).toEqual({ status: 1, out: 'linux\n', err: 'error: no such object: nope\n' });
    expect(await docker(d, 'image', 'inspect', '-f', '{{.Os}}', 'nope')).toEqual({
      status: 1, out: '\n', err: 'Error response from daemon: No such image: nope:latest\n',
    });
    expect(await docker(d, 'image', 'inspect', 'nope')).toEqual({ status: 1, out: '[]\n', err: 'Error response from daemon: No such image: nope:latest\n' });
  });

  test('--type and --size as docker inspect reads them', async () => {
    expect(await docker(d, 'inspect', '--type', 'container', '-f', '{{.Os}}', 'notes-api')).toEqual({ status: 1, out: '\n', err: 'error: no such object: notes-api\n' });
    expect(await docker(d, 'inspect', '--type', 'box', 'notes-api')).toEqual({
      status: 1, out: '', err: 'unknown type: "box": must be one of "config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"\n',
    });
    expect(await docker(d, 'inspect', '-s', '-f', '{{.Os}}', 'notes-api')).toEqual({ status: 0, out: 'linux\n', err: 'WARNING: --size ignored for image\n' });
  });
});
