/** `stagecraft history [--no-trunc] [--state DIR] IMAGE`: the layers of an image, newest first, as `docker history`. */
import { humanSize } from '../../build/index.ts';
import type { Command } from '../io.ts';
import { stateHost } from '../state/host.ts';
import { createdAgo, findImage, loadStore, stateDir, takeStateFlag } from '../state/store.ts';
import { formatTable } from './images.ts';

const usage = 'Usage: stagecraft history [--no-trunc] [--state DIR] IMAGE\n';

/** Docker truncates CREATED BY to 45 characters, ending in an ellipsis. */
export const ellipsis = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export const historyCommand: Command = {
  name: 'history',
  summary: 'Show the history (layers) of an image',
  usage,
  run(argv, io) {
    const { rest, state } = takeStateFlag(argv);
    const noTrunc = rest.includes('--no-trunc');
    const names = rest.filter((a) => a !== '--no-trunc');
    if (names.length !== 1 || (names[0] as string).startsWith('-')) {
      io.stderr(`"stagecraft history" requires exactly 1 argument.\n${usage}`);
      return 2;
    }
    const ref = names[0] as string;
    const store = loadStore(io, stateDir(io, state), false);
    const image = findImage(store, ref);
    if (image === undefined) {
      io.stderr(`Error response from daemon: No such image: ${ref}\n`);
      return 1;
    }
    const created = createdAgo(image.created, stateHost(io)?.now?.() ?? null);
    const rows = [['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT']];
    const entries = [...image.image.history].reverse();
    entries.forEach((h, i) => {
      rows.push([
        i === 0 ? image.id.slice(0, 12) : '<missing>',
        created,
        noTrunc ? h.createdBy : ellipsis(h.createdBy, 45),
        humanSize(h.size),
        h.comment,
      ]);
    });
    io.stdout(formatTable(rows));
    return 0;
  },
};
