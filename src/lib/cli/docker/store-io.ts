/**
 * Lets the `stagecraft` image commands (images, history, inspect, rmi) print for the browser
 * terminal: a CliIo whose state folder is the daemon's in-memory store, so docker's tables are
 * formatted in one place for both hosts.
 */
import { err, ok } from '../../diagnostics.ts';
import type { CliIo } from '../io.ts';
import type { StateHost } from '../state/host.ts';
import type { StoredImage } from '../state/store.ts';
import type { DockerContext } from './command.ts';

const DIR = '/daemon';
const IMAGES = `${DIR}/images.json`;

export function storeIo({ daemon, io }: DockerContext): CliIo & StateHost {
  const host: CliIo & StateHost = {
    stdout: (text) => io.stdout(text),
    stderr: (text) => io.stderr(text),
    cwd: '/',
    env: { STAGECRAFT_STATE: DIR },
    readFile: (path) => (path === IMAGES ? ok(JSON.stringify(daemon.store.images)) : err(`open ${path}: no such file or directory`)),
    readTree: (dir) => err(`${dir}: not readable from the terminal's image commands`),
    writeFile(path, text) {
      if (path !== IMAGES) return err(`${path}: the terminal keeps only its images`);
      // In place: the playground holds the same store object.
      daemon.store.images.splice(0, daemon.store.images.length, ...(JSON.parse(text) as StoredImage[]));
      return ok(undefined);
    },
  };
  const now = daemon.now();
  if (now !== null) host.now = () => now;
  return host;
}
