/**
 * vfs benchmarks: a 10,000-file layer (write + diff), and 100 layers over a node-like image held in
 * memory at once. Heap figures are printed (run with NODE_OPTIONS=--expose-gc for steadier numbers).
 */
import { test } from 'vitest';
import {
  applyDiff,
  AS_ROOT,
  chown,
  diffTrees,
  emptyTree,
  imageSize,
  mkdir,
  remove,
  symlink,
  treeBytes,
  writeFile,
  writeFiles,
} from '../src/lib/vfs/index.ts';
import type { DirNode, FileWrite, FsResult, LayerDiff } from '../src/lib/vfs/index.ts';

const must = <T>(result: FsResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.path}`);
  return result.value;
};

const MB = 1_000_000;

/** A node:22-bookworm-slim-shaped tree: ~40 listed binaries and configs, bulk folders summarised. */
function nodeImage(): DirNode {
  let t = emptyTree();
  const dirs: [string, number, number?][] = [
    ['/usr/bin', 0o755],
    ['/usr/sbin', 0o755],
    ['/usr/lib/x86_64-linux-gnu', 0o755],
    ['/usr/share', 0o755],
    ['/usr/local/bin', 0o755],
    ['/usr/local/lib/node_modules/npm/bin', 0o755],
    ['/usr/local/lib/node_modules/corepack', 0o755],
    ['/usr/local/include/node', 0o755],
    ['/var/lib/dpkg', 0o755],
    ['/var/cache/apt', 0o755],
    ['/etc', 0o755],
    ['/home/node', 0o755],
    ['/root', 0o700],
    ['/tmp', 0o1777],
  ];
  for (const [path, mode] of dirs) t = must(mkdir(t, AS_ROOT, path, { parents: true, mode }));
  const summaries: [string, number, number][] = [
    ['/usr/lib/x86_64-linux-gnu', 1200, 25 * MB],
    ['/usr/share', 3100, 21 * MB],
    ['/usr/bin', 290, 28 * MB],
    ['/usr/local/lib/node_modules/npm', 2500, 9 * MB],
    ['/usr/local/lib/node_modules/corepack', 320, 2 * MB],
    ['/usr/local/include/node', 430, 6 * MB],
    ['/var/lib/dpkg', 480, 5 * MB],
  ];
  for (const [path, files, bytes] of summaries) {
    t = must(mkdir(must(remove(t, AS_ROOT, path, { recursive: true })), AS_ROOT, path, { summary: { files, bytes, source: 'bench' } }));
  }
  t = must(mkdir(t, AS_ROOT, '/usr/local/lib/node_modules/npm/bin', { parents: true }));
  for (const name of ['bash', 'dash', 'ls', 'cat', 'cp', 'mv', 'rm', 'mkdir', 'chmod', 'chown', 'env', 'id', 'grep', 'sed', 'tar', 'gzip']) {
    t = must(writeFile(t, AS_ROOT, `/usr/bin/${name}`, { size: 120_000, mode: 0o755 }));
  }
  for (const name of ['useradd', 'groupadd', 'usermod']) t = must(writeFile(t, AS_ROOT, `/usr/sbin/${name}`, { size: 90_000, mode: 0o755 }));
  const configs = ['passwd', 'group', 'shadow', 'os-release', 'hostname', 'hosts', 'nsswitch.conf', 'debian_version', 'profile', 'bash.bashrc'];
  for (const name of configs) t = must(writeFile(t, AS_ROOT, `/etc/${name}`, { content: `# ${name}\nroot:x:0:0:root:/root:/bin/bash\nnode:x:1000:1000::/home/node:/bin/bash\n` }));
  t = must(writeFile(t, AS_ROOT, '/usr/local/bin/node', { size: 116 * MB, mode: 0o755 }));
  t = must(writeFile(t, AS_ROOT, '/usr/local/lib/node_modules/npm/bin/npm-cli.js', { content: '#!/usr/bin/env node\n', mode: 0o755 }));
  t = must(symlink(t, AS_ROOT, '../lib/node_modules/npm/bin/npm-cli.js', '/usr/local/bin/npm'));
  t = must(symlink(t, AS_ROOT, '../lib/node_modules/npm/bin/npx-cli.js', '/usr/local/bin/npx'));
  t = must(symlink(t, AS_ROOT, '../lib/node_modules/corepack/dist/corepack.js', '/usr/local/bin/corepack'));
  t = must(symlink(t, AS_ROOT, 'dash', '/usr/bin/sh'));
  for (const [link, target] of [['/bin', 'usr/bin'], ['/sbin', 'usr/sbin'], ['/lib', 'usr/lib']]) t = must(symlink(t, AS_ROOT, target as string, link as string));
  return must(chown(t, AS_ROOT, '/home/node', { uid: 1000, gid: 1000 }));
}

const npmFile = (p: number, f: number): FileWrite => ({
  path: `/app/node_modules/pkg-${p}/lib/file-${f}.js`,
  data: f === 0 ? { content: `module.exports = ${p};\n` } : { size: 1_000 + f },
});

/** 10,000 files like an npm install: 500 package folders of 20 files, one writeFile call each. */
function npmLayer(base: DirNode): DirNode {
  let t = base;
  for (let p = 0; p < 500; p++) {
    t = must(mkdir(t, AS_ROOT, `/app/node_modules/pkg-${p}/lib`, { parents: true }));
    for (let f = 0; f < 20; f++) {
      const { path, data } = npmFile(p, f);
      t = must(writeFile(t, AS_ROOT, path, data));
    }
  }
  return t;
}

