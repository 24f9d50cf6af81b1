/** Messages between the page and the build worker (which also runs the terminal: terminal-protocol.ts). */
import type { BuildResult } from '../../lib/build/index.ts';
import type { PlaygroundState } from '../../lib/share/index.ts';

/** The name each playground build gets in the session's image store, where the terminal sees it. */
export const PLAYGROUND_TAG = 'playground:latest';

export interface BuildRequest {
  kind: 'build';
  id: number;
  state: PlaygroundState;
  /** Start from an empty cache (the cache of a stopped worker is lost anyway). */
  resetCache: boolean;
}

/** The worker's first message, once its code is loaded: the time limit counts from then. */
export interface WorkerReady {
  kind: 'ready';
}

export interface BuildResponse {
  kind: 'result';
  id: number;
  result: BuildResult;
  /** Time the engine took inside the worker. */
  buildMs: number;
  /** The image runs Node, so the terminal can offer to run it for real. */
  runsNode: boolean;
}
