/** @jsxImportSource preact */
/**
 * The playground island: a Dockerfile editor, its build context and options, rebuilt (debounced) in a
 * Web Worker on every edit, and the result views. On /playground (`persist`) the state also comes
 * from and goes to the URL fragment and localStorage; embedded in a lesson it starts from its props.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { BuildResult } from '../../lib/build/index.ts';
import { createStateStore, decodeState, defaultOptions, encodeState, type PlaygroundOptions, type PlaygroundState } from '../../lib/share/index.ts';
import { createBuildClient, type BuildClient, type BuildOutcome } from './build-client.ts';
import BuildOptions from './BuildOptions.tsx';
import ContextFiles from './ContextFiles.tsx';
import Editor from './Editor.tsx';
import { defaultExample, examples } from './examples/index.ts';
import { withFailureOutput } from './failure-output.ts';
import { imageHints } from '../../lib/checks/image-hints.ts';
import BuildLog from './views/BuildLog.tsx';
import HintsView from './views/HintsView.tsx';
import ImageView from './views/ImageView.tsx';
import StageGraph from './views/StageGraph.tsx';
import StepsView, { type StepRef } from './views/StepsView.tsx';
import { viewNames, viewTitles, type ViewName } from './views.ts';
import TerminalIsland from '../terminal/TerminalIsland.tsx';
import { PLAYGROUND_TAG } from './build-protocol.ts';
import './playground.css';

export interface PlaygroundProps {
  dockerfile?: string;
  files?: Record<string, string>;
  target?: string;
  buildArgs?: Record<string, string>;
  views?: ViewName[];
  /** A terminal on the same session (files, images, cache) under the views; default true. */
  terminal?: boolean;
  /** The /playground page: restore from the link or localStorage, save there, offer the examples. */
  persist?: boolean;
}

const debounceMs = 300;
const buildLimitMs = 8000;

interface Notice {
  tone: 'error' | 'info';
  message: string;
  hint?: string | undefined;
}

function initialState(props: PlaygroundProps): PlaygroundState {
  if (props.dockerfile === undefined) return structuredClone(defaultExample().state);
  return {
    dockerfile: props.dockerfile,
    files: props.files ?? {},
    options: { ...defaultOptions(), target: props.target ?? null, buildArgs: props.buildArgs ?? {} },
  };
}

const makeWorker = () => new Worker(new URL('./build.worker.ts', import.meta.url), { type: 'module' });

