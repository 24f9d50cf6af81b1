/**
 * The examples', exercises' and quizzes' package-lock.json files are locks real npm wrote, so `npm ci`
 * installs them (in real Docker and in the "Run for real" WebContainer) instead of refusing a lock that
 * is out of sync.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { lockProblems, satisfies } from './npm-lockfile.ts';
import type { LockFile, PackageManifest } from './npm-lockfile.ts';

const repo = join(import.meta.dirname, '..', '..');
const contextRoots = ['src/content/examples', 'src/content/exercises', 'src/components/playground/examples'].map((dir) => join(repo, dir));

/** Every package-lock.json inside an example's or exercise's context folder. */
function contextLocks(dir: string, inContext = false): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return contextLocks(path, inContext || entry.name === 'context');
    return inContext && entry.name === 'package-lock.json' ? [path] : [];
  });
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

const locks = contextRoots.flatMap((root) => contextLocks(root)).map((path) => ({
  name: relative(repo, path),
  manifest: readJson<PackageManifest>(join(dirname(path), 'package.json')),
  lock: readJson<LockFile>(path),
}));

/** Locks that a lesson example's `edit` puts in place of the context's before its rebuild. */
const editedLocks = readdirSync(join(repo, 'src/content/examples'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('claims.yaml'))
  .flatMap((path) => {
    const example = dirname(join(repo, 'src/content/examples', path));
    const edit = (parse(readFileSync(join(example, 'claims.yaml'), 'utf8')) as { edit?: { path: string; content: string } }).edit;
    if (edit?.path !== 'package-lock.json') return [];
    return [{ name: `${relative(repo, example)} (edit)`, manifest: readJson<PackageManifest>(join(example, 'context/package.json')), lock: JSON.parse(edit.content) as LockFile }];
  });

interface QuizFile {
  questions: { id: string; predict?: { context?: Record<string, string> } }[];
}

/** Locks in the build context of a quiz's predict question, checked against the package.json beside them. */
const quizLocks = readdirSync(join(repo, 'src/content/quizzes'))
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    (parse(readFileSync(join(repo, 'src/content/quizzes', file), 'utf8')) as QuizFile).questions.flatMap(({ id, predict }) => {
      const lock = predict?.context?.['package-lock.json'];
      if (lock === undefined) return [];
      const manifest = JSON.parse(predict?.context?.['package.json'] ?? '{}') as PackageManifest;
      return [{ name: `src/content/quizzes/${file} ${id}`, manifest, lock: JSON.parse(lock) as LockFile }];
    }),
  );

describe('every Node example, exercise and quiz locks its whole tree as npm does', () => {
  test('the search finds the Node examples, exercises and quiz questions', () => {
    const names = locks.map((l) => l.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'src/content/examples/04-caching/manifest-first/context/package-lock.json',
        'src/content/examples/04-caching/across-stages/context/package-lock.json',
        'src/content/examples/08-putting-it-together/production-api/context/package-lock.json',
        'src/components/playground/examples/02-node-nginx-site/context/package-lock.json',
        'src/components/playground/examples/03-typescript-api-non-root/context/package-lock.json',
        'src/components/playground/examples/04-three-stage-site/context/package-lock.json',
        'src/content/exercises/dockerignore-node-modules/context/package-lock.json',
        'src/content/exercises/image-under-size/context/package-lock.json',
        'src/content/exercises/node-non-root/context/package-lock.json',
        'src/content/exercises/remove-leaked-secret/context/package-lock.json',
        'src/content/exercises/reorder-for-cache/context/package-lock.json',
        'src/content/exercises/static-site-nginx/context/package-lock.json',
      ]),
    );
    expect(quizLocks.map((l) => l.name)).toEqual(['src/content/quizzes/01-images-and-layers.yaml predict-cache']);
    expect(editedLocks.map((l) => l.name)).toEqual(['src/content/examples/04-caching/dependency-change (edit)']);
    expect(locks.every((l) => existsSync(join(repo, dirname(l.name), 'package.json')))).toBe(true);
  });

  test.each([...locks, ...editedLocks, ...quizLocks].map((l) => [l.name, l] as const))('%s', (_name, { manifest, lock }) => {
    expect(lockProblems(manifest, lock)).toEqual([]);
  });
});

