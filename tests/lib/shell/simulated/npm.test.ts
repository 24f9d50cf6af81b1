import { describe, expect, test } from 'vitest';
import type { CommandContext } from '../../../../src/lib/shell/command.ts';
import { AS_ROOT, lstat } from '../../../../src/lib/vfs/index.ts';
import { bytesAt, makeTree, nodeAt, run, textAt } from './harness.ts';

const packageJson = JSON.stringify({
  name: 'api',
  version: '1.0.0',
  scripts: { build: 'tsc', start: 'node dist/index.js' },
  dependencies: { express: '^5.1.0' },
  devDependencies: { typescript: '^5.6.0', '@types/node': '^22.0.0' },
});
/** A lock as the simulator writes it for an install without one: top-level entries only, no `resolved`. */
const simulatedLock = JSON.stringify({
  name: 'api',
  lockfileVersion: 3,
  packages: {
    '': { name: 'api', dependencies: { express: '^5.1.0' }, devDependencies: { typescript: '^5.6.0', '@types/node': '^22.0.0' } },
    'node_modules/express': { version: '5.3.0' },
    'node_modules/typescript': { version: '7.0.2', dev: true },
    'node_modules/@types/node': { version: '26.6.6', dev: true },
  },
});
const project = (files: Record<string, string> = {}) =>
  makeTree({ files: { '/app/package.json': packageJson, '/app/package-lock.json': simulatedLock, ...files } });

