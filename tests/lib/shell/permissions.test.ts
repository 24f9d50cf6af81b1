/** The running user's permissions, enforced by the vfs and reported in each tool's words. */
import { describe, expect, test } from 'vitest';
import { busyboxTree, gnuTree, sh } from './fixtures.ts';

const asNode = (script: string, flavor: 'busybox' | 'gnu'): [number, string, string] => {
  const r = sh(script, { as: 'node', fs: flavor === 'busybox' ? busyboxTree() : gnuTree() });
  return [r.exitCode, r.stdout, r.stderr];
};

describe('a non-root user cannot write into a root-owned folder', () => {
  test.each([
    ['touch /app/x', 'busybox', [1, '', 'touch: /app/x: Permission denied\n']],
    ['touch /app/x', 'gnu', [1, '', "touch: cannot touch '/app/x': Permission denied\n"]],
    ['mkdir /app/x', 'busybox', [1, '', "mkdir: can't create directory '/app/x': Permission denied\n"]],
    ['mkdir /app/x', 'gnu', [1, '', "mkdir: cannot create directory '/app/x': Permission denied\n"]],
    ['echo hi > /app/x', 'busybox', [1, '', "/bin/sh: can't create /app/x: Permission denied\n"]],
    ['echo hi > /app/x', 'gnu', [2, '', '/bin/sh: 1: cannot create /app/x: Permission denied\n']],
    ['cp /etc/passwd /app/', 'gnu', [1, '', "cp: cannot create regular file '/app/passwd': Permission denied\n"]],
    ['rm -rf /app', 'gnu', [1, '', "rm: cannot remove '/app': Permission denied\n"]],
    ['mv /etc/passwd /tmp/', 'gnu', [1, '', "mv: cannot move '/etc/passwd' to '/tmp/passwd': Permission denied\n"]],
    ['chmod 777 /app', 'gnu', [1, '', "chmod: changing permissions of '/app': Operation not permitted\n"]],
    ['chown node /app', 'busybox', [1, '', 'chown: /app: Operation not permitted\n']],
    ['echo x >> /etc/passwd', 'busybox', [1, '', "/bin/sh: can't create /etc/passwd: Permission denied\n"]],
    ['sed -i s/root/toor/ /etc/passwd', 'busybox', [1, '', "sed: can't create temp file '/etc/passwdXXXXXX': Permission denied\n"]],
    ['sed -i s/root/toor/ /etc/passwd', 'gnu', [4, '', "sed: couldn't open temporary file /etc/sedXXXXXX: Permission denied\n"]],
    ['ln -s /etc /app/e', 'busybox', [1, '', 'ln: /app/e: Permission denied\n']],
  ] as const)('%s (%s)', (script, flavor, expected) => {
    expect(asNode(script, flavor)).toEqual(expected);
  });
});

describe('the same user can write in its home and in /tmp', () => {
  test('files it creates are its own', () => {
    expect(asNode('touch ~/f && echo ok > ~/g && mkdir ~/d && ls -l ~', 'busybox')).toEqual([
      0,
      'total 8\ndrwxr-xr-x    2 node     node          4096 Jan  1 00:00 d\n-rw-r--r--    1 node     node             0 Jan  1 00:00 f\n-rw-r--r--    1 node     node             3 Jan  1 00:00 g\n',
      '',
    ]);
    expect(asNode('touch /tmp/mine; stat -c "%U %G %a" /tmp/mine', 'gnu')).toEqual([0, 'node node 644\n', '']);
  });
  test('root writes anywhere', () => {
    const r = sh('touch /app/x && stat -c %U /app/x');
    expect([r.exitCode, r.stdout]).toEqual([0, 'root\n']);
  });
});

describe('reading and entering', () => {
  test('cd into root-only /root fails', () => {
    expect(asNode('cd /root', 'busybox')).toEqual([2, '', "/bin/sh: cd: line 0: can't cd to /root: Permission denied\n"]);
    expect(asNode('cd /root', 'gnu')).toEqual([2, '', "/bin/sh: 1: cd: can't cd to /root\n"]);
  });
  test('ls of /root fails; test -w sees the same permission', () => {
    expect(asNode('ls /root', 'gnu')).toEqual([2, '', "ls: cannot open directory '/root': Permission denied\n"]);
    expect(asNode('[ -w /app ] || echo not-writable; [ -w ~ ] && echo writable', 'busybox')).toEqual([0, 'not-writable\nwritable\n', '']);
  });
  test('a file without x cannot be run; root needs some x bit too', () => {
    expect(asNode('echo "echo hi" > ~/s; ~/s; echo $?; chmod +x ~/s; ~/s', 'busybox')).toEqual([0, '126\nhi\n', '/bin/sh: /home/node/s: Permission denied\n']);
  });
  test('the sticky /tmp keeps others from removing a file', () => {
    const fs = sh('touch /tmp/roots').fs;
    const r = sh('rm -f /tmp/roots', { as: 'node', fs });
    expect([r.exitCode, r.stderr]).toEqual([1, "rm: can't remove '/tmp/roots': Operation not permitted\n"]);
  });
});
