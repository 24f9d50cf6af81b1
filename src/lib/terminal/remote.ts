/**
 * A terminal whose screen is elsewhere: the terminal program runs in a Web Worker (so a build never
 * blocks the page) and talks to the page's xterm through messages. `createRemoteTerminal` is the
 * worker's TerminalLike; `connectTerminal` is the page's end, piping keys out and output in.
 */
import type { Disposable, TerminalLike } from './terminal-like.ts';

/** From the program to the screen. */
export type ScreenMessage = { kind: 'write'; data: string } | { kind: 'clear' };
/** From the screen to the program. */
export type KeyboardMessage = { kind: 'data'; data: string } | { kind: 'resize'; cols: number; rows: number };

export interface RemoteTerminal extends TerminalLike {
  /** Hands a message from the page to the terminal (keys, a new size). */
  receive(message: KeyboardMessage): void;
}

export function createRemoteTerminal(send: (message: ScreenMessage) => void, size: { cols: number; rows: number }): RemoteTerminal {
  const listeners = new Set<(data: string) => void>();
  let { cols, rows } = size;
  return {
    get cols() {
      return cols;
    },
    get rows() {
      return rows;
    },
    write: (data) => send({ kind: 'write', data }),
    clear: () => send({ kind: 'clear' }),
    onData(listener): Disposable {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    receive(message) {
      if (message.kind === 'resize') {
        cols = message.cols;
        rows = message.rows;
      } else for (const l of [...listeners]) l(message.data);
    },
  };
}

export interface TerminalConnection extends Disposable {
  /** Hands a message from the program to the screen. */
  receive(message: ScreenMessage): void;
  /** Tells the program the screen's new size. */
  resized(): void;
}

/** The page's end: keys typed in `screen` go to the program, its output is drawn on `screen`. */
export function connectTerminal(screen: TerminalLike, send: (message: KeyboardMessage) => void): TerminalConnection {
  const typing = screen.onData((data) => send({ kind: 'data', data }));
  return {
    receive(message) {
      if (message.kind === 'write') screen.write(message.data);
      else screen.clear();
    },
    resized: () => send({ kind: 'resize', cols: screen.cols, rows: screen.rows }),
    dispose: () => typing.dispose(),
  };
}
