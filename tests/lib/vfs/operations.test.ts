import { describe, expect, test } from 'vitest';
import {
  emptyTree,
  lstat,
  mkdir,
  readdir,
  readFile,
  remove,
  rename,
  setSummary,
  stat,
  symlink,
  treeBytes,
  walk,
  writeFile,
} from '../../../src/lib/vfs/index.ts';
import type { FsErrorCode } from '../../../src/lib/vfs/index.ts';
import { alice, must, root, sampleTree } from './fixtures.ts';

const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
};
const failure = (code: FsErrorCode, path: string) => ({ ok: false, error: { code, path, message: STRERROR[code] } });

describe('writeFile', () => {
  const t = sampleTree();

  test('creates a 0644 file owned by the caller, sized by its UTF-8 content', () => {
    const w = must(writeFile(t, alice, '/home/alice/é.txt', { content: 'héllo\n' }));
    expect(must(stat(w, root, '/home/alice/é.txt'))).toEqual({ kind: 'file', uid: 1000, gid: 1000, mode: 0o644, size: 7, content: 'héllo\n' });
  });

  test('overwriting keeps the owner and mode; append adds', () => {
    let w = must(writeFile(t, root, '/tmp/log', { content: 'a', mode: 0o600 }));
    w = must(writeFile(w, root, '/tmp/log', { content: 'bc', mode: 0o777 }));
    w = must(writeFile(w, root, '/tmp/log', { content: 'd', append: true }));
    expect(must(stat(w, root, '/tmp/log'))).toEqual({ kind: 'file', uid: 0, gid: 0, mode: 0o600, size: 3, content: 'bcd' });
  });

  test('a declared size without content, with a simulated origin', () => {
    const w = must(writeFile(t, root, '/usr/bin/go', { size: 12_000_000, mode: 0o755, origin: { simulated: true, by: 'go build' } }));
    expect(must(stat(w, root, '/usr/bin/go'))).toEqual({
      kind: 'file', uid: 0, gid: 0, mode: 0o755, size: 12_000_000, origin: { simulated: true, by: 'go build' },
    });
    // Real bytes written later replace the simulated ones.
    const real = must(writeFile(w, root, '/usr/bin/go', { content: '#!/bin/sh\n' }));
    expect(must(stat(real, root, '/usr/bin/go'))).toEqual({ kind: 'file', uid: 0, gid: 0, mode: 0o755, size: 10, content: '#!/bin/sh\n' });
  });

  test('a setgid directory gives new files its group', () => {
    const s = must(mkdir(t, root, '/shared', { mode: 0o2777, owner: { uid: 0, gid: 50 } }));
    const w = must(writeFile(s, alice, '/shared/f', { content: '' }));
    expect(must(stat(w, root, '/shared/f'))).toMatchObject({ uid: 1000, gid: 50 });
  });

  test('errors: a directory, a trailing slash, a missing parent, an owner from a non-root caller', () => {
    expect(writeFile(t, root, '/etc', { content: '' })).toEqual(failure('EISDIR', '/etc'));
    expect(writeFile(t, root, '/etc/new/', { content: '' })).toEqual(failure('EISDIR', '/etc/new/'));
    expect(writeFile(t, root, '/nope/f', { content: '' })).toEqual(failure('ENOENT', '/nope/f'));
    // open(O_CREAT) refuses a trailing slash before looking: also on a file, and through a link to 'x/'.
    expect(writeFile(t, root, '/etc/passwd/', { content: '' })).toEqual(failure('EISDIR', '/etc/passwd/'));
    const slashLink = must(symlink(t, root, 'missing/', '/tmp/l'));
    expect(writeFile(slashLink, root, '/tmp/l', { content: '' })).toEqual(failure('EISDIR', '/tmp/l'));
    expect(writeFile(t, alice, '/home/alice/f', { content: '', owner: { uid: 0, gid: 0 } })).toMatchObject({ ok: false, error: { code: 'EPERM' } });
  });

  test('the old tree is untouched and unrelated subtrees are shared', () => {
    const w = must(writeFile(t, root, '/etc/hostname', { content: 'box\n' }));
    expect(stat(t, root, '/etc/hostname')).toEqual(failure('ENOENT', '/etc/hostname'));
    expect(w.children.get('usr')).toBe(t.children.get('usr'));
    expect(w.children.get('etc')).not.toBe(t.children.get('etc'));
    expect(must(lstat(w, root, '/etc/passwd'))).toBe(must(lstat(t, root, '/etc/passwd')));
  });
});

