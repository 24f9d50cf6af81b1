/**
 * Each Node release bundles its own npm: `npm --version`, `npm -v` and `npx --version` read the
 * package.json next to the npm-cli.js that ran, so node:20 says 10.8.2, node:22 10.9.8 and node:24
 * 11.19.0 (the npm each release's CHANGELOG names last, as node.json cites).
 */
import { describe, expect, test } from 'vitest';
import { loadBaseImage } from '../../../../src/lib/images/index.ts';
import { runShell } from '../../../../src/lib/shell/index.ts';

function sh(ref: string, script: string): [number, string, string] {
  const image = loadBaseImage(ref);
  if (!image.ok) throw new Error(image.error.code);
  const env = Object.fromEntries(image.value.config.Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  const r = runShell(script, { fs: image.value.rootfs, cred: { uid: 0, gid: 0, groups: [0] }, user: 'root', cwd: '/', env: { ...env, HOME: '/root' } });
  return [r.exitCode, r.stdout, r.stderr];
}

describe('npm bundled with each node image', () => {
  const cases: [string, string][] = [
    ['node:20', '10.8.2'], ['node:20-slim', '10.8.2'], ['node:20-alpine', '10.8.2'],
    ['node:22', '10.9.8'], ['node:22-slim', '10.9.8'], ['node:22-alpine', '10.9.8'],
    ['node:24', '11.19.0'], ['node:24-slim', '11.19.0'], ['node:24-alpine', '11.19.0'],
  ];
  for (const [ref, version] of cases) {
    test(`${ref}: npm --version, npm -v and npx --version say ${version}`, () => {
      expect(sh(ref, 'npm --version; npm -v; npx --version')).toEqual([0, `${version}\n${version}\n${version}\n`, '']);
    });
  }

  test('the version is the file’s: a changed package.json changes what npm says', () => {
    const script = `sed -i 's/"version": "10.9.8"/"version": "10.9.9"/' /usr/local/lib/node_modules/npm/package.json; npm -v; /usr/local/bin/npx --version`;
    expect(sh('node:22-slim', script)).toEqual([0, '10.9.9\n10.9.9\n', '']);
  });
});
