import { describe, expect, test } from 'vitest';
import type { ContextInput } from '../../src/lib/build/index.ts';
import { createDaemon, runDocker, type DockerDaemon } from '../../src/lib/cli/docker/index.ts';
import { DOCKERFILE, projectFiles } from '../lib/terminal/fixtures.ts';

async function docker(daemon: DockerDaemon, ...argv: string[]) {
  let out = '';
  let err = '';
  const outcome = await runDocker(argv, {
    daemon,
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: '', cols: 60, color: false },
  });
  return { status: outcome.status, out, err, shell: outcome.shell };
}

function daemonWith(files: ContextInput = projectFiles()): DockerDaemon {
  return createDaemon({ context: () => files, now: () => Date.UTC(2026, 0, 1, 12) });
}

async function built(files?: ContextInput): Promise<DockerDaemon> {
  const d = daemonWith(files);
  const r = await docker(d, 'build', '-q', '-t', 'app', '.');
  expect(r.status).toBe(0);
  return d;
}

describe('docker build', () => {
  test("BuildKit's terminal display: every vertex, sub-steps, FINISHED; cached steps on the second build", async () => {
    const d = daemonWith();
    const first = await docker(d, 'build', '-t', 'app', '--target', 'build', '.');
    expect(first).toMatchObject({ status: 0, out: '' });
    expect(first.err).toBe([
      '[+] Building 0.0s (8/8) FINISHED              docker:default',
      ' => [internal] load build definition from Dockerfile    0.0s',
      ' => => transferring dockerfile: 175B                    0.0s',
      ' => [internal] load metadata for docker.io/library/a... 0.0s',
      ' => [internal] load .dockerignore                       0.0s',
      ' => => transferring context: 5B                         0.0s',
      ' => [internal] load build context                       0.0s',
      ' => => transferring context: 219B                       0.0s',
      ' => [build 1/3] FROM docker.io/library/alpine:3.20      0.0s',
      ' => [build 2/3] WORKDIR /src                            0.0s',
      ' => [build 3/3] COPY . .                                0.0s',
      ' => exporting to image                                  0.0s',
      ' => => exporting layers                                 0.0s',
      ' => => naming to docker.io/library/app:latest           0.0s',
      '',
    ].join('\n'));
    const second = await docker(d, 'build', '-t', 'app', '--target', 'build', '.');
    expect(second.err.split('\n').filter((l) => l.includes('CACHED'))).toEqual([
      ' => CACHED [build 2/3] WORKDIR /src                     0.0s',
      ' => CACHED [build 3/3] COPY . .                         0.0s',
    ]);
  });

  test('colours as docker uses them on a terminal: finished lines blue, the failed step red, then the error block', async () => {
    const files = { Dockerfile: { content: 'FROM alpine:3.20\nRUN echo building && false\n' } };
    const d = daemonWith(files);
    let err = '';
    const r = await runDocker(['build', '.'], { daemon: d, io: { stdout: () => undefined, stderr: (t) => (err += t), cwd: '', cols: 50, color: true } });
    expect(r.status).toBe(1);
    const lines = err.split('\n');
    expect(lines[0]).toBe('[+] Building 0.0s (6/6)             docker:default');
    expect(lines[1]).toBe('\x1b[34m => [internal] load build definition from ... 0.0s\x1b[0m');
    expect(lines.find((l) => l.includes('ERROR'))).toBe('\x1b[31m => ERROR [2/2] RUN echo building && false    0.0s\x1b[0m');
    expect(err.slice(err.indexOf('------'))).toBe([
      '------',
      ' > [2/2] RUN echo building && false:',
      '0.000 building',
      '------',
      'Dockerfile:2',
      '--------------------',
      '   1 |     FROM alpine:3.20',
      '   2 | >>> RUN echo building && false',
      '   3 |     ',
      '--------------------',
      'ERROR: failed to solve: process "/bin/sh -c echo building && false" did not complete successfully: exit code: 1',
      '',
    ].join('\n'));
    expect(d.store.images).toEqual([]);
  });

  test('--progress plain prints the numbered vertices; -f and a context folder are relative to the shell folder', async () => {
    const files = { 'app/Dockerfile.dev': { content: 'FROM alpine:3.20\nCOPY x.txt /\n' }, 'app/x.txt': { content: 'x\n' } };
    const d = daemonWith(files);
    let err = '';
    const r = await runDocker(['build', '--progress', 'plain', '-f', 'Dockerfile.dev', '.'], {
      daemon: d, io: { stdout: () => undefined, stderr: (t) => (err += t), cwd: 'app', cols: 80, color: false },
    });
    expect(r.status).toBe(0);
    expect(err.split('\n').slice(0, 3)).toEqual(['#1 [internal] load build definition from Dockerfile.dev', '#1 transferring dockerfile: 30B done', '#1 DONE 0.0s']);
    expect(err).toContain('#6 [2/2] COPY x.txt /\n#6 DONE 0.0s\n');
  });

  test('a missing context folder, a missing Dockerfile, a bad progress mode', async () => {
    const d = daemonWith();
    expect(await docker(d, 'build', 'nope')).toMatchObject({ status: 1, err: 'ERROR: unable to prepare context: path "nope" not found\n' });
    expect(await docker(d, 'build', '-f', 'Other', '.')).toMatchObject({
      status: 1, err: 'ERROR: failed to build: failed to solve: failed to read dockerfile: open Other: no such file or directory\n',
    });
    expect(await docker(d, 'build', '--progress', 'fancy', '.')).toMatchObject({ status: 1, err: 'ERROR: invalid progress mode "fancy" (Stagecraft supports auto, tty, plain and quiet)\n' });
    expect(await docker(d, 'build')).toMatchObject({
      status: 1,
      err: "docker: 'docker buildx build' requires 1 argument\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nRun 'docker buildx build --help' for more information\n",
    });
  });
});

