/**
 * `docker run [--rm] [-i] [-t] [-d] [-u USER] [-e K=V]... [-w DIR] [--entrypoint X] [-h NAME]
 * IMAGE [COMMAND] [ARG...]`: a fresh container filesystem over the image, its entrypoint and command
 * combined as Docker does, run by the shell module as the image's user (or -u) in its workdir with
 * its environment. `-i` with a shell as the command attaches an interactive shell.
 */
import { loadBaseImage } from '../../images/index.ts';
import { DEFAULT_NOW, DEFAULT_PATH, NOT_SIMULATED_STATUS, runArgv, type ShellRunOptions } from '../../shell/index.ts';
import { mkdir, readFile, ROOT_CRED, stat, type Cred, type DirNode } from '../../vfs/index.ts';
import { resolveUser } from '../../build/users.ts';
import { findImage, normaliseName } from '../state/store.ts';
import { status, type DockerCommand, type DockerContext, type DockerOutcome } from './command.ts';
import { openContainerShell } from './container-shell.ts';
import { treeFromFiles } from './container-fs.ts';
import { offlinePull, ociStartError, runDaemonError } from './messages.ts';
import { planRealRun } from '../../realrun/index.ts';
import type { RealRunRequest } from '../../realrun/types.ts';
import { CONTAINER_ROOT } from '../../realrun/root.ts';

/** The parts of an image config a container starts from. */
interface RunnableImage {
  fs: DirNode;
  User: string;
  WorkingDir: string;
  Env: readonly string[];
  Cmd: readonly string[] | null;
  Entrypoint: readonly string[] | null;
  /** How the image was built in this session (for `--real`); null for a catalogue image. */
  recipe: RealRunRequest['recipe'];
}

const SHELLS = new Set(['sh', 'ash', 'dash', 'bash']);
const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** A built image, or a catalogue image "pulled" (there is no registry: the catalogue stands in). */
function findRunnable({ daemon, io }: DockerContext, ref: string): RunnableImage | null {
  const stored = findImage(daemon.store, ref);
  if (stored !== undefined) return { fs: treeFromFiles(stored.image.files), ...stored.image.config, recipe: stored.recipe ?? null };
  const base = loadBaseImage(ref);
  if (!base.ok) return null;
  const name = normaliseName(ref);
  const colon = name.lastIndexOf(':');
  io.stderr(`Unable to find image '${name}' locally\n${name.slice(colon + 1)}: Pulling from ${base.value.imageRef.path}\n`);
  io.stderr(`Status: Downloaded newer image for ${name} (simulated: taken from Stagecraft's image catalogue, not a registry)\n`);
  return { fs: base.value.rootfs, ...base.value.config, recipe: null };
}

function passwdField(fs: DirNode, uid: number, field: number): string | undefined {
  const passwd = readFile(fs, { cred: ROOT_CRED }, '/etc/passwd');
  if (!passwd.ok || passwd.value.content === undefined) return undefined;
  return passwd.value.content.split('\n').map((l) => l.split(':')).find((f) => f[2] === String(uid))?.[field];
}