const registry = (name: string, version: string) => `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;

/** The lock npm 10.9.2 writes for dotenv with typescript and @types/node as devDependencies (integrity left out). */
const realManifest = JSON.stringify({ name: 'shortener', dependencies: { dotenv: '^17.2.0' }, devDependencies: { typescript: '^5.9.0', '@types/node': '^22.0.0' } });
const realLock = JSON.stringify({
  name: 'shortener',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'shortener', dependencies: { dotenv: '^17.2.0' }, devDependencies: { '@types/node': '^22.0.0', typescript: '^5.9.0' } },
    'node_modules/@types/node': { version: '22.18.0', resolved: registry('@types/node', '22.18.0'), dev: true, dependencies: { 'undici-types': '~6.21.0' } },
    'node_modules/dotenv': { version: '17.2.3', resolved: registry('dotenv', '17.2.3'), engines: { node: '>=12' } },
    'node_modules/typescript': { version: '5.9.2', resolved: registry('typescript', '5.9.2'), dev: true, bin: { tsc: 'bin/tsc', tsserver: 'bin/tsserver' }, engines: { node: '>=14.17' } },
    'node_modules/undici-types': { version: '6.21.0', resolved: registry('undici-types', '6.21.0'), dev: true },
  },
});
const realProject = () => makeTree({ files: { '/app/package.json': realManifest, '/app/package-lock.json': realLock } });

/** rollup's optional native builds, as vite's lock lists them (the darwin one stands for the other platforms'). */
const nativeLock = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: 'site',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'site', devDependencies: { rollup: '^4.40.0' } },
      'node_modules/@napi-rs/lzma-linux-x64-gnu': {
        version: '1.5.1',
        resolved: registry('@napi-rs/lzma-linux-x64-gnu', '1.5.1'),
        cpu: ['x64'],
        dev: true,
        libc: ['glibc'],
        optional: true,
        os: ['linux'],
        engines: { node: '^22.20 || ^24.12 || >=25' },
      },
      'node_modules/@rollup/rollup-darwin-arm64': { version: '4.67.4', resolved: registry('@rollup/rollup-darwin-arm64', '4.67.4'), cpu: ['arm64'], dev: true, optional: true, os: ['darwin'] },
      'node_modules/@rollup/rollup-linux-x64-gnu': { version: '4.67.4', resolved: registry('@rollup/rollup-linux-x64-gnu', '4.67.4'), cpu: ['x64'], dev: true, libc: ['glibc'], optional: true, os: ['linux'] },
      'node_modules/@rollup/rollup-linux-x64-musl': { version: '4.67.4', resolved: registry('@rollup/rollup-linux-x64-musl', '4.67.4'), cpu: ['x64'], dev: true, libc: ['musl'], optional: true, os: ['linux'] },
      'node_modules/rollup': { version: '4.67.4', resolved: registry('rollup', '4.67.4'), dev: true, bin: { rollup: 'dist/bin/rollup' }, engines: { node: '>=18.0.0', npm: '>=8.0.0' } },
      ...extra,
    },
  });
const nativeProject = (alpine: boolean) =>
  makeTree({
    files: {
      '/app/package.json': JSON.stringify({ name: 'site', devDependencies: { rollup: '^4.40.0' } }),
      '/app/package-lock.json': nativeLock(),
      ...(alpine ? { '/etc/alpine-release': '3.21.3\n' } : {}),
    },
  });
const installedNames = (r: { fs: Parameters<typeof textAt>[0] }) => Object.keys(JSON.parse(textAt(r.fs, '/app/node_modules/.package-lock.json') ?? '{}').packages ?? {});

describe('npm ci with a lock npm wrote', () => {
  test('installs every package the lock lists, each at the measured size of its locked version', () => {
    const r = run(realProject(), ['npm', 'ci'], { cwd: '/app' });
    expect([r.status, r.stderr, r.stdout]).toEqual([0, '', '\nadded 4 packages, and audited 5 packages in 1s\n\nfound 0 vulnerabilities\n']);
    expect(bytesAt(r.fs, '/app/node_modules/typescript')).toBe(23_688_405);
    expect(bytesAt(r.fs, '/app/node_modules/@types/node')).toBe(2_431_808);
    expect(bytesAt(r.fs, '/app/node_modules/undici-types')).toBe(87_776);
    expect(bytesAt(r.fs, '/app/node_modules/dotenv')).toBe(90_594);
    expect(JSON.parse(textAt(r.fs, '/app/node_modules/typescript/package.json') ?? '{}')).toEqual({ name: 'typescript', version: '5.9.2' });
    expect(nodeAt(r.fs, '/app/node_modules/typescript')).toMatchObject({ summary: { source: 'npm ci (simulated): measured size of typescript@5.9.2' } });
    for (const bin of ['tsc', 'tsserver']) {
      const link = lstat(r.fs, AS_ROOT, `/app/node_modules/.bin/${bin}`);
      expect(link.ok && link.value).toMatchObject({ kind: 'symlink', target: `../typescript/bin/${bin}` });
    }
    // the hidden lockfile records what is on disk, as the lock wrote it
    const hidden = JSON.parse(textAt(r.fs, '/app/node_modules/.package-lock.json') ?? '{}');
    const { '': root, ...entries } = JSON.parse(realLock).packages;
    expect([root, hidden.packages]).toEqual([expect.objectContaining({ name: 'shortener' }), entries]);
    const all = 23_688_405 + 2_431_808 + 87_776 + 90_594;
    const extras = '../typescript/bin/tsc'.length + '../typescript/bin/tsserver'.length + (textAt(r.fs, '/app/node_modules/.package-lock.json')?.length ?? 0);
    expect(bytesAt(r.fs, '/app/node_modules')).toBe(all + extras);
    expect(r.effects).toEqual([{ by: 'npm ci', summary: 'installed 3 dependencies into node_modules, 4 packages in all as package-lock.json lists them (simulated)', bytes: all }]);
  });

  test('--omit=dev and NODE_ENV=production leave out the entries marked dev', () => {
    for (const [args, env] of [[['--omit=dev'], {}], [['--omit', 'dev'], {}], [[], { NODE_ENV: 'production' }]] as const) {
      const r = run(realProject(), ['npm', 'ci', ...args], { cwd: '/app', env });
      expect(installedNames(r)).toEqual(['node_modules/dotenv']);
      expect(r.effects).toEqual([{ by: 'npm ci', summary: 'installed 1 dependency (left out 2 devDependencies) into node_modules, 1 package in all as package-lock.json lists them (simulated)', bytes: 90_594 }]);
      expect(nodeAt(r.fs, '/app/node_modules/undici-types')).toBeUndefined();
      expect(nodeAt(r.fs, '/app/node_modules/.bin/tsc')).toBeUndefined();
    }
  });

  test('optional native builds install only for the image: linux x64, its C library, and (by engines) its Node', () => {
    const debian = run(nativeProject(false), ['npm', 'ci'], { cwd: '/app', env: { NODE_VERSION: '22.23.2' } });
    expect(installedNames(debian)).toEqual(['node_modules/@napi-rs/lzma-linux-x64-gnu', 'node_modules/@rollup/rollup-linux-x64-gnu', 'node_modules/rollup']);
    expect(debian.effects[0]?.bytes).toBe(1_450_401 + 2_191_295 + 3_002_196);
    // @napi-rs/lzma-linux-x64-gnu wants Node ^22.20 || ^24.12 || >=25
    const olderNode = run(nativeProject(false), ['npm', 'ci'], { cwd: '/app', env: { NODE_VERSION: '22.12.0' } });
    expect(installedNames(olderNode)).toEqual(['node_modules/@rollup/rollup-linux-x64-gnu', 'node_modules/rollup']);
    const alpine = run(nativeProject(true), ['npm', 'ci'], { cwd: '/app', env: { NODE_VERSION: '24.21.0' } });
    expect(installedNames(alpine)).toEqual(['node_modules/@rollup/rollup-linux-x64-musl', 'node_modules/rollup']);
    expect(bytesAt(alpine.fs, '/app/node_modules/@rollup/rollup-linux-x64-musl')).toBe(2_216_171);
    expect(nodeAt(alpine.fs, '/app/node_modules/@rollup/rollup-darwin-arm64')).toBeUndefined();
  });

  test('a nested entry goes into its parent’s node_modules; an unmeasured version takes the catalogue’s version, an unknown package the default, both labelled', () => {
    const lock = nativeLock({
      'node_modules/send': { version: '0.19.0', resolved: registry('send', '0.19.0'), dev: true, dependencies: { ms: '2.1.3' } },
      'node_modules/send/node_modules/ms': { version: '2.1.3', resolved: registry('ms', '2.1.3'), dev: true },
      'node_modules/ms': { version: '2.0.0', resolved: registry('ms', '2.0.0'), dev: true },
      'node_modules/left-pad': { version: '1.3.0', resolved: registry('left-pad', '1.3.0'), dev: true },
      'node_modules/express': { version: '4.0.0', resolved: registry('express', '4.0.0'), dev: true },
    });
    const r = run(makeTree({ files: { '/app/package.json': JSON.stringify({ name: 'site', devDependencies: { rollup: '^4.40.0' } }), '/app/package-lock.json': lock } }), ['npm', 'ci'], { cwd: '/app', env: { NODE_VERSION: '22.23.2' } });
    expect(r.status).toBe(0);
    expect(bytesAt(r.fs, '/app/node_modules/send/node_modules/ms')).toBe(10_817);
    expect(bytesAt(r.fs, '/app/node_modules/ms')).toBe(10_362);
    expect(bytesAt(r.fs, '/app/node_modules/send')).toBe(54_293 + 10_817);
    expect(bytesAt(r.fs, '/app/node_modules/left-pad')).toBe(307_200);
    expect(bytesAt(r.fs, '/app/node_modules/express')).toBe(84_830);
    expect(nodeAt(r.fs, '/app/node_modules/express')).toMatchObject({ summary: { source: 'npm ci (simulated): measured size of express@5.3.0 (the catalogue has not measured 4.0.0)' } });
    expect(nodeAt(r.fs, '/app/node_modules/left-pad')).toMatchObject({
      summary: { source: 'npm ci (simulated): estimate: a package not in this catalogue is taken as 300 KiB of its own and 2 MiB with ten dependencies' },
    });
  });

  test('npm install with a lock in sync installs what it lists, as npm ci does', () => {
    const ci = run(realProject(), ['npm', 'ci'], { cwd: '/app' });
    const install = run(realProject(), ['npm', 'install'], { cwd: '/app' });
    expect(bytesAt(install.fs, '/app/node_modules')).toBe(bytesAt(ci.fs, '/app/node_modules'));
    expect(textAt(install.fs, '/app/package-lock.json')).toBe(realLock);
  });

  test('npm install <pkg> keeps the locked packages, adds the new one to the lock, and npm ci then installs the same', () => {
    const ci = run(realProject(), ['npm', 'ci'], { cwd: '/app' });
    const added = run(ci.fs, ['npm', 'install', 'lodash'], { cwd: '/app' });
    expect(added.status).toBe(0);
    expect(bytesAt(added.fs, '/app/node_modules/typescript')).toBe(23_688_405);
    expect(bytesAt(added.fs, '/app/node_modules/lodash')).toBe(1_450_605);
    const lock = JSON.parse(textAt(added.fs, '/app/package-lock.json') ?? '{}');
    expect(lock.packages['']).toMatchObject({ name: 'shortener', dependencies: { dotenv: '^17.2.0', lodash: '^4.18.1' } });
    expect(Object.keys(lock.packages)).toEqual(['', 'node_modules/@types/node', 'node_modules/dotenv', 'node_modules/lodash', 'node_modules/typescript', 'node_modules/undici-types']);
    const again = run(added.fs, ['npm', 'ci'], { cwd: '/app' });
    expect(again.status).toBe(0);
    expect(bytesAt(again.fs, '/app/node_modules')).toBe(bytesAt(added.fs, '/app/node_modules'));
    const twice = run(again.fs, ['npm', 'install'], { cwd: '/app' });
    expect(bytesAt(twice.fs, '/app/node_modules')).toBe(bytesAt(again.fs, '/app/node_modules'));
  });

  test('npm prune --omit=dev leaves what npm ci --omit=dev installs', () => {
    const full = run(realProject(), ['npm', 'ci'], { cwd: '/app' });
    const pruned = run(full.fs, ['npm', 'prune', '--omit=dev'], { cwd: '/app' });
    expect([pruned.status, pruned.stdout]).toEqual([0, '\nremoved 3 packages, and audited 1 package in 1s\n\nfound 0 vulnerabilities\n']);
    const lean = run(realProject(), ['npm', 'ci', '--omit=dev'], { cwd: '/app' });
    expect(textAt(pruned.fs, '/app/node_modules/.package-lock.json')).toBe(textAt(lean.fs, '/app/node_modules/.package-lock.json'));
    expect(bytesAt(pruned.fs, '/app/node_modules')).toBe(bytesAt(lean.fs, '/app/node_modules'));
  });
});

describe('npm ci', () => {
  test('an entry without resolved (a lock the simulator wrote) stands for its package’s whole measured tree', () => {
    const r = run(project(), ['npm', 'ci'], { cwd: '/app' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('\nadded 73 packages, and audited 74 packages in 1s\n\nfound 0 vulnerabilities\n');
    expect(nodeAt(r.fs, '/app/node_modules/express/package.json')).toMatchObject({ kind: 'file', origin: { simulated: true, by: 'npm ci' } });
    expect(nodeAt(r.fs, '/app/node_modules/typescript')).toMatchObject({ kind: 'dir' });
    expect(nodeAt(r.fs, '/app/node_modules/.bin/tsc')).toBeDefined();
    expect(bytesAt(r.fs, '/app/node_modules/express')).toBe(84830);
    // the three measured trees, the .bin/tsc symlink (its target's length) and .package-lock.json
    const lockBytes = textAt(r.fs, '/app/node_modules/.package-lock.json')?.length ?? 0;
    expect(bytesAt(r.fs, '/app/node_modules')).toBe(2890155 + 30547866 + 2789644 + '../typescript/bin/tsc'.length + lockBytes);
    expect(r.effects).toEqual([
      { by: 'npm ci', summary: 'installed 3 dependencies into node_modules, 73 packages in all as package-lock.json lists them (simulated)', bytes: 2890155 + 30547866 + 2789644 },
    ]);
  });

  test('--omit=dev leaves out devDependencies', () => {
    const r = run(project(), ['npm', 'ci', '--omit=dev'], { cwd: '/app' });
    expect(r.status).toBe(0);
    expect(nodeAt(r.fs, '/app/node_modules/express')).toBeDefined();
    expect(nodeAt(r.fs, '/app/node_modules/typescript')).toBeUndefined();
    expect(nodeAt(r.fs, '/app/node_modules/@types/node')).toBeUndefined();
    expect(nodeAt(r.fs, '/app/node_modules/.bin/tsc')).toBeUndefined();
    expect(r.effects[0]?.summary).toBe('installed 1 dependency (left out 2 devDependencies) into node_modules, 68 packages in all as package-lock.json lists them (simulated)');
  });

  test('--production and NODE_ENV=production also leave out devDependencies', () => {
    expect(nodeAt(run(project(), ['npm', 'ci', '--production'], { cwd: '/app' }).fs, '/app/node_modules/typescript')).toBeUndefined();
    expect(nodeAt(run(project(), ['npm', 'ci'], { cwd: '/app', env: { NODE_ENV: 'production' } }).fs, '/app/node_modules/typescript')).toBeUndefined();
  });

  test('without a lock file npm ci fails with npm usage error', () => {
    const tree = makeTree({ files: { '/app/package.json': packageJson } });
    const r = run(tree, ['npm', 'ci'], { cwd: '/app' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'npm error code EUSAGE',
        'npm error',
        'npm error The `npm ci` command can only install with an existing package-lock.json or',
        'npm error npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or',
        'npm error later to generate a package-lock.json file, then try again.',
        'npm error',
        'npm error Clean install a project',
        'npm error',
        'npm error Usage:',
        'npm error npm ci',
        'npm error',
        'npm error Run "npm help ci" for more info',
        'npm error A complete log of this run can be found in: /root/.npm/_logs/2025-01-15T00_00_00_000Z-debug-0.log',
        '',
      ].join('\n'),
    );
  });

  test('without package.json npm cannot read it', () => {
    const r = run(makeTree({ dirs: ['/app'] }), ['npm', 'ci'], { cwd: '/app' });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').slice(0, 5)).toEqual([
      'npm error code ENOENT',
      'npm error syscall open',
      'npm error path /app/package.json',
      'npm error errno -2',
      "npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '/app/package.json'",
    ]);
  });

  test('a lock file out of sync with package.json is refused', () => {
    const stale = JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { express: '^5.1.0' } } } });
    const r = run(project({ '/app/package-lock.json': stale }), ['npm', 'ci'], { cwd: '/app' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm error Missing: typescript@5.9.2 from lock file\nnpm error Missing: @types/node@22.18.0 from lock file\n');
  });

  test('as a user who may not write the project folder, npm fails with EACCES', () => {
    const r = run(project(), ['npm', 'ci'], { cwd: '/app', cred: { uid: 1000, gid: 1000, groups: [] }, env: { HOME: '/home/node' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("npm error Error: EACCES: permission denied, mkdir '/app/node_modules'\n");
  });

  test('the cache in ~/.npm grows by about a third of what was installed', () => {
    const r = run(project(), ['npm', 'ci', '--omit=dev'], { cwd: '/app' });
    expect(bytesAt(r.fs, '/root/.npm/_cacache')).toBe(Math.round(2890155 * 0.35));
    const cleaned = run(r.fs, ['npm', 'cache', 'clean', '--force'], { cwd: '/app' });
    expect(nodeAt(cleaned.fs, '/root/.npm/_cacache')).toBeUndefined();
  });
});

describe('npm install and prune', () => {
  test('npm install without a lock file sizes each dependency by the catalogue’s version and writes a lock that npm ci reproduces', () => {
    const tree = makeTree({ files: { '/app/package.json': packageJson } });
    const r = run(tree, ['npm', 'install'], { cwd: '/app' });
    expect(r.status).toBe(0);
    // each range takes the highest catalogued version it allows: express ^5.1.0 → 5.3.0, typescript ^5.6.0 → 5.9.2, @types/node ^22.0.0 → 22.18.0
    expect(JSON.parse(textAt(r.fs, '/app/package-lock.json') ?? '{}')).toMatchObject({ lockfileVersion: 3, packages: { 'node_modules/typescript': { version: '5.9.2', dev: true, bin: { tsc: 'bin/tsc', tsserver: 'bin/tsserver' } }, 'node_modules/@types/node': { version: '22.18.0', dev: true } } });
    expect(r.effects).toEqual([{ by: 'npm install', summary: 'installed 3 dependencies into node_modules, 71 packages in all (simulated)', bytes: 2890155 + 23697088 + 2528355 }]);
    const again = run(r.fs, ['npm', 'ci'], { cwd: '/app' });
    expect(again.effects[0]?.bytes).toBe(2890155 + 23697088 + 2528355);
    expect(bytesAt(again.fs, '/app/node_modules')).toBe(bytesAt(r.fs, '/app/node_modules'));
  });

  test('npm install <pkg> saves it in package.json', () => {
    const r = run(project(), ['npm', 'install', 'lodash'], { cwd: '/app' });
    expect(JSON.parse(textAt(r.fs, '/app/package.json') ?? '{}').dependencies).toEqual({ express: '^5.1.0', lodash: '^4.18.1' });
    expect(bytesAt(r.fs, '/app/node_modules/lodash')).toBe(1450605);
  });

  test('npm install -g links the bins into /usr/local/bin', () => {
    const r = run(project(), ['npm', 'install', '-g', 'typescript'], { cwd: '/app' });
    expect(r.status).toBe(0);
    expect(nodeAt(r.fs, '/usr/local/lib/node_modules/typescript/bin/tsc')).toMatchObject({ kind: 'file', mode: 0o755 });
    const link = lstat(r.fs, AS_ROOT, '/usr/local/bin/tsc');
    expect(link.ok && link.value).toMatchObject({ kind: 'symlink', target: '../lib/node_modules/typescript/bin/tsc' });
  });

  test('npm prune --omit=dev removes devDependencies after a full install', () => {
    const full = run(project(), ['npm', 'ci'], { cwd: '/app' });
    const pruned = run(full.fs, ['npm', 'prune', '--omit=dev'], { cwd: '/app' });
    expect(pruned.status).toBe(0);
    expect(nodeAt(pruned.fs, '/app/node_modules/typescript')).toBeUndefined();
    const leanInstall = run(project(), ['npm', 'ci', '--omit=dev'], { cwd: '/app' });
    expect(bytesAt(pruned.fs, '/app/node_modules')).toBe(bytesAt(leanInstall.fs, '/app/node_modules'));
  });
});

describe('npm run', () => {
  test('runs the script through sh with node_modules/.bin first on PATH', () => {
    const seen: { argv: readonly string[]; path: string | undefined }[] = [];
    const exec = (argv: readonly string[], _ctx: CommandContext, options?: { env?: Readonly<Record<string, string>> }) => {
      seen.push({ argv, path: options?.env?.['PATH'] });
      return 0;
    };
    const r = run(project(), ['npm', 'run', 'build'], { cwd: '/app', exec });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('\n> api@1.0.0 build\n> tsc\n\n');
    expect(seen).toEqual([{ argv: ['sh', '-c', 'tsc'], path: '/app/node_modules/.bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' }]);
  });

  test('a missing script is npm error Missing script', () => {
    const r = run(project(), ['npm', 'run', 'lint'], { cwd: '/app' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'npm error Missing script: "lint"\nnpm error\nnpm error To see a list of scripts, run:\nnpm error   npm run\nnpm error A complete log of this run can be found in: /root/.npm/_logs/2025-01-15T00_00_00_000Z-debug-0.log\n',
    );
  });

  test('a failing script passes its status on', () => {
    const r = run(project(), ['npm', 'run', 'build'], { cwd: '/app', exec: () => 127 });
    expect(r.status).toBe(127);
    expect(r.stderr).toContain('npm error command sh -c tsc\n');
  });
});

describe('npx', () => {
  test('--version and -v before the command print npm’s version, as npm 10.9.2’s npx does (even with a command after them)', () => {
    for (const argv of [['npx', '--version'], ['npx', '-v'], ['npx', '--version', 'tsc']]) {
      const r = run(project(), argv, { cwd: '/app' });
      expect([r.status, r.stdout, r.stderr, r.exec], argv.join(' ')).toEqual([0, '10.9.2\n', '', []]);
    }
  });

  test('--help prints npm exec’s usage (recorded from npm 10.9.2)', () => {
    const r = run(project(), ['npx', '--help'], { cwd: '/app' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Run a command from a local or remote npm package',
        '',
        'Usage:',
        'npm exec -- <pkg>[@<version>] [args...]',
        'npm exec --package=<pkg>[@<version>] -- <cmd> [args...]',
        "npm exec -c '<cmd> [args...]'",
        "npm exec --package=foo -c '<cmd> [args...]'",
        '',
        'Options:',
        '[--package <package-spec> [--package <package-spec> ...]] [-c|--call <call>]',
        '[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]',
        '[-ws|--workspaces] [--include-workspace-root]',
        '',
        'alias: x',
        '',
        'Run "npm help exec" for more info',
        '',
      ].join('\n'),
    );
  });

  test('options after the command are the command’s; without a command npx runs sh on its input', () => {
    const local = run(project({ '/app/node_modules/.bin/tsc': 'x' }), ['npx', '-y', 'tsc', '--version'], { cwd: '/app', exec: () => 0 });
    expect([local.status, local.stdout, local.exec]).toEqual([0, '', [['tsc', '--version']]]);
    const shell = run(project(), ['npx'], { cwd: '/app', stdin: 'echo hi\n', exec: (_argv, _ctx, options) => (options?.stdin === 'echo hi\n' ? 0 : 1) });
    expect([shell.status, shell.exec]).toEqual([0, [['sh']]]);
  });
});
