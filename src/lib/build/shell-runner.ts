/**
 * RUN's bridge to the shell module: a `<shell> -c <script>` argv is interpreted by the simulated
 * shell (as the program at argv[0] would); any other argv (exec form) is started without a shell.
 */
import { runArgv, runShell } from '../shell/index.ts';
import { ROOT_CRED, stat } from '../vfs/index.ts';
import type { RunOutcome, RunRequest } from './engine-deps.ts';

const SHELLS = /(^|\/)(sh|ash|dash|bash)$/;

export function runWithShell(request: RunRequest): RunOutcome {
  const { argv, fs, cred, user, cwd, env } = request;
  const opts = { fs, cred, user, cwd, env };
  const [program = '', flag, script] = argv;
  const shellThere = stat(fs, { cred: ROOT_CRED }, program).ok;
  // Without the shell's file in the image, starting it fails as exec would (runArgv reports that).
  const result = shellThere && argv.length === 3 && flag === '-c' && SHELLS.test(program) && script !== undefined
    ? runShell(script, { ...opts, argv0: program })
    : runArgv(argv, opts);
  // A program that could not be started (no /bin/sh in the image) reports how, like the runtime does.
  const stderr = result.error?.kind === 'exec' && !result.stderr.includes(result.error.message)
    ? `${result.stderr}${result.error.message}\n`
    : result.stderr;
  return { exitCode: result.exitCode, stdout: result.stdout, stderr, fs: result.fs, effects: result.effects };
}
