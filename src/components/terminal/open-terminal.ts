/**
 * Opening a terminal: loads xterm, starts the terminal program in its worker and connects the two,
 * keeping the grid sized and themed. Imported dynamically by the island, so none of this ships
 * until the terminal is opened.
 */
// remote.ts, not the module's index: the index also exports the session, which would bring the
// whole build engine onto the page (about 190 KB gzip) although the program runs in the worker.
import { connectTerminal } from '../../lib/terminal/remote.ts';
import type { RealRunHandle } from '../../lib/realrun/types.ts';
import { browserFacts, notStarted, realRunSupport } from '../realrun/support.ts';
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

/** A server the real run opened (its URL to show), or null when there is none any more. */
export type PreviewListener = (preview: { port: number; url: string } | null) => void;

export function openTerminal(host: HTMLElement, channel: TerminalChannel, initial: TerminalSource, rows: number, onPreview: PreviewListener = () => {}): OpenedTerminal {
  let source = initial;
  // While `docker run --real` runs, the keys go to the program in the WebContainer, not the worker.
  let foreground: RealRunHandle | null = null;
  const post = (message: ToTerminalWorker): void => {
    if (foreground === null || message.kind !== 'data') channel.post(message);
    else if (message.data.includes('\x03')) {
      mounted.terminal.write('^C\r\n');
      foreground.kill();
    } else foreground.input(message.data);
  };
  const mounted = mountXterm(host, readTheme(host), rows);
  const connection = connectTerminal(mounted.terminal, post);
  const start = () => post({ kind: 'start', cols: mounted.terminal.cols, rows: mounted.terminal.rows, source });

  async function realRun(message: Extract<FromTerminalWorker, { kind: 'real-run' }>): Promise<void> {
    let code = 1;
    // Keys typed while the container starts are dropped rather than queued for the host shell.
    foreground = { input: () => {}, kill: () => {}, exit: Promise.resolve(code) };
    try {
      // Checked before the real-run code loads: an offline page could not fetch it.
      const support = realRunSupport(browserFacts());
      const handle = support.ok
        ? await (await import('../realrun/run-on-page.ts')).runOnPage(message.plan, mounted.terminal, (port, url) => onPreview(url === null ? null : { port, url }))
        : notStarted(mounted.terminal, message.plan.image, support.reason);
      foreground = handle;
      code = await handle.exit;
    } catch (error) {
      // A bug, or the real-run code failed to load: say so, and give the terminal back.
      mounted.terminal.write(`\r\nThe real run stopped: ${error instanceof Error ? error.message : String(error)}\r\n`);
    } finally {
      foreground = null;
      onPreview(null);
      channel.post({ kind: 'real-run-exit', id: message.id, code });
    }
  }

  const stopMessages = channel.onMessage((message) => {
    if (message.kind === 'real-run') void realRun(message);
    else connection.receive(message);
  });
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
