/**
 * `docker image inspect` with its own flags (only -f/--format: --type and -s belong to
 * `docker inspect`), and the daemon's name for a missing image (`nope` → `nope:latest`).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createDaemon, type DockerDaemon } from '../../src/lib/cli/docker/index.ts';
import { docker } from './run-docker.ts';

let d: DockerDaemon;
beforeAll(async () => {
  d = createDaemon({ context: () => ({ Dockerfile: { content: 'FROM alpine:3.20\nUSER 1000\n' } }), now: () => Date.UTC(2026, 0, 1, 12) });
  expect((await docker(d, 'build', '-q', '-t', 'app', '.')).status).toBe(0);
});

const imageInspect = (...argv: string[]) => docker(d, 'image', 'inspect', ...argv);

const usage = "\n\nUsage:  docker image inspect [OPTIONS] IMAGE [IMAGE...]\n\nRun 'docker image inspect --help' for more information\n";

describe('docker image inspect', () => {
  test('rejects the flags only docker inspect has, in pflag words with the usage, exit 125', async () => {
    expect(await imageInspect('--type', 'image', 'app')).toEqual({ status: 125, out: '', err: `unknown flag: --type${usage}` });
    expect(await imageInspect('--type=image', 'app')).toEqual({ status: 125, out: '', err: `unknown flag: --type${usage}` });
    expect(await imageInspect('-s', 'app')).toEqual({ status: 125, out: '', err: `unknown shorthand flag: 's' in -s${usage}` });
    expect(await imageInspect('--size', 'app')).toEqual({ status: 125, out: '', err: `unknown flag: --size${usage}` });
  });

  test('takes -f and --format; a missing image is named with its tag', async () => {
    expect(await imageInspect('-f', '{{.Config.User}}', 'app')).toEqual({ status: 0, out: '1000\n', err: '' });
    expect(await imageInspect('--format={{.Os}}', 'app', 'nope')).toEqual({
      status: 1, out: 'linux\n', err: 'Error response from daemon: No such image: nope:latest\n',
    });
  });
});

describe('docker history of a missing image names it as the daemon does', () => {
  test.each([
    ['nope', 'nope:latest'],
    ['nope:1.0', 'nope:1.0'],
    ['localhost:5000/team/nope', 'localhost:5000/team/nope:latest'],
    ['a'.repeat(64), `sha256:${'a'.repeat(64)}`],
  ])('%s', async (ref, named) => {
    const expected = { status: 1, out: '', err: `Error response from daemon: No such image: ${named}\n` };
    expect(await docker(d, 'history', ref)).toEqual(expected);
    expect(await docker(d, 'image', 'history', ref)).toEqual(expected);
  });
});
