/**
 * `npm install name@spec` takes the version the spec asks for from the catalogue's measured versions
 * (the `latest` one when it satisfies the spec, else the highest that does) and saves what npm 11
 * saves (checked with npm 11.19.1: `ms@2` saves `^2.1.3`, `ms@~2.0.0` keeps `~2.0.0`, `ms@2.1.2
 * --save-exact` saves `2.1.2`, `ms@latest` `^2.1.3`); an exact version the catalogue lacks is installed
 * with a labelled size, a range it cannot satisfy is "not simulated" (never a made-up ETARGET).
 */
import { describe, expect, test } from 'vitest';
import { AS_ROOT, lstat } from '../../../../src/lib/vfs/index.ts';
import { bytesAt, makeTree, run, textAt } from './harness.ts';
import type { RunResult } from './harness.ts';
import { savedSpec } from '../../../../src/lib/shell/programs/simulated/npm-resolve.ts';

const empty = () => makeTree({ files: { '/app/package.json': '{\n  "name": "app",\n  "version": "1.0.0"\n}\n' } });

const install = (...args: string[]): RunResult => run(empty(), ['npm', 'install', ...args], { cwd: '/app' });

/** package.json's dependencies, the installed package.json's version and the lock's, for one package. */
function outcome(r: RunResult, name: string) {
  const lock = JSON.parse(textAt(r.fs, '/app/package-lock.json') ?? '{}') as { packages?: Record<string, { version?: string }> };
  return {
    status: r.status,
    saved: (JSON.parse(textAt(r.fs, '/app/package.json') ?? '{}') as { dependencies?: unknown }).dependencies,
    installed: (JSON.parse(textAt(r.fs, `/app/node_modules/${name}/package.json`) ?? '{}') as { version?: string }).version,
    locked: lock.packages?.[`node_modules/${name}`]?.version,
  };
}