describe('mkdir', () => {
  const t = sampleTree();

  test('one level, with a mode; EEXIST when anything is there, even a symlink', () => {
    const m = must(mkdir(t, root, '/data', { mode: 0o700 }));
    expect(must(stat(m, root, '/data'))).toEqual({ kind: 'dir', uid: 0, gid: 0, mode: 0o700, children: new Map() });
    expect(mkdir(m, root, '/data')).toEqual(failure('EEXIST', '/data'));
    expect(mkdir(t, root, '/bin')).toEqual(failure('EEXIST', '/bin'));
    expect(mkdir(t, root, '/a/b')).toEqual(failure('ENOENT', '/a/b'));
  });

  test('-p creates parents, accepts existing directories (also through links), refuses files', () => {
    const m = must(mkdir(t, { ...alice, cwd: '/home/alice' }, 'work/src/', { parents: true }));
    expect([...walk(m, '/home/alice')].map((e) => [e.path, e.node.uid])).toEqual([
      ['/home/alice/work', 1000],
      ['/home/alice/work/src', 1000],
    ]);
    expect(must(mkdir(t, root, '/bin/../bin', { parents: true }))).toBe(t);
    expect(mkdir(t, root, '/etc/passwd', { parents: true })).toEqual(failure('EEXIST', '/etc/passwd'));
    expect(mkdir(t, root, '/etc/passwd/x', { parents: true })).toEqual(failure('ENOTDIR', '/etc/passwd'));
    expect(mkdir(t, root, '/etc/passwd/x')).toEqual(failure('ENOTDIR', '/etc/passwd/x'));
  });

  test('a summarised directory: bulk counted, not listed; writing inside adds entries beside it', () => {
    const summary = { files: 1200, bytes: 45_000_000, source: 'node:22 image manifest' };
    let m = must(mkdir(t, root, '/usr/lib', { summary }));
    const deep = must(mkdir(t, root, '/opt/node/lib', { parents: true, summary }));
    expect([...walk(deep, '/opt')].map((e) => [e.path, e.node.kind === 'dir' && e.node.summary])).toEqual([
      ['/opt/node', undefined],
      ['/opt/node/lib', summary],
    ]);
    m = must(writeFile(m, root, '/usr/lib/extra.so', { size: 1000 }));
    const lib = must(stat(m, root, '/usr/lib'));
    expect(lib).toEqual({
      kind: 'dir', uid: 0, gid: 0, mode: 0o755, summary,
      children: new Map([['extra.so', { kind: 'file', uid: 0, gid: 0, mode: 0o644, size: 1000 }]]),
    });
    expect(must(readdir(m, root, '/usr/lib')).map((e) => e.name)).toEqual(['extra.so']);
    expect(treeBytes(lib)).toBe(45_001_000);
    expect(stat(m, root, '/usr/lib/libc.so')).toEqual(failure('ENOENT', '/usr/lib/libc.so'));
    expect(remove(m, root, '/usr/lib')).toEqual(failure('ENOTEMPTY', '/usr/lib'));
    const cleared = must(setSummary(m, root, '/usr/lib', undefined));
    expect(treeBytes(must(stat(cleared, root, '/usr/lib')))).toBe(1000);
    expect(setSummary(m, alice, '/usr/lib', summary)).toEqual(failure('EACCES', '/usr/lib'));
  });
});

