/**
 * The page's side of the build worker: one build at a time, the newest request wins, and a build
 * that runs past the time limit is stopped (the worker is terminated and replaced; its cache is lost).
 * The limit counts from when the worker has loaded its code (its `ready` message), so a slow first
 * load on a busy machine is not taken for a runaway build.
 */
import type { BuildResult } from '../../lib/build/index.ts';
import type { PlaygroundState } from '../../lib/share/index.ts';
import type { BuildRequest, BuildResponse, WorkerReady } from './build-protocol.ts';

export type BuildOutcome =
  | { kind: 'done'; result: BuildResult; buildMs: number; roundTripMs: number }
  | { kind: 'timeout'; limitMs: number }
  /** The worker failed to load or threw: a bug, not a Dockerfile problem. */
  | { kind: 'crashed'; message: string };

export interface BuildClient {
  /** Builds `state`; answers with the outcome unless a newer request came in meanwhile. */
  request(state: PlaygroundState, options?: { resetCache?: boolean }): void;
  dispose(): void;
}

export function createBuildClient(makeWorker: () => Worker, onOutcome: (outcome: BuildOutcome) => void, limitMs = 8000): BuildClient {
  let worker: Worker | null = null;
  let ready = false;
  let nextId = 1;
  let running: { id: number; sentAt: number; timer: ReturnType<typeof setTimeout> } | null = null;
  let queued: BuildRequest | null = null;

  /** Drops the worker (and its cache); the next request starts a fresh one. */
  const drop = () => {
    if (running !== null) clearTimeout(running.timer);
    worker?.terminate();
    worker = null;
    ready = false;
    running = null;
  };

  const start = () => {
    if (running !== null || queued === null) return;
    worker ??= spawn();
    if (!ready) return; // sent when the worker says it is ready
    const request = queued;
    queued = null;
    const timer = setTimeout(() => {
      drop();
      onOutcome({ kind: 'timeout', limitMs });
      start();
    }, limitMs);
    running = { id: request.id, sentAt: performance.now(), timer };
    worker.postMessage(request);
  };

  const spawn = () => {
    const w = makeWorker();
    w.addEventListener('message', (event: MessageEvent<BuildResponse | WorkerReady>) => {
      const response = event.data;
      if (response.kind === 'ready') {
        ready = true;
        start();
        return;
      }
      if (running === null || response.id !== running.id) return;
      clearTimeout(running.timer);
      const roundTripMs = performance.now() - running.sentAt;
      running = null;
      // Answer only for the newest request: an older result would flash stale views.
      if (queued === null) onOutcome({ kind: 'done', result: response.result, buildMs: response.buildMs, roundTripMs });
      start();
    });
    w.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      drop();
      onOutcome({ kind: 'crashed', message: event.message ?? 'the build worker failed' });
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
      drop();
      queued = null;
    },
  };
}