describe('npm install name@spec', () => {
  test('an exact version installs that version, sized as measured, and saves ^version', () => {
    const r = install('express@4.21.2');
    expect(outcome(r, 'express')).toEqual({ status: 0, saved: { express: '^4.21.2' }, installed: '4.21.2', locked: '4.21.2' });
    expect(bytesAt(r.fs, '/app/node_modules/express')).toBe(237610);
    expect(r.effects[0]?.bytes).toBe(2809770);
  });

  test('a range takes the highest catalogued version in it and saves ^version when that lies within the range', () => {
    expect(outcome(install('express@^4.0.0'), 'express')).toEqual({ status: 0, saved: { express: '^4.21.2' }, installed: '4.21.2', locked: '4.21.2' });
    expect(outcome(install('express@4'), 'express')).toEqual({ status: 0, saved: { express: '^4.21.2' }, installed: '4.21.2', locked: '4.21.2' });
  });

  test('a range narrower than ^version is saved as given', () => {
    expect(outcome(install('express@~4.21.0'), 'express')).toEqual({ status: 0, saved: { express: '~4.21.0' }, installed: '4.21.2', locked: '4.21.2' });
  });

  test('latest, or no spec, takes the latest version even when a higher one is catalogued', () => {
    expect(outcome(install('express@latest'), 'express')).toEqual({ status: 0, saved: { express: '^5.3.0' }, installed: '5.3.0', locked: '5.3.0' });
    expect(outcome(install('content-disposition'), 'content-disposition')).toEqual({ status: 0, saved: { 'content-disposition': '^1.1.0' }, installed: '1.1.0', locked: '1.1.0' });
    expect(outcome(install('content-disposition@^2.0.0'), 'content-disposition')).toEqual({ status: 0, saved: { 'content-disposition': '^2.0.1' }, installed: '2.0.1', locked: '2.0.1' });
  });

  test('--save-exact (-E) saves the version itself', () => {
    expect(outcome(install('express@4.21.2', '--save-exact'), 'express')).toEqual({ status: 0, saved: { express: '4.21.2' }, installed: '4.21.2', locked: '4.21.2' });
    expect(outcome(install('-E', 'express@^4.0.0'), 'express')).toEqual({ status: 0, saved: { express: '4.21.2' }, installed: '4.21.2', locked: '4.21.2' });
  });

  test('a scoped package with a version', () => {
    expect(outcome(install('@types/node@22.18.0'), '@types/node')).toEqual({ status: 0, saved: { '@types/node': '^22.18.0' }, installed: '22.18.0', locked: '22.18.0' });
  });

  test('npm install -g name@version installs that version with its bins', () => {
    const r = install('-g', 'typescript@5.9.2');
    expect(r.status).toBe(0);
    expect(JSON.parse(textAt(r.fs, '/usr/local/lib/node_modules/typescript/package.json') ?? '{}')).toEqual({ name: 'typescript', version: '5.9.2' });
    const link = lstat(r.fs, AS_ROOT, '/usr/local/bin/tsserver');
    expect(link.ok && link.value).toMatchObject({ kind: 'symlink', target: '../lib/node_modules/typescript/bin/tsserver' });
  });

  test('a package the lock has at another version is installed, locked and saved at the one asked for', () => {
    const lock = { name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'app', version: '1.0.0', dependencies: { express: '^5.3.0', cors: '^2.8.6' } }, 'node_modules/express': { version: '5.3.0' }, 'node_modules/cors': { version: '2.8.6' } } };
    const project = makeTree({ files: { '/app/package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '^5.3.0', cors: '^2.8.6' } }), '/app/package-lock.json': JSON.stringify(lock) } });
    const r = run(project, ['npm', 'install', 'express@4.21.2'], { cwd: '/app' });
    expect(outcome(r, 'express')).toEqual({ status: 0, saved: { express: '^4.21.2', cors: '^2.8.6' }, installed: '4.21.2', locked: '4.21.2' });
    expect(outcome(r, 'cors')).toMatchObject({ installed: '2.8.6', locked: '2.8.6' });
    expect(bytesAt(r.fs, '/app/node_modules/express')).toBe(237610);
  });

  test('an exact version the catalogue has not measured is installed, its size labelled as not measured', () => {
    const r = install('express@9.9.9');
    expect(r.status).toBe(0);
    expect(JSON.parse(textAt(r.fs, '/app/node_modules/express/package.json') ?? '{}')).toMatchObject({ version: '9.9.9' });
    const folder = lstat(r.fs, AS_ROOT, '/app/node_modules/express');
    const summary = folder.ok && folder.value.kind === 'dir' ? folder.value.summary : undefined;
    expect(summary?.source).toBe('npm install (simulated): measured size of express@5.3.0 (the catalogue has not measured 9.9.9)');
  });

  test('a range no catalogued version satisfies is not simulated (126): Stagecraft cannot know what the registry would pick', () => {
    const r = install('@types/node@^99');
    expect([r.status, r.stdout]).toEqual([126, '']);
    expect(r.stderr).toMatch(/^npm: @types\/node@\^99 is not simulated by Stagecraft: its catalogue has no version of @types\/node in that range \(it knows [0-9., ]+\); real npm would install the newest matching release from the registry\n$/);
    expect(textAt(r.fs, '/app/package.json')).toBe(textAt(empty(), '/app/package.json'));
  });
});

describe('savedSpec: arborist keeps the range unless ^version lies within it', () => {
  const cases: [string, string, string][] = [
    ['2', '2.1.3', '^2.1.3'],
    ['>=1.0.0', '2.1.3', '^2.1.3'],
    ['<3', '2.1.3', '^2.1.3'],
    ['~2.0.0', '2.0.1', '~2.0.0'],
    ['2.0.x', '2.0.1', '2.0.x'],
    ['1 || ~2.0.0', '2.0.1', '1 || ~2.0.0'],
    ['~0.2.0', '0.2.1', '^0.2.1'],
    ['0.0.x', '0.0.3', '^0.0.3'],
    ['>=2.1.0 <2.5.0', '2.4.9', '>=2.1.0 <2.5.0'],
    ['2.1.3', '2.1.3', '^2.1.3'],
    ['latest', '2.1.3', '^2.1.3'],
  ];
  for (const [spec, version, saved] of cases) {
    test(`${spec} resolved to ${version} saves ${saved}`, () => expect(savedSpec(spec, version, false)).toBe(saved));
  }
  test('--save-exact saves the version whatever the spec', () => expect(savedSpec('~2.0.0', '2.0.1', true)).toBe('2.0.1'));
});