/** The container's environment in Docker's order: PATH, HOSTNAME, TERM, the image's, -e, HOME. */
function containerEnv(image: RunnableImage, extra: readonly string[], hostname: string, tty: boolean, home: string): Record<string, string> {
  const env: Record<string, string> = { PATH: DEFAULT_PATH, HOSTNAME: hostname };
  if (tty) env['TERM'] = 'xterm';
  for (const e of [...image.Env, ...extra]) {
    const eq = e.indexOf('=');
    // `-e NAME` copies the client's variable; the terminal's client has none.
    if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  env['HOME'] ??= home;
  return env;
}

/** The shell `-i` should attach: `sh`, or `docker-entrypoint.sh sh` (official images' entrypoints exec their arguments). */
function interactiveShell(argv: readonly string[]): string | null {
  const last = argv[argv.length - 1];
  if (last === undefined || !SHELLS.has(basename(last))) return null;
  if (argv.length === 1 || (argv.length === 2 && basename(argv[0] as string) === 'docker-entrypoint.sh')) return last;
  return null;
}

/**
 * `--real`: the same image, entrypoint, command, workdir and environment, planned for a WebContainer;
 * the terminal hands the plan to the page, which runs it and reports the exit code.
 */
function realRun({ io }: DockerContext, name: string, image: RunnableImage, argv: string[], workdir: string, extraEnv: readonly string[], detach: boolean): DockerOutcome {
  if (detach) {
    io.stderr('docker: --real runs in the foreground of this terminal; it cannot be combined with --detach.\n');
    return status(125);
  }
  const plan = planRealRun({ image: name, recipe: image.recipe, argv, workdir, env: [...image.Env, ...extraEnv], root: CONTAINER_ROOT });
  if (!plan.ok) {
    io.stderr(`docker: ${plan.error}\n`);
    return status(125);
  }
  return { status: 0, real: plan.value };
}

export const runCommand: DockerCommand = {
  name: 'run',
  path: 'docker run',
  use: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  summary: 'Create and run a new container from an image',
  args: { min: 1 },
  interspersed: false,
  flags: [
    { long: 'detach', short: 'd', kind: 'bool', description: 'Run container in background and print container ID' },
    { long: 'entrypoint', kind: 'string', description: 'Overwrite the default ENTRYPOINT of the image' },
    { long: 'env', short: 'e', kind: 'list', description: 'Set environment variables' },
    { long: 'hostname', short: 'h', kind: 'string', description: 'Container host name' },
    { long: 'interactive', short: 'i', kind: 'bool', description: 'Keep STDIN open even if not attached' },
    { long: 'name', kind: 'string', description: 'Assign a name to the container' },
    { long: 'publish', short: 'p', kind: 'list', description: "Publish a container's port(s) to the host (accepted; nothing listens here)" },
    { long: 'real', kind: 'bool', description: 'Stagecraft only: run a Node image for real in a WebContainer (needs network)' },
    { long: 'rm', kind: 'bool', description: 'Automatically remove the container and its associated anonymous volumes when it exits' },
    { long: 'tty', short: 't', kind: 'bool', description: 'Allocate a pseudo-TTY' },
    { long: 'user', short: 'u', kind: 'string', description: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { long: 'workdir', short: 'w', kind: 'string', description: 'Working directory inside the container' },
  ],
  run(flags, ctx): DockerOutcome {
    const { daemon, io } = ctx;
    const [ref = '', ...command] = flags.args;
    const image = findRunnable(ctx, ref);
    if (image === null) {
      io.stderr(offlinePull(normaliseName(ref)));
      return status(125);
    }
    const entrypointFlag = flags.strings.get('entrypoint');
    // --entrypoint replaces the image's entrypoint and drops its CMD; arguments replace CMD.
    const entrypoint = entrypointFlag === undefined ? image.Entrypoint ?? [] : entrypointFlag === '' ? [] : [entrypointFlag];
    const cmd = command.length > 0 ? command : entrypointFlag === undefined ? image.Cmd ?? [] : [];
    const argv = [...entrypoint, ...cmd];
    if (argv.length === 0) {
      io.stderr(runDaemonError('no command specified'));
      return status(125);
    }
    const id = daemon.newContainerId();
    const hostname = flags.strings.get('hostname') ?? id.slice(0, 12);
    const tty = flags.bools.has('tty');
    const userSpec = flags.strings.get('user') ?? image.User;
    const user = resolveUser(image.fs, userSpec);
    if (!user.ok) {
      io.stderr(runDaemonError(`unable to find ${user.missing} ${user.name}: no matching entries in ${user.missing === 'user' ? 'passwd' : 'group'} file`));
      return status(125);
    }
    // dockerd puts the primary group first in the process's additional gids (moby's getUser), then
    // the user's memberships from /etc/group; a RUN step gets the memberships only (runc's Sgids).
    const { uid, gid, groups } = user.value;
    const cred: Cred = { uid, gid, groups: [gid, ...groups.filter((g) => g !== gid)] };
    const userName = passwdField(image.fs, cred.uid, 0) ?? String(cred.uid);
    const home = passwdField(image.fs, cred.uid, 5) ?? '/';
    const cwd = flags.strings.get('workdir') ?? (image.WorkingDir === '' ? '/' : image.WorkingDir);
    let fs = image.fs;
    if (!stat(fs, { cred: ROOT_CRED }, cwd).ok) {
      // Docker creates a missing working directory (owned by root) before the process starts.
      const made = mkdir(fs, { cred: ROOT_CRED }, cwd, { parents: true });
      if (made.ok) fs = made.value;
    }
    const env = containerEnv(image, flags.lists.get('env') ?? [], hostname, tty, home);
    if (flags.bools.has('real')) return realRun(ctx, normaliseName(ref), image, argv, cwd, flags.lists.get('env') ?? [], flags.bools.has('detach'));
    const opts: ShellRunOptions = { fs, cred, user: userName, cwd, env, hostname, now: daemon.now() ?? DEFAULT_NOW, ...(tty ? { terminal: { cols: io.cols } } : {}) };
    const detached = flags.bools.has('detach');
    const shellName = flags.bools.has('interactive') && !detached ? interactiveShell(argv) : null;
    // The command runs (or, for a shell, is looked up) through the runtime's exec rules first.
    const result = runArgv(shellName === null ? argv : [shellName, '-c', ':'], opts);
    if (result.error?.kind === 'exec') {
      if (result.error.reason === 'not-simulated') {
        io.stderr(`${result.error.message}\n`);
        return status(NOT_SIMULATED_STATUS);
      }
      io.stderr(runDaemonError(ociStartError(result.error.message)));
      return status(result.error.reason === 'denied' ? 126 : 127);
    }
    if (detached) {
      io.stdout(`${id}\n`);
      io.stderr('(Stagecraft: the container ran to completion in the background; its output is not kept.)\n');
      return status(0);
    }
    if (shellName !== null) {
      const shell = openContainerShell({ name: shellName, fs, cred, user: userName, cwd, env, hostname, now: opts.now ?? DEFAULT_NOW, tty, cols: io.cols });
      return { status: 0, shell };
    }
    io.stdout(result.stdout);
    io.stderr(result.stderr);
    return status(result.exitCode);
  },
};
