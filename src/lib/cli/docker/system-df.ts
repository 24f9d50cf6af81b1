/** `docker system df`: disk used by images (shared layers counted once) and the build cache. */
import { humanSize } from '../../build/index.ts';
import { formatTable } from '../commands/images.ts';
import { status, type DockerCommand } from './command.ts';
import { uniqueBytes } from './layers.ts';

export const systemDfCommand: DockerCommand = {
  name: 'df',
  path: 'docker system df',
  use: 'docker system df [OPTIONS]',
  summary: 'Show docker disk usage',
  args: { min: 0, max: 0 },
  flags: [],
  run(_flags, { daemon, io }) {
    const images = daemon.store.images;
    const imageBytes = uniqueBytes(images);
    let cacheBytes = 0;
    for (const step of daemon.store.cache.steps.values()) cacheBytes += step.size;
    // No container outlives its run here, so nothing is active and everything is reclaimable.
    io.stdout(formatTable([
      ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
      ['Images', String(images.length), '0', humanSize(imageBytes), imageBytes > 0 ? `${humanSize(imageBytes)} (100%)` : '0B'],
      ['Containers', '0', '0', '0B', '0B'],
      ['Local Volumes', '0', '0', '0B', '0B'],
      ['Build Cache', String(daemon.store.cache.steps.size), '0', humanSize(cacheBytes), humanSize(cacheBytes)],
    ]));
    return status(0);
  },
};
