/**
 * tsc, vite, sass and astro report the version of the package they were run from (as the real tools,
 * which carry it compiled in), not the catalogue's newest. The expected texts were recorded from the
 * real tools installed with npm and run under Node 24 (`tsc --version`, `vite --version`, `sass
 * --version`, `astro --version`, `astro -v`); vite prints the Node it runs on, here the image's
 * NODE_VERSION. Astro before 6 printed an empty line first (printVersion in astro 5.13.0's
 * dist/cli/index.js: `console.log()`, then the line).
 */
import { describe, expect, test } from 'vitest';
import { loadBaseImage } from '../../../../src/lib/images/index.ts';
import { runShell } from '../../../../src/lib/shell/index.ts';
import { AS_ROOT, chmod, mkdir, symlink, writeFile, type DirNode } from '../../../../src/lib/vfs/index.ts';

const image = loadBaseImage('node:22-alpine');
if (!image.ok) throw new Error(image.error.code);
const env = Object.fromEntries(image.value.config.Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
const NODE = env['NODE_VERSION'];

const sh = (script: string, fs: DirNode = image.value.rootfs): [number, string, string] => {
  const r = runShell(script, { fs, cred: { uid: 0, gid: 0, groups: [0] }, user: 'root', cwd: '/', env: { ...env, HOME: '/root' } });
  return [r.exitCode, r.stdout, r.stderr];
};

const devDependencies = { astro: '5.13.0', sass: '1.90.0', typescript: '5.9.2', vite: '7.0.0' };
const locked = (name: string, version: string, bin: Record<string, string>) => ({
  version,
  resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
  dev: true,
  bin,
});
const lock = {
  name: 'tools',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'tools', version: '1.0.0', devDependencies },
    'node_modules/astro': locked('astro', '5.13.0', { astro: 'astro.js' }),
    'node_modules/sass': locked('sass', '1.90.0', { sass: 'sass.js' }),
    'node_modules/typescript': locked('typescript', '5.9.2', { tsc: 'bin/tsc', tsserver: 'bin/tsserver' }),
    'node_modules/vite': locked('vite', '7.0.0', { vite: 'bin/vite.js' }),
  },
};
const project = `mkdir /app && cd /app && echo '${JSON.stringify({ name: 'tools', version: '1.0.0', scripts: { v: 'tsc --version' }, devDependencies })}' > package.json`;
const withLock = `${project} && echo '${JSON.stringify(lock)}' > package-lock.json && npm ci >/dev/null 2>&1`;
const versions = 'npx tsc --version; node_modules/.bin/tsc -v; npx vite --version; npx sass --version; npx astro --version';

describe('a tool reports the version of the package it was run from', () => {
  test('npm ci with a lock: the locked versions', () => {
    expect(sh(`${withLock} && ${versions}`)).toEqual([
      0,
      `Version 5.9.2\nVersion 5.9.2\nvite/7.0.0 linux-x64 node-v${NODE}\n1.90.0 compiled with dart2js 3.8.3\n\n   astro  v5.13.0\n`,
      '',
    ]);
  });

  test('npm install without a lock: the versions package.json pins (astro 5.13.0 too, which the catalogue has not measured)', () => {
    expect(sh(`${project} && npm install >/dev/null 2>&1 && ${versions}`)).toEqual([
      0,
      `Version 5.9.2\nVersion 5.9.2\nvite/7.0.0 linux-x64 node-v${NODE}\n1.90.0 compiled with dart2js 3.8.3\n\n   astro  v5.13.0\n`,
      '',
    ]);
  });

  test('npm install name@latest: the catalogue\'s latest versions', () => {
    expect(sh(`${project} && npm install -D typescript@latest vite@latest sass@latest astro@latest >/dev/null 2>&1 && ${versions}`)).toEqual([
      0,
      `Version 7.0.2\nVersion 7.0.2\nvite/8.3.8 linux-x64 node-v${NODE}\n1.108.2 compiled with dart2js 3.13.7\n   astro  v7.3.5\n`,
      '',
    ]);
  });

  test('npm run, and a relative node_modules/.bin in PATH, run the project\'s own tool', () => {
    expect(sh(`${withLock} && npm run v && PATH=node_modules/.bin:$PATH vite -v`)).toEqual([
      0,
      `\n> tools@1.0.0 v\n> tsc --version\n\nVersion 5.9.2\nvite/7.0.0 linux-x64 node-v${NODE}\n`,
      '',
    ]);
  });

  test('a copy of the tool outside its package (no package.json of its own above it) reports the catalogue version', () => {
    let fs = writeFile(image.value.rootfs, AS_ROOT, '/usr/local/bin/tsc', { size: 1024 });
    if (fs.ok) fs = chmod(fs.value, AS_ROOT, '/usr/local/bin/tsc', 0o755);
    if (!fs.ok) throw new Error(fs.error.message);
    expect(sh('tsc --version', fs.value)).toEqual([0, 'Version 7.0.2\n', '']);
  });
});

