/**
 * `docker images` (with its REPOSITORY[:TAG] argument, -q, -a, --no-trunc, --filter, --format) and
 * `docker inspect` / `docker image inspect` and `docker history` (with --format), `rmi` (printed by
 * the `stagecraft` command over the in-memory store), `docker tag` and `docker image prune`.
 */
import { humanSize } from '../../build/index.ts';
import { err, ok, type Result } from '../../diagnostics.ts';
import { inspectDoc } from '../commands/inspect.ts';
import { rmiCommand as stagecraftRmi } from '../commands/rmi.ts';
import { createdAgo, findImage, normaliseName } from '../state/store.ts';
import { status, type DockerCommand, type DockerContext, type DockerOutcome } from './command.ts';
import type { DockerIo } from './daemon.ts';
import { contextType, writeFormatted } from './format-context.ts';
import { filterRows, imageRows, parseImageFilters } from './image-filters.ts';
import { DEFAULT_HISTORY_TABLE, HISTORY_CONTEXT, HISTORY_HEADERS, historyFields } from './history-format.ts';
import { renderInspect, type InspectLookup } from './inspect-format.ts';
import { reclaimableBytes } from './layers.ts';
import type { FlagSpec } from './flags.ts';
import { flagError, noSuchImage } from './messages.ts';
import { storeIo } from './store-io.ts';

async function delegate(ctx: DockerContext, run: typeof stagecraftRmi.run, args: readonly string[]): Promise<number> {
  return run(args, storeIo(ctx));
}

/**
 * The daemon's words for an image it cannot find (moby's ErrImageDoesNotExist): a name gets its
 * implied tag (`nope` → `nope:latest`, reference.TagNameOnly), a full id reads as a digest.
 */
const imageNotFound = (ref: string): string => noSuchImage(/^[0-9a-f]{64}$/.test(ref) ? `sha256:${ref}` : normaliseName(ref));

const DEFAULT_IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
const IMAGE_HEADERS = {
  ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT',
  Size: 'SIZE', Containers: 'CONTAINERS', VirtualSize: 'VIRTUAL SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE',
};
const IMAGE_CONTEXT = contextType('formatter.imageContext', Object.keys(IMAGE_HEADERS));

