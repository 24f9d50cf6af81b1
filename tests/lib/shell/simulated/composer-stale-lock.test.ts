import { describe, expect, test } from 'vitest';
import { AS_ROOT, chmod, type DirNode } from '../../../../src/lib/vfs/index.ts';
import { makeTree, run } from './harness.ts';

const withPhp = (files: Record<string, string>): DirNode => {
  const made = chmod(makeTree({ files: { '/usr/local/bin/php': 100_000, ...files } }), AS_ROOT, '/usr/local/bin/php', 0o755);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
};
const env = { COMPOSER_ALLOW_SUPERUSER: '1' };
const composerJson = '{"name":"a/b","require":{}}';
// recorded: Composer 2.5.5's `composer update` wrote this content-hash for composerJson
const currentHash = '5c91271087cff82350e2ff82283f28c3';
const lockWith = (keys: Record<string, unknown>): string => JSON.stringify({ ...keys, packages: [], 'packages-dev': [] });
const install = (lock: string, json = composerJson, args: string[] = []) =>
  run(withPhp({ '/app/composer.json': json, '/app/composer.lock': lock }), ['composer', 'install', ...args], { cwd: '/app', env });

const STALE =
  'Warning: The lock file is not up to date with the latest changes in composer.json. You may be getting outdated dependencies. It is recommended that you run `composer update` or `composer update <package name>`.';

describe('composer install with a lock that is not composer.json\'s', () => {
  test('a current lock: no warning', () => {
    const r = install(lockWith({ 'content-hash': currentHash }));
    expect([r.status, r.stdout, r.stderr]).toEqual([
      0,
      '',
      'Installing dependencies from lock file (including require-dev)\nVerifying lock file contents can be installed on current platform.\nNothing to install, update or remove\nGenerating autoload files\n',
    ]);
  });

  test('composer.json edited after the lock: the warning on stderr, after the verifying line (recorded from Composer 2.5.5)', () => {
    const r = install(lockWith({ 'content-hash': currentHash }), '{"name":"a/b","require":{},"description":"x","require-dev":{}}');
    expect([r.status, r.stdout, r.stderr]).toEqual([
      0,
      '',
      `Installing dependencies from lock file (including require-dev)\nVerifying lock file contents can be installed on current platform.\n${STALE}\nNothing to install, update or remove\nGenerating autoload files\n`,
    ]);
  });

  test('a lock without content-hash: out of date, unless its Composer 1 `hash` is the md5 of composer.json', () => {
    expect(install(lockWith({})).stderr.split('\n')[2]).toBe(STALE);
    expect(install(lockWith({ 'content-hash': '' })).stderr.split('\n')[2]).toBe(STALE);
    // md5 of composerJson's bytes (md5sum)
    expect(install(lockWith({ hash: 'f1d4ec755ff6c2c3f7d558323ce15244' })).stderr).not.toContain('Warning:');
    expect(install(lockWith({ hash: 'f1d4ec755ff6c2c3f7d558323ce15245' })).stderr).toContain(STALE);
  });

  test('the warning comes before the missing-requirement problems', () => {
    const r = install(lockWith({ 'content-hash': currentHash }), '{"require":{"symfony/yaml":"^7.3"}}');
    expect(r.status).toBe(4);
    expect(r.stderr.split('\n').slice(1, 5)).toEqual(['Verifying lock file contents can be installed on current platform.', STALE, 'Your lock file does not contain a compatible set of packages. Please run composer update.', '']);
  });

  test('update and install without a lock print no warning (the lock they write is current)', () => {
    const tree = withPhp({ '/app/composer.json': '{"require":{"php":"^8.2"}}', '/app/composer.lock': lockWith({ 'content-hash': currentHash }) });
    const updated = run(tree, ['composer', 'update'], { cwd: '/app', env });
    expect(updated.stderr).not.toContain('Warning:');
    const again = run(updated.fs, ['composer', 'install'], { cwd: '/app', env });
    expect(again.stderr).toBe('Installing dependencies from lock file (including require-dev)\nVerifying lock file contents can be installed on current platform.\nNothing to install, update or remove\nGenerating autoload files\n');
  });
});
