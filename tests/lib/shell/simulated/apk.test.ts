import { describe, expect, test } from 'vitest';
import { bytesAt, makeTree, nodeAt, run, textAt } from './harness.ts';

const alpine = () =>
  makeTree({
    files: {
      '/etc/alpine-release': '3.21.3\n',
      '/etc/apk/repositories': 'https://dl-cdn.alpinelinux.org/alpine/v3.21/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.21/community\n',
    },
    dirs: ['/var/cache/apk', '/lib/apk/db'],
  });

describe('apk add', () => {
  test('installs curl with its dependencies and prints what apk prints', () => {
    const r = run(alpine(), ['apk', 'add', '--no-cache', 'curl']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz',
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz',
        '(1/9) Installing c-ares (1.34.5-r0)',
        '(2/9) Installing libunistring (1.2-r0)',
        '(3/9) Installing libidn2 (2.3.7-r0)',
        '(4/9) Installing libpsl (0.21.5-r3)',
        '(5/9) Installing nghttp2-libs (1.64.0-r0)',
        '(6/9) Installing brotli-libs (1.1.0-r2)',
        '(7/9) Installing zstd-libs (1.5.6-r2)',
        '(8/9) Installing libcurl (8.12.1-r1)',
        '(9/9) Installing curl (8.12.1-r1)',
        'Executing busybox-1.37.0-r12.trigger',
        'OK: 13 MiB in 24 packages',
        '',
      ].join('\n'),
    );
    expect(nodeAt(r.fs, '/usr/bin/curl')).toMatchObject({ kind: 'file', size: 271770, mode: 0o755, origin: { simulated: true, by: 'apk add' } });
    expect(textAt(r.fs, '/etc/apk/world')).toBe('curl\n');
    expect(textAt(r.fs, '/lib/apk/db/installed')).toContain('P:curl\nV:8.12.1-r1\nI:271770\n');
    expect(r.effects).toEqual([
      {
        by: 'apk add',
        summary: 'installed 9 packages (c-ares, libunistring, libidn2, libpsl, nghttp2-libs, brotli-libs, zstd-libs, libcurl, curl) (simulated)',
        bytes: expect.any(Number),
      },
    ]);
  });

  test('--no-cache leaves no index in /var/cache/apk; without it the index costs bytes', () => {
    const lean = run(alpine(), ['apk', 'add', '--no-cache', 'git']);
    expect(bytesAt(lean.fs, '/var/cache/apk')).toBe(0);
    const cached = run(alpine(), ['apk', 'add', 'git']);
    expect(cached.status).toBe(0);
    expect(bytesAt(cached.fs, '/var/cache/apk')).toBe(629145 + 1677721);
    expect(cached.effects.map((e) => e.summary)[0]).toBe('cached the package index in /var/cache/apk (2.2 MiB) (simulated)');
  });

  test('as a non-root user apk cannot lock its database', () => {
    const r = run(alpine(), ['apk', 'add', 'curl'], { cred: { uid: 1000, gid: 1000, groups: [] } });
    expect(r.status).toBe(99);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
  });

  test('an unknown package is an error naming it', () => {
    const r = run(alpine(), ['apk', 'add', '--no-cache', 'no-such-thing']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ERROR: unable to select packages:\n  no-such-thing (no such package):\n    required by: world[no-such-thing]\n');
  });

  test('a package already installed is not installed again', () => {
    const once = run(alpine(), ['apk', 'add', '--no-cache', 'curl']);
    const twice = run(once.fs, ['apk', 'add', '--no-cache', 'curl']);
    expect(twice.stdout).not.toContain('Installing');
    expect(twice.effects).toEqual([]);
  });
});

describe('apk add --virtual and apk del', () => {
  test('deleting the virtual package removes what it pulled in', () => {
    const added = run(alpine(), ['apk', 'add', '--no-cache', '--virtual', '.build-deps', 'make', 'git']);
    expect(added.stdout).toContain('Installing .build-deps (20250115.000000)');
    expect(nodeAt(added.fs, '/usr/bin/make')).toBeDefined();
    const removed = run(added.fs, ['apk', 'del', '.build-deps']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('Purging make (4.4.1-r2)');
    expect(removed.stdout).toContain('Purging git (2.47.3-r0)');
    expect(nodeAt(removed.fs, '/usr/bin/make')).toBeUndefined();
    expect(nodeAt(removed.fs, '/usr/bin/git')).toBeUndefined();
    expect(textAt(removed.fs, '/etc/apk/world')).toBe('');
  });
});

describe('apk update', () => {
  test('fetches and caches the index, then reports the package count', () => {
    const r = run(alpine(), ['apk', 'update']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz',
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz',
        'v3.21.3 [https://dl-cdn.alpinelinux.org/alpine/v3.21/main]',
        'v3.21.3 [https://dl-cdn.alpinelinux.org/alpine/v3.21/community]',
        'OK: 25397 distinct packages available',
        '',
      ].join('\n'),
    );
    expect(nodeAt(r.fs, '/var/cache/apk/APKINDEX.5ed2e6c6.tar.gz')).toMatchObject({ size: 629145 });
  });
});
