/** The npm catalogue holds a measured size for every package version the site's lockfiles make npm ci install. */
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { npmCatalogue } from '../../../../src/lib/shell/programs/simulated/catalogues.ts';
import { npmPackageAt } from '../../../../src/lib/shell/programs/simulated/npm-project.ts';

const repo = join(import.meta.dirname, '..', '..', '..', '..');

interface Lock {
  packages: Record<string, { name?: string; version?: string; os?: string[]; cpu?: string[] }>;
}

/** Every package-lock.json under src (examples, exercises, playground), the quizzes' and the claims' edits. */
function siteLocks(): Lock[] {
  const files = readdirSync(join(repo, 'src'), { recursive: true, encoding: 'utf8' });
  const onDisk = files.filter((path) => path.endsWith('package-lock.json')).map((path) => readFileSync(join(repo, 'src', path), 'utf8'));
  const inYaml = files
    .filter((path) => /^content\/(quizzes|examples)\/.*\.yaml$/.test(path))
    .flatMap((path) => {
      const data = parse(readFileSync(join(repo, 'src', path), 'utf8')) as {
        edit?: { path: string; content: string };
        questions?: { predict?: { context?: Record<string, string> } }[];
      };
      const edits = data.edit?.path === 'package-lock.json' ? [data.edit.content] : [];
      return [...edits, ...(data.questions ?? []).flatMap((q) => q.predict?.context?.['package-lock.json'] ?? [])];
    });
  return [...onDisk, ...inYaml].map((text) => JSON.parse(text) as Lock);
}

describe('npm catalogue versions', () => {
  test('every other version has its own size and a whole tree at least that big', () => {
    for (const [name, pkg] of Object.entries(npmCatalogue.packages)) {
      for (const [version, size] of Object.entries(pkg.versions ?? {})) {
        expect(version, name).not.toBe(pkg.version);
        expect(size.unpackedSize, `${name}@${version}`).toBeGreaterThan(0);
        expect(size.installed.bytes, `${name}@${version}`).toBeGreaterThanOrEqual(size.unpackedSize);
      }
    }
  });

  test('every package a site lockfile installs on linux x64 is measured at its locked version', () => {
    const locks = siteLocks();
    expect(locks.length).toBeGreaterThanOrEqual(20);
    const unmeasured = new Set<string>();
    for (const lock of locks) {
      for (const [path, entry] of Object.entries(lock.packages)) {
        if (!path.startsWith('node_modules/')) continue;
        if ((entry.os ?? ['linux']).every((os) => os !== 'linux') || (entry.cpu ?? ['x64']).every((cpu) => cpu !== 'x64')) continue;
        const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
        if (npmPackageAt(name, entry.version) === undefined) unmeasured.add(`${name}@${entry.version}`);
      }
    }
    expect([...unmeasured]).toEqual([]);
  });
});