describe('remove', () => {
  const t = sampleTree();

  test('a file, an empty directory; a non-empty one only recursively', () => {
    expect(lstat(must(remove(t, root, '/etc/passwd')), root, '/etc/passwd')).toEqual(failure('ENOENT', '/etc/passwd'));
    expect(remove(t, root, '/etc')).toEqual(failure('ENOTEMPTY', '/etc'));
    const gone = must(remove(t, root, '/etc', { recursive: true }));
    expect([...gone.children.keys()].sort()).toEqual(['bin', 'home', 'root', 'srv', 'tmp', 'usr']);
    expect(must(remove(t, root, '/tmp')).children.has('tmp')).toBe(false);
  });

  test('a symlink goes, its target stays', () => {
    const r = must(remove(t, root, '/bin'));
    expect(r.children.has('bin')).toBe(false);
    expect(must(stat(r, root, '/usr/bin/sh')).kind).toBe('file');
  });

  test('all or nothing: a user cannot remove a tree holding root-owned entries', () => {
    let m = must(mkdir(t, alice, '/home/alice/cache'));
    m = must(mkdir(m, root, '/home/alice/cache/locked', { mode: 0o755 }));
    m = must(writeFile(m, root, '/home/alice/cache/locked/f', { content: '' }));
    expect(remove(m, alice, '/home/alice/cache', { recursive: true })).toEqual(failure('EACCES', '/home/alice/cache/locked/f'));
    expect(must(remove(m, root, '/home/alice/cache', { recursive: true })).children.get('home')).toEqual(t.children.get('home'));
  });

  test("as: 'unlink' refuses directories, as: 'rmdir' everything else", () => {
    expect(remove(t, root, '/tmp', { as: 'unlink' })).toEqual(failure('EISDIR', '/tmp'));
    expect(remove(t, root, '/etc/passwd', { as: 'rmdir' })).toEqual(failure('ENOTDIR', '/etc/passwd'));
    expect(remove(t, root, '/bin', { as: 'rmdir' })).toEqual(failure('ENOTDIR', '/bin'));
    expect(must(remove(t, root, '/bin', { as: 'unlink' })).children.has('bin')).toBe(false);
    // Permission comes first, as in the kernel.
    expect(remove(t, alice, '/tmp', { as: 'unlink' })).toEqual(failure('EACCES', '/tmp'));
  });

  test('missing paths, `.` and `/` are refused', () => {
    expect(remove(t, root, '/nope')).toEqual(failure('ENOENT', '/nope'));
    expect(remove(t, root, '/etc/.', { recursive: true })).toEqual(failure('EINVAL', '/etc/.'));
    expect(remove(t, root, '/etc/..')).toEqual(failure('ENOTEMPTY', '/etc/..'));
    expect(remove(t, root, '/', { recursive: true })).toEqual(failure('EBUSY', '/'));
    expect(remove(t, root, '/etc/passwd/')).toEqual(failure('ENOTDIR', '/etc/passwd/'));
    // A trailing slash does not make remove follow a final link.
    expect(remove(t, root, '/bin/')).toEqual(failure('ENOTDIR', '/bin/'));
  });
});

