/**
 * The page's side of the build worker: one build at a time, the newest request wins, and a build
 * that runs past the time limit is stopped (the worker is terminated and replaced; its cache is lost).
 * The limit counts from when the worker has loaded its code (its `ready` message), so a slow first
 * load on a busy machine is not taken for a runaway build.
 * The same worker runs the playground's terminal (`terminal()`), which so shares the session's image
 * store and cache; when the worker is replaced, the terminal is told to start again.
 */
import type { BuildResult } from '../../lib/build/index.ts';
import type { PlaygroundState } from '../../lib/share/index.ts';
import { isTerminalMessage, type FromTerminalWorker, type TerminalChannel } from '../terminal/terminal-protocol.ts';
import type { BuildRequest, BuildResponse, WorkerReady } from './build-protocol.ts';

export type BuildOutcome =
  | { kind: 'done'; result: BuildResult; buildMs: number; roundTripMs: number; runsNode: boolean }
  | { kind: 'timeout'; limitMs: number }
  /** The worker failed to load or threw: a bug, not a Dockerfile problem. */
  | { kind: 'crashed'; message: string };

export interface BuildClient {
  /** Builds `state`; answers with the outcome unless a newer request came in meanwhile. */
  request(state: PlaygroundState, options?: { resetCache?: boolean }): void;
  /** A channel to the terminal program in the build worker (one terminal per playground). */
  terminal(): TerminalChannel;
  dispose(): void;
}

export function createBuildClient(makeWorker: () => Worker, onOutcome: (outcome: BuildOutcome) => void, limitMs = 8000): BuildClient {
  let worker: Worker | null = null;
  let ready = false;
  let nextId = 1;
  let running: { id: number; sentAt: number; timer: ReturnType<typeof setTimeout> } | null = null;
  let queued: BuildRequest | null = null;
  const screens = new Set<(message: FromTerminalWorker) => void>();
  const restarts = new Set<() => void>();

  /** Drops the worker (and its cache); the next request starts a fresh one. */
  const drop = () => {
    if (running !== null) clearTimeout(running.timer);
    worker?.terminate();
    worker = null;
    ready = false;
    running = null;
  };
  /** Drops a worker that failed or ran too long; a terminal on it starts again on the next one. */
  const replace = () => {
    drop();
    for (const restart of [...restarts]) restart();
  };

  const start = () => {
    if (running !== null || queued === null) return;
    worker ??= spawn();
    if (!ready) return; // sent when the worker says it is ready
    const request = queued;
    queued = null;
    const timer = setTimeout(() => {
      replace();
      onOutcome({ kind: 'timeout', limitMs });
      start();
    }, limitMs);
    running = { id: request.id, sentAt: performance.now(), timer };
    worker.postMessage(request);
  };

  const spawn = () => {
    const w = makeWorker();
    w.addEventListener('message', (event: MessageEvent<BuildResponse | WorkerReady | FromTerminalWorker>) => {
      const response = event.data;
      if (isTerminalMessage(response)) {
        for (const screen of [...screens]) screen(response);
        return;
      }
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
      if (queued === null) onOutcome({ kind: 'done', result: response.result, buildMs: response.buildMs, roundTripMs, runsNode: response.runsNode });
      start();
    });
    w.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      replace();
      onOutcome({ kind: 'crashed', message: event.message ?? 'the build worker failed' });
    });
    return w;
  };

  return {
    request(state, options) {
      // A reset asked for by a request that a newer one replaced before it was sent still applies.
      const resetCache = options?.resetCache === true || (queued?.resetCache ?? false);
      queued = { kind: 'build', id: nextId++, state, resetCache };
      start();
    },
    terminal() {
      const subscribed: (() => void)[] = [];
      const subscribe = <T>(set: Set<T>, listener: T) => {
        set.add(listener);
        const stop = () => set.delete(listener);
        subscribed.push(stop);
        return stop;
      };
      return {
        // Keys need no ready gate: a worker queues messages until its code has loaded.
        post: (message) => (worker ??= spawn()).postMessage(message),
        onMessage: (listener) => subscribe(screens, listener),
        onRestart: (listener) => subscribe(restarts, listener),
        dispose: () => subscribed.splice(0).forEach((stop) => stop()),
      };
    },
    dispose() {
      drop();
      queued = null;
      screens.clear();
      restarts.clear();
    },
  };
}
