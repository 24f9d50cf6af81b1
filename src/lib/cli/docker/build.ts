/**
 * `docker build [-f FILE] [-t NAME]... [--target STAGE] [--build-arg K=V]... [--secret id=X,src=FILE]...
 * [--no-cache] [--progress auto|tty|plain|quiet] [-q] PATH` over the terminal's build context, with the session's
 * image store and cache. Progress goes to stderr as BuildKit prints it on a terminal.
 */
import { build, formatProgress, type BuildInput } from '../../build/index.ts';
import { plainOutput } from '../commands/build.ts';
import { addImage, normaliseName } from '../state/store.ts';
import { entryKind, resolveContextPath, subContext } from './context-files.ts';
import { status, type DockerCommand } from './command.ts';
import { loadSecrets } from './secrets.ts';
import { formatTtyProgress } from './tty-progress.ts';

const PROGRESS = new Set(['auto', 'tty', 'plain', 'quiet']);

export const buildCommand: DockerCommand = {
  name: 'build',
  path: 'docker buildx build',
  use: 'docker buildx build [OPTIONS] PATH | URL | -',
  summary: 'Build an image from a Dockerfile',
  args: { min: 1, max: 1 },
  flags: [
    { long: 'build-arg', kind: 'list', valueName: 'stringArray', description: 'Set build-time variables' },
    { long: 'file', short: 'f', kind: 'string', description: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
    { long: 'no-cache', kind: 'bool', description: 'Do not use cache when building the image' },
    { long: 'progress', kind: 'string', description: 'Set type of progress output ("auto", "plain", "tty", "quiet")' },
    { long: 'quiet', short: 'q', kind: 'bool', description: 'Suppress the build output and print image ID on success' },
    { long: 'secret', kind: 'list', valueName: 'stringArray', description: 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")' },
    { long: 'tag', short: 't', kind: 'list', valueName: 'stringArray', description: 'Image identifier (format: "[registry/]repository[:tag]")' },
    { long: 'target', kind: 'string', description: 'Set the target build stage to build' },
  ],
  run(flags, { daemon, io }) {
    const progress = flags.bools.has('quiet') ? 'quiet' : flags.strings.get('progress') ?? 'auto';
    if (!PROGRESS.has(progress)) {
      io.stderr(`ERROR: invalid progress mode "${progress}" (Stagecraft supports auto, tty, plain and quiet)\n`);
      return status(1);
    }
    const all = daemon.context();
    const typed = flags.args[0] as string;
    const dir = resolveContextPath(io.cwd, typed);
    if (dir === null || entryKind(all, dir) !== 'dir') {
      io.stderr(`ERROR: unable to prepare context: path "${typed}" not found\n`);
      return status(1);
    }
    const fileFlag = flags.strings.get('file');
    const dockerfilePath = fileFlag === undefined ? (dir === '' ? 'Dockerfile' : `${dir}/Dockerfile`) : resolveContextPath(io.cwd, fileFlag);
    const dockerfile = dockerfilePath === null ? undefined : all[dockerfilePath]?.content;
    if (dockerfilePath === null || dockerfile === undefined) {
      const shown = fileFlag ?? 'Dockerfile';
      io.stderr(`ERROR: failed to build: failed to solve: failed to read dockerfile: open ${shown}: no such file or directory\n`);
      return status(1);
    }
    const buildArgs: Record<string, string> = {};
    for (const a of flags.lists.get('build-arg') ?? []) {
      const eq = a.indexOf('=');
      // `--build-arg NAME` takes the value from the client's environment, which is empty here.
      if (eq > 0) buildArgs[a.slice(0, eq)] = a.slice(eq + 1);
    }
    // The terminal's host has no environment variables: `env=` secrets are empty, as unset ones are in Docker.
    const secrets = loadSecrets(flags.lists.get('secret') ?? [], {
      readFile: (path) => {
        const at = resolveContextPath(io.cwd, path);
        const content = at === null ? undefined : all[at]?.content;
        return content === undefined ? { ok: false, error: 'not found' } : { ok: true, value: content };
      },
      env: () => undefined,
    });
    if (!secrets.ok) {
      io.stderr(`ERROR: failed to build: ${secrets.error}\n`);
      return status(1);
    }
    const tags = (flags.lists.get('tag') ?? []).map(normaliseName);
    const inContext = dir === '' || dockerfilePath.startsWith(`${dir}/`);
    const input: BuildInput = {
      dockerfile,
      dockerfilePath: inContext ? dockerfilePath.slice(dir === '' ? 0 : dir.length + 1) : dockerfilePath.slice(dockerfilePath.lastIndexOf('/') + 1),
      context: subContext(all, dir),
      buildArgs,
      secrets: secrets.value,
      noCache: flags.bools.has('no-cache'),
    };
    const target = flags.strings.get('target');
    if (target !== undefined) input.target = target;
    if (tags[0] !== undefined) input.tag = tags[0];
    const result = build(input, daemon.store.cache);
    const plain = plainOutput(result, dockerfile, input.dockerfilePath ?? 'Dockerfile');
    if (progress === 'plain') io.stderr(plain);
    else {
      if (progress !== 'quiet') io.stderr(formatTtyProgress(result.progress, result.ok, io.cols, io.color));
      // After the display, a failure prints the same error block as plain progress does.
      io.stderr(plain.slice(formatProgress(result.progress).length));
    }
    if (!result.ok || result.image === null) return status(1);
    const created = daemon.now();
    const { secrets: _secrets, ...recipe } = input;
    let stored = addImage(daemon.store, result.image, tags[0] ?? null, created, recipe);
    for (const tag of tags.slice(1)) stored = addImage(daemon.store, result.image, tag, created, recipe);
    if (progress === 'quiet') io.stdout(`sha256:${stored.id}\n`);
    return status(0);
  },
};
