/**
 * xterm.js behind the TerminalLike seam. This module (and xterm with it) is imported only when a
 * terminal is opened, so pages pay nothing for a closed terminal.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { TerminalLike } from '../../lib/terminal/index.ts';

export interface MountedTerminal {
  terminal: TerminalLike;
  /** Resizes the grid to the parent element. */
  fit(): void;
  setTheme(theme: ITheme): void;
  focus(): void;
  dispose(): void;
}

export function mountXterm(parent: HTMLElement, theme: ITheme, rows: number): MountedTerminal {
  const xterm = new Terminal({
    screenReaderMode: true,
    cursorBlink: true,
    convertEol: false,
    fontFamily: getComputedStyle(parent).fontFamily,
    fontSize: 14,
    rows,
    scrollback: 2000,
    theme,
  });
  const fitAddon = new FitAddon();
  xterm.loadAddon(fitAddon);
  xterm.open(parent);
  fitAddon.fit();
  const terminal: TerminalLike = {
    get cols() {
      return xterm.cols;
    },
    get rows() {
      return xterm.rows;
    },
    write: (data) => xterm.write(data),
    onData: (listener) => xterm.onData(listener),
    clear() {
      // xterm keeps the cursor's line as the new first line; erase it so the prompt is drawn once.
      xterm.clear();
      xterm.write('\x1b[2K\r');
    },
  };
  return {
    terminal,
    fit: () => fitAddon.fit(),
    setTheme(next) {
      xterm.options.theme = next;
    },
    focus: () => xterm.focus(),
    dispose: () => xterm.dispose(),
  };
}
