/**
 * The terminal program: a host shell over the build context that runs `docker` commands against
 * the session's daemon (the playground's images and cache), and, after `docker run -it IMAGE sh`,
 * the container's shell until it exits. Talks to the screen only through TerminalLike.
 */
import { DEFAULT_NOW } from '../shell/index.ts';
import { displayPath, runDocker, type ContainerShell, type DockerDaemon, type DockerIo } from '../cli/docker/index.ts';
import { parseCommandLine } from './command-line.ts';
import { completeLine } from './completion.ts';
import { completeInContainer } from './container-completion.ts';
import { LineHistory } from './history.ts';
import { hostCommands, type HostEnv } from './host-commands.ts';
import { parseKeys, type Key } from './keys.ts';
import { LineEditor, type EditorEvent } from './line-editor.ts';
import { crlf, DisposableStore, type Disposable, type TerminalLike } from './terminal-like.ts';
import type { RealRunPlan } from '../realrun/types.ts';

export interface TerminalSessionOptions {
  /** ANSI colours in prompts and listings (default true). */
  color?: boolean;
  /** Printed once at the start. */
  banner?: string;
  /**
   * Runs `docker run --real`'s plan in a WebContainer (the page does: it owns the screen while the
   * program runs) and resolves with its exit code. Absent where there is no page (tests, Node).
   */
  realRun?(plan: RealRunPlan): Promise<number>;
}

const NO_REAL_RUN = 'docker: --real needs the browser: it runs the image in a WebContainer on the page, which this terminal has not got.\n';

export interface TerminalSession extends Disposable {
  /** Types `line` and Enter, as a lesson's command button does. */
  type(data: string): void;
  /** Resolves once every typed key has been handled and the terminal waits for more. */
  idle(): Promise<void>;
  /** The host shell's folder, relative to the context root. */
  readonly cwd: string;
  readonly history: LineHistory;
}

interface Reader {
  editor: LineEditor;
  prompt(): string;
  onEvent(event: EditorEvent): void;
}


export function startTerminalSession(term: TerminalLike, daemon: DockerDaemon, options: TerminalSessionOptions = {}): TerminalSession {
  const color = options.color ?? true;
  const disposables = new DisposableStore();
  const history = new LineHistory();
  const queue: Key[] = [];
  const idleWaiters: (() => void)[] = [];
  let cwd = '';
  let busy = false;
  let asking: Reader | null = null;
  let container: Reader | null = null;
  const write = (text: string): void => term.write(crlf(text));
  /** Exceptions are bugs, but the terminal should outlive one and say so. */
  const reportBug = (e: unknown): void => write(`\nStagecraft hit a bug and stopped this command: ${e instanceof Error ? e.message : String(e)}\n`);

  const hostPrompt = (): string =>
    color ? `\x1b[1;32mlearner@stagecraft\x1b[0m:\x1b[1;34m${displayPath(cwd)}\x1b[0m$ ` : `learner@stagecraft:${displayPath(cwd)}$ `;

  const completer = (line: string, cursor: number) =>
    completeLine({ context: daemon.context(), cwd, images: daemon.store.images, commands: hostCommands.map((c) => c.name) }, line, cursor);

  const host: Reader = {
    editor: new LineEditor(term, history, completer),
    prompt: hostPrompt,
    onEvent(event) {
      if (event.kind !== 'line') {
        next();
        return;
      }
      busy = true;
      void execute(event.text)
        .catch(reportBug)
        .finally(() => {
          busy = false;
          next();
        });
    },
  };

  const current = (): Reader => container ?? host;

  /** Shows the prompt of whichever shell reads next, then handles keys typed ahead. */
  function next(): void {
    const reader = current();
    reader.editor.start(reader.prompt());
    pump();
  }

  /** Nothing typed is left and a prompt (or a question) is waiting for keys. */
  const waitingForInput = (): boolean => queue.length === 0 && (!busy || asking !== null);

  function pump(): void {
    while (queue.length > 0) {
      const reader = asking ?? (busy ? null : current());
      if (reader === null) return;
      const event = reader.editor.handle(queue.shift() as Key);
      if (event === null) continue;
      try {
        reader.onEvent(event);
      } catch (e) {
        // A bug in a container's shell: leave it, so the terminal stays usable.
        reportBug(e);
        container = null;
        next();
      }
    }
    if (waitingForInput()) for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function ask(question: string): Promise<string> {
    return new Promise((resolve) => {
      const reader: Reader = {
        editor: new LineEditor(term, new LineHistory()),
        prompt: () => '',
        onEvent(event) {
          asking = null;
          resolve(event.kind === 'line' ? event.text : '');
        },
      };
      const lines = crlf(question).split('\r\n');
      write(lines.slice(0, -1).map((l) => `${l}\n`).join(''));
      asking = reader;
      reader.editor.start(lines[lines.length - 1] ?? '');
      pump();
    });
  }

  function attach(shell: ContainerShell): void {
    const reader: Reader = {
      editor: new LineEditor(term, new LineHistory(), (line, cursor) => completeInContainer(shell, line, cursor)),
      prompt: () => shell.prompt(),
      onEvent(event) {
        if (event.kind === 'line') {
          const r = shell.run(event.text);
          write(r.stdout + r.stderr);
        } else if (event.kind === 'eof') {
          shell.close();
          write('exit\n');
        }
        if (shell.exited) container = null;
        next();
      },
    };
    container = reader;
  }

  async function runWords(words: readonly string[]): Promise<number> {
    const [name, ...args] = words;
    if (name === 'docker') {
      const io: DockerIo = { stdout: write, stderr: write, cwd, cols: term.cols, color, ask };
      const outcome = await runDocker(args, { daemon, io });
      if (outcome.shell !== undefined) attach(outcome.shell);
      if (outcome.real !== undefined) {
        if (options.realRun !== undefined) return options.realRun(outcome.real);
        write(NO_REAL_RUN);
        return 125;
      }
      return outcome.status;
    }
    const command = hostCommands.find((c) => c.name === name);
    if (command === undefined) {
      write(`${name}: command not found (this terminal has docker and ${hostCommands.map((c) => c.name).join(', ')}; try help)\n`);
      return 127;
    }
    const env: HostEnv = {
      context: daemon.context(),
      cwd,
      setCwd: (dir) => {
        cwd = dir;
      },
      out: write,
      err: write,
      clear: () => term.clear(),
      history: history.entries,
      cols: term.cols,
      color,
      now: daemon.now() ?? DEFAULT_NOW,
    };
    return command.run(args, env);
  }

  async function execute(text: string): Promise<void> {
    const parsed = parseCommandLine(text);
    if (!parsed.ok) {
      write(`${parsed.error}\n`);
      return;
    }
    let status = 0;
    for (const item of parsed.items) {
      if ((item.after === '&&' && status !== 0) || (item.after === '||' && status === 0)) continue;
      status = await runWords(item.words);
      // A shell opened by `docker run -it` takes the rest of the terminal's input.
      if (container !== null) return;
    }
  }

  disposables.add(term.onData((data) => {
    queue.push(...parseKeys(data));
    pump();
  }));
  if (options.banner !== undefined) write(options.banner);
  next();

  return {
    type(data) {
      queue.push(...parseKeys(data));
      pump();
    },
    idle() {
      if (waitingForInput()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    get cwd() {
      return cwd;
    },
    history,
    dispose: () => disposables.dispose(),
  };
}
