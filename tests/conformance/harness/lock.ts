/**
 * One conformance run at a time per engine: every run prunes the engine's build cache before each
 * case, so two runs at once would wipe each other's cache and record wrong CACHED marks. The first
 * call re-executes the current script under `flock` on a lock file beside the engine's state.
 */
import { spawnSync } from 'node:child_process';

const LOCK = `${process.env['STAGECRAFT_DOCKER_STATE'] ?? '/tmp/stagecraft-docker'}.lock`;
const HELD = 'STAGECRAFT_CONFORMANCE_LOCK_HELD';

/** Returns when this process holds the lock; otherwise runs itself under it and exits with its status. */
export function holdEngineLock(): void {
  if (process.env[HELD] === '1') return;
  const result = spawnSync('flock', [LOCK, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [HELD]: '1' },
  });
  if (result.error) {
    console.error(`cannot take the engine lock ${LOCK}: ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}
