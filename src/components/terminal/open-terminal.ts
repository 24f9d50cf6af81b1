/**
 * Opening a terminal: loads xterm, starts the terminal program in its worker and connects the two,
 * keeping the grid sized and themed. Imported dynamically by the island, so none of this ships
 * until the terminal is opened.
 */
import { connectTerminal } from '../../lib/terminal/index.ts';
import type { FromTerminalWorker, TerminalSource, ToTerminalWorker } from './terminal-protocol.ts';
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

export function openTerminal(host: HTMLElement, source: TerminalSource, rows: number): OpenedTerminal {
  const worker = new Worker(new URL('./terminal.worker.ts', import.meta.url), { type: 'module' });
  const post = (message: ToTerminalWorker): void => worker.postMessage(message);
  const mounted = mountXterm(host, readTheme(host), rows);
  const connection = connectTerminal(mounted.terminal, post);
  worker.addEventListener('message', (event: MessageEvent<FromTerminalWorker>) => connection.receive(event.data));
  post({ kind: 'start', cols: mounted.terminal.cols, rows: mounted.terminal.rows, source });
  const stopTheme = onThemeChange(() => mounted.setTheme(readTheme(host)));
  const resize = new ResizeObserver(() => {
    mounted.fit();
    connection.resized();
  });
  resize.observe(host);
  return {
    type: (data) => post({ kind: 'data', data }),
    setSource: (next) => post({ kind: 'source', source: next }),
    focus: () => mounted.focus(),
    dispose() {
      resize.disconnect();
      stopTheme();
      connection.dispose();
      worker.terminate();
      mounted.dispose();
    },
  };
}
