/**
 * A terminal of its own (a lesson's): the program runs here, so `docker build` and `docker run`
 * never block the page; the page only draws what arrives and sends what is typed.
 */
import { createDaemon } from '../../lib/cli/docker/index.ts';
import type { FromTerminalWorker, ToTerminalWorker } from './terminal-protocol.ts';
import { createTerminalHost, randomContainerId } from './terminal-host.ts';

const BANNER =
  'Stagecraft terminal: a simulated docker CLI running in your browser (no real Docker, no network).\n' +
  'Type help for the commands, Tab to complete.\n\n';

const host = createTerminalHost(
  (message: FromTerminalWorker) => self.postMessage(message),
  (h) => createDaemon({ context: h.context, now: () => Date.now(), newContainerId: randomContainerId }),
  BANNER,
);

self.addEventListener('message', (event: MessageEvent<ToTerminalWorker>) => host.receive(event.data));
