import { describe, expect, test } from 'vitest';
import {
  checkAccess,
  chmod,
  chown,
  mayAccess,
  mkdir,
  readdir,
  readFile,
  remove,
  rename,
  R_OK,
  ROOT_CRED,
  stat,
  W_OK,
  writeFile,
  X_OK,
} from '../../../src/lib/vfs/index.ts';
import type { FileNode } from '../../../src/lib/vfs/index.ts';
import { alice, bob, must, root, sampleTree } from './fixtures.ts';

const file = (uid: number, gid: number, mode: number): FileNode => ({ kind: 'file', uid, gid, mode, size: 0 });
const denied = (path: string) => ({ ok: false, error: { code: 'EACCES', path, message: 'Permission denied' } });
const notPermitted = (path: string) => ({ ok: false, error: { code: 'EPERM', path, message: 'Operation not permitted' } });

describe('mayAccess: owner, group, other bits', () => {
  test('the owner gets only the owner bits, even when others get more', () => {
    expect(mayAccess(alice.cred, file(1000, 1000, 0o077), R_OK)).toBe(false);
    expect(mayAccess(alice.cred, file(1000, 1000, 0o600), R_OK | W_OK)).toBe(true);
    expect(mayAccess(alice.cred, file(1000, 1000, 0o600), X_OK)).toBe(false);
  });

  test('group bits apply through the primary group and supplementary groups', () => {
    expect(mayAccess(bob.cred, file(0, 50, 0o070), R_OK | W_OK | X_OK)).toBe(true);
    expect(mayAccess(bob.cred, file(0, 1001, 0o040), R_OK)).toBe(true);
    expect(mayAccess(alice.cred, file(0, 50, 0o070), R_OK)).toBe(false);
    expect(mayAccess(alice.cred, file(0, 50, 0o074), R_OK)).toBe(true);
  });

  test('root reads and writes anything, searches any directory, but executes only with some x bit', () => {
    expect(mayAccess(ROOT_CRED, file(5, 5, 0o000), R_OK | W_OK)).toBe(true);
    expect(mayAccess(ROOT_CRED, file(5, 5, 0o644), X_OK)).toBe(false);
    expect(mayAccess(ROOT_CRED, file(5, 5, 0o001), X_OK)).toBe(true);
    expect(mayAccess(ROOT_CRED, { kind: 'dir', uid: 5, gid: 5, mode: 0, children: new Map() }, X_OK)).toBe(true);
  });
});