describe('docker run', () => {
  test('runs CMD as the image user in its workdir, or the given command; -u, -w, -e, --entrypoint', async () => {
    const d = await built();
    expect(await docker(d, 'run', 'app')).toMatchObject({ status: 0, out: 'hello from app\n', err: '' });
    expect(await docker(d, 'run', '--rm', 'app', 'id')).toMatchObject({ status: 0, out: 'uid=1000(app) gid=1000(app) groups=1000(app)\n' });
    expect(await docker(d, 'run', '-u', 'root', '-w', '/tmp', 'app', 'sh', '-c', 'id -un; pwd')).toMatchObject({ status: 0, out: 'root\n/tmp\n' });
    expect(await docker(d, 'run', '-e', 'GREETING=hi', '-e', 'HOME=/custom', 'app', 'sh', '-c', 'echo $GREETING $HOME $HOSTNAME')).toMatchObject({
      status: 0, out: 'hi /custom 86c08164a431\n',
    });
    expect(await docker(d, 'run', '--entrypoint', 'echo', 'app', 'entry', 'point')).toMatchObject({ status: 0, out: 'entry point\n' });
  });

  test('the process exit status is docker run\'s status', async () => {
    const d = await built();
    expect(await docker(d, 'run', 'app', 'sh', '-c', 'exit 3')).toMatchObject({ status: 3, out: '', err: '' });
  });

  test('a non-root process cannot write into a root-owned folder', async () => {
    const d = await built();
    expect(await docker(d, 'run', 'app', 'sh', '-c', 'echo x > /usr/x')).toMatchObject({ status: 1, err: "sh: can't create /usr/x: Permission denied\n" });
  });

  test("a missing program or path: runc's error, 127", async () => {
    const d = await built();
    const missing = await docker(d, 'run', 'app', 'nosuch');
    expect(missing.status).toBe(127);
    expect(missing.err).toBe(
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nosuch": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n',
    );
    const path = await docker(d, 'run', '--entrypoint', '/app/myapp', 'app');
    expect(path.status).toBe(127);
    expect(path.err).toContain('error during container init: exec: "/app/myapp": stat /app/myapp: no such file or directory: unknown\n');
  });

  test('-it with a shell attaches it; an image without a shell gives Docker\'s error', async () => {
    const d = await built();
    const attached = await docker(d, 'run', '-it', 'app', 'sh');
    expect(attached.status).toBe(0);
    expect(attached.shell?.prompt()).toBe('/app $ ');
    expect(attached.shell?.run('whoami; cd ..; pwd')).toEqual({ stdout: 'app\n/\n', stderr: '', status: 0 });
    expect(attached.shell?.prompt()).toBe('/ $ ');
    expect(attached.shell?.run('exit 4')).toEqual({ stdout: '', stderr: '', status: 4 });
    expect(attached.shell?.exited).toBe(true);

    const scratch = daemonWith({ Dockerfile: { content: 'FROM scratch\nCOPY hello.sh /\n' }, 'hello.sh': { content: 'echo\n' } });
    await docker(scratch, 'build', '-q', '-t', 'bare', '.');
    const noShell = await docker(scratch, 'run', '-it', 'bare', 'sh');
    expect(noShell).toMatchObject({
      status: 127,
      out: '',
      err: 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "sh": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n',
    });
    expect(noShell.shell).toBeUndefined();
  });

  test('without -i a shell reads no input and exits at once, as in Docker', async () => {
    const d = await built();
    expect(await docker(d, 'run', 'app', 'sh')).toMatchObject({ status: 0, out: '', err: '', shell: undefined });
  });

  test('a missing image: Docker tries to pull, and this terminal says it is offline', async () => {
    const d = daemonWith();
    expect(await docker(d, 'run', 'myapp')).toEqual({
      status: 125,
      out: '',
      shell: undefined,
      err: [
        "Unable to find image 'myapp:latest' locally",
        "docker: Error response from daemon: pull access denied for myapp, repository does not exist or may require 'docker login'",
        '',
        "Run 'docker run --help' for more information",
        "(Stagecraft: this terminal is offline and has no registry; only images built here can run. Try: docker build -t myapp .)",
        '',
      ].join('\n'),
    });
  });

  test('an unknown user', async () => {
    const d = await built();
    expect(await docker(d, 'run', '-u', 'bob', 'app', 'id')).toMatchObject({
      status: 125,
      err: "docker: Error response from daemon: unable to find user bob: no matching entries in passwd file\n\nRun 'docker run --help' for more information\n",
    });
  });
});