export default function Playground(props: PlaygroundProps) {
  const id = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const views = props.views ?? [...viewNames];
  const [state, setState] = useState<PlaygroundState>(() => initialState(props));
  const [outcome, setOutcome] = useState<{ result: BuildResult; buildMs: number; roundTripMs: number; runsNode: boolean } | null>(null);
  const [building, setBuilding] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [selected, setSelected] = useState<StepRef | null>(null);
  const [stageNames, setStageNames] = useState<string[]>([]);
  const [link, setLink] = useState<string | null>(null);
  const [exampleId, setExampleId] = useState(examples[0]?.id ?? '');
  // Bumped when the page has restored its state, to start the first build even if nothing changed.
  const [restored, setRestored] = useState(0);
  // Bumped when the Dockerfile text is replaced from outside the editor (example, link, saved state).
  const [revision, setRevision] = useState(0);
  const replaceState = (next: PlaygroundState) => {
    setState(next);
    setRevision((r) => r + 1);
  };
  const client = useRef<BuildClient | null>(null);
  const terminalChannel = useCallback(() => {
    if (client.current === null) throw new Error('the terminal opened before the build client existed');
    return client.current.terminal();
  }, []);
  const ready = useRef(!props.persist);
  const store = useMemo(() => (props.persist && typeof localStorage !== 'undefined' ? createStateStore(localStorage) : null), [props.persist]);

  const onOutcome = useCallback((o: BuildOutcome) => {
    setBuilding(false);
    if (o.kind === 'crashed') {
      setNotice({ tone: 'error', message: `The simulator failed: ${o.message}.`, hint: 'This is a bug in Stagecraft, not in your Dockerfile. Edit or rebuild to try again.' });
      return;
    }
    if (o.kind === 'timeout') {
      setNotice({ tone: 'error', message: `The build ran longer than ${o.limitMs / 1000} s and was stopped.`, hint: 'Look for an endless loop in a RUN command. The build cache was reset.' });
      return;
    }
    setOutcome({ result: o.result, buildMs: o.buildMs, roundTripMs: o.roundTripMs, runsNode: o.runsNode });
    setNotice((n) => (n?.message.startsWith('The build ran longer') ? null : n));
    if (o.result.plan.stages.length > 0) setStageNames(o.result.plan.stages.map((s) => s.name));
  }, []);

  useEffect(() => {
    const c = createBuildClient(makeWorker, onOutcome, buildLimitMs);
    client.current = c;
    return () => c.dispose();
  }, [onOutcome]);

  // The page: a link's state wins over the saved one; a bad link opens the default example and says why.
  useEffect(() => {
    if (!props.persist) return;
    const restore = async () => {
      const fromLink = await decodeState(location.hash);
      if (!fromLink.ok) {
        setNotice({ tone: 'error', message: fromLink.error.message, hint: fromLink.error.hint });
        replaceState(structuredClone(defaultExample().state));
      } else if (fromLink.value !== null) {
        replaceState(fromLink.value);
        setNotice({ tone: 'info', message: 'Restored the playground from the link.' });
      } else {
        const saved = store?.load();
        if (saved?.ok && saved.value !== null) replaceState(saved.value);
      }
      ready.current = true;
      setRestored((n) => n + 1);
    };
    void restore();
    const onHash = () => void restore();
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [props.persist, store]);

  // Every change rebuilds after a pause in typing, and is saved on the page.
  useEffect(() => {
    if (!ready.current) return;
    setBuilding(true);
    const timer = setTimeout(() => {
      client.current?.request(state);
      store?.save(state);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [state, store, restored]);

  const update = (patch: Partial<PlaygroundState>) => {
    setState((s) => ({ ...s, ...patch }));
    setLink(null);
  };

  const openExample = () => {
    const example = examples.find((e) => e.id === exampleId);
    if (example === undefined) return;
    replaceState(structuredClone(example.state));
    setSelected(null);
    setNotice({ tone: 'info', message: `Opened the example “${example.title}”. ${example.summary}` });
  };

  const copyLink = async () => {
    const fragment = await encodeState(state);
    const url = props.persist ? `${location.origin}${location.pathname}${fragment}` : `${location.origin}/playground/${fragment}`;
    if (props.persist) history.replaceState(null, '', fragment);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setNotice({ tone: 'info', message: 'Link copied. Anyone who opens it gets this Dockerfile, its files and options.' });
    } catch {
      setNotice({ tone: 'info', message: 'The link is below (copying was not allowed): select it and copy it.' });
    }
  };

  const result = outcome?.result ?? null;
  // The build's diagnostics, and the image-level hints that point at a line (a delete that ships bytes).
  const editorDiagnostics = useMemo(
    () =>
      result === null
        ? []
        : [
            ...withFailureOutput(result),
            ...imageHints(result).flatMap((d) => (d.range === undefined ? [] : [{ ...d, line: d.range.line, phase: 'build' as const }])),
          ],
    [result],
  );
  const status = building
    ? 'Building…'
    : result === null
      ? 'Not built yet.'
      : `${result.ok ? 'Built' : 'Build failed'} in ${outcome?.buildMs.toFixed(0)} ms (worker round trip ${outcome?.roundTripMs.toFixed(0)} ms).`;

  const viewBody = (view: ViewName, headingId: string) => {
    if (result === null) return <p class="pg-muted">Waiting for the first build…</p>;
    switch (view) {
      case 'graph':
        return <StageGraph plan={result.plan} stages={result.stages} />;
      case 'steps':
        return <StepsView result={result} selected={selected} onSelect={setSelected} />;
      case 'image':
        return <ImageView result={result} />;
      case 'log':
        return <BuildLog progress={result.progress} labelledBy={headingId} />;
      case 'hints':
        return <HintsView result={result} />;
    }
  };

  return (
    <div class="pg" data-build={building ? 'running' : result === null ? 'none' : result.ok ? 'ok' : 'failed'}>
      <div class="pg-toolbar">
        {props.persist ? (
          <div class="pg-row">
            <label for={`${id}-example`}>Example</label>
            <select id={`${id}-example`} value={exampleId} onChange={(e) => setExampleId(e.currentTarget.value)}>
              {examples.map((e) => (
                <option key={e.id} value={e.id}>{e.title}</option>
              ))}
            </select>
            <button type="button" onClick={openExample}>Open example</button>
          </div>
        ) : null}
        <div class="pg-row">
          <button type="button" onClick={() => void copyLink()}>Copy link</button>
          <p class="pg-status" role="status">{status}</p>
        </div>
      </div>
      {link === null ? null : (
        <div class="pg-row pg-link">
          <label for={`${id}-link`}>Share link</label>
          <input id={`${id}-link`} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      {notice === null ? null : (
        <div class={`pg-notice pg-notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{notice.message}</p>
          {notice.hint === undefined ? null : <p class="pg-muted">{notice.hint}</p>}
          <button type="button" class="pg-link-button" onClick={() => setNotice(null)}>Dismiss</button>
        </div>
      )}
      <div class="pg-inputs">
        <section class="pg-panel pg-panel-editor" aria-labelledby={`${id}-df`}>
          <h2 id={`${id}-df`}>Dockerfile</h2>
          <Editor value={state.dockerfile} revision={revision} onChange={(dockerfile) => update({ dockerfile })} diagnostics={editorDiagnostics} labelledBy={`${id}-df`} />
          <p class="pg-muted pg-keys">
            Keyboard: <kbd>Tab</kbd> leaves the editor, <kbd>F8</kbd> goes to the next problem, <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd> lists them.
          </p>
        </section>
        <div class="pg-side">
          <section class="pg-panel" aria-labelledby={`${id}-ctx`}>
            <h2 id={`${id}-ctx`}>Build context</h2>
            <ContextFiles files={state.files} onChange={(files) => update({ files })} idPrefix={id} sent={result?.context ?? null} />
          </section>
          <section class="pg-panel" aria-labelledby={`${id}-opt`}>
            <h2 id={`${id}-opt`}>Options</h2>
            <BuildOptions
              options={state.options}
              stages={stageNames}
              onChange={(options: PlaygroundOptions) => update({ options })}
              onRebuild={() => {
                setBuilding(true);
                client.current?.request(state);
              }}
              idPrefix={id}
            />
          </section>
        </div>
      </div>
      <div class="pg-views">
        {views.map((view) => (
          <section key={view} class={`pg-panel pg-view pg-view-${view}`} aria-labelledby={`${id}-${view}`}>
            <h2 id={`${id}-${view}`}>{viewTitles[view]}</h2>
            {viewBody(view, `${id}-${view}`)}
          </section>
        ))}
      </div>
      {props.terminal === false ? null : (
        <section class="pg-panel pg-terminal" aria-labelledby={`${id}-terminal`}>
          <h2 id={`${id}-terminal`}>Terminal</h2>
          <p class="pg-muted">
            A simulated <code>docker</code> command line on this playground's files, images and build cache. Each build above is the
            image <code>{PLAYGROUND_TAG}</code> here: try <code>docker run {PLAYGROUND_TAG.split(':')[0]} id</code>, or build your own with{' '}
            <code>docker build -t app .</code>
          </p>
          <TerminalIsland
            channel={terminalChannel}
            dockerfile={state.dockerfile}
            files={state.files}
            label="Playground terminal"
            realRunImage={outcome?.runsNode === true ? PLAYGROUND_TAG : null}
          />
        </section>
      )}
    </div>
  );
}