describe('operations check permissions', () => {
  const t = sampleTree();

  test('a non-root user cannot write into a root-owned directory', () => {
    expect(writeFile(t, alice, '/etc/motd', { content: 'hi' })).toEqual(denied('/etc/motd'));
    expect(mkdir(t, alice, '/usr/local')).toEqual(denied('/usr/local'));
    expect(mkdir(t, alice, '/opt/app/data', { parents: true })).toEqual(denied('/opt'));
    expect(remove(t, alice, '/etc/passwd')).toEqual(denied('/etc/passwd'));
    expect(writeFile(t, alice, '/etc/passwd', { content: 'x' })).toEqual(denied('/etc/passwd'));
  });

  test('…but can write in its own home, and root can write anywhere', () => {
    const own = must(writeFile(t, alice, '/home/alice/notes', { content: 'mine' }));
    expect(must(stat(own, alice, '/home/alice/notes'))).toEqual({ kind: 'file', uid: 1000, gid: 1000, mode: 0o644, size: 4, content: 'mine' });
    expect(must(writeFile(t, root, '/etc/motd', { content: 'hi' }))).not.toBe(t);
  });

  test('group permission: a member of staff (50) may write in /srv, others may not', () => {
    const byBob = must(writeFile(t, bob, '/srv/site', { content: 'x' }));
    expect(must(stat(byBob, root, '/srv/site'))).toMatchObject({ uid: 1001, gid: 1001 });
    expect(writeFile(t, alice, '/srv/site', { content: 'x' })).toEqual(denied('/srv/site'));
  });

  test('reading needs r: a 0640 root:shadow file and a 0700 directory', () => {
    expect(readFile(t, alice, '/etc/shadow')).toEqual(denied('/etc/shadow'));
    expect(must(readFile(t, { cred: { uid: 7, gid: 42, groups: [] } }, '/etc/shadow')).content).toBe('root:*::0:::::\n');
    expect(readdir(t, alice, '/root')).toEqual(denied('/root'));
    // Opening comes first: an unreadable directory is EACCES rather than EISDIR.
    expect(readFile(t, alice, '/root')).toEqual(denied('/root'));
    expect(readdir(t, bob, '/home/alice')).toEqual(denied('/home/alice'));
  });

  test('checkAccess: executing needs an x bit, also for root', () => {
    expect(must(checkAccess(t, alice, '/bin/sh', X_OK)).kind).toBe('file');
    const plain = must(writeFile(t, root, '/usr/bin/script', { content: 'echo' }));
    expect(checkAccess(plain, root, '/usr/bin/script', X_OK)).toEqual(denied('/usr/bin/script'));
  });

  test('sticky /tmp: only the owner of an entry (or of /tmp, or root) may delete or rename it', () => {
    const shared = must(writeFile(t, alice, '/tmp/a', { content: 'alice' }));
    expect(remove(shared, bob, '/tmp/a')).toEqual(notPermitted('/tmp/a'));
    expect(rename(shared, bob, '/tmp/a', '/tmp/b')).toEqual(notPermitted('/tmp/a'));
    expect(must(remove(shared, alice, '/tmp/a')).children.get('tmp')).toEqual(t.children.get('tmp'));
    expect(remove(shared, root, '/tmp/a').ok).toBe(true);
    // Bob may still create his own files there.
    expect(writeFile(shared, bob, '/tmp/b', { content: 'bob' }).ok).toBe(true);
  });

  test('chmod: owner or root only', () => {
    expect(chmod(t, alice, '/etc/passwd', 0o777)).toEqual(notPermitted('/etc/passwd'));
    expect(must(stat(must(chmod(t, alice, '/home/alice', 0o700)), root, '/home/alice')).mode).toBe(0o700);
  });

  test('chown: root gives away; an owner may only change the group to one of its groups', () => {
    const bobs = must(writeFile(t, bob, '/tmp/f', { content: '' }));
    expect(chown(bobs, bob, '/tmp/f', { uid: 1000 })).toEqual(notPermitted('/tmp/f'));
    expect(must(stat(must(chown(bobs, bob, '/tmp/f', { gid: 50 })), root, '/tmp/f'))).toMatchObject({ uid: 1001, gid: 50 });
    expect(chown(bobs, bob, '/tmp/f', { gid: 42 })).toEqual(notPermitted('/tmp/f'));
    expect(chown(bobs, alice, '/tmp/f', { gid: 1000 })).toEqual(notPermitted('/tmp/f'));
    expect(must(stat(must(chown(bobs, root, '/tmp/f', { uid: 1000, gid: 1000 })), root, '/tmp/f'))).toMatchObject({ uid: 1000, gid: 1000 });
  });

  test('chown clears setuid; chmod by a non-member drops setgid on a file', () => {
    const suid = must(writeFile(t, root, '/usr/bin/su', { size: 10, mode: 0o4755 }));
    expect(must(stat(must(chown(suid, root, '/usr/bin/su', { uid: 0 })), root, '/usr/bin/su')).mode).toBe(0o755);
    const own = must(writeFile(t, alice, '/home/alice/x', { content: '' }));
    const chgrp = must(chown(own, root, '/home/alice/x', { gid: 50 }));
    expect(must(stat(must(chmod(chgrp, alice, '/home/alice/x', 0o2755)), root, '/home/alice/x')).mode).toBe(0o755);
  });
});
