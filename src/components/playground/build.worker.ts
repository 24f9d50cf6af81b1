/**
 * The build runs here, off the main thread, so a slow or endless build never freezes the page. The
 * worker keeps the session's build cache between requests, so edits show real cache hits and misses.
 */
import { build, createBuildCache } from '../../lib/build/index.ts';
import type { BuildRequest, BuildResponse, WorkerReady } from './build-protocol.ts';
import { toBuildInput } from './build-input.ts';

let cache = createBuildCache();

self.addEventListener('message', (event: MessageEvent<BuildRequest>) => {
  const request = event.data;
  if (request.resetCache) cache = createBuildCache();
  const started = performance.now();
  const result = build(toBuildInput(request.state), cache);
  const response: BuildResponse = { kind: 'result', id: request.id, result, buildMs: performance.now() - started };
  self.postMessage(response);
});

const ready: WorkerReady = { kind: 'ready' };
self.postMessage(ready);
