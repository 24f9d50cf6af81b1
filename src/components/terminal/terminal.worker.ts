/**
 * The terminal program runs here, so `docker build` and `docker run` never block the page; the page
 * only draws what arrives and sends what is typed.
 */
import { createDaemon, playgroundContext } from '../../lib/cli/docker/index.ts';
import { createRemoteTerminal, startTerminalSession, type RemoteTerminal } from '../../lib/terminal/index.ts';
import type { FromTerminalWorker, TerminalSource, ToTerminalWorker } from './terminal-protocol.ts';

const BANNER =
  'Stagecraft terminal: a simulated docker CLI running in your browser (no real Docker, no network).\n' +
  'Type help for the commands, Tab to complete.\n\n';

let remote: RemoteTerminal | null = null;
let source: TerminalSource = { dockerfile: '', files: {} };

function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const send = (message: FromTerminalWorker): void => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<ToTerminalWorker>) => {
  const message = event.data;
  if (message.kind === 'start') {
    if (remote !== null) return;
    source = message.source;
    remote = createRemoteTerminal(send, message);
    const daemon = createDaemon({ context: () => playgroundContext(source), now: () => Date.now(), newContainerId: randomId });
    startTerminalSession(remote, daemon, { banner: BANNER });
  } else if (message.kind === 'source') source = message.source;
  else remote?.receive(message);
});
