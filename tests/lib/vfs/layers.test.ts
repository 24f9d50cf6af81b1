import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyDiff,
  chmod,
  chown,
  diffTrees,
  emptyTree,
  fileCount,
  imageSize,
  mkdir,
  remove,
  rename,
  setSummary,
  symlink,
  tarPaths,
  treeBytes,
  writeFile,
} from '../../../src/lib/vfs/index.ts';
import type { DirNode, FsNode, FsResult, LayerDiff } from '../../../src/lib/vfs/index.ts';
import { must, root, sampleTree } from './fixtures.ts';

const ops = (diff: LayerDiff) => diff.entries.map((e) => `${e.op}${e.opaque ? ' opaque' : ''} ${e.path}`);

describe('diffTrees', () => {
  const base = sampleTree();

  test('identical trees: an empty layer', () => {
    expect(diffTrees(base, base)).toEqual({ entries: [], size: 0 });
  });

  test('an added file', () => {
    const upper = must(writeFile(base, root, '/etc/hostname', { content: 'box\n' }));
    expect(diffTrees(base, upper)).toEqual({
      entries: [{ path: '/etc/hostname', op: 'add', node: { kind: 'file', uid: 0, gid: 0, mode: 0o644, size: 4, content: 'box\n' } }],
      size: 4,
    });
  });

  test('a new directory lists itself and everything in it, parents first', () => {
    let upper = must(mkdir(base, root, '/app/src', { parents: true }));
    upper = must(writeFile(upper, root, '/app/src/main.go', { size: 300 }));
    upper = must(writeFile(upper, root, '/app/go.mod', { size: 20 }));
    const diff = diffTrees(base, upper);
    expect(ops(diff)).toEqual(['add /app', 'add /app/go.mod', 'add /app/src', 'add /app/src/main.go']);
    expect(diff.size).toBe(320);
  });

  test('a removed directory is one whiteout of 0 bytes', () => {
    const upper = must(remove(base, root, '/usr', { recursive: true }));
    const diff = diffTrees(base, upper);
    expect(diff).toEqual({ entries: [{ path: '/usr', op: 'delete' }], size: 0 });
    expect(diff.entries.flatMap(tarPaths)).toEqual(['/.wh.usr']);
    const file = diffTrees(base, must(remove(base, root, '/etc/shadow')));
    expect(file.entries.flatMap(tarPaths)).toEqual(['/etc/.wh.shadow']);
  });

  test('chmod of a file copies the whole file into the layer; of a directory only its header', () => {
    const file = diffTrees(base, must(chmod(base, root, '/usr/bin/sh', 0o700)));
    expect(file).toEqual({ entries: [{ path: '/usr/bin/sh', op: 'modify', node: { kind: 'file', uid: 0, gid: 0, mode: 0o700, size: 800_000 } }], size: 800_000 });
    const dir = diffTrees(base, must(chmod(base, root, '/srv', 0o777)));
    expect(ops(dir)).toEqual(['modify /srv']);
    expect(dir.size).toBe(0);
  });

  test('a file replaced by a directory, and a directory by a file', () => {
    let upper = must(remove(base, root, '/etc/passwd'));
    upper = must(mkdir(upper, root, '/etc/passwd'));
    upper = must(writeFile(upper, root, '/etc/passwd/x', { content: 'x' }));
    upper = must(remove(upper, root, '/home', { recursive: true }));
    upper = must(writeFile(upper, root, '/home', { content: 'file' }));
    const diff = diffTrees(base, upper);
    expect(ops(diff)).toEqual(['modify /etc/passwd', 'add /etc/passwd/x', 'modify /home']);
    expect(applyDiff(base, diff)).toEqual(upper);
  });

  test('a summarised directory removed and recreated becomes opaque (its bulk cannot be named)', () => {
    const lower = must(mkdir(base, root, '/usr/lib', { summary: { files: 900, bytes: 30_000_000 } }));
    let upper = must(remove(lower, root, '/usr/lib', { recursive: true }));
    upper = must(mkdir(upper, root, '/usr/lib'));
    upper = must(writeFile(upper, root, '/usr/lib/only.so', { size: 10 }));
    const diff = diffTrees(lower, upper);
    expect(ops(diff)).toEqual(['modify opaque /usr/lib', 'add /usr/lib/only.so']);
    expect(diff.entries.flatMap(tarPaths)).toEqual(['/usr/lib', '/usr/lib/.wh..wh..opq', '/usr/lib/only.so']);
    expect(diff.size).toBe(10);
    expect(applyDiff(lower, diff)).toEqual(upper);
  });

  test('a directory whose entries were all replaced becomes opaque; a summary change costs its bytes', () => {
    let upper = must(remove(base, root, '/etc/passwd'));
    upper = must(remove(upper, root, '/etc/shadow'));
    upper = must(writeFile(upper, root, '/etc/group', { content: 'root:x:0:\n' }));
    expect(ops(diffTrees(base, upper))).toEqual(['modify opaque /etc', 'add /etc/group']);
    const summarised = diffTrees(base, must(setSummary(base, root, '/srv', { files: 3, bytes: 5000, source: 'npm ci' })));
    expect(ops(summarised)).toEqual(['modify /srv']);
    expect(summarised.size).toBe(5000);
  });

  test('a summary that grows costs its growth; one that shrinks costs nothing', () => {
    const lower = must(setSummary(base, root, '/srv', { files: 100, bytes: 80_000, source: 'image' }));
    const grown = diffTrees(lower, must(setSummary(lower, root, '/srv', { files: 120, bytes: 95_000, source: 'apt-get install' })));
    expect(ops(grown)).toEqual(['modify /srv']);
    expect(grown.size).toBe(15_000);
    expect(diffTrees(lower, must(setSummary(lower, root, '/srv', { files: 10, bytes: 5_000, source: 'rm' }))).size).toBe(0);
  });
});

