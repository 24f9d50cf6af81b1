/** `stagecraft rmi [--state DIR] IMAGE...`: untag, and delete an image left without tags, as `docker rmi`. */
import type { Command } from '../io.ts';
import { NO_HOST, stateHost } from '../state/host.ts';
import { findImage, loadStore, normaliseName, saveImages, stateDir, takeStateFlag } from '../state/store.ts';

const usage = 'Usage: stagecraft rmi [--state DIR] IMAGE [IMAGE...]\n';

export const rmiCommand: Command = {
  name: 'rmi',
  summary: 'Remove images from the state folder',
  usage,
  run(argv, io) {
    const { rest, state } = takeStateFlag(argv);
    if (rest.length === 0 || rest.some((a) => a.startsWith('-'))) {
      io.stderr(`"stagecraft rmi" requires at least 1 argument.\n${usage}`);
      return 2;
    }
    const host = stateHost(io);
    if (host === null) {
      io.stderr(`ERROR: ${NO_HOST}\n`);
      return 1;
    }
    const store = loadStore(io, stateDir(io, state), false);
    let status = 0;
    for (const ref of rest) {
      const image = findImage(store, ref);
      if (image === undefined) {
        io.stderr(`Error response from daemon: No such image: ${ref.includes(':') || /^[0-9a-f]{12,}$/.test(ref) ? ref : normaliseName(ref)}\n`);
        status = 1;
        continue;
      }
      const tag = normaliseName(ref);
      if (image.repoTags.includes(tag)) {
        image.repoTags = image.repoTags.filter((t) => t !== tag);
        io.stdout(`Untagged: ${tag}\n`);
      } else {
        for (const t of image.repoTags) io.stdout(`Untagged: ${t}\n`);
        image.repoTags = [];
      }
      if (image.repoTags.length === 0) {
        store.images = store.images.filter((i) => i !== image);
        io.stdout(`Deleted: sha256:${image.id}\n`);
      }
    }
    const saved = saveImages(host, store);
    if (saved !== null) {
      io.stderr(`ERROR: ${saved}\n`);
      return 1;
    }
    return status;
  },
};
