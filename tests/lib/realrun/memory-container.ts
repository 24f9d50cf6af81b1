/**
 * An in-memory RealContainer for tests: files in a map, every mount, spawn and copy recorded in
 * order, and each spawned command's behaviour scripted by the test (output, exit code, files it
 * writes, or a server that runs until it is killed).
 */
import type { RealCommand, RealContainer, RealProcess } from '../../../src/lib/realrun/types.ts';

export interface Behaviour {
  /** Printed when the process starts (before any listener: kept until one is attached). */
  output?: string;
  /** The exit code (default 0); ignored for a server. */
  exit?: number;
  /** Files the command writes, relative to the working folder (npm ci's node_modules, a build's dist/). */
  writes?: Record<string, string>;
  /** Keeps running until killed; then exits with `killedExit` (default 130). */
  server?: boolean;
  killedExit?: number;
  /** Echoes what is typed (to check input forwarding). */
  echo?: boolean;
  /** spawn() rejects with this message. */
  reject?: string;
}

/** One thing that happened, in order. */
export type Event =
  | { op: 'mount'; paths: string[] }
  | { op: 'spawn'; command: RealCommand }
  | { op: 'copy'; from: string; to: string }
  | { op: 'input'; command: string; data: string }
  | { op: 'kill'; command: string };

const size = (text: string): number => new TextEncoder().encode(text).length;

export class MemoryContainer implements RealContainer {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>();
  readonly events: Event[] = [];
  /** The running processes' kill functions, newest last. */
  readonly running: { command: string; kill: () => void }[] = [];
  private readonly behave: (command: RealCommand) => Behaviour;
  failMount: string | null = null;

  constructor(behave: (command: RealCommand) => Behaviour = () => ({})) {
    this.behave = behave;
  }

  private addDirs(path: string): void {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  private write(path: string, text: string): void {
    this.files.set(path, text);
    this.addDirs(path);
  }

  mount(files: Readonly<Record<string, string>>): Promise<void> {
    this.events.push({ op: 'mount', paths: Object.keys(files) });
    if (this.failMount !== null) return Promise.reject(new Error(this.failMount));
    for (const [path, text] of Object.entries(files)) {
      if (path.endsWith('/')) {
        this.dirs.add(path.slice(0, -1));
        this.addDirs(path.slice(0, -1));
      } else this.write(path, text);
    }
    return Promise.resolve();
  }

  copy(from: string, to: string): Promise<void> {
    this.events.push({ op: 'copy', from, to });
    const file = this.files.get(from);
    if (file !== undefined) {
      this.write(to, file);
      return Promise.resolve();
    }
    if (!this.dirs.has(from)) return Promise.reject(new Error(`ENOENT: no such file or directory, '${from}'`));
    this.dirs.add(to);
    this.addDirs(to);
    for (const dir of [...this.dirs]) if (dir.startsWith(`${from}/`)) this.dirs.add(`${to}${dir.slice(from.length)}`);
    for (const [path, text] of [...this.files]) if (path.startsWith(`${from}/`)) this.write(`${to}${path.slice(from.length)}`, text);
    return Promise.resolve();
  }

  listFiles(dir: string): Promise<{ path: string; size: number }[]> {
    const prefix = `${dir}/`;
    return Promise.resolve(
      [...this.files]
        .filter(([path]) => path.startsWith(prefix))
        .map(([path, text]) => ({ path: path.slice(prefix.length), size: size(text) }))
        .sort((a, b) => a.path.localeCompare(b.path)),
    );
  }

  spawn(command: RealCommand): Promise<RealProcess> {
    this.events.push({ op: 'spawn', command });
    const b = this.behave(command);
    if (b.reject !== undefined) return Promise.reject(new Error(b.reject));
    for (const [path, text] of Object.entries(b.writes ?? {})) this.write(path, text);
    const name = [command.command, ...command.args].join(' ');
    const listeners: ((text: string) => void)[] = [];
    const pending: string[] = b.output === undefined ? [] : [b.output];
    const emit = (text: string): void => {
      if (listeners.length === 0) pending.push(text);
      else for (const l of listeners) l(text);
    };
    let finish: (code: number) => void = () => {};
    const exit = new Promise<number>((resolve) => {
      finish = resolve;
    });
    const kill = (): void => {
      this.events.push({ op: 'kill', command: name });
      finish(b.killedExit ?? 130);
    };
    this.running.push({ command: name, kill });
    // A plain command ends once its output has been read; a server waits for kill().
    if (b.server !== true) setTimeout(() => finish(b.exit ?? 0), 0);
    return Promise.resolve({
      onOutput: (listener) => {
        listeners.push(listener);
        for (const text of pending.splice(0)) listener(text);
      },
      write: (data) => {
        this.events.push({ op: 'input', command: name, data });
        if (b.echo === true) emit(data);
      },
      kill,
      exit,
    });
  }
}

/** A RealRunIo that keeps the screen as text. */
export function screen(): { write(text: string): void; cols: number; rows: number; text(): string } {
  let out = '';
  return { write: (text) => void (out += text), cols: 80, rows: 24, text: () => out };
}
