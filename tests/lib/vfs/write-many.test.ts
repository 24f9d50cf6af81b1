import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mkdir, stat, symlink, writeFile, writeFiles } from '../../../src/lib/vfs/index.ts';
import type { Access, DirNode, FileWrite, FsResult } from '../../../src/lib/vfs/index.ts';
import { alice, bob, must, root, sampleTree } from './fixtures.ts';

/** The sample tree plus a link /tmp/l -> /tmp/x and a dir /tmp/d owned by alice. */
function tree(): DirNode {
  let t = must(symlink(sampleTree(), root, '/tmp/x', '/tmp/l'));
  t = must(mkdir(t, alice, '/tmp/d'));
  return must(writeFile(t, alice, '/tmp/d/own', { content: 'a' }));
}

const sequential = (t: DirNode, access: Access, writes: readonly FileWrite[]): FsResult<DirNode> =>
  writes.reduce<FsResult<DirNode>>((acc, w) => (acc.ok ? writeFile(acc.value, access, w.path, w.data) : acc), { ok: true, value: t });

describe('writeFiles', () => {
  test('10 files into one directory: one result, same as ten writeFile calls', () => {
    const t = tree();
    const writes = Array.from({ length: 10 }, (_, i) => ({ path: `/home/alice/f${i}`, data: { content: `${i}` } }));
    const batch = must(writeFiles(t, alice, writes));
    expect(batch).toEqual(must(sequential(t, alice, writes)));
    expect(must(stat(batch, root, '/home/alice/f9'))).toEqual({ kind: 'file', uid: 1000, gid: 1000, mode: 0o644, size: 1, content: '9' });
  });

  test('stops at the first failure with its path', () => {
    const writes = [{ path: '/tmp/d/a', data: { content: '' } }, { path: '/tmp/d/own', data: { content: 'b' } }];
    expect(writeFiles(tree(), bob, writes)).toEqual({ ok: false, error: { code: 'EACCES', path: '/tmp/d/a', message: 'Permission denied' } });
  });

  test('random batches behave exactly like writeFile in sequence (property)', () => {
    const path = fc.constantFrom('/tmp/a', '/tmp/b', '/tmp/l', '/tmp/x', 'tmp/a', '/tmp/d/own', '/tmp/d/n', '/etc/passwd', '/etc/x', '/tmp/', '/tmp/d/.', '/nope/a', '/tmp/a/b');
    const data = fc.record({ content: fc.constantFrom('', 'x', 'yy'), append: fc.boolean() });
    const who = fc.constantFrom<Access>(root, alice, bob);
    fc.assert(
      fc.property(fc.array(fc.record({ path, data }), { maxLength: 12 }), who, (writes, access) => {
        const t = tree();
        expect(writeFiles(t, access, writes)).toEqual(sequential(t, access, writes));
      }),
      { numRuns: 500 },
    );
  });
});
