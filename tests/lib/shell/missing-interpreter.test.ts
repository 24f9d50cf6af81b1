/**
 * A file execve cannot start although it is there: a dynamically linked binary whose ELF loader the
 * image lacks (a glibc Go or gcc binary in scratch, distroless/static or Alpine), or a script whose
 * `#!` interpreter is missing. The kernel says ENOENT. Expected texts were recorded on Debian 12 with
 * dash 0.5.12, BusyBox 1.35.0 (`busybox sh`), bash 5.2.15, GNU coreutils 9.1 env, from a gcc binary
 * linked with `-Wl,--dynamic-linker=/lib64/ld-missing.so.2` and scripts naming a missing `#!` program;
 * runArgv's from runc (libcontainer Init prints the execve error and exits 255).
 */
import { describe, expect, test } from 'vitest';
import { AS_ROOT, mkdir, writeFile, type DirNode } from '../../../src/lib/vfs/index.ts';
import { NOT_SIMULATED_STATUS, runArgv } from '../../../src/lib/shell/index.ts';
import { busyboxTree, gnuTree, PATH, ROOT, sh } from './fixtures.ts';

const put = (fs: DirNode, path: string, data: Parameters<typeof writeFile>[3]): DirNode => {
  const dir = mkdir(fs, AS_ROOT, path.slice(0, path.lastIndexOf('/')) || '/', { parents: true });
  if (!dir.ok) throw new Error(dir.error.message);
  const r = writeFile(dir.value, AS_ROOT, path, data);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const GLIBC_LOADER = '/lib64/ld-linux-x86-64.so.2';
const MUSL_LOADER = '/lib/ld-musl-x86_64.so.1';
const glibcApp = (fs: DirNode): DirNode => put(fs, '/app/myapp', { size: 2_000_000, mode: 0o755, origin: { simulated: true, by: 'go build (dynamic, glibc)' } });
const muslApp = (fs: DirNode): DirNode => put(fs, '/app/myapp', { size: 2_000_000, mode: 0o755, origin: { simulated: true, by: 'gcc (dynamic, musl)' } });
const bash = (fs: DirNode): DirNode => put(fs, '/bin/bash', { size: 1_000_000, mode: 0o755 });
const status = 'echo "status $?"';

describe('a dynamic binary without its loader, run from sh', () => {
  test('dash: as typed, with the line, 127', () => {
    const fs = glibcApp(gnuTree());
    const r = sh(`/app/myapp; ${status}\nPATH=/app:$PATH; myapp; ${status}\ncd /app && ./myapp arg; ${status}`, { fs });
    expect([r.stdout, r.stderr]).toEqual([
      'status 127\nstatus 127\nstatus 127\n',
      '/bin/sh: 1: /app/myapp: not found\n/bin/sh: 2: myapp: not found\n/bin/sh: 3: ./myapp: not found\n',
    ]);
  });

  test('BusyBox ash: as typed, 127', () => {
    const fs = glibcApp(busyboxTree());
    const r = sh(`/app/myapp; ${status}; PATH=/app:$PATH; myapp; ${status}; cd /app && ./myapp arg; ${status}`, { fs });
    expect([r.stdout, r.stderr]).toEqual([
      'status 127\nstatus 127\nstatus 127\n',
      '/bin/sh: /app/myapp: not found\n/bin/sh: myapp: not found\n/bin/sh: ./myapp: not found\n',
    ]);
  });

  test('bash 5.2: the path it found, "cannot execute: required file not found"', () => {
    const fs = bash(glibcApp(gnuTree()));
    const r = sh(`/app/myapp; ${status}; PATH=/app:$PATH; myapp; ${status}; cd /app && ./myapp; ${status}`, { fs, argv0: '/bin/bash' });
    expect([r.stdout, r.stderr]).toEqual([
      'status 127\nstatus 127\nstatus 127\n',
      '/bin/bash: line 1: /app/myapp: cannot execute: required file not found\n' +
        '/bin/bash: line 1: /app/myapp: cannot execute: required file not found\n' +
        '/bin/bash: line 1: ./myapp: cannot execute: required file not found\n',
    ]);
  });

  test('a program that execs it (env) reports ENOENT in its own words, 127', () => {
    const gnu = sh(`env ./myapp; ${status}`, { fs: glibcApp(gnuTree()), cwd: '/app' });
    expect([gnu.stdout, gnu.stderr]).toEqual(['status 127\n', "env: './myapp': No such file or directory\n"]);
    const bb = sh(`env ./myapp; ${status}`, { fs: glibcApp(busyboxTree()), cwd: '/app' });
    expect([bb.stdout, bb.stderr]).toEqual(['status 127\n', "env: can't execute './myapp': No such file or directory\n"]);
  });

  test('the file is still there: command -v finds it', () => {
    expect(sh('PATH=/app:$PATH; command -v myapp', { fs: glibcApp(busyboxTree()) }).stdout).toBe('/app/myapp\n');
  });

  test('with its loader in the image (a file or a symlink to one) it starts: here, not simulated', () => {
    const notSimulated = '/bin/sh: 1: /app/myapp: not simulated by Stagecraft (/app/myapp is in the image, but the simulator has no implementation of it)\n';
    const glibc = sh('/app/myapp', { fs: put(glibcApp(gnuTree()), GLIBC_LOADER, { size: 210_000, mode: 0o755 }) });
    expect([glibc.exitCode, glibc.stderr]).toEqual([NOT_SIMULATED_STATUS, notSimulated]);
    const musl = sh('/app/myapp', { fs: put(muslApp(busyboxTree()), MUSL_LOADER, { size: 600_000, mode: 0o755 }) });
    expect(musl.exitCode).toBe(NOT_SIMULATED_STATUS);
    // A musl binary needs musl's loader: glibc's does not do.
    const wrongLibc = sh('/app/myapp', { fs: put(muslApp(gnuTree()), GLIBC_LOADER, { size: 210_000, mode: 0o755 }) });
    expect([wrongLibc.exitCode, wrongLibc.stderr]).toEqual([127, '/bin/sh: 1: /app/myapp: not found\n']);
  });
});

describe('a script whose #! interpreter is missing', () => {
  const scripts = (fs: DirNode): DirNode =>
    put(put(fs, '/app/build.sh', { content: '#!/bin/bash\necho hi\n', mode: 0o755 }), '/app/run.sh', { content: '#!/app/myapp\necho hi\n', mode: 0o755 });

  test('dash and ash name the script, not the interpreter (an absent one, or one without its loader)', () => {
    const dash = sh(`./build.sh; ${status}; ./run.sh; ${status}`, { fs: scripts(glibcApp(gnuTree())), cwd: '/app' });
    expect([dash.stdout, dash.stderr]).toEqual(['status 127\nstatus 127\n', '/bin/sh: 1: ./build.sh: not found\n/bin/sh: 1: ./run.sh: not found\n']);
    const ash = sh(`./build.sh; ${status}; ./run.sh; ${status}`, { fs: scripts(glibcApp(busyboxTree())), cwd: '/app' });
    expect([ash.stdout, ash.stderr]).toEqual(['status 127\nstatus 127\n', '/bin/sh: ./build.sh: not found\n/bin/sh: ./run.sh: not found\n']);
  });

  test('bash', () => {
    const r = sh(`./run.sh; ${status}`, { fs: bash(scripts(glibcApp(gnuTree()))), cwd: '/app', argv0: '/bin/bash' });
    expect([r.stdout, r.stderr]).toEqual(['status 127\n', '/bin/bash: line 1: ./run.sh: cannot execute: required file not found\n']);
  });

  test('with the interpreter there, the script runs', () => {
    expect(sh('./build.sh', { fs: bash(scripts(gnuTree())), cwd: '/app' }).stdout).toBe('hi\n');
  });
});

describe('exec PROGRAM that cannot start: the exec builtin words it', () => {
  const tree = (base: DirNode): DirNode => put(glibcApp(base), '/app/noexec', { content: '#!/bin/sh\necho hi\n', mode: 0o644 });
  const cases = {
    dash: { fs: tree(gnuTree()), argv0: '/bin/sh', lines: ['/bin/sh: 1: exec: nope: not found', '/bin/sh: 1: exec: ./myapp: not found', '/bin/sh: 1: exec: ./noexec: Permission denied', '/bin/sh: 2: exec: nope: not found'] },
    ash: { fs: tree(busyboxTree()), argv0: '/bin/sh', lines: ['/bin/sh: exec: line 0: nope: not found', '/bin/sh: exec: line 0: ./myapp: not found', '/bin/sh: exec: line 0: ./noexec: Permission denied', '/bin/sh: exec: line 1: nope: not found'] },
    bash: {
      fs: bash(tree(gnuTree())),
      argv0: '/bin/bash',
      lines: [
        '/bin/bash: line 1: exec: nope: not found',
        '/bin/bash: line 1: /app/myapp: cannot execute: required file not found',
        '/bin/bash: line 1: /app/noexec: Permission denied\n/bin/bash: line 1: exec: /app/noexec: cannot execute: Permission denied',
        '/bin/bash: line 2: exec: nope: not found',
      ],
    },
  };
  test.each(Object.entries(cases))('%s', (_, { fs, argv0, lines }) => {
    const results = ['exec nope', 'exec ./myapp', 'exec ./noexec', 'echo a\nexec nope'].map((script) => sh(script, { fs, argv0, cwd: '/app' }));
    expect(results.map((r) => [r.exitCode, r.stderr])).toEqual([[127, `${lines[0]}\n`], [127, `${lines[1]}\n`], [126, `${lines[2]}\n`], [127, `${lines[3]}\n`]]);
  });
});

describe('runArgv: the container command (docker run, exec-form RUN)', () => {
  const exec = (argv: string[], fs: DirNode, cwd = '/') => runArgv(argv, { fs, cred: ROOT, user: 'root', cwd, env: { PATH: `/app:${PATH}` } });

  test("runc has started the container: its init prints the execve error and exits 255, no daemon error", () => {
    const fs = glibcApp(busyboxTree());
    for (const [argv, path] of [[['/app/myapp'], '/app/myapp'], [['myapp', '--port', '80'], '/app/myapp'], [['./myapp'], './myapp']] as const) {
      const r = exec([...argv], fs, '/app');
      expect([r.exitCode, r.stdout, r.stderr, r.error]).toEqual([255, '', `exec ${path}: no such file or directory\n`, undefined]);
    }
  });

  test('a script entrypoint whose #! interpreter is missing fails the same way', () => {
    const fs = put(busyboxTree(), '/usr/local/bin/docker-entrypoint.sh', { content: '#!/bin/bash\nexec "$@"\n', mode: 0o755 });
    const r = exec(['docker-entrypoint.sh', 'node'], fs);
    expect([r.exitCode, r.stderr]).toEqual([255, 'exec /usr/local/bin/docker-entrypoint.sh: no such file or directory\n']);
  });

  test('a static binary, or the loader present, is not this error', () => {
    const staticApp = put(busyboxTree(), '/app/myapp', { size: 2_000_000, mode: 0o755, origin: { simulated: true, by: 'go build (static)' } });
    const r = exec(['/app/myapp'], staticApp);
    expect(r.error?.kind === 'exec' && r.error.reason).toBe('not-simulated');
  });
});
