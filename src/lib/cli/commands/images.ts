/** `stagecraft images [--state DIR]`: the image list, as `docker images` prints it. */
import { humanSize } from '../../build/index.ts';
import type { Command } from '../io.ts';
import { stateHost } from '../state/host.ts';
import { createdAgo, loadStore, stateDir, takeStateFlag } from '../state/store.ts';

/** Docker's table layout (text/tabwriter: min width 10, padding 3; the last column unpadded). */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(10, ...rows.map((r) => (r[c] ?? '').length + 3)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('').trimEnd() + '\n').join('');
}

const usage = 'Usage: stagecraft images [--state DIR]\n';

export const imagesCommand: Command = {
  name: 'images',
  summary: 'List the images built into the state folder',
  usage,
  run(argv, io) {
    const { rest, state } = takeStateFlag(argv);
    if (rest.length > 0) {
      io.stderr(rest[0] === '--help' ? '' : `ERROR: unexpected argument ${rest[0]}\n`);
      (rest[0] === '--help' ? io.stdout : io.stderr)(usage);
      return rest[0] === '--help' ? 0 : 2;
    }
    const store = loadStore(io, stateDir(io, state), false);
    const now = stateHost(io)?.now?.() ?? null;
    const rows = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']];
    for (const image of store.images) {
      const tags = image.repoTags.length > 0 ? image.repoTags : ['<none>:<none>'];
      for (const tag of tags) {
        const colon = tag.lastIndexOf(':');
        rows.push([tag.slice(0, colon), tag.slice(colon + 1), image.id.slice(0, 12), createdAgo(image.created, now), humanSize(image.image.size)]);
      }
    }
    io.stdout(formatTable(rows));
    return 0;
  },
};