describe('image size', () => {
  test('a file deleted in a later layer still counts', () => {
    const base = sampleTree();
    const l1 = must(writeFile(base, root, '/tmp/big.tar', { size: 50_000_000 }));
    const l2 = must(remove(l1, root, '/tmp/big.tar'));
    const layers = [diffTrees(emptyTree(), base), diffTrees(base, l1), diffTrees(l1, l2)];
    expect(layers.map((l) => l.size)).toEqual([800_000 + 30 + 15 + 7, 50_000_000, 0]);
    expect(imageSize(layers)).toBe(50_800_052);
    expect(treeBytes(l2)).toBe(800_052);
  });

  test('fileCount counts listed and summarised files', () => {
    const t = must(mkdir(sampleTree(), root, '/usr/lib', { summary: { files: 900, bytes: 1 } }));
    expect(fileCount(t)).toBe(903);
  });
});

describe('applyDiff', () => {
  test('builds a tree from nothing', () => {
    const t = sampleTree();
    expect(applyDiff(emptyTree(), diffTrees(emptyTree(), t))).toEqual(t);
  });

  test('an added subtree is reused from the upper tree, not rebuilt', () => {
    const base = sampleTree();
    let upper = must(mkdir(base, root, '/app/src', { parents: true }));
    upper = must(writeFile(upper, root, '/app/src/main.go', { size: 300 }));
    const applied = applyDiff(base, diffTrees(base, upper));
    expect(applied.children.get('app')).toBe(upper.children.get('app'));
    expect(applied.children.get('usr')).toBe(base.children.get('usr'));
  });

  test('creates directories a diff needs but does not list, 0:0 0755', () => {
    const node: FsNode = { kind: 'file', uid: 0, gid: 0, mode: 0o755, size: 9 };
    const t = applyDiff(emptyTree(), { entries: [{ path: '/usr/local/bin/node', op: 'add', node }], size: 9 });
    expect(t).toEqual({
      kind: 'dir', uid: 0, gid: 0, mode: 0o755,
      children: new Map([['usr', { kind: 'dir', uid: 0, gid: 0, mode: 0o755,
        children: new Map([['local', { kind: 'dir', uid: 0, gid: 0, mode: 0o755,
          children: new Map([['bin', { kind: 'dir', uid: 0, gid: 0, mode: 0o755, children: new Map([['node', node]]) }]]) }]]) }]]),
    });
  });
});

// ---- property tests: random operation sequences -------------------------------------------------

const NAMES = ['a', 'b', 'c'];
const pathArb = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);

type Op =
  | { op: 'write'; path: string; content: string; mode: number }
  | { op: 'size'; path: string; size: number }
  | { op: 'mkdir'; path: string }
  | { op: 'rm'; path: string }
  | { op: 'mv'; from: string; to: string }
  | { op: 'ln'; target: string; path: string }
  | { op: 'chmod'; path: string; mode: number }
  | { op: 'chown'; path: string; uid: number }
  | { op: 'summary'; path: string; bytes: number | undefined };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('write' as const), path: pathArb, content: fc.constantFrom('', 'x', 'hello'), mode: fc.constantFrom(0o644, 0o755) }),
  fc.record({ op: fc.constant('size' as const), path: pathArb, size: fc.nat(1_000_000) }),
  fc.record({ op: fc.constant('mkdir' as const), path: pathArb }),
  fc.record({ op: fc.constant('rm' as const), path: pathArb }),
  fc.record({ op: fc.constant('mv' as const), from: pathArb, to: pathArb }),
  fc.record({ op: fc.constant('ln' as const), target: fc.constantFrom('a', '../b', '/c', 'a/b'), path: pathArb }),
  fc.record({ op: fc.constant('chmod' as const), path: pathArb, mode: fc.constantFrom(0o700, 0o755, 0o1777) }),
  fc.record({ op: fc.constant('chown' as const), path: pathArb, uid: fc.constantFrom(0, 1000) }),
  fc.record({ op: fc.constant('summary' as const), path: pathArb, bytes: fc.option(fc.nat(1_000_000), { nil: undefined }) }),
);

