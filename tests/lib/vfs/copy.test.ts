import { describe, expect, test } from 'vitest';
import { chown, copyNode, emptyTree, lstat, mkdir, stat, symlink, walk, writeFile } from '../../../src/lib/vfs/index.ts';
import type { DirNode } from '../../../src/lib/vfs/index.ts';
import { alice, must, root, sampleTree } from './fixtures.ts';

/** A builder stage: /app/dist (1000:1000) with a file, a nested dir and a relative link. */
function builder(): DirNode {
  let t = must(mkdir(emptyTree(), root, '/app/dist/assets', { parents: true }));
  t = must(writeFile(t, root, '/app/dist/server.js', { content: 'listen()\n', mode: 0o755 }));
  t = must(writeFile(t, root, '/app/dist/assets/app.css', { size: 2048 }));
  t = must(symlink(t, root, 'server.js', '/app/dist/index.js'));
  t = must(chown(t, root, '/app/dist', { uid: 1000, gid: 1000 }));
  return must(chown(t, root, '/app/dist/server.js', { uid: 1000, gid: 1000 }));
}

const listing = (t: DirNode, from: string) =>
  [...walk(t, from)].map(({ path, node }) => `${path} ${node.kind} ${node.uid}:${node.gid} ${node.mode.toString(8)}`);

describe('copyNode', () => {
  const src = builder();
  const dst = sampleTree();

  test('as root without overrides it keeps owners (COPY --from) and shares the nodes', () => {
    const out = must(copyNode(dst, root, { tree: src, path: '/app/dist' }, '/srv/www'));
    expect(listing(out, '/srv/www')).toEqual([
      '/srv/www/assets dir 0:0 755',
      '/srv/www/assets/app.css file 0:0 644',
      '/srv/www/index.js symlink 0:0 777',
      '/srv/www/server.js file 1000:1000 755',
    ]);
    expect(must(lstat(out, root, '/srv/www'))).toBe(must(lstat(src, root, '/app/dist')));
  });

  test('--chown and --chmod apply to every copied entry; symlinks keep 0777', () => {
    const out = must(copyNode(dst, root, { tree: src, path: '/app/dist' }, '/srv/www', { owner: { uid: 101, gid: 101 }, mode: 0o640 }));
    expect(listing(out, '/srv/www')).toEqual([
      '/srv/www/assets dir 101:101 640',
      '/srv/www/assets/app.css file 101:101 640',
      '/srv/www/index.js symlink 101:101 777',
      '/srv/www/server.js file 101:101 640',
    ]);
  });

  test('--exclude leaves out matching entries and what is below them', () => {
    const out = must(copyNode(dst, root, { tree: src, path: '/app/dist' }, '/srv/www', { exclude: (p) => p === 'assets' || p.endsWith('.js') }));
    expect(listing(out, '/srv/www')).toEqual([]);
    const some = must(copyNode(dst, root, { tree: src, path: '/app/dist' }, '/srv/www', { exclude: (p) => p === 'assets/app.css' }));
    expect(listing(some, '/srv/www')).toEqual([
      '/srv/www/assets dir 0:0 755',
      '/srv/www/index.js symlink 0:0 777',
      '/srv/www/server.js file 1000:1000 755',
    ]);
  });

  test('missing parents are created 0:0 0755, or with the --chown owner and --chmod mode', () => {
    const plain = must(copyNode(dst, root, { tree: src, path: '/app/dist/server.js' }, '/opt/app/bin/server', { parents: true }));
    expect(listing(plain, '/opt')).toEqual([
      '/opt/app dir 0:0 755',
      '/opt/app/bin dir 0:0 755',
      '/opt/app/bin/server file 1000:1000 755',
    ]);
    const owned = must(copyNode(dst, root, { tree: src, path: '/app/dist/server.js' }, '/opt/s', { parents: true, owner: { uid: 5, gid: 6 }, mode: 0o777 }));
    expect(listing(owned, '/opt')).toEqual(['/opt/s file 5:6 777']);
    expect(copyNode(dst, root, { tree: src, path: '/app/dist/server.js' }, '/opt/app/s')).toMatchObject({ ok: false, error: { code: 'ENOENT' } });
  });

  test('into an existing directory: merged, the existing directory keeps its owner and mode', () => {
    const existing = must(mkdir(dst, root, '/srv/www', { mode: 0o750 }));
    const withOld = must(writeFile(existing, root, '/srv/www/old.txt', { content: 'old' }));
    const out = must(copyNode(withOld, root, { tree: src, path: '/app/dist' }, '/srv/www'));
    expect(listing(out, '/srv/www')).toEqual([
      '/srv/www/assets dir 0:0 755',
      '/srv/www/assets/app.css file 0:0 644',
      '/srv/www/index.js symlink 0:0 777',
      '/srv/www/old.txt file 0:0 644',
      '/srv/www/server.js file 1000:1000 755',
    ]);
    expect(must(stat(out, root, '/srv/www')).mode).toBe(0o750);
  });

  test('a followed source link copies the target; kind clashes fail', () => {
    const out = must(copyNode(dst, root, { tree: src, path: '/app/dist/index.js' }, '/srv/index.js'));
    expect(must(lstat(out, root, '/srv/index.js'))).toMatchObject({ kind: 'file', content: 'listen()\n' });
    const link = must(copyNode(dst, root, { tree: src, path: '/app/dist/index.js' }, '/srv/link', { follow: false }));
    expect(must(lstat(link, root, '/srv/link'))).toMatchObject({ kind: 'symlink', target: 'server.js' });
    expect(copyNode(dst, root, { tree: src, path: '/app/dist/server.js' }, '/etc')).toMatchObject({ ok: false, error: { code: 'EISDIR', path: '/etc' } });
    expect(copyNode(dst, root, { tree: src, path: '/app/dist' }, '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'ENOTDIR', path: '/etc/passwd' } });
    expect(copyNode(dst, root, { tree: src, path: '/app/missing' }, '/x')).toMatchObject({ ok: false, error: { code: 'ENOENT', path: '/app/missing' } });
  });

  test('as a user: the copy belongs to the user, needs a writable target and readable sources', () => {
    const out = must(copyNode(dst, alice, { tree: src, path: '/app/dist/server.js' }, '/home/alice/s'));
    expect(listing(out, '/home/alice')).toEqual(['/home/alice/s file 1000:1000 755']);
    expect(copyNode(dst, alice, { tree: src, path: '/app/dist/server.js' }, '/etc/s')).toMatchObject({ ok: false, error: { code: 'EACCES', path: '/etc/s' } });
    expect(copyNode(dst, alice, { tree: dst, path: '/etc/shadow' }, '/home/alice/shadow')).toMatchObject({ ok: false, error: { code: 'EACCES', path: '/etc/shadow' } });
    expect(copyNode(dst, alice, { tree: src, path: '/app/dist' }, '/home/alice/d', { owner: { uid: 0, gid: 0 } })).toMatchObject({ ok: false, error: { code: 'EPERM' } });
  });

  test('within one tree, into its own subdirectory, copies the snapshot once', () => {
    const out = must(copyNode(src, root, { tree: src, path: '/app/dist/assets' }, '/app/dist/assets/again'));
    expect([...walk(out, '/app/dist/assets')].map((e) => e.path)).toEqual([
      '/app/dist/assets/again',
      '/app/dist/assets/again/app.css',
      '/app/dist/assets/app.css',
    ]);
  });
});
