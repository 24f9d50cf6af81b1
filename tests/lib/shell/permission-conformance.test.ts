/**
 * Permission failures against the real tools, run as uid/gid 65534 (`setpriv`) with a root-owned
 * /tmp/rootdir (0755) holding `file` (0644, "data"), and /root at 0700: GNU under dash (Debian
 * bookworm) and BusyBox 1.35 under its ash. sed's random temporary names are written XXXXXX.
 */
import { describe, expect, test } from 'vitest';
import { AS_ROOT, mkdir, writeFile, type DirNode, type FsResult } from '../../../src/lib/vfs/index.ts';
import { busyboxTree, gnuTree, sh } from './fixtures.ts';

type Observed = [status: number, stdout: string, stderr: string];

const RECORDED: [script: string, gnu: Observed, busybox: Observed][] = [
  ["touch /tmp/rootdir/x", [1, "", "touch: cannot touch '/tmp/rootdir/x': Permission denied\n"], [1, "", "touch: /tmp/rootdir/x: Permission denied\n"]],
  ["mkdir /tmp/rootdir/x", [1, "", "mkdir: cannot create directory '/tmp/rootdir/x': Permission denied\n"], [1, "", "mkdir: can't create directory '/tmp/rootdir/x': Permission denied\n"]],
  ["echo hi > /tmp/rootdir/x", [2, "", "/bin/sh: 1: cannot create /tmp/rootdir/x: Permission denied\n"], [1, "", "/bin/sh: can't create /tmp/rootdir/x: Permission denied\n"]],
  ["echo hi >> /tmp/rootdir/file", [2, "", "/bin/sh: 1: cannot create /tmp/rootdir/file: Permission denied\n"], [1, "", "/bin/sh: can't create /tmp/rootdir/file: Permission denied\n"]],
  ["cp /etc/hostname /tmp/rootdir/", [1, "", "cp: cannot create regular file '/tmp/rootdir/hostname': Permission denied\n"], [1, "", "cp: can't create '/tmp/rootdir/hostname': Permission denied\n"]],
  ["rm -rf /tmp/rootdir", [1, "", "rm: cannot remove '/tmp/rootdir/file': Permission denied\n"], [1, "", "rm: can't remove '/tmp/rootdir/file': Permission denied\n"]],
  ["rm -f /tmp/rootdir/file", [1, "", "rm: cannot remove '/tmp/rootdir/file': Permission denied\n"], [1, "", "rm: can't remove '/tmp/rootdir/file': Permission denied\n"]],
  ["mv /tmp/rootdir/file /tmp/", [1, "", "mv: cannot move '/tmp/rootdir/file' to '/tmp/file': Permission denied\n"], [1, "", "mv: can't rename '/tmp/rootdir/file': Permission denied\n"]],
  ["ln -s /etc /tmp/rootdir/e", [1, "", "ln: failed to create symbolic link '/tmp/rootdir/e': Permission denied\n"], [1, "", "ln: /tmp/rootdir/e: Permission denied\n"]],
  ["chmod 777 /tmp/rootdir", [1, "", "chmod: changing permissions of '/tmp/rootdir': Operation not permitted\n"], [1, "", "chmod: /tmp/rootdir: Operation not permitted\n"]],
  ["chown 65534 /tmp/rootdir", [1, "", "chown: changing ownership of '/tmp/rootdir': Operation not permitted\n"], [1, "", "chown: /tmp/rootdir: Operation not permitted\n"]],
  ["sed -i s/d/D/ /tmp/rootdir/file", [4, "", "sed: couldn't open temporary file /tmp/rootdir/sedXXXXXX: Permission denied\n"], [1, "", "sed: can't create temp file '/tmp/rootdir/fileXXXXXX': Permission denied\n"]],
  ["cd /root", [2, "", "/bin/sh: 1: cd: can't cd to /root\n"], [2, "", "/bin/sh: cd: line 0: can't cd to /root: Permission denied\n"]],
  ["ls /root", [2, "", "ls: cannot open directory '/root': Permission denied\n"], [1, "", "ls: can't open '/root': Permission denied\n"]],
  ["cat /root/.bashrc", [1, "", "cat: /root/.bashrc: Permission denied\n"], [1, "", "cat: can't open '/root/.bashrc': Permission denied\n"]],
  ["tar cf /tmp/rootdir/a.tar /etc/hostname", [2, "", "tar: /tmp/rootdir/a.tar: Cannot open: Permission denied\ntar: Error is not recoverable: exiting now\n"], [1, "", "tar: can't open '/tmp/rootdir/a.tar': Permission denied\n"]],
  ["touch /tmp/rootdir/file", [1, "", "touch: cannot touch '/tmp/rootdir/file': Permission denied\n"], [1, "", "touch: /tmp/rootdir/file: Permission denied\n"]],
  ["mkdir -p /tmp/rootdir/a/b", [1, "", "mkdir: cannot create directory '/tmp/rootdir/a': Permission denied\n"], [1, "", "mkdir: can't create directory '/tmp/rootdir/a/': Permission denied\n"]],
  ["find /root", [1, "/root\n", "find: '/root': Permission denied\n"], [1, "/root\n", "find: /root: Permission denied\n"]],
  ["du -s /root", [1, "4\t/root\n", "du: cannot read directory '/root': Permission denied\n"], [1, "", "du: can't open '/root': Permission denied\n"]],
  ["cat /tmp/rootdir/file && [ -r /tmp/rootdir/file ] && [ ! -w /tmp/rootdir/file ] && echo read-only", [0, "data\nread-only\n", ""], [0, "data\nread-only\n", ""]],
  ["mkdir /tmp/mine && touch /tmp/mine/f && chmod 700 /tmp/mine && ls /tmp/mine && rm -r /tmp/mine && echo cleaned", [0, "f\ncleaned\n", ""], [0, "f\ncleaned\n", ""]],
];

const must = (r: FsResult<DirNode>): DirNode => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

function prepared(tree: DirNode): DirNode {
  let t = must(mkdir(tree, AS_ROOT, '/tmp/rootdir', { mode: 0o755 }));
  t = must(writeFile(t, AS_ROOT, '/tmp/rootdir/file', { content: 'data\n', mode: 0o644 }));
  t = must(writeFile(t, AS_ROOT, '/root/.bashrc', { content: '# bashrc\n' }));
  return must(writeFile(t, AS_ROOT, '/etc/hostname', { content: 'host\n' }));
}

const NOBODY = { cred: { uid: 65534, gid: 65534, groups: [] }, user: 'nobody', cwd: '/' };

describe('GNU, as an unprivileged user', () => {
  test.each(RECORDED)('%s', (script, gnu) => {
    const r = sh(script, { fs: prepared(gnuTree()), ...NOBODY });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual(gnu);
  });
});

describe('BusyBox, as an unprivileged user', () => {
  test.each(RECORDED)('%s', (script, _gnu, busybox) => {
    const r = sh(script, { fs: prepared(busyboxTree()), ...NOBODY });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual(busybox);
  });
});
