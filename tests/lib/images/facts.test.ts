import { describe, expect, test } from 'vitest';
import { listImages, loadBaseImage, resolveImageRef } from '../../../src/lib/images/index.ts';
import type { BaseImage } from '../../../src/lib/images/index.ts';
import { runArgv } from '../../../src/lib/shell/index.ts';
import { AS_ROOT, lstat, readFile, ROOT_CRED, stat } from '../../../src/lib/vfs/index.ts';

const load = (ref: string): BaseImage => {
  const result = loadBaseImage(ref);
  if (!result.ok) throw new Error(`${ref}: ${result.error.message}`);
  return result.value;
};
const text = (ref: string, path: string): string => {
  const file = readFile(load(ref).rootfs, AS_ROOT, path);
  return file.ok ? file.value.content ?? '' : `(${path}: ${file.ok ? '' : file.error.message})`;
};
const line = (ref: string, path: string, name: string): string | undefined =>
  text(ref, path).split('\n').find((l) => l.startsWith(`${name}:`));
/** Whether `path` (following symlinks, as exec does) is an executable file. */
const runnable = (ref: string, path: string): boolean => {
  const node = stat(load(ref).rootfs, AS_ROOT, path);
  return node.ok && node.value.kind === 'file' && (node.value.mode & 0o111) !== 0;
};
const envOf = (ref: string, name: string): string | undefined =>
  load(ref).config.Env.find((e) => e.startsWith(`${name}=`))?.slice(name.length + 1);

