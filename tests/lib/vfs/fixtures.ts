/** A small tree shaped like an image's root, and the users the tests act as. */
import { AS_ROOT, chmod, chown, emptyTree, mkdir, symlink, writeFile } from '../../../src/lib/vfs/index.ts';
import type { Access, DirNode, FsResult } from '../../../src/lib/vfs/index.ts';

export const must = <T>(result: FsResult<T>): T => {
  if (!result.ok) throw new Error(`unexpected ${result.error.code} on ${result.error.path}`);
  return result.value;
};

export const root: Access = AS_ROOT;
/** uid 1000, only in its own group. */
export const alice: Access = { cred: { uid: 1000, gid: 1000, groups: [] }, cwd: '/' };
/** uid 1001, also in group 50 (staff). */
export const bob: Access = { cred: { uid: 1001, gid: 1001, groups: [50] }, cwd: '/' };

/**
 * /bin -> usr/bin, /usr/bin/sh (0755), /etc/passwd, /etc/shadow (0640 0:42), /tmp (1777),
 * /root (0700), /home/alice (1000:1000 0750), /srv (0:50 0775).
 */
export function sampleTree(): DirNode {
  let t = emptyTree();
  const step = (f: (tree: DirNode) => FsResult<DirNode>): void => {
    t = must(f(t));
  };
  step((x) => mkdir(x, root, '/usr/bin', { parents: true }));
  step((x) => writeFile(x, root, '/usr/bin/sh', { size: 800_000, mode: 0o755 }));
  step((x) => symlink(x, root, 'usr/bin', '/bin'));
  step((x) => mkdir(x, root, '/etc'));
  step((x) => writeFile(x, root, '/etc/passwd', { content: 'root:x:0:0:root:/root:/bin/sh\n' }));
  step((x) => writeFile(x, root, '/etc/shadow', { content: 'root:*::0:::::\n', mode: 0o640, owner: { uid: 0, gid: 42 } }));
  step((x) => mkdir(x, root, '/tmp', { mode: 0o1777 }));
  step((x) => mkdir(x, root, '/root', { mode: 0o700 }));
  step((x) => mkdir(x, root, '/home/alice', { parents: true }));
  step((x) => chown(x, root, '/home/alice', { uid: 1000, gid: 1000 }));
  step((x) => chmod(x, root, '/home/alice', 0o750));
  step((x) => mkdir(x, root, '/srv', { mode: 0o775, owner: { uid: 0, gid: 50 } }));
  return t;
}
