/**
 * Opening a terminal: loads xterm, starts the terminal program in its worker and connects the two,
 * keeping the grid sized and themed. Imported dynamically by the island, so none of this ships
 * until the terminal is opened.
 */
// remote.ts, not the module's index: the index also exports the session, which would bring the
// whole build engine onto the page (about 190 KB gzip) although the program runs in the worker.
import { connectTerminal } from '../../lib/terminal/remote.ts';
import type { FromTerminalWorker, TerminalChannel, TerminalSource, ToTerminalWorker } from './terminal-protocol.ts';
import { onThemeChange, readTheme } from './theme.ts';
import { mountXterm } from './xterm-adapter.ts';

export interface OpenedTerminal {
  /** Sends keys as if typed (the lesson's command buttons). */
  type(data: string): void;
  /** The build context changed. */
  setSource(source: TerminalSource): void;
  focus(): void;
  dispose(): void;
}

const RESTARTED =
  '\r\n\x1b[33mThe simulator was stopped (a build ran past the time limit, or failed), so this session started again: its images and build cache are gone.\x1b[0m\r\n';

/** A worker of the terminal's own (a lesson's terminal), which never restarts. */
export function ownWorker(): TerminalChannel {
  const worker = new Worker(new URL('./terminal.worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (message) => worker.postMessage(message),
    onMessage(listener) {
      const handle = (event: MessageEvent<FromTerminalWorker>) => listener(event.data);
      worker.addEventListener('message', handle);
      return () => worker.removeEventListener('message', handle);
    },
    onRestart: () => () => {},
    dispose: () => worker.terminate(),
  };
}

export function openTerminal(host: HTMLElement, channel: TerminalChannel, initial: TerminalSource, rows: number): OpenedTerminal {
  let source = initial;
  const post = (message: ToTerminalWorker): void => channel.post(message);
  const mounted = mountXterm(host, readTheme(host), rows);
  const connection = connectTerminal(mounted.terminal, post);
  const start = () => post({ kind: 'start', cols: mounted.terminal.cols, rows: mounted.terminal.rows, source });
  const stopMessages = channel.onMessage((message) => connection.receive(message));
  const stopRestarts = channel.onRestart(() => {
    mounted.terminal.write(RESTARTED);
    start();
  });
  start();
  const stopTheme = onThemeChange(() => mounted.setTheme(readTheme(host)));
  const resize = new ResizeObserver(() => {
    mounted.fit();
    connection.resized();
  });
  resize.observe(host);
  return {
    type: (data) => post({ kind: 'data', data }),
    setSource(next) {
      source = next;
      post({ kind: 'source', source: next });
    },
    focus: () => mounted.focus(),
    dispose() {
      resize.disconnect();
      stopTheme();
      stopRestarts();
      stopMessages();
      connection.dispose();
      channel.dispose();
      mounted.dispose();
    },
  };
}
