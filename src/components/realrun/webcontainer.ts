/**
 * The WebContainer behind the RealContainer interface. Booted once, lazily, on the first real run
 * (the package itself is loaded only then), reused by later runs on the page, torn down when the
 * page is left. Only one WebContainer may exist per page, hence the module-level instance.
 */
import type { SpawnOptions, WebContainer } from '@webcontainer/api';
import type { Result } from '../../lib/diagnostics.ts';
import { CONTAINER_FOLDER } from '../../lib/realrun/root.ts';
import type { RealContainer, RealProcess } from '../../lib/realrun/types.ts';
import { COPY_SCRIPT, LIST_SCRIPT } from './container-scripts.ts';
import { toFileSystemTree } from './file-tree.ts';
import { bootTimedOut } from './support.ts';

/** A RealContainer that also reports servers: a port opened (url to show) or closed (null). */
export interface PageContainer extends RealContainer {
  onPort(listener: (port: number, url: string | null) => void): () => void;
}

let booting: Promise<WebContainer> | null = null;

/**
 * The page's WebContainer, or one sentence on why it could not start. A boot that times out keeps
 * going (the API cannot cancel one, and allows only one per page), so a later call waits for the same boot.
 */
export async function bootContainer(timeoutMs: number): Promise<Result<PageContainer, string>> {
  booting ??= import('@webcontainer/api').then(({ WebContainer }) => {
    const started = WebContainer.boot({ coep: 'require-corp', workdirName: CONTAINER_FOLDER });
    void started.then((container) =>
      addEventListener(
        'pagehide',
        () => {
          container.teardown();
          // A page restored from the back/forward cache boots a new one on its next run.
          booting = null;
        },
        { once: true },
      ),
    );
    return started;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const container = await Promise.race([booting, timeout]);
    return container === null ? { ok: false, error: bootTimedOut(timeoutMs) } : { ok: true, value: adaptWebContainer(container) };
  } catch (error) {
    booting = null;
    return { ok: false, error: `The WebContainer could not start: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for a process's output stream to end, or a second at most (a stream left open must not hang the run). */
const outputEnd = (piped: Promise<void>): Promise<unknown> => Promise.race([piped, new Promise((resolve) => setTimeout(resolve, 1000))]);

/** The WebContainer as a PageContainer (exported for its unit test, which passes a fake). */
export function adaptWebContainer(container: WebContainer): PageContainer {
  async function start(command: string, args: string[], options: SpawnOptions): Promise<RealProcess> {
    const child = await container.spawn(command, args, options);
    const writer = child.input.getWriter();
    const listeners: ((text: string) => void)[] = [];
    // Output that arrives before anyone listens is kept for the first listener, not lost.
    const early: string[] = [];
    const piped = child.output
      .pipeTo(new WritableStream({ write: (chunk) => (listeners.length === 0 ? void early.push(chunk) : listeners.forEach((l) => l(chunk))) }))
      .catch(() => {});
    return {
      onOutput(listener) {
        listeners.push(listener);
        for (const chunk of early.splice(0)) listener(chunk);
      },
      write: (data) => void writer.write(data),
      kill: () => child.kill(),
      // The exit code can come before the last output; hand it on once the output has ended,
      // so a step's output never lands after the next step's header.
      exit: child.exit.then(async (code) => {
        await outputEnd(piped);
        return code;
      }),
    };
  }

  /** Runs a helper script to completion and returns its output; throws with the output when it fails. */
  async function script(source: string, args: string[]): Promise<string> {
    const child = await start('node', ['-e', source, ...args], { terminal: { cols: 10_000, rows: 24 } });
    let output = '';
    child.onOutput((chunk) => void (output += chunk));
    const code = await child.exit;
    if (code !== 0) throw new Error(output.trim() || `exit code ${code}`);
    return output;
  }

  return {
    mount: (files) => container.mount(toFileSystemTree(files)),
    spawn: (command, size) => start(command.command, command.args, { cwd: command.cwd, env: command.env, terminal: size }),
    async copy(from, to) {
      await script(COPY_SCRIPT, [from, to]);
    },
    async listFiles(dir) {
      const output = await script(LIST_SCRIPT, [dir]);
      const json = output.split(/\r?\n/).find((line) => line.startsWith('['));
      return json === undefined ? [] : (JSON.parse(json) as { path: string; size: number }[]);
    },
    onPort(listener) {
      return container.on('port', (port, type, url) => listener(port, type === 'open' ? url : null));
    },
  };
}