describe('vite build names the installed version in the wording of that release', () => {
  const site = `echo '<html><head></head><body><script type="module" src="/src/main.js"></script></body></html>' > index.html && mkdir src && echo 'console.log(1)' > src/main.js`;
  const firstAndLast = (out: string): string[] => {
    const lines = out.split('\n');
    return [lines[0] ?? '', ...lines.slice(-3)];
  };

  test('7.0.0 (recorded: 7.0.0 to 7.1.0 build "for production")', () => {
    const [status, stdout] = sh(`${withLock} && ${site} && npx vite build`);
    expect([status, ...firstAndLast(stdout)]).toEqual([0, 'vite v7.0.0 building for production...', expect.stringMatching(/^dist\/assets\/index-/), '✓ built in 1.00s', '']);
  });

  test('8.3.8 (recorded: from 7.2.0 the "client environment"; Vite 8 puts an empty line before "built")', () => {
    const [status, stdout] = sh(`${project} && npm install -D vite@8.3.8 >/dev/null 2>&1 && ${site} && npx vite build`);
    expect([status, ...firstAndLast(stdout)]).toEqual([0, 'vite v8.3.8 building client environment for production...', '', '✓ built in 1.00s', '']);
  });
});

describe('sass --version names the dart2js release its release was compiled with', () => {
  const installed = (version: string): DirNode => {
    const steps = [
      (fs: DirNode) => mkdir(fs, AS_ROOT, '/app/node_modules/.bin', { parents: true }),
      (fs: DirNode) => mkdir(fs, AS_ROOT, '/app/node_modules/sass'),
      (fs: DirNode) => writeFile(fs, AS_ROOT, '/app/node_modules/sass/package.json', { content: JSON.stringify({ name: 'sass', version }) }),
      (fs: DirNode) => writeFile(fs, AS_ROOT, '/app/node_modules/sass/sass.js', { size: 1024, mode: 0o755 }),
      (fs: DirNode) => symlink(fs, AS_ROOT, '../sass/sass.js', '/app/node_modules/.bin/sass'),
    ];
    return steps.reduce((fs, step) => {
      const next = step(fs);
      if (!next.ok) throw new Error(next.error.message);
      return next.value;
    }, image.value.rootfs);
  };
  const version = (sass: string): string => sh('/app/node_modules/.bin/sass --version', installed(sass))[1];

  test.each([
    ['1.77.8', '3.4.4'],
    ['1.83.4', '3.6.1'],
    ['1.97.0', '3.10.4'],
  ])('recorded: sass %s was compiled with dart2js %s', (sass, dart2js) => {
    expect(version(sass)).toBe(`${sass} compiled with dart2js ${dart2js}\n`);
  });

  test('a release not recorded gets the dart2js of the nearest recorded one before it, or of the oldest', () => {
    expect([version('1.95.0'), version('1.60.0'), version('2.0.0')]).toEqual([
      '1.95.0 compiled with dart2js 3.8.3\n',
      '1.60.0 compiled with dart2js 3.4.4\n',
      '2.0.0 compiled with dart2js 3.13.7\n',
    ]);
  });
});
