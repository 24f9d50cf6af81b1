/** @jsxImportSource preact */
/**
 * The terminal island: a button opens it (loading xterm.js only then); optional command buttons
 * type a command and run it, as in a lesson's "try this". The program runs in a worker over the
 * given files; when the files change (a playground being edited), later commands see the new ones.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OpenedTerminal } from './open-terminal.ts';
import type { TerminalChannel } from './terminal-protocol.ts';
import RealRunOffer from '../realrun/RealRunOffer.tsx';
// terminal.css is imported by the Astro files that place this island (Terminal.astro, the
// playground page, Playground.astro) as a page stylesheet. Imported here, the island's chunk
// carried it, and the lazy chunks importing from that chunk listed a stylesheet Astro had inlined
// and never emitted, so loading them failed.

/** Height of one row at the terminal's 14px font (xterm's cell height), for the screen's size. */
const ROW_PX = 17;

export interface TerminalProps {
  /** The build context, by relative path (a key ending in `/` is an empty folder). */
  files?: Record<string, string>;
  dockerfile?: string;
  /** Context files that are executable (mode 0755). */
  executables?: string[];
  /** Commands offered as buttons that type and run them. */
  commands?: string[];
  rows?: number;
  /** Open at once instead of behind a button. */
  open?: boolean;
  label?: string;
  /** The worker to run in (the playground's, to share its session); default: one of its own. */
  channel?: () => TerminalChannel;
  /** An image whose program is Node: offers to run it for real in a WebContainer (`docker run --real`). */
  realRunImage?: string | null;
}

export default function TerminalIsland(props: TerminalProps) {
  const host = useRef<HTMLDivElement>(null);
  const opened = useRef<OpenedTerminal | null>(null);
  const pending = useRef<string[]>([]);
  const [state, setState] = useState<'closed' | 'loading' | 'open' | 'failed'>(props.open === true ? 'loading' : 'closed');
  // The server a real run opened, shown in a frame under the terminal.
  const [preview, setPreview] = useState<{ port: number; url: string } | null>(null);
  const label = props.label ?? 'Terminal';
  const rows = props.rows ?? 18;
  const source = () => ({ dockerfile: props.dockerfile ?? '', files: props.files ?? {}, executables: props.executables ?? [] });

  useEffect(() => {
    if (state !== 'loading' || host.current === null) return;
    let cancelled = false;
    const element = host.current;
    import('./open-terminal.ts')
      .then(({ openTerminal, ownWorker }) => {
        if (cancelled) return;
        const t = openTerminal(element, props.channel?.() ?? ownWorker(), source(), rows, setPreview);
        opened.current = t;
        for (const command of pending.current.splice(0)) t.type(`\x15${command}\r`);
        t.focus();
        setState('open');
      })
      .catch(() => {
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
    };
  }, [state]);

  useEffect(() => () => opened.current?.dispose(), []);
  useEffect(() => opened.current?.setSource(source()), [props.dockerfile, props.files]);

  const run = (command: string) => {
    if (opened.current === null) {
      pending.current.push(command);
      if (state === 'closed') setState('loading');
      return;
    }
    opened.current.type(`\x15${command}\r`);
    opened.current.focus();
  };

  return (
    <section class="terminal-island" aria-label={label}>
      {(props.commands?.length ?? 0) > 0 && (
        <div class="terminal-commands" role="group" aria-label="Run a command in the terminal">
          {props.commands?.map((c) => (
            <button type="button" class="terminal-command" onClick={() => run(c)}>
              <code>{c}</code>
            </button>
          ))}
        </div>
      )}
      {props.realRunImage != null && <RealRunOffer image={props.realRunImage} run={run} />}
      {state === 'closed' && (
        <button type="button" class="terminal-open" onClick={() => setState('loading')}>
          Open the terminal
        </button>
      )}
      {state === 'loading' && <p class="terminal-status" role="status">Loading the terminal…</p>}
      {state === 'failed' && <p class="terminal-status" role="alert">The terminal could not be loaded. Reload the page to try again.</p>}
      {/* A fixed height: the fit addon then derives the rows from it instead of growing with them. */}
      <div class="terminal-screen" ref={host} hidden={state === 'closed' || state === 'failed'} style={{ height: `${rows * ROW_PX}px` }} />
      {preview !== null && (
        <figure class="real-run-preview">
          <iframe src={preview.url} title={`The server on port ${preview.port}, running for real in the WebContainer`} />
          <figcaption>
            Port {preview.port}, served for real by the program in the WebContainer.{' '}
            <a href={preview.url} target="_blank" rel="noopener">
              Open it in a new tab
            </a>
          </figcaption>
        </figure>
      )}
    </section>
  );
}
