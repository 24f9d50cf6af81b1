/**
 * RUN's bridge to the shell module. TEMPORARY until src/lib/shell exports runShell: every command
 * fails with a clear "not simulated" message instead of pretending to succeed.
 */
import type { RunOutcome, RunRequest } from './engine-deps.ts';

export function runWithShell(request: RunRequest): RunOutcome {
  const name = request.argv.length >= 3 ? request.argv[2]?.split(/\s+/)[0] ?? '' : request.argv[0] ?? '';
  return { exitCode: 127, stdout: '', stderr: `sh: ${name}: the shell simulator is not available yet\n`, fs: request.fs, effects: [] };
}
