import { describe, expect, test } from 'vitest';
import {
  emptyTree,
  lstat,
  MAX_SYMLINK_HOPS,
  mkdir,
  normalizePath,
  readlink,
  resolvePath,
  stat,
  symlink,
  writeFile,
} from '../../../src/lib/vfs/index.ts';
import { alice, must, root, sampleTree } from './fixtures.ts';

describe('path resolution', () => {
  const t = sampleTree();

  test('absolute, relative to the cwd, `.` and `..`', () => {
    expect(must(resolvePath(t, root, '/usr/./bin//sh'))).toBe('/usr/bin/sh');
    expect(must(resolvePath(t, { ...root, cwd: '/usr' }, 'bin/sh'))).toBe('/usr/bin/sh');
    expect(must(resolvePath(t, { ...root, cwd: '/usr/bin' }, '../../etc/passwd'))).toBe('/etc/passwd');
    expect(must(resolvePath(t, { ...root, cwd: '/etc' }, '.'))).toBe('/etc');
  });

  test('`..` at / stays /', () => {
    expect(must(resolvePath(t, root, '/../../..'))).toBe('/');
    expect(must(resolvePath(t, root, '/../etc/../../etc/passwd'))).toBe('/etc/passwd');
  });

  test('symlinks in intermediate components are followed, relative to the link', () => {
    expect(must(resolvePath(t, root, '/bin/sh'))).toBe('/usr/bin/sh');
    expect(must(stat(t, root, '/bin/sh'))).toEqual({ kind: 'file', uid: 0, gid: 0, mode: 0o755, size: 800_000 });
  });

  test('`..` after a symlink goes to the parent of the target, not of the link', () => {
    expect(must(resolvePath(t, root, '/bin/..'))).toBe('/usr');
    const withLib = must(mkdir(t, root, '/usr/lib'));
    expect(must(resolvePath(withLib, root, '/bin/../lib'))).toBe('/usr/lib');
    expect(resolvePath(t, root, '/bin/../etc')).toEqual({
      ok: false,
      error: { code: 'ENOENT', path: '/bin/../etc', message: 'No such file or directory' },
    });
  });

  test('lstat keeps a final symlink, stat follows it; a trailing slash follows it too', () => {
    expect(must(lstat(t, root, '/bin'))).toEqual({ kind: 'symlink', uid: 0, gid: 0, mode: 0o777, target: 'usr/bin' });
    expect(must(stat(t, root, '/bin')).kind).toBe('dir');
    expect(must(lstat(t, root, '/bin/')).kind).toBe('dir');
    expect(must(resolvePath(t, root, '/bin', { follow: false }))).toBe('/bin');
    expect(must(readlink(t, root, '/bin'))).toBe('usr/bin');
  });

  test('readlink of a non-link is EINVAL', () => {
    expect(readlink(t, root, '/etc')).toEqual({ ok: false, error: { code: 'EINVAL', path: '/etc', message: 'Invalid argument' } });
  });

  test('a file in the middle of a path, or before a trailing slash, is ENOTDIR', () => {
    const notDir = { code: 'ENOTDIR', message: 'Not a directory' };
    expect(stat(t, root, '/etc/passwd/x')).toEqual({ ok: false, error: { ...notDir, path: '/etc/passwd/x' } });
    expect(lstat(t, root, '/etc/passwd/')).toEqual({ ok: false, error: { ...notDir, path: '/etc/passwd/' } });
  });

  test('missing entries and the empty path are ENOENT', () => {
    expect(stat(t, root, '/nope/x')).toEqual({ ok: false, error: { code: 'ENOENT', path: '/nope/x', message: 'No such file or directory' } });
    expect(stat(t, root, '')).toEqual({ ok: false, error: { code: 'ENOENT', path: '', message: 'No such file or directory' } });
  });

  test('a symlink loop is ELOOP for stat but fine for lstat', () => {
    let l = must(symlink(t, root, 'b', '/tmp/a'));
    l = must(symlink(l, root, 'a', '/tmp/b'));
    expect(stat(l, root, '/tmp/a')).toEqual({
      ok: false,
      error: { code: 'ELOOP', path: '/tmp/a', message: 'Too many levels of symbolic links' },
    });
    expect(stat(l, root, '/tmp/a/x')).toMatchObject({ ok: false, error: { code: 'ELOOP' } });
    expect(must(lstat(l, root, '/tmp/a'))).toMatchObject({ kind: 'symlink', target: 'b' });
    const self = must(symlink(t, root, '/tmp/self', '/tmp/self'));
    expect(stat(self, root, '/tmp/self')).toMatchObject({ ok: false, error: { code: 'ELOOP' } });
  });

  test('40 hops resolve, 41 are ELOOP', () => {
    let c = must(writeFile(emptyTree(), root, '/l0', { content: 'end' }));
    for (let i = 1; i <= MAX_SYMLINK_HOPS + 1; i++) c = must(symlink(c, root, `/l${i - 1}`, `/l${i}`));
    expect(MAX_SYMLINK_HOPS).toBe(40);
    expect(must(stat(c, root, '/l40'))).toMatchObject({ kind: 'file', content: 'end' });
    expect(stat(c, root, '/l41')).toMatchObject({ ok: false, error: { code: 'ELOOP' } });
  });

  test('a dangling symlink: lstat finds it, stat does not, writing through it creates the target', () => {
    const d = must(symlink(t, root, '/tmp/target', '/tmp/link'));
    expect(stat(d, root, '/tmp/link')).toMatchObject({ ok: false, error: { code: 'ENOENT' } });
    const written = must(writeFile(d, root, '/tmp/link', { content: 'x' }));
    expect(must(lstat(written, root, '/tmp/target'))).toMatchObject({ kind: 'file', content: 'x' });
    expect(must(lstat(written, root, '/tmp/link')).kind).toBe('symlink');
  });

  test('every directory traversed needs search permission', () => {
    const r = must(writeFile(t, root, '/root/notes', { content: 'secret' }));
    const denied = { ok: false, error: { code: 'EACCES', path: '/root/notes', message: 'Permission denied' } };
    expect(stat(r, alice, '/root/notes')).toEqual(denied);
    expect(resolvePath(r, alice, '/root/notes')).toEqual(denied);
    // The directory itself can be looked at: only what is inside needs its x bit.
    expect(must(stat(r, alice, '/root')).kind).toBe('dir');
  });

  test('normalizePath is lexical', () => {
    expect(normalizePath('a/../b/./c', '/x/y')).toBe('/x/y/b/c');
    expect(normalizePath('/../..')).toBe('/');
    expect(normalizePath('/app/')).toBe('/app');
  });
});