/** The same layer through writeFiles (what a simulated `npm ci` would use). */
function npmLayerBatched(base: DirNode): DirNode {
  let t = base;
  for (let p = 0; p < 500; p++) t = must(mkdir(t, AS_ROOT, `/app/node_modules/pkg-${p}/lib`, { parents: true }));
  const writes = Array.from({ length: 10_000 }, (_, i) => npmFile(Math.floor(i / 20), i % 20));
  return must(writeFiles(t, AS_ROOT, writes));
}

const flatWrites = Array.from({ length: 10_000 }, (_, f): FileWrite => ({ path: `/data/f${f}`, data: { size: 100 } }));

/** 10,000 files in one folder, one writeFile call each: the worst case for path copying. */
function flatLayer(base: DirNode): DirNode {
  let t = must(mkdir(base, AS_ROOT, '/data'));
  for (const { path, data } of flatWrites) t = must(writeFile(t, AS_ROOT, path, data));
  return t;
}

/** 10,000 files in one folder through writeFiles: the folder is copied once. */
const flatLayerBatched = (base: DirNode): DirNode => must(writeFiles(must(mkdir(base, AS_ROOT, '/data')), AS_ROOT, flatWrites));

/** 100 build steps: each adds a source file, rewrites package.json, writes a 1 MB cache and deletes an old one. */
function hundredLayers(base: DirNode): { trees: DirNode[]; diffs: LayerDiff[] } {
  const trees = [must(mkdir(base, AS_ROOT, '/app/src', { parents: true }))];
  const diffs: LayerDiff[] = [];
  for (let i = 0; i < 100; i++) {
    const prev = trees[trees.length - 1] as DirNode;
    let t = must(writeFile(prev, AS_ROOT, `/app/src/module-${i}.js`, { content: `export const step = ${i};\n` }));
    t = must(writeFile(t, AS_ROOT, '/app/package.json', { content: `{"name":"app","version":"1.0.${i}"}\n` }));
    t = must(writeFile(t, AS_ROOT, `/tmp/cache-${i}`, { size: MB }));
    if (i >= 10) t = must(remove(t, AS_ROOT, `/tmp/cache-${i - 10}`));
    trees.push(t);
    diffs.push(diffTrees(prev, t));
  }
  return { trees, diffs };
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapUsed(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

function timed<T>(label: string, run: () => T): T {
  const start = performance.now();
  const value = run();
  console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms`);
  return value;
}

test('vfs: figures (time once, heap before/after)', () => {
  console.log(`gc exposed: ${gc !== undefined}`);
  const base = timed('build node-like image', nodeImage);
  console.log(`node image: ${treeBytes(base)} bytes`);

  let before = heapUsed();
  const npm = timed('10,000 writes (500 dirs x 20)', () => npmLayer(base));
  const npmDiff = timed('diff of that layer', () => diffTrees(base, npm));
  console.log(`  entries ${npmDiff.entries.length}, layer size ${npmDiff.size} bytes, heap +${mb(heapUsed() - before)}`);
  timed('apply that diff to the base', () => applyDiff(base, npmDiff));

  before = heapUsed();
  const npmBatched = timed('10,000 writes (500 dirs x 20) via writeFiles', () => npmLayerBatched(base));
  console.log(`  same diff size: ${diffTrees(base, npmBatched).size === npmDiff.size}, heap +${mb(heapUsed() - before)}`);

  before = heapUsed();
  const flat = timed('10,000 writes into one dir, one writeFile each', () => flatLayer(base));
  const flatDiff = timed('diff of that layer', () => diffTrees(base, flat));
  console.log(`  entries ${flatDiff.entries.length}, heap +${mb(heapUsed() - before)}`);
  timed('10,000 writes into one dir via writeFiles', () => flatLayerBatched(base));

  before = heapUsed();
  const chain = timed('100 layers over the node image', () => hundredLayers(base));
  const after = heapUsed();
  console.log(`  heapUsed before ${mb(before)}, after ${mb(after)}: +${mb(after - before)} for ${chain.trees.length} trees + ${chain.diffs.length} diffs`);
  console.log(`  image size (sum of layers) ${imageSize(chain.diffs)} bytes vs last tree ${treeBytes(chain.trees[100] as DirNode)} bytes`);

  before = heapUsed();
  const images = timed('100 node images built separately (no sharing)', () => Array.from({ length: 100 }, nodeImage));
  console.log(`  heap +${mb(heapUsed() - before)} for ${images.length} images`);
});

test('vfs: benchmarks', async ({ bench }) => {
  const base = nodeImage();
  const npm = npmLayer(base);
  const npmDiff = diffTrees(base, npm);
  await bench.compare(
    bench('10,000 file writes (500 dirs x 20)', () => {
      npmLayer(base);
    }),
    bench('10,000 file writes (500 dirs x 20) via writeFiles', () => {
      npmLayerBatched(base);
    }),
    bench('10,000 writes into one dir via writeFiles', () => {
      flatLayerBatched(base);
    }),
    bench('diff the 10,000-file layer', () => {
      diffTrees(base, npm);
    }),
    bench('apply the 10,000-file diff', () => {
      applyDiff(base, npmDiff);
    }),
    bench('100 layers over a node image (write + diff each)', () => {
      hundredLayers(base);
    }),
    { iterations: 10 },
  );
});
