/**
 * What the `docker` commands of the browser terminal share with the playground: the image store and
 * build cache (in memory, the same objects the playground builds with), the build context, and the
 * injected clock and container ids (src/lib has no clock or randomness of its own).
 */
import { createBuildCache, hashText, type ContextInput } from '../../build/index.ts';
import type { StateStore } from '../state/store.ts';

export interface DockerDaemon {
  store: StateStore;
  /** The build context as it is now (the playground's files and Dockerfile). */
  context(): ContextInput;
  /** Milliseconds since the epoch for CREATED columns; null shows N/A. */
  now(): number | null;
  /** A new container id (64 hex digits). */
  newContainerId(): string;
}

/** The terminal's side of a docker command: output streams and where the host shell stands. */
export interface DockerIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The host shell's folder, relative to the context root ('' is the root). */
  cwd: string;
  /** Terminal width, for BuildKit's progress display. */
  cols: number;
  /** ANSI colours, as docker uses on a terminal. */
  color: boolean;
  /** Asks for one line of input (`image prune`'s confirmation); absent answers "no". */
  ask?(question: string): Promise<string>;
}

export interface DaemonOptions {
  context: () => ContextInput;
  now?: () => number | null;
  newContainerId?: () => string;
  store?: StateStore;
}

/** Ids from a counter through a hash: deterministic, distinct, shaped like Docker's. */
function countingIds(): () => string {
  let n = 0;
  return () => {
    n++;
    return [0, 1, 2, 3].map((lane) => hashText(`container ${n} ${lane}`)).join('');
  };
}

export function createDaemon(options: DaemonOptions): DockerDaemon {
  return {
    store: options.store ?? { dir: '', images: [], cache: createBuildCache() },
    context: options.context,
    now: options.now ?? (() => null),
    newContainerId: options.newContainerId ?? countingIds(),
  };
}
