/** Finding programs through PATH in the image's own filesystem, and running an argv without a shell. */
import { describe, expect, test } from 'vitest';
import { AS_ROOT, emptyTree, mkdir, symlink, writeFile, type DirNode } from '../../../src/lib/vfs/index.ts';
import { createRegistry, NOT_SIMULATED_STATUS, realCommands, runArgv, type Command } from '../../../src/lib/shell/index.ts';
import { busyboxTree, gnuTree, PATH, ROOT, sh } from './fixtures.ts';

const with_ = (fs: DirNode, path: string, data: Parameters<typeof writeFile>[3]): DirNode => {
  const dir = mkdir(fs, AS_ROOT, path.slice(0, path.lastIndexOf('/')) || '/', { parents: true });
  if (!dir.ok) throw new Error(dir.error.message);
  const r = writeFile(dir.value, AS_ROOT, path, data);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const argv = (args: string[], fs: DirNode) => runArgv(args, { fs, cred: ROOT, user: 'root', cwd: '/', env: { PATH } });

describe('PATH lookup', () => {
  test('a program the image lacks: sh: X: not found, 127', () => {
    expect(sh('go build -o app .').stderr).toBe('/bin/sh: go: not found\n');
    const r = sh('go build', { fs: gnuTree() });
    expect([r.exitCode, r.stderr]).toEqual([127, '/bin/sh: 1: go: not found\n']);
  });
  test('dash reports the line of the failing command', () => {
    expect(sh('echo ok\n\ngo version', { fs: gnuTree() }).stderr).toBe('/bin/sh: 3: go: not found\n');
  });
  test('a program the image has but Stagecraft does not simulate: a clear message and 126', () => {
    const fs = with_(busyboxTree(), '/usr/bin/python3', { size: 5000, mode: 0o755 });
    const r = sh('python3 -V', { fs });
    expect([r.exitCode, r.stderr]).toEqual([
      NOT_SIMULATED_STATUS,
      '/bin/sh: python3: not simulated by Stagecraft (/usr/bin/python3 is in the image, but the simulator has no implementation of it)\n',
    ]);
  });
  test('applets resolve through their symlink; an implementation is found by the invoked name', () => {
    expect(sh('ls -d /app').stdout).toBe('/app\n');
    let fs = with_(busyboxTree(), '/usr/local/lib/node_modules/npm/bin/npm-cli.js', { content: '#!/usr/bin/env node\n', mode: 0o755 });
    // The script's `#!` program must be there for execve (Alpine has /usr/bin/env → busybox).
    for (const [target, path] of [['../lib/node_modules/npm/bin/npm-cli.js', '/usr/local/bin/hello'], ['/bin/busybox', '/usr/bin/env']] as const) {
      const link = symlink(fs, AS_ROOT, target, path);
      if (!link.ok) throw new Error(link.error.message);
      fs = link.value;
    }
    const hello: Command = { name: 'hello', run: (args, ctx) => (ctx.stdout.write(`hello ${args.join(' ')} as ${ctx.argv0}\n`), 0) };
    const r = sh('hello world', { fs, registry: createRegistry(realCommands, [hello]) });
    expect(r.stdout).toBe('hello world as hello\n');
  });
  test('PATH order decides; an empty PATH finds nothing', () => {
    const fs = with_(busyboxTree(), '/usr/local/bin/ls', { content: '#!/bin/sh\necho my ls\n', mode: 0o755 });
    expect(sh('ls', { fs }).stdout).toBe('my ls\n');
    expect(sh('PATH=; ls').stderr).toBe('/bin/sh: ls: not found\n');
  });
  test('builtins work without files (echo in an image without /bin/echo)', () => {
    const r = sh('echo hi; printf "%s\\n" there; [ 1 = 1 ] && pwd', { fs: with_(emptyTree(), '/bin/sh', { size: 1, mode: 0o755 }) });
    expect([r.exitCode, r.stdout]).toEqual([0, 'hi\nthere\n/\n']);
  });
});

describe('scripts', () => {
  const fs = with_(with_(busyboxTree(), '/app/build.sh', { content: '#!/bin/sh\necho building $1 in $PWD\nexit 3\n', mode: 0o755 }), '/app/plain', { content: 'echo plain $0\n', mode: 0o755 });
  test('a #! script runs with its interpreter and arguments', () => {
    expect(sh('cd /app && ./build.sh x; echo $?', { fs }).stdout).toBe('building x in /app\n3\n');
  });
  test('a text file without #! runs in sh', () => {
    expect(sh('/app/plain', { fs }).stdout).toBe('plain /app/plain\n');
  });
  test('sh FILE, . FILE and stdin scripts', () => {
    expect(sh('sh /app/plain; . /app/plain; echo "echo piped" | sh', { fs }).stdout).toBe('plain /app/plain\nplain /bin/sh\npiped\n');
  });
});

describe('runArgv: exec form, no shell', () => {
  test('runs argv[0] from PATH', () => {
    const r = argv(['echo', 'a  b', '$HOME'], busyboxTree());
    expect([r.exitCode, r.stdout]).toEqual([0, 'a  b $HOME\n']);
  });
  test('a missing program is the runtime error, not a shell message', () => {
    const r = argv(['go', 'build'], busyboxTree());
    expect([r.exitCode, r.stderr, r.error]).toEqual([127, 'exec: "go": executable file not found in $PATH\n', {
      kind: 'exec', reason: 'not-found', path: 'go', message: 'exec: "go": executable file not found in $PATH',
    }]);
  });
  test('no /bin/sh (scratch, distroless): shell form cannot start', () => {
    const r = argv(['/bin/sh', '-c', 'echo hi'], emptyTree());
    expect(r.error).toEqual({ kind: 'exec', reason: 'not-found', path: '/bin/sh', message: 'exec: "/bin/sh": stat /bin/sh: no such file or directory' });
  });
  test('["/bin/sh", "-c", script] is the shell, with $0 = /bin/sh', () => {
    const r = argv(['/bin/sh', '-c', 'echo $0 "$1"; exit 2', 'name', 'arg'], gnuTree());
    expect([r.exitCode, r.stdout]).toEqual([2, 'name arg\n']);
  });
  test('dash refuses -o pipefail; bash and ash accept it', () => {
    const fs = with_(gnuTree(), '/bin/bash', { size: 1_000_000, mode: 0o755 });
    expect(argv(['/bin/sh', '-o', 'pipefail', '-c', 'false | true'], fs).exitCode).toBe(2);
    expect(argv(['/bin/bash', '-o', 'pipefail', '-c', 'false | true'], fs).exitCode).toBe(1);
    expect(argv(['/bin/sh', '-o', 'pipefail', '-c', 'false | true'], busyboxTree()).exitCode).toBe(1);
  });
  test('SHELL ["/bin/ash", "-eo", "pipefail", "-c"]: bundled -o and -e', () => {
    const r = argv(['/bin/ash', '-eo', 'pipefail', '-c', 'false | true; echo not reached'], busyboxTree());
    expect([r.exitCode, r.stdout]).toEqual([1, '']);
    const dash = argv(['/bin/sh', '-eo', 'pipefail', '-c', 'true'], gnuTree());
    expect([dash.exitCode, dash.stderr]).toEqual([2, '/bin/sh: 0: Illegal option -o pipefail\n']);
  });
});