describe('usage errors in docker\'s words', () => {
  test('unknown flag, unknown shorthand, missing flag value', async () => {
    const d = daemonWith();
    const use = '\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun \'docker run --help\' for more information\n';
    expect(await docker(d, 'run', '--x', 'app')).toMatchObject({ status: 125, err: `unknown flag: --x${use}` });
    expect(await docker(d, 'run', '-itz', 'app')).toMatchObject({ status: 125, err: `unknown shorthand flag: 'z' in -itz${use}` });
    expect(await docker(d, 'run', 'app', '--x')).toMatchObject({ status: 125 });
    expect(await docker(d, 'run', '-u')).toMatchObject({ status: 125, err: `flag needs an argument: 'u' in -u${use}` });
  });

  test('unknown commands, missing arguments, commands that exist but are not simulated', async () => {
    const d = daemonWith();
    expect(await docker(d, 'foo')).toMatchObject({ status: 1, err: "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n" });
    expect(await docker(d, 'image', 'foo')).toMatchObject({ status: 1, err: "docker: unknown command: docker image foo\n\nRun 'docker image --help' for more information\n" });
    expect(await docker(d, 'run')).toMatchObject({
      status: 1,
      err: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n",
    });
    expect(await docker(d, 'images', 'x', 'y')).toMatchObject({
      status: 1,
      err: "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'docker images --help' for more information\n",
    });
    expect(await docker(d, 'ps')).toMatchObject({ status: 1, err: 'docker ps: not simulated by Stagecraft (no container outlives its `docker run` here, so there are none to list).\n' });
    expect(await docker(d, 'system', 'prune')).toMatchObject({
      status: 1, err: 'docker system prune: not simulated by Stagecraft (use `docker image prune`; there are no containers, volumes or networks to prune).\n',
    });
  });

  test('--help lists the simulated options', async () => {
    const r = await docker(daemonWith(), 'tag', '--help');
    expect(r).toMatchObject({
      status: 0,
      out: 'Usage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n\nStagecraft simulates the options listed here.\n',
    });
  });
});