describe('lockProblems', () => {
  const manifest = { dependencies: { express: '^5.1.0' } };

  test('an abbreviated lock (versions only, no transitive packages) is refused', () => {
    const lock: LockFile = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { express: '^5.1.0' } },
        'node_modules/express': { version: '5.1.0', dependencies: { accepts: '^2.0.0', 'body-parser': '^2.2.0' } },
      },
    };
    expect(lockProblems(manifest, lock)).toEqual([
      'node_modules/express: resolved is undefined, not https://registry.npmjs.org/express/-/express-5.1.0.tgz',
      'node_modules/express: no sha512 integrity',
      'node_modules/express needs accepts@^2.0.0: not in the lock',
      'node_modules/express needs body-parser@^2.2.0: not in the lock',
    ]);
  });

  const integrity = `sha512-${'A'.repeat(86)}==`;
  const pinned = (name: string, version: string, more: object = {}) => ({
    version,
    resolved: `https://registry.npmjs.org/${name}/-/${name.replace(/^@[^/]+\//, '')}-${version}.tgz`,
    integrity,
    ...more,
  });
  const entry = (name: string, version: string, more: object = {}) => ({ [`node_modules/${name}`]: pinned(name, version, more) });

  test('Node lookup: a nested copy serves its parent only; ranges and optional platform packages count, optional peers do not', () => {
    const lock: LockFile = {
      lockfileVersion: 2,
      packages: {
        '': { devDependencies: { rollup: '^4.0.0' } },
        ...entry('rollup', '4.67.4', {
          dependencies: { ms: '^2.0.0' },
          optionalDependencies: { '@rollup/rollup-linux-x64-musl': '4.67.4', '@rollup/rollup-linux-x64-gnu': '4.67.4' },
          peerDependencies: { sass: '*', picomatch: '^4' },
          peerDependenciesMeta: { sass: { optional: true } },
        }),
        ...entry('@rollup/rollup-linux-x64-gnu', '4.67.3'),
        ...entry('picomatch', '4.0.7', { dependencies: { ms: '~2.1.0' } }),
        'node_modules/picomatch/node_modules/ms': pinned('ms', '2.1.3'),
      },
    };
    expect(lockProblems({ devDependencies: { rollup: '^4.0.0' } }, lock)).toEqual([
      'lockfileVersion is 2, not 3',
      'node_modules/rollup needs ms@^2.0.0: not in the lock',
      'node_modules/rollup needs @rollup/rollup-linux-x64-musl@4.67.4: not in the lock',
      'node_modules/rollup needs @rollup/rollup-linux-x64-gnu@4.67.4: node_modules/@rollup/rollup-linux-x64-gnu is 4.67.3',
    ]);
  });

  test('the root entry must match package.json, and every entry must come from the registry', () => {
    const lock: LockFile = {
      lockfileVersion: 3,
      packages: { '': { dependencies: { express: '^5.0.0' } }, 'node_modules/express': { version: '5.1.0', resolved: 'file:../express', integrity } },
    };
    expect(lockProblems(manifest, lock)).toEqual([
      'root dependencies differ from package.json',
      'node_modules/express: resolved is file:../express, not https://registry.npmjs.org/express/-/express-5.1.0.tgz',
    ]);
  });
});

describe('satisfies (the range forms package manifests use)', () => {
  test.each([
    ['5.1.0', '^5.1.0', true],
    ['6.0.0', '^5.1.0', false],
    ['0.25.12', '^0.25.0', true],
    ['0.26.0', '^0.25.0', false],
    ['0.0.4', '^0.0.3', false],
    ['2.9.0', '^2', true],
    ['6.21.5', '~6.21.0', true],
    ['6.22.0', '~6.21.0', false],
    ['4.67.4', '4.67.4', true],
    ['4.67.3', '4.67.4', false],
    ['7.9.9', '7', true],
    ['8.0.0', '7', false],
    ['2.1.2', '>= 2.1.2 < 3', true],
    ['3.0.0', '>= 2.1.2 < 3', false],
    ['1.0.0', '*', true],
    ['2.0.0', '^1 || ^2', true],
    ['3.0.0', '^1.0.0 || >=2.5.0', true],
  ] as const)('%s in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  test('a form it does not know throws instead of passing', () => {
    expect(() => satisfies('1.0.0', '1.x')).toThrow('unsupported range: 1.x');
    expect(() => satisfies('1.0.0-beta.1', '^1.0.0')).toThrow('not a release version: 1.0.0-beta.1');
  });
});
