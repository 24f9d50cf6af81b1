/**
 * The worker's side of a terminal: starts the terminal program on the first `start` message and
 * hands it the keys that follow. Used by the terminal's own worker and by the playground's build
 * worker, which runs its terminal over the playground's image store and cache.
 */
import type { ContextInput } from '../../lib/build/index.ts';
import { playgroundContext, type DockerDaemon } from '../../lib/cli/docker/index.ts';
import { createRemoteTerminal, startTerminalSession, type RemoteTerminal } from '../../lib/terminal/index.ts';
import type { FromTerminalWorker, TerminalSource, ToTerminalWorker } from './terminal-protocol.ts';
import type { RealRunPlan } from '../../lib/realrun/types.ts';

export interface TerminalHost {
  /** Handles a message from the page. */
  receive(message: ToTerminalWorker): void;
  /** The build context as the page last sent it. */
  context(): ContextInput;
}

/** 64 hex digits from the browser's random source, for container ids. */
export function randomContainerId(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function sourceContext(source: TerminalSource): ContextInput {
  const context = playgroundContext(source);
  const executable = new Set(source.executables ?? []);
  return Object.fromEntries(Object.entries(context).map(([path, entry]) => [path, executable.has(path) ? { ...entry, mode: 0o755 } : entry]));
}

/** `daemon` reads its context through `host.context()`, so it is made from the host. */
export function createTerminalHost(send: (message: FromTerminalWorker) => void, daemon: (host: TerminalHost) => DockerDaemon, banner: string): TerminalHost {
  let remote: RemoteTerminal | null = null;
  let source: TerminalSource = { dockerfile: '', files: {} };
  // `docker run --real` waiting for the page to report the exit code, by request id.
  const realRuns = new Map<number, (code: number) => void>();
  let lastRealRun = 0;
  const realRun = (plan: RealRunPlan): Promise<number> =>
    new Promise((resolve) => {
      const id = ++lastRealRun;
      realRuns.set(id, resolve);
      send({ kind: 'real-run', id, plan });
    });
  const host: TerminalHost = {
    context: () => sourceContext(source),
    receive(message) {
      if (message.kind === 'start') {
        if (remote !== null) return;
        source = message.source;
        remote = createRemoteTerminal(send, message);
        startTerminalSession(remote, daemon(host), { banner, realRun });
      } else if (message.kind === 'source') source = message.source;
      else if (message.kind === 'real-run-exit') {
        realRuns.get(message.id)?.(message.code);
        realRuns.delete(message.id);
      } else remote?.receive(message);
    },
  };
  return host;
}
