/**
 * The seam between the terminal program and whatever draws it (xterm.js in the browser, a string
 * buffer in tests): the program never imports xterm. Everything that subscribes returns a
 * Disposable, as in xterm.js.
 */
export interface Disposable {
  dispose(): void;
}

export interface TerminalLike {
  readonly cols: number;
  readonly rows: number;
  /** Writes text with escape sequences; lines end in `\r\n`. */
  write(data: string): void;
  /** Keystrokes and pastes as the terminal sends them (`\r` for Enter, `\x1b[A` for Up...). */
  onData(listener: (data: string) => void): Disposable;
  /** Clears the screen and the scrollback, leaving the cursor at the top left. */
  clear(): void;
}

/** Text with `\n` line ends as a terminal needs it (`\r\n`: back to the first column, then down). */
export const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** Calls every disposer once, newest first. */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}