describe('users and groups as the real images have them', () => {
  test.each([
    ['node:22', 'node:x:1000:1000::/home/node:/bin/bash'],
    ['node:22-slim', 'node:x:1000:1000::/home/node:/bin/bash'],
    ['node:20-alpine', 'node:x:1000:1000:Linux User,,,:/home/node:/bin/sh'],
    ['nginx:latest', 'nginx:x:101:101:nginx user:/nonexistent:/bin/false'],
    ['nginx:alpine', 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin'],
    ['nginx:alpine-slim', 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin'],
    ['httpd:alpine', 'www-data:x:82:82:Linux User,,,:/home/www-data:/sbin/nologin'],
    ['httpd:latest', 'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin'],
    ['php:8.4-cli', 'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin'],
    ['composer:2', 'www-data:x:82:82:Linux User,,,:/home/www-data:/sbin/nologin'],
    ['gcr.io/distroless/static-debian12', 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin'],
    ['gcr.io/distroless/base-debian12:nonroot', 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin'],
    ['busybox', 'nobody:x:65534:65534:nobody:/home:/bin/false'],
    ['alpine:3.21', 'nobody:x:65534:65534:nobody:/:/sbin/nologin'],
    ['debian:bookworm', '_apt:x:42:65534::/nonexistent:/usr/sbin/nologin'],
    ['debian:bullseye-slim', '_apt:x:100:65534::/nonexistent:/usr/sbin/nologin'],
    ['ubuntu:24.04', 'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash'],
  ])('%s: %s', (ref, expected) => {
    expect(line(ref, '/etc/passwd', expected.split(':')[0] ?? '')).toBe(expected);
  });

  test.each([
    ['node:24', 'node', 'node:x:1000:'],
    ['node:24-alpine', 'node', 'node:x:1000:node'],
    ['nginx:latest', 'nginx', 'nginx:x:101:'],
    ['nginx:alpine', 'nginx', 'nginx:x:101:nginx'],
    ['alpine', 'www-data', 'www-data:x:82:'],
    ['httpd:alpine', 'www-data', 'www-data:x:82:www-data'],
    ['debian:bookworm-slim', 'www-data', 'www-data:x:33:'],
    ['gcr.io/distroless/static', 'nonroot', 'nonroot:x:65532:'],
    ['busybox', 'nobody', 'nobody:x:65534:'],
  ])('%s group %s', (ref, name, expected) => {
    expect(line(ref, '/etc/group', name)).toBe(expected);
  });

  test('the node image has no ubuntu-style uid clash: exactly one uid 1000', () => {
    const uid1000 = text('node:22', '/etc/passwd').split('\n').filter((l) => l.split(':')[2] === '1000');
    expect(uid1000).toEqual(['node:x:1000:1000::/home/node:/bin/bash']);
  });

  test('home folders belong to their users', () => {
    expect(lstat(load('node:22').rootfs, AS_ROOT, '/home/node')).toMatchObject({ ok: true, value: { kind: 'dir', uid: 1000, gid: 1000 } });
    expect(lstat(load('gcr.io/distroless/static:nonroot').rootfs, AS_ROOT, '/home/nonroot')).toMatchObject({ ok: true, value: { uid: 65532, gid: 65532, mode: 0o700 } });
    expect(lstat(load('alpine').rootfs, AS_ROOT, '/tmp')).toMatchObject({ ok: true, value: { mode: 0o1777 } });
  });

  test('release files name the distribution', () => {
    expect(text('alpine:3.22', '/etc/alpine-release')).toBe('3.22.6\n');
    expect(text('debian:bookworm', '/etc/debian_version')).toBe('12.15\n');
    expect(text('debian:bookworm-slim', '/etc/os-release')).toContain('VERSION_CODENAME=bookworm\n');
    expect(text('ubuntu:22.04', '/etc/os-release')).toContain('VERSION_CODENAME=jammy\n');
    expect(text('gcr.io/distroless/static', '/etc/os-release').split('\n')[0]).toBe('PRETTY_NAME="Distroless"');
  });
});

describe('the programs that matter, at their real paths', () => {
  test.each([
    ['alpine', ['/bin/sh', '/bin/busybox', '/bin/ls', '/sbin/apk', '/usr/bin/env', '/usr/sbin/adduser'], ['/usr/bin/apt-get', '/usr/local/go/bin/go', '/usr/bin/gcc', '/bin/bash']],
    ['busybox', ['/bin/sh', '/bin/busybox', '/bin/ls', '/bin/wget', '/bin/dd', '/bin/truncate', '/bin/adduser', '/bin/getconf'], ['/sbin/apk', '/usr/bin/apt-get', '/sbin/adduser']],
    ['debian:bookworm-slim', ['/bin/sh', '/usr/bin/dash', '/bin/bash', '/usr/bin/apt-get', '/usr/bin/dpkg', '/usr/sbin/useradd', '/usr/sbin/adduser'], ['/sbin/apk', '/usr/bin/gcc', '/usr/bin/curl']],
    ['debian:bullseye-slim', ['/bin/sh', '/bin/dash', '/bin/ls', '/usr/bin/apt-get'], []],
    ['ubuntu', ['/bin/sh', '/usr/bin/apt-get'], ['/usr/bin/gcc']],
    ['node:22', ['/usr/local/bin/node', '/usr/local/bin/npm', '/usr/local/bin/npx', '/usr/local/bin/yarn', '/usr/local/bin/corepack', '/usr/bin/gcc', '/usr/bin/make', '/usr/bin/git', '/usr/bin/python3'], []],
    ['node:22-slim', ['/usr/local/bin/node', '/usr/local/bin/npm', '/usr/local/bin/yarn'], ['/usr/bin/gcc', '/usr/bin/git', '/usr/bin/curl']],
    ['node:24-alpine', ['/bin/sh', '/usr/local/bin/node', '/usr/local/bin/npm', '/usr/local/bin/yarn'], ['/usr/bin/gcc', '/usr/bin/make', '/usr/bin/git']],
    ['golang:1.25', ['/usr/local/go/bin/go', '/usr/local/go/bin/gofmt', '/usr/bin/gcc', '/usr/bin/make', '/usr/bin/git'], []],
    ['golang:1.25-alpine', ['/usr/local/go/bin/go', '/bin/sh'], ['/usr/bin/gcc', '/usr/bin/make', '/usr/bin/git']],
    ['python:3.13-slim', ['/usr/local/bin/python3', '/usr/local/bin/python', '/usr/local/bin/pip', '/usr/local/bin/pip3'], ['/usr/bin/gcc']],
    ['python:3.12-alpine', ['/usr/local/bin/python3', '/usr/local/bin/pip'], ['/usr/bin/gcc']],
    ['nginx', ['/usr/sbin/nginx', '/docker-entrypoint.sh', '/usr/bin/curl', '/bin/sh'], []],
    ['nginx:alpine-slim', ['/usr/sbin/nginx', '/bin/sh'], ['/usr/bin/curl']],
    ['httpd:alpine', ['/usr/local/apache2/bin/httpd', '/usr/local/bin/httpd-foreground'], []],
    ['php:8.4-cli', ['/usr/local/bin/php', '/usr/local/bin/docker-php-ext-install', '/usr/bin/gcc', '/usr/bin/make'], []],
    ['composer:2', ['/usr/bin/composer', '/usr/local/bin/php', '/usr/bin/git', '/bin/bash'], []],
    ['rust', ['/usr/local/cargo/bin/cargo', '/usr/local/cargo/bin/rustc', '/usr/bin/gcc', '/usr/bin/make'], []],
    ['rust:slim', ['/usr/local/cargo/bin/cargo', '/usr/bin/gcc'], ['/usr/bin/git']],
    ['eclipse-temurin:21-jdk', ['/opt/java/openjdk/bin/java', '/opt/java/openjdk/bin/javac', '/opt/java/openjdk/bin/jshell'], []],
    ['eclipse-temurin:21-jre', ['/opt/java/openjdk/bin/java'], ['/opt/java/openjdk/bin/javac']],
    ['gcr.io/distroless/static-debian12', [], ['/bin/sh', '/bin/busybox', '/usr/bin/env']],
    ['gcr.io/distroless/base-debian12', ['/lib/x86_64-linux-gnu/libc.so.6'], ['/bin/sh', '/bin/bash']],
    ['scratch', [], ['/bin/sh']],
  ])('%s', (ref, present, absent) => {
    for (const path of present) expect(runnable(ref, path) || lstat(load(ref).rootfs, AS_ROOT, path).ok, `${path} in ${ref}`).toBe(true);
    for (const path of absent) expect(lstat(load(ref).rootfs, AS_ROOT, path).ok, `${path} not in ${ref}`).toBe(false);
  });

  test('busybox applets are links to the one busybox binary', () => {
    expect(lstat(load('alpine').rootfs, AS_ROOT, '/bin/ls')).toMatchObject({ ok: true, value: { kind: 'symlink', target: '/bin/busybox' } });
    expect(lstat(load('debian:bookworm').rootfs, AS_ROOT, '/bin')).toMatchObject({ ok: true, value: { kind: 'symlink', target: 'usr/bin' } });
    expect(lstat(load('debian:bookworm').rootfs, AS_ROOT, '/usr/bin/sh')).toMatchObject({ ok: true, value: { kind: 'symlink', target: 'dash' } });
  });

  test('programs are executable files of a declared size', () => {
    expect(stat(load('node:22-alpine').rootfs, AS_ROOT, '/usr/local/bin/node')).toMatchObject({ ok: true, value: { kind: 'file', mode: 0o755, size: 117000000 } });
    expect(stat(load('debian:bookworm').rootfs, AS_ROOT, '/bin/sh')).toMatchObject({ ok: true, value: { kind: 'file', mode: 0o755, size: 125640 } });
  });
});

describe('busybox:latest as docker-library builds it (the glibc variant)', () => {
  const busybox = () => load('busybox').rootfs;

  test('config and its single history entry', () => {
    expect(load('busybox').config).toMatchObject({ Cmd: ['sh'], Entrypoint: null, User: '', WorkingDir: '' });
    expect(load('busybox').history.map((h) => h.createdBy)).toEqual(['BusyBox 1.38.0 (glibc), Debian 13']);
  });

  test('folders: buildroot modes, home folders chowned to their users, /var/www left to root', () => {
    const owner = (path: string) => {
      const node = lstat(busybox(), AS_ROOT, path);
      return node.ok ? `${node.value.kind} ${node.value.mode.toString(8)} ${node.value.uid}:${node.value.gid}` : node.error.code;
    };
    expect(Object.fromEntries(['/root', '/tmp', '/var/www', '/home', '/usr/sbin', '/var/spool/mail', '/proc', '/sys', '/lib64'].map((p) => [p, owner(p)]))).toEqual({
      '/root': 'dir 700 0:0', '/tmp': 'dir 1777 0:0', '/var/www': 'dir 755 0:0', '/home': 'dir 755 65534:65534',
      '/usr/sbin': 'dir 755 1:1', '/var/spool/mail': 'dir 755 8:8', '/proc': 'ENOENT', '/sys': 'ENOENT', '/lib64': 'symlink 777 0:0',
    });
  });

  test('/etc/shadow is root-only with every account locked', () => {
    expect(stat(busybox(), AS_ROOT, '/etc/shadow')).toMatchObject({ ok: true, value: { mode: 0o600, uid: 0, gid: 0 } });
    expect(text('busybox', '/etc/shadow').split('\n').slice(0, 2)).toEqual(['root:*:10933:0:99999:7:::', 'daemon:*:10933:0:99999:7:::']);
  });

  test('glibc pieces: /lib with /lib64 pointing at it, nsswitch.conf, getconf, env under /usr/bin', () => {
    expect(lstat(busybox(), AS_ROOT, '/lib64')).toMatchObject({ ok: true, value: { kind: 'symlink', target: 'lib' } });
    expect(lstat(busybox(), AS_ROOT, '/usr/bin/env')).toMatchObject({ ok: true, value: { kind: 'symlink', target: '../../bin/env' } });
    expect(runnable('busybox', '/usr/bin/env')).toBe(true);
    expect(runnable('busybox', '/bin/getconf')).toBe(true);
    expect(stat(busybox(), AS_ROOT, '/etc/nsswitch.conf')).toMatchObject({ ok: true, value: { size: 494 } });
    expect(line('busybox', '/etc/nsswitch.conf', 'hosts')).toBe('hosts:          files dns');
  });

  test('its tags: 1.38.0 is labelled unstable, so there is no busybox:stable', () => {
    expect(load('busybox:unstable').rootfs).toBe(load('busybox').rootfs);
    expect(resolveImageRef('busybox:stable')).toMatchObject({ ok: false, error: { code: 'UnknownTag' } });
  });
});

describe('entrypoint scripts are the real scripts, so the shell runs them', () => {
  test.each([
    ['node:20-alpine', '/usr/local/bin/docker-entrypoint.sh', 388, 'exec "$@"'],
    ['node:22', '/usr/local/bin/docker-entrypoint.sh', 388, 'exec "$@"'],
    ['node:24-slim', '/usr/local/bin/docker-entrypoint.sh', 388, 'exec "$@"'],
    ['nginx', '/docker-entrypoint.sh', 1620, 'exec "$@"'],
    ['nginx:alpine-slim', '/docker-entrypoint.d/30-tune-worker-processes.sh', 4619, "sed -i.bak -r 's/^(worker_processes)(.*)$/# Commented out by '\"$ME\"' on '\"$(date)\"'\\n#\\1\\2\\n\\1 '\"$ncpu\"';/' /etc/nginx/nginx.conf"],
    ['httpd:alpine', '/usr/local/bin/httpd-foreground', 138, 'exec httpd -DFOREGROUND "$@"'],
    ['php:8.4-cli', '/usr/local/bin/docker-php-entrypoint', 118, 'exec "$@"'],
    ['composer:2', '/docker-entrypoint.sh', 624, 'exec "$@"'],
    ['eclipse-temurin:21-jre', '/__cacert_entrypoint.sh', 7905, 'exec "$@"'],
  ])('%s %s: %i bytes, executable, ending in the real last line', (ref, path, size, last) => {
    const node = stat(load(ref).rootfs, AS_ROOT, path);
    expect(node).toMatchObject({ ok: true, value: { kind: 'file', mode: 0o755, size } });
    expect(text(ref, path).trimEnd().split('\n').at(-1)).toBe(last);
  });

  test('every Entrypoint, and every Cmd naming a script, is a file with a #! line', () => {
    const scripts = new Set(['httpd-foreground']);
    for (const row of listImages()) {
      const image = load(`${row.repository}:${row.tags[0] ?? ''}`);
      const { Entrypoint, Cmd, Env } = image.config;
      const programs = [Entrypoint?.[0], scripts.has(Cmd?.[0] ?? '') ? Cmd?.[0] : undefined].filter((p) => p !== undefined);
      const dirs = (Env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '').split(':');
      for (const program of programs) {
        const path = program.startsWith('/') ? program : dirs.map((d) => `${d}/${program}`).find((p) => stat(image.rootfs, AS_ROOT, p).ok) ?? program;
        expect(readFile(image.rootfs, AS_ROOT, path), `${row.repository}:${row.tags[0]} ${program}`).toMatchObject({ ok: true, value: { content: expect.stringMatching(/^#!/) } });
      }
    }
  });

  const run = (ref: string, args: string[]) => {
    const image = load(ref);
    const env = Object.fromEntries(image.config.Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    const result = runArgv([...image.config.Entrypoint ?? [], ...args], { fs: image.rootfs, cred: ROOT_CRED, user: 'root', cwd: image.config.WorkingDir || '/', env });
    return { status: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };

  test('node: the entrypoint execs a command it finds and hands anything else to node', () => {
    expect(run('node:22-alpine', ['sh', '-c', 'echo "$0 ran"'])).toEqual({ status: 0, stdout: 'sh ran\n', stderr: '' });
    expect(run('node:22-alpine', ['node'])).toEqual(run('node:22-alpine', []));
  });

  test('php: a first argument that is an option goes to php', () => {
    expect(run('php:8.4-cli', ['-v'])).toMatchObject({ status: 0, stderr: '', stdout: expect.stringMatching(/^PHP 8\.4\.\d+ \(cli\)/) });
  });

  test('composer: composer runs under tini, which the image has', () => {
    expect(run('composer:2', ['composer'])).toMatchObject({ status: 126, stderr: expect.stringMatching(/^\/docker-entrypoint\.sh: \/sbin\/tini: not simulated by Stagecraft/) });
  });
});

describe('image configs', () => {
  test('node images: entrypoint, cmd and their own versions', () => {
    expect(load('node:22-alpine').config).toMatchObject({ Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'], User: '' });
    expect(envOf('node:22', 'NODE_VERSION')).toBe('22.23.2');
    expect(envOf('node:20-slim', 'NODE_VERSION')).toBe('20.20.0');
    expect(envOf('node:24', 'YARN_VERSION')).toBe('1.22.22');
  });

  test('nginx: entrypoint script, daemon off, port 80, SIGQUIT', () => {
    for (const ref of ['nginx', 'nginx:alpine', 'nginx:alpine-slim']) {
      expect(load(ref).config).toMatchObject({
        Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], ExposedPorts: ['80/tcp'], StopSignal: 'SIGQUIT',
      });
    }
  });

  test('golang: GOPATH, PATH with the toolchain, WORKDIR /go', () => {
    expect(load('golang:1.25-alpine').config).toMatchObject({
      WorkingDir: '/go', Cmd: ['/bin/sh'],
      Env: ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOLANG_VERSION=1.25.13', 'GOTOOLCHAIN=local', 'GOPATH=/go'],
    });
  });

  test('python: LANG up to 3.12, PYTHON_VERSION, CMD python3', () => {
    expect(envOf('python:3.12-slim', 'LANG')).toBe('C.UTF-8');
    expect(envOf('python:3.13-slim', 'LANG')).toBeUndefined();
    expect(load('python:3.13').config.Cmd).toEqual(['python3']);
  });

  test('distroless: root by default, 65532 for :nonroot, no entrypoint', () => {
    expect(load('gcr.io/distroless/static-debian12').config).toMatchObject({ User: '0', WorkingDir: '/', Entrypoint: null, Cmd: null });
    expect(load('gcr.io/distroless/static-debian12:nonroot').config).toMatchObject({ User: '65532', WorkingDir: '/home/nonroot' });
  });

  test('httpd, php and composer working folders', () => {
    expect(load('httpd:alpine').config).toMatchObject({ WorkingDir: '/usr/local/apache2', Cmd: ['httpd-foreground'], StopSignal: 'SIGWINCH' });
    expect(load('php:8.4-cli').config).toMatchObject({ WorkingDir: '/var/www/html', Entrypoint: ['docker-php-entrypoint'], Cmd: ['php', '-a'] });
    expect(load('composer:2').config).toMatchObject({ WorkingDir: '/app', Cmd: ['composer'] });
  });
});

describe('unknown and invalid references', () => {
  test('a misspelt image gets the registry words and close names', () => {
    expect(resolveImageRef('ndoe:22-alpine')).toEqual({
      ok: false,
      error: {
        code: 'UnknownImage',
        message: 'failed to resolve source metadata for docker.io/library/ndoe:22-alpine: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
        hint: "Stagecraft's image catalogue has no ndoe. Did you mean node:22-alpine?",
        suggestions: ['node:22-alpine'],
      },
    });
  });

  test.each([
    ['ngnix', 'nginx:latest'],
    ['pyhton:3.12', 'python:3.12'],
    ['golnag:1.25-alpine', 'golang:1.25-alpine'],
    ['gcr.io/distroless/statik', 'gcr.io/distroless/static:latest'],
    ['distroless/static:nonroot', 'gcr.io/distroless/static:nonroot'],
  ])('%s suggests %s', (ref, first) => {
    const result = resolveImageRef(ref);
    expect(!result.ok && result.error.suggestions[0]).toBe(first);
  });

  test('an unknown tag lists the repository closest tags', () => {
    const result = resolveImageRef('node:19-alpine');
    expect(result).toMatchObject({ ok: false, error: { code: 'UnknownTag', message: 'failed to resolve source metadata for docker.io/library/node:19-alpine: docker.io/library/node:19-alpine: not found' } });
    expect(!result.ok && result.error.suggestions.slice(0, 3)).toEqual(['node:20-alpine', 'node:22-alpine', 'node:24-alpine']);
  });

  test('a digest-only reference asks for a tag', () => {
    const result = resolveImageRef(`alpine@sha256:${'0'.repeat(64)}`);
    expect(result).toMatchObject({ ok: false, error: { code: 'UnknownTag' } });
    expect(!result.ok && result.error.hint).toMatch(/^Stagecraft's catalogue knows images by tag, not by digest: name a tag, e\.g\. alpine:/);
  });

  test('a tag plus a digest loads by the tag and keeps the digest in the ref', () => {
    const digest = `sha256:${'1'.repeat(64)}`;
    expect(load(`alpine:3.22@${digest}`).ref).toBe(`docker.io/library/alpine:3.22@${digest}`);
  });

  test('an invalid reference is the distribution/reference error, with no suggestions', () => {
    expect(resolveImageRef('Node:20')).toEqual({
      ok: false, error: { code: 'InvalidReference', message: 'invalid reference format: repository name (library/Node) must be lowercase', suggestions: [] },
    });
  });
});
