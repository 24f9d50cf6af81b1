/**
 * The page's side of the build worker: one build at a time, the newest request wins, and a build
 * that runs past the time limit is stopped (the worker is terminated and replaced; its cache is lost).
 */
import type { BuildResult } from '../../lib/build/index.ts';
import type { PlaygroundState } from '../../lib/share/index.ts';
import type { BuildRequest, BuildResponse } from './build-protocol.ts';

export type BuildOutcome =
  | { kind: 'done'; result: BuildResult; buildMs: number; roundTripMs: number }
  | { kind: 'timeout'; limitMs: number };

export interface BuildClient {
  /** Builds `state`; answers with the outcome unless a newer request came in meanwhile. */
  request(state: PlaygroundState, options?: { resetCache?: boolean }): void;
  dispose(): void;
}

export function createBuildClient(makeWorker: () => Worker, onOutcome: (outcome: BuildOutcome) => void, limitMs = 8000): BuildClient {
  let worker: Worker | null = null;
  let nextId = 1;
  let running: { id: number; sentAt: number; timer: ReturnType<typeof setTimeout> } | null = null;
  let queued: BuildRequest | null = null;

  const start = () => {
    if (running !== null || queued === null) return;
    const request = queued;
    queued = null;
    worker ??= spawn();
    const timer = setTimeout(() => {
      worker?.terminate();
      worker = null;
      running = null;
      onOutcome({ kind: 'timeout', limitMs });
      start();
    }, limitMs);
    running = { id: request.id, sentAt: performance.now(), timer };
    worker.postMessage(request);
  };

  const spawn = () => {
    const w = makeWorker();
    w.addEventListener('message', (event: MessageEvent<BuildResponse>) => {
      const response = event.data;
      if (running === null || response.id !== running.id) return;
      clearTimeout(running.timer);
      const roundTripMs = performance.now() - running.sentAt;
      running = null;
      // Answer only for the newest request: an older result would flash stale views.
      if (queued === null) onOutcome({ kind: 'done', result: response.result, buildMs: response.buildMs, roundTripMs });
      start();
    });
    return w;
  };

  return {
    request(state, options) {
      // A reset asked for by a request that a newer one replaced before it was sent still applies.
      const resetCache = options?.resetCache === true || (queued?.resetCache ?? false);
      queued = { id: nextId++, state, resetCache };
      start();
    },
    dispose() {
      if (running !== null) clearTimeout(running.timer);
      worker?.terminate();
      worker = null;
      running = null;
      queued = null;
    },
  };
}