/** Go's time.Time.String() in UTC, second precision (docker's CreatedAt). */
function goTime(ms: number | null): string {
  const iso = new Date(ms ?? 0).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** `docker image` subcommands a mistyped `docker images <word>` probably meant (printAmbiguousHint). */
const IMAGE_SUBCOMMANDS = new Set(['build', 'history', 'import', 'inspect', 'list', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag']);

export const imagesCommand: DockerCommand = {
  name: 'images',
  path: 'docker images',
  use: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
  summary: 'List images',
  args: { min: 0, max: 1 },
  flags: [
    { long: 'all', short: 'a', kind: 'bool', description: 'Show all images (default hides intermediate and dangling images)' },
    { long: 'filter', short: 'f', kind: 'list', valueName: 'filter', description: 'Filter output based on conditions provided' },
    { long: 'format', kind: 'string', valueName: 'string', description: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)" },
    { long: 'no-trunc', kind: 'bool', description: "Don't truncate output" },
    { long: 'quiet', short: 'q', kind: 'bool', description: 'Only show image IDs' },
  ],
  run(flags, { daemon, io }) {
    const pairs: [string, string][] = [];
    for (const f of flags.lists.get('filter') ?? []) {
      if (f === '') continue;
      const eq = f.indexOf('=');
      if (eq === -1) {
        io.stderr(flagError(this, `invalid argument "${f}" for "-f, --filter" flag: bad format of filter (expected name=value)`));
        return status(125);
      }
      pairs.push([f.slice(0, eq).trim().toLowerCase(), f.slice(eq + 1).trim()]);
    }
    const match = flags.args[0];
    if (match !== undefined && match !== '') pairs.push(['reference', match]);
    const filters = parseImageFilters(pairs);
    if (!filters.ok) {
      io.stderr(`${filters.error}\n`);
      return status(1);
    }
    const rows = filterRows(imageRows(daemon.store.images), filters.value);
    const noTrunc = flags.bools.has('no-trunc');
    const now = daemon.now();
    const fields = rows.map((r) => {
      const size = humanSize(r.image.image.size);
      return {
        Containers: 'N/A',
        CreatedAt: goTime(r.image.created),
        CreatedSince: createdAgo(r.image.created, now),
        Digest: '<none>',
        ID: noTrunc ? `sha256:${r.image.id}` : r.image.id.slice(0, 12),
        Repository: r.repository,
        SharedSize: 'N/A',
        Size: size,
        Tag: r.tag,
        UniqueSize: 'N/A',
        VirtualSize: size,
      };
    });
    const asked = flags.strings.get('format') ?? '';
    const format = asked === '' || asked === 'table' ? (flags.bools.has('quiet') ? '{{.ID}}' : DEFAULT_IMAGE_TABLE) : asked;
    if (!printed(io, writeFormatted(format, IMAGE_CONTEXT, fields, IMAGE_HEADERS))) return status(1);
    if (rows.length === 0 && match !== undefined && this.path === 'docker images' && IMAGE_SUBCOMMANDS.has(match)) {
      io.stderr(`No images found matching "${match}": did you mean "docker image ${match}"?\n`);
    }
    return status(0);
  },
};

/** Prints a `--format` rendering, or its template error on stderr; false when the template failed. */
function printed(io: DockerIo, out: Result<string, string>): boolean {
  if (out.ok) io.stdout(out.value);
  else io.stderr(`${out.error}\n`);
  return out.ok;
}

export const historyCommand: DockerCommand = {
  name: 'history',
  path: 'docker history',
  use: 'docker history [OPTIONS] IMAGE',
  summary: 'Show the history of an image',
  args: { min: 1, max: 1 },
  flags: [
    { long: 'format', kind: 'string', valueName: 'string', description: "Format output using a custom template ('table', 'table TEMPLATE', 'json' or a Go template)" },
    { long: 'no-trunc', kind: 'bool', description: "Don't truncate output" },
    { long: 'quiet', short: 'q', kind: 'bool', description: 'Only show image IDs' },
  ],
  run(flags, { daemon, io }) {
    const ref = flags.args[0] as string;
    const image = findImage(daemon.store, ref);
    if (image === undefined) {
      io.stderr(imageNotFound(ref));
      return status(1);
    }
    const asked = flags.strings.get('format') ?? '';
    const format = asked === '' || asked === 'table' ? (flags.bools.has('quiet') ? '{{.ID}}' : DEFAULT_HISTORY_TABLE) : asked;
    const out = writeFormatted(format, HISTORY_CONTEXT, historyFields(image, daemon.now(), flags.bools.has('no-trunc')), HISTORY_HEADERS);
    return status(printed(io, out) ? 0 : 1);
  },
};

const OBJECT_TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

const FORMAT_FLAG: FlagSpec = { long: 'format', short: 'f', kind: 'string', valueName: 'string', description: 'Format output using a custom template' };

function printInspect(io: DockerIo, format: string, lookups: readonly InspectLookup[]): DockerOutcome {
  const out = renderInspect(format, lookups);
  io.stdout(out.stdout);
  if (out.stderr !== '') io.stderr(out.stderr);
  return status(out.status);
}

/** `docker image inspect`: images only, `-f/--format` only, and the daemon's words for a missing one. */
export const imageInspectCommand: DockerCommand = {
  name: 'inspect',
  path: 'docker image inspect',
  use: 'docker image inspect [OPTIONS] IMAGE [IMAGE...]',
  summary: 'Display detailed information on one or more images',
  args: { min: 1 },
  flags: [FORMAT_FLAG],
  run(flags, { daemon, io }) {
    const lookups = flags.args.map((ref) => {
      const image = findImage(daemon.store, ref);
      return image === undefined ? err(imageNotFound(ref).trimEnd()) : ok(inspectDoc(image));
    });
    return printInspect(io, flags.strings.get('format') ?? '', lookups);
  },
};

export const inspectCommand: DockerCommand = {
  name: 'inspect',
  path: 'docker inspect',
  use: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
  summary: 'Return low-level information on Docker objects',
  args: { min: 1 },
  flags: [
    FORMAT_FLAG,
    { long: 'size', short: 's', kind: 'bool', description: 'Display total file sizes if the type is container' },
    { long: 'type', kind: 'string', valueName: 'string', description: 'Only inspect objects of the given type' },
  ],
  run(flags, ctx) {
    const { daemon, io } = ctx;
    const type = flags.strings.get('type');
    const types = `"${OBJECT_TYPES.join('", "')}"`;
    if (type !== undefined && !OBJECT_TYPES.includes(type)) {
      io.stderr(type === '' ? `type is empty: must be one of ${types}\n` : `unknown type: "${type}": must be one of ${types}\n`);
      return status(1);
    }
    const lookups = flags.args.map((ref) => {
      const image = type === undefined || type === 'image' ? findImage(daemon.store, ref) : undefined;
      if (image !== undefined) {
        if (flags.bools.has('size')) io.stderr('WARNING: --size ignored for image\n');
        return ok(inspectDoc(image));
      }
      return err(`error: no such object: ${ref}`);
    });
    return printInspect(io, flags.strings.get('format') ?? '', lookups);
  },
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
      io.stderr(imageNotFound(source));
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
