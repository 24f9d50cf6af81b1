/**
 * The build runs here, off the main thread, so a slow or endless build never freezes the page. The
 * worker keeps the session between requests: the build cache (so edits show real cache hits and
 * misses) and the image store, which the playground's terminal, also running here, works on.
 */
import { build, createBuildCache } from '../../lib/build/index.ts';
import { createDaemon } from '../../lib/cli/docker/index.ts';
import { runsNode } from '../../lib/realrun/index.ts';
import type { StateStore } from '../../lib/cli/state/store.ts';
import { createTerminalHost, randomContainerId } from '../terminal/terminal-host.ts';
import type { FromTerminalWorker, ToTerminalWorker } from '../terminal/terminal-protocol.ts';
import { PLAYGROUND_TAG, type BuildRequest, type BuildResponse, type WorkerReady } from './build-protocol.ts';
import { toBuildInput } from './build-input.ts';
import { storePlaygroundImage } from './session-images.ts';

const BANNER =
  'Stagecraft terminal: a simulated docker CLI running in your browser (no real Docker, no network).\n' +
  `It shares this playground's files, images and build cache: each playground build is tagged ${PLAYGROUND_TAG}.\n` +
  'Type help for the commands, Tab to complete.\n\n';

const store: StateStore = { dir: '', images: [], cache: createBuildCache() };

const terminal = createTerminalHost(
  (message: FromTerminalWorker) => self.postMessage(message),
  (host) => createDaemon({ store, context: host.context, now: () => Date.now(), newContainerId: randomContainerId }),
  BANNER,
);

self.addEventListener('message', (event: MessageEvent<BuildRequest | ToTerminalWorker>) => {
  const request = event.data;
  if (request.kind !== 'build') {
    terminal.receive(request);
    return;
  }
  // The daemon holds this store object, so the terminal builds with the new cache too.
  if (request.resetCache) store.cache = createBuildCache();
  const started = performance.now();
  const input = { ...toBuildInput(request.state), tag: PLAYGROUND_TAG };
  const result = build(input, store.cache);
  if (result.ok && result.image !== null) storePlaygroundImage(store, result.image, Date.now(), input);
  const buildMs = performance.now() - started;
  const response: BuildResponse = { kind: 'result', id: request.id, result, buildMs, runsNode: result.image !== null && runsNode(result.image) };
  self.postMessage(response);
});

const ready: WorkerReady = { kind: 'ready' };
self.postMessage(ready);
