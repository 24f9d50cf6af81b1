/**
 * Small image-like trees for shell tests: a BusyBox tree (Alpine-like: /bin/sh and the applets are
 * symlinks to /bin/busybox) and a GNU tree (Debian-like: /bin/sh → dash, coreutils as their own
 * files), each with root and a `node` user (uid 1000) and a root-owned /app.
 */
import { AS_ROOT, emptyTree, mkdir, symlink, writeFile, type Cred, type DirNode, type FsResult } from '../../../src/lib/vfs/index.ts';
import { runShell, type ShellResult, type ShellRunOptions } from '../../../src/lib/shell/index.ts';

const must = <T>(r: FsResult<T>): T => {
  if (!r.ok) throw new Error(`fixture: ${r.error.path}: ${r.error.message}`);
  return r.value;
};

export const APPLETS = [
  'sh', 'ash', 'echo', 'printf', 'cat', 'ls', 'mkdir', 'touch', 'rm', 'rmdir', 'cp', 'mv', 'ln', 'chmod', 'chown', 'chgrp',
  'pwd', 'id', 'whoami', 'env', 'printenv', 'true', 'false', 'sleep', 'wc', 'head', 'tail', 'grep', 'sed', 'find', 'tar',
  'du', 'stat', 'which', 'basename', 'dirname', 'xargs', 'sort', 'uniq', 'tr', 'cut', 'tee', 'seq', 'date', 'hostname',
  'uname', 'test', '[', 'readlink', 'realpath', 'install', 'mktemp', 'sha256sum', 'dd', 'truncate', 'awk',
];

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n';
const GROUP = 'root:x:0:root\nnode:x:1000:node\n';

function base(): DirNode {
  let t = emptyTree();
  for (const d of ['/bin', '/usr/bin', '/usr/local/bin', '/etc', '/app', '/var/log']) t = must(mkdir(t, AS_ROOT, d, { parents: true }));
  t = must(mkdir(t, AS_ROOT, '/root', { mode: 0o700 }));
  t = must(mkdir(t, AS_ROOT, '/tmp', { mode: 0o1777 }));
  t = must(mkdir(t, AS_ROOT, '/home'));
  t = must(mkdir(t, AS_ROOT, '/home/node', { owner: { uid: 1000, gid: 1000 } }));
  t = must(writeFile(t, AS_ROOT, '/etc/passwd', { content: PASSWD }));
  t = must(writeFile(t, AS_ROOT, '/etc/group', { content: GROUP }));
  return t;
}

/** Alpine-like: every applet is a symlink to /bin/busybox. */
export function busyboxTree(): DirNode {
  let t = must(writeFile(base(), AS_ROOT, '/bin/busybox', { size: 800_000, mode: 0o755 }));
  for (const applet of APPLETS) t = must(symlink(t, AS_ROOT, '/bin/busybox', `/bin/${applet}`));
  return t;
}

/** Debian-like: /bin/sh → dash, and each coreutil its own binary in /usr/bin. */
export function gnuTree(): DirNode {
  let t = must(writeFile(base(), AS_ROOT, '/usr/bin/dash', { size: 125_000, mode: 0o755 }));
  t = must(symlink(t, AS_ROOT, '/usr/bin/dash', '/bin/sh'));
  for (const tool of APPLETS.filter((a) => a !== 'sh' && a !== 'ash')) t = must(writeFile(t, AS_ROOT, `/usr/bin/${tool}`, { size: 50_000, mode: 0o755 }));
  return t;
}

// The recorded outputs came from processes whose supplementary groups held their primary group.
export const ROOT: Cred = { uid: 0, gid: 0, groups: [0] };
export const NODE: Cred = { uid: 1000, gid: 1000, groups: [1000] };
export const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface RunSpec extends Partial<ShellRunOptions> {
  as?: 'root' | 'node';
}

/** Runs a script in a tree (default: the BusyBox tree, as root, in /). */
export function sh(script: string, spec: RunSpec = {}): ShellResult {
  const { as = 'root', ...rest } = spec;
  return runShell(script, {
    fs: rest.fs ?? busyboxTree(),
    cred: as === 'root' ? ROOT : NODE,
    user: as,
    cwd: rest.cwd ?? (as === 'root' ? '/' : '/home/node'),
    env: rest.env ?? { PATH, HOME: as === 'root' ? '/root' : '/home/node' },
    ...rest,
  });
}
