/**
 * `docker images`, `history`, `inspect`, `rmi` (printed by the `stagecraft` commands over the
 * in-memory store), `docker tag` and `docker image prune`.
 */
import { humanSize } from '../../build/index.ts';
import { historyCommand as stagecraftHistory } from '../commands/history.ts';
import { imagesCommand as stagecraftImages } from '../commands/images.ts';
import { inspectCommand as stagecraftInspect } from '../commands/inspect.ts';
import { rmiCommand as stagecraftRmi } from '../commands/rmi.ts';
import { findImage, normaliseName } from '../state/store.ts';
import { status, type DockerCommand, type DockerContext } from './command.ts';
import { reclaimableBytes } from './layers.ts';
import { noSuchImage } from './messages.ts';
import { storeIo } from './store-io.ts';

async function delegate(ctx: DockerContext, run: typeof stagecraftImages.run, args: readonly string[]): Promise<number> {
  return run(args, storeIo(ctx));
}

export const imagesCommand: DockerCommand = {
  name: 'images',
  path: 'docker images',
  use: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
  summary: 'List images',
  args: { min: 0, max: 0 },
  flags: [],
  run: async (_flags, ctx) => status(await delegate(ctx, stagecraftImages.run, [])),
};

export const historyCommand: DockerCommand = {
  name: 'history',
  path: 'docker history',
  use: 'docker history [OPTIONS] IMAGE',
  summary: 'Show the history of an image',
  args: { min: 1, max: 1 },
  flags: [{ long: 'no-trunc', kind: 'bool', description: "Don't truncate output" }],
  run: async (flags, ctx) =>
    status(await delegate(ctx, stagecraftHistory.run, [...(flags.bools.has('no-trunc') ? ['--no-trunc'] : []), ...flags.args])),
};

export const inspectCommand: DockerCommand = {
  name: 'inspect',
  path: 'docker inspect',
  use: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
  summary: 'Return low-level information on Docker objects',
  args: { min: 1 },
  flags: [],
  run: async (flags, ctx) => status(await delegate(ctx, stagecraftInspect.run, flags.args)),
};

export const rmiCommand: DockerCommand = {
  name: 'rmi',
  path: 'docker rmi',
  use: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
  summary: 'Remove one or more images',
  args: { min: 1 },
  flags: [{ long: 'force', short: 'f', kind: 'bool', description: 'Force removal of the image' }],
  run: async (flags, ctx) => status(await delegate(ctx, stagecraftRmi.run, flags.args)),
};

export const tagCommand: DockerCommand = {
  name: 'tag',
  path: 'docker tag',
  use: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  args: { min: 2, max: 2 },
  flags: [],
  run(flags, { daemon, io }) {
    const [source, target] = flags.args as [string, string];
    const image = findImage(daemon.store, source);
    if (image === undefined) {
      io.stderr(noSuchImage(source.includes(':') ? source : normaliseName(source)));
      return status(1);
    }
    const tag = normaliseName(target);
    // A tag names one image: it moves, and an image left without tags stays as <none>.
    for (const other of daemon.store.images) other.repoTags = other.repoTags.filter((t) => t !== tag);
    image.repoTags.push(tag);
    return status(0);
  },
};

export const pruneCommand: DockerCommand = {
  name: 'prune',
  path: 'docker image prune',
  use: 'docker image prune [OPTIONS]',
  summary: 'Remove unused images',
  args: { min: 0, max: 0 },
  flags: [
    { long: 'all', short: 'a', kind: 'bool', description: 'Remove all unused images, not just dangling ones' },
    { long: 'force', short: 'f', kind: 'bool', description: 'Do not prompt for confirmation' },
  ],
  async run(flags, { daemon, io }) {
    const all = flags.bools.has('all');
    if (!flags.bools.has('force')) {
      const warning = all
        ? 'WARNING! This will remove all images without at least one container associated to them.'
        : 'WARNING! This will remove all dangling images.';
      const answer = io.ask === undefined ? '' : await io.ask(`${warning}\nAre you sure you want to continue? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) return status(0);
    }
    // No container is ever kept, so with -a every image is unused.
    const doomed = daemon.store.images.filter((i) => all || i.repoTags.length === 0);
    const kept = daemon.store.images.filter((i) => !doomed.includes(i));
    const freed = reclaimableBytes(doomed, kept);
    let out = '';
    for (const image of doomed) out += [...image.repoTags.map((t) => `untagged: ${t}\n`), `deleted: sha256:${image.id}\n`].join('');
    daemon.store.images.splice(0, daemon.store.images.length, ...kept);
    io.stdout(`${doomed.length > 0 ? `Deleted Images:\n${out}\n` : ''}Total reclaimed space: ${humanSize(freed)}\n`);
    return status(0);
  },
};