describe('rename', () => {
  const t = sampleTree();

  test('moves a file, replacing an existing file', () => {
    let r = must(writeFile(t, root, '/tmp/a', { content: 'A' }));
    r = must(writeFile(r, root, '/tmp/b', { content: 'B' }));
    r = must(rename(r, root, '/tmp/a', '/tmp/b'));
    expect(must(readdir(r, root, '/tmp')).map((e) => [e.name, e.node.kind === 'file' && e.node.content])).toEqual([['b', 'A']]);
  });

  test('moves a directory with its contents; the node is the same object', () => {
    const r = must(rename(t, root, '/home/alice', '/srv/alice'));
    expect(must(lstat(r, root, '/srv/alice'))).toBe(must(lstat(t, root, '/home/alice')));
    expect(must(readdir(r, root, '/home'))).toEqual([]);
  });

  test('kind mismatches, non-empty targets and moving into itself fail', () => {
    const d = must(mkdir(must(mkdir(t, root, '/tmp/d')), root, '/tmp/d/e'));
    expect(rename(d, root, '/etc/passwd', '/tmp/d')).toEqual(failure('EISDIR', '/tmp/d'));
    expect(rename(d, root, '/tmp/d', '/etc/passwd')).toEqual(failure('ENOTDIR', '/etc/passwd'));
    expect(rename(d, root, '/usr', '/tmp/d')).toEqual(failure('ENOTEMPTY', '/tmp/d'));
    expect(rename(d, root, '/tmp/d', '/tmp/d/e/f')).toEqual(failure('EINVAL', '/tmp/d'));
    expect(rename(d, root, '/etc/passwd', '/tmp/new/')).toEqual(failure('ENOTDIR', '/tmp/new/'));
    expect(rename(d, root, '/tmp/d/.', '/tmp/x')).toEqual(failure('EBUSY', '/tmp/d/.'));
    expect(rename(d, root, '/tmp/d/e', '/tmp')).toEqual(failure('ENOTEMPTY', '/tmp'));
    expect(rename(d, root, '/nope', '/')).toEqual(failure('EBUSY', '/'));
    expect(must(rename(d, root, '/tmp/d/e', '/tmp/new/')).children.get('tmp')).toMatchObject({ children: new Map([['d', expect.anything()], ['new', expect.anything()]]) });
    expect(must(rename(d, root, '/tmp/d/e', '/tmp/e')).children.get('tmp')).toMatchObject({ children: new Map([['d', expect.anything()], ['e', expect.anything()]]) });
  });

  test('renames a symlink itself, not its target', () => {
    const r = must(rename(t, root, '/bin', '/sbin'));
    expect(must(lstat(r, root, '/sbin'))).toMatchObject({ kind: 'symlink', target: 'usr/bin' });
    expect(must(stat(r, root, '/usr/bin/sh')).kind).toBe('file');
  });

  test('a user may not move a directory it cannot write out of its parent', () => {
    const m = must(mkdir(t, root, '/tmp/rootdir'));
    expect(rename(m, alice, '/tmp/rootdir', '/tmp/mine')).toMatchObject({ ok: false, error: { code: 'EPERM' } });
  });
});

describe('symlink, readdir, readFile, walk', () => {
  const t = sampleTree();

  test('symlink refuses an existing name', () => {
    expect(symlink(t, root, 'x', '/etc/passwd')).toEqual(failure('EEXIST', '/etc/passwd'));
    expect(symlink(t, alice, 'x', '/etc/x')).toEqual(failure('EACCES', '/etc/x'));
    expect(symlink(t, root, '', '/tmp/empty')).toEqual(failure('ENOENT', '/tmp/empty'));
    expect(symlink(t, root, 'x', '/tmp/new/')).toEqual(failure('ENOENT', '/tmp/new/'));
  });

  test('readdir is sorted by name; readFile refuses directories', () => {
    let r = emptyTree();
    for (const name of ['b', 'a', 'C', '_z']) r = must(writeFile(r, root, `/${name}`, { content: name }));
    expect(must(readdir(r, root, '/')).map((e) => e.name)).toEqual(['C', '_z', 'a', 'b']);
    expect(readFile(t, root, '/etc')).toEqual(failure('EISDIR', '/etc'));
    expect(readdir(t, root, '/etc/passwd')).toEqual(failure('ENOTDIR', '/etc/passwd'));
  });

  test('walk lists every listed node, parents first, in name order', () => {
    expect([...walk(t)].map((e) => e.path)).toEqual([
      '/bin', '/etc', '/etc/passwd', '/etc/shadow', '/home', '/home/alice', '/root', '/srv', '/tmp', '/usr', '/usr/bin', '/usr/bin/sh',
    ]);
  });
});