describe('images, tag, history, inspect, rmi, image prune, system df', () => {
  test('tag adds a name; rebuilding moves the tag and leaves a dangling image for prune', async () => {
    const files = projectFiles();
    const d = await built(files);
    const first = d.store.images[0]?.id.slice(0, 12) ?? '';
    expect(await docker(d, 'tag', 'app', 'app:v1')).toEqual({ status: 0, out: '', err: '', shell: undefined });
    files['hello.sh'] = { content: 'echo changed\n' };
    await docker(d, 'build', '-q', '-t', 'app', '.');
    await docker(d, 'rmi', 'app:v1');
    const second = d.store.images[0]?.id.slice(0, 12) ?? '';
    expect((await docker(d, 'images')).out).toBe([
      'REPOSITORY   TAG       IMAGE ID       CREATED                  SIZE',
      `app          latest    ${second}   Less than a second ago   7.8MB`,
      '',
    ].join('\n'));
    expect(first).not.toBe(second);
  });

  test('image prune -f deletes dangling images and reports the bytes only they held', async () => {
    const files = projectFiles();
    const d = await built(files);
    const old = d.store.images[0]?.id ?? '';
    files['hello.sh'] = { content: 'echo changed\n' };
    await docker(d, 'build', '-q', '-t', 'app', '.');
    expect(await docker(d, 'image', 'prune', '-f')).toMatchObject({
      status: 0,
      out: `Deleted Images:\ndeleted: sha256:${old}\n\nTotal reclaimed space: 26B\n`,
    });
    expect(d.store.images.map((i) => i.repoTags)).toEqual([['app:latest']]);
  });

  test('system df counts shared layers once', async () => {
    const d = await built();
    const r = await docker(d, 'system', 'df');
    expect(r.out.split('\n')[0]).toBe('TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE');
    expect(r.out.split('\n')[1]).toMatch(/^Images {10}1 {9}0 {9}7\.8MB {5}7\.8MB \(100%\)$/);
    expect(r.out.split('\n')[2]).toBe('Containers      0         0         0B        0B');
  });

  test('history and inspect of a tagged image; a missing image', async () => {
    const d = await built();
    const h = await docker(d, 'history', 'app');
    expect(h.out.split('\n').slice(0, 3)).toEqual([
      'IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT',
      `${d.store.images[0]?.id.slice(0, 12)}   Less than a second ago   CMD ["sh" "hello.sh"]                           0B        buildkit.dockerfile.v0`,
      '<missing>      Less than a second ago   COPY /src/hello.sh . # buildkit                 26B       buildkit.dockerfile.v0',
    ].map((l) => l.replace('CREATED         CREATED BY', 'CREATED                  CREATED BY')));
    const i = await docker(d, 'inspect', 'app');
    expect((JSON.parse(i.out) as { Config: { User: string; Cmd: string[] } }[])[0]?.Config).toMatchObject({ User: 'app', Cmd: ['sh', 'hello.sh'] });
    expect(await docker(d, 'history', 'nope')).toMatchObject({ status: 1, err: 'Error response from daemon: No such image: nope:latest\n' });
    expect(await docker(d, 'tag', 'nope', 'x')).toMatchObject({ status: 1, err: 'Error response from daemon: No such image: nope:latest\n' });
  });
});

test('the fixture Dockerfile is the one these outputs were written for', () => {
  expect(DOCKERFILE.split('\n')).toHaveLength(11);
});
