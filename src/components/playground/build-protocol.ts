/** Messages between the page and the build worker. */
import type { BuildResult } from '../../lib/build/index.ts';
import type { PlaygroundState } from '../../lib/share/index.ts';

export interface BuildRequest {
  id: number;
  state: PlaygroundState;
  /** Start from an empty cache (the cache of a stopped worker is lost anyway). */
  resetCache: boolean;
}

export interface BuildResponse {
  id: number;
  result: BuildResult;
  /** Time the engine took inside the worker. */
  buildMs: number;
}
