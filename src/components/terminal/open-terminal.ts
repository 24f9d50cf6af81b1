/**
 * Opening a terminal: loads xterm, starts the terminal program over a docker daemon, and keeps the
 * grid sized and themed. Imported dynamically by the island, so none of this ships until opened.
 */
import { createDaemon, playgroundContext, type DockerDaemon } from '../../lib/cli/docker/index.ts';
import { startTerminalSession, type TerminalSession } from '../../lib/terminal/index.ts';
import { onThemeChange, readTheme } from './theme.ts';
import { mountXterm } from './xterm-adapter.ts';

export interface OpenedTerminal {
  session: TerminalSession;
  focus(): void;
  dispose(): void;
}

export interface TerminalSource {
  dockerfile: string;
  files: Record<string, string>;
}

const BANNER =
  'Stagecraft terminal: a simulated docker CLI running in your browser (no real Docker, no network).\n' +
  'Type help for the commands, Tab to complete.\n\n';

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A daemon of its own for a standalone terminal (a lesson's <Terminal>), over fixed files. */
export function standaloneDaemon(source: TerminalSource): DockerDaemon {
  const context = playgroundContext(source);
  return createDaemon({ context: () => context, now: () => Date.now(), newContainerId: randomId });
}

export function openTerminal(host: HTMLElement, daemon: DockerDaemon, rows: number): OpenedTerminal {
  const mounted = mountXterm(host, readTheme(host), rows);
  const session = startTerminalSession(mounted.terminal, daemon, { banner: BANNER });
  const stopTheme = onThemeChange(() => mounted.setTheme(readTheme(host)));
  const resize = new ResizeObserver(() => mounted.fit());
  resize.observe(host);
  return {
    session,
    focus: () => mounted.focus(),
    dispose() {
      resize.disconnect();
      stopTheme();
      session.dispose();
      mounted.dispose();
    },
  };
}