function run(tree: DirNode, op: Op): DirNode {
  const attempt = (): FsResult<DirNode> => {
    switch (op.op) {
      case 'write': return writeFile(tree, root, op.path, { content: op.content, mode: op.mode });
      case 'size': return writeFile(tree, root, op.path, { size: op.size });
      case 'mkdir': return mkdir(tree, root, op.path, { parents: true });
      case 'rm': return remove(tree, root, op.path, { recursive: true });
      case 'mv': return rename(tree, root, op.from, op.to);
      case 'ln': return symlink(tree, root, op.target, op.path);
      case 'chmod': return chmod(tree, root, op.path, op.mode, { noFollow: true });
      case 'chown': return chown(tree, root, op.path, { uid: op.uid }, { noFollow: true });
      case 'summary': return setSummary(tree, root, op.path, op.bytes === undefined ? undefined : { files: 1, bytes: op.bytes });
    }
  };
  const result = attempt();
  return result.ok ? result.value : tree;
}

/** The node at a real path (no symlinks), by walking child maps. */
function nodeAt(tree: DirNode, path: string): FsNode | undefined {
  let node: FsNode | undefined = tree;
  for (const name of path.split('/').filter(Boolean)) node = node?.kind === 'dir' ? node.children.get(name) : undefined;
  return node;
}

function allPaths(node: FsNode, path = ''): string[] {
  if (node.kind !== 'dir') return [];
  return [...node.children].flatMap(([name, child]) => [`${path}/${name}`, ...allPaths(child, `${path}/${name}`)]);
}

const scenario = fc.record({ before: fc.array(opArb, { maxLength: 25 }), after: fc.array(opArb, { maxLength: 15 }) });

describe('layer round trips (property)', () => {
  test('applyDiff(lower, diffTrees(lower, upper)) equals upper, and back', () => {
    fc.assert(
      fc.property(scenario, ({ before, after }) => {
        const lower = before.reduce(run, emptyTree());
        const upper = after.reduce(run, lower);
        const diff = diffTrees(lower, upper);
        expect(applyDiff(lower, diff)).toEqual(upper);
        expect(diffTrees(upper, applyDiff(lower, diff)).entries).toEqual([]);
        expect(applyDiff(upper, diffTrees(upper, lower))).toEqual(lower);
        expect(diff.size).toBeLessThanOrEqual(treeBytes(upper));
      }),
      { numRuns: 400 },
    );
  });

  test('nodes shared between lower and upper stay shared in the applied diff', () => {
    fc.assert(
      fc.property(scenario, ({ before, after }) => {
        const lower = before.reduce(run, emptyTree());
        const upper = after.reduce(run, lower);
        const applied = applyDiff(lower, diffTrees(lower, upper));
        for (const path of allPaths(upper)) {
          const node = nodeAt(upper, path);
          if (node === nodeAt(lower, path)) expect(nodeAt(applied, path)).toBe(node);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a step that works under /a leaves /b and /c the same objects, and so does its applied diff', () => {
    // No symlinks here: through one, a write under /a could land in /c.
    const noLinks = fc.array(opArb.filter((o) => o.op !== 'ln'), { maxLength: 25 });
    fc.assert(
      fc.property(noLinks, noLinks, (before, after) => {
        const lower = must(mkdir(run(before.reduce(run, emptyTree()), { op: 'rm', path: '/a' }), root, '/a'));
        const underA = after.map((o): Op => (o.op === 'mv' ? { ...o, from: `/a${o.from}`, to: `/a${o.to}` } : { ...o, path: `/a${o.path}` } as Op));
        const upper = underA.reduce(run, lower);
        const applied = applyDiff(lower, diffTrees(lower, upper));
        for (const name of ['b', 'c']) {
          expect(upper.children.get(name)).toBe(lower.children.get(name));
          expect(applied.children.get(name)).toBe(lower.children.get(name));
        }
        expect(diffTrees(lower, upper).entries.every((e) => e.path.startsWith('/a/'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('entries are in walk order: unique paths, parents before children, nothing below a whiteout', () => {
    fc.assert(
      fc.property(scenario, ({ before, after }) => {
        const lower = before.reduce(run, emptyTree());
        const diff = diffTrees(lower, after.reduce(run, lower));
        const paths = diff.entries.map((e) => e.path);
        expect(new Set(paths).size).toBe(paths.length);
        const key = (p: string) => p.split('/');
        const sorted = [...paths].sort((x, y) => {
          const a = key(x);
          const b = key(y);
          for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
          return a.length - b.length;
        });
        expect(paths).toEqual(sorted);
        const whiteouts = diff.entries.filter((e) => e.op === 'delete').map((e) => e.path);
        for (const p of paths) for (const w of whiteouts) expect(p.startsWith(`${w}/`)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
