import { describe, expect, test } from 'vitest';
import { runShell } from '../../../../src/lib/shell/index.ts';
import { AS_ROOT, ROOT_CRED, chmod, type DirNode } from '../../../../src/lib/vfs/index.ts';
import { makeTree, run } from './harness.ts';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const PHP = { PHP_VERSION: '8.4.23' };
const withPhp = (): DirNode => {
  let tree = makeTree({ files: { '/usr/local/bin/php': 100_000, '/bin/ln': 60_000, '/app/composer-setup.php': 58_000 } });
  for (const program of ['/usr/local/bin/php', '/bin/ln']) {
    const made = chmod(tree, AS_ROOT, program, 0o755);
    if (!made.ok) throw new Error(made.error.message);
    tree = made.value;
  }
  return tree;
};
/** `php composer-setup.php <options>` then `php composer.phar --version`. */
const installed = (...options: string[]) => {
  const setup = run(withPhp(), ['php', 'composer-setup.php', '--quiet', ...options], { cwd: '/app' });
  expect(setup.status).toBe(0);
  return run(setup.fs, ['php', 'composer.phar', '--version'], { cwd: '/app', env: PHP });
};
const DIAGNOSE = 'PHP version 8.4.23 (/usr/local/bin/php)\nRun the "diagnose" command to get more detailed diagnostics output.\n';

describe('composer --version reports the release the installer fetched', () => {
  test('--version=2.5.5: one line, with its release date (recorded from this machine\'s Composer 2.5.5)', () => {
    const r = installed('--version=2.5.5');
    expect([r.status, r.stdout, r.stderr, r.effects]).toEqual([0, 'Composer version 2.5.5 2023-03-21 11:50:05\n', '', []]);
  });

  test('--2.2 and --1 fetch the newest release of their line; before 2.7.2 no PHP lines', () => {
    expect(installed('--2.2').stdout).toBe('Composer version 2.2.29 2026-07-01 11:24:18\n');
    expect(installed('--1').stdout).toBe('Composer version 1.10.28 2026-05-13 11:02:17\n');
    expect(installed('--version=2.7.1').stderr).toBe('');
  });

  test('from 2.7.2 (and by default, --2) the PHP it runs on and the diagnose hint follow on stderr', () => {
    expect([installed('--version=2.7.2').stdout, installed('--version=2.7.2').stderr]).toEqual(['Composer version 2.7.2 2024-03-11 17:12:18\n', DIAGNOSE]);
    const latest = installed();
    expect([latest.stdout, latest.stderr]).toEqual(['Composer version 2.10.2 2026-07-01 11:24:45\n', DIAGNOSE]);
    expect(installed('--2').stdout).toBe(latest.stdout);
  });

  test('a release missing from the table: no invented date, and the simulated label says so', () => {
    const r = installed('--version=2.10.3');
    expect([r.stdout, r.stderr]).toEqual(['Composer version 2.10.3\n', DIAGNOSE]);
    expect(r.effects).toEqual([{ by: 'composer --version', summary: "Composer 2.10.3: its release date is not in Stagecraft's table, so none is printed (simulated)" }]);
  });

  test('installed on PATH (through a symlink too) it reports its own release, over the image\'s COMPOSER_VERSION', () => {
    const script = 'php /app/composer-setup.php --quiet --version=2.6.6 --install-dir=/opt && ln -s /opt/composer.phar /usr/local/bin/composer && composer --version';
    const r = runShell(script, { fs: withPhp(), cred: ROOT_CRED, user: 'root', cwd: '/app', env: { PATH, ...PHP, COMPOSER_VERSION: '2.10.2' } });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, 'Composer version 2.6.6 2023-12-08 18:32:26\n', '']);
  });

  test('a composer without a recorded release (the composer image\'s) reports COMPOSER_VERSION', () => {
    const tree = withPhp();
    const r = run(tree, ['composer', '--version'], { env: { ...PHP, COMPOSER_VERSION: '2.9.7' } });
    expect([r.stdout, r.stderr]).toEqual(['Composer version 2.9.7 2026-04-14 13:31:52\n', DIAGNOSE]);
  });
});
