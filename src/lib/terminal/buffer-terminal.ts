/**
 * A TerminalLike that keeps what was written as text on a small emulated screen (cursor moves,
 * line wrapping, erase), so tests can assert what a person would see rather than raw escape codes.
 * Scrollback is unlimited; colours are ignored.
 */
import type { Disposable, TerminalLike } from './terminal-like.ts';

export interface BufferTerminal extends TerminalLike {
  /** Everything written, escape sequences included. */
  readonly output: string;
  /** Sends keystrokes as if typed. */
  type(data: string): void;
  /** The screen and its scrollback as text: trailing spaces and empty last lines removed. */
  screen(): string;
  /** The cursor's row up to the cursor (trailing spaces kept) or to its last character. */
  cursorLine(): string;
}

// One CSI sequence (`ESC [ params final`), any other two-byte escape, or one character.
const TOKEN = /\x1b\[([0-9;?]*)([@-~])|\x1b[^[]|[\s\S]/g;

export function createBufferTerminal(size: { cols?: number; rows?: number } = {}): BufferTerminal {
  const cols = size.cols ?? 80;
  const rows = size.rows ?? 24;
  const listeners = new Set<(data: string) => void>();
  let output = '';
  let lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  let pendingWrap = false;

  const line = (r: number): string[] => {
    while (lines.length <= r) lines.push([]);
    return lines[r] as string[];
  };

  function put(ch: string): void {
    if (pendingWrap) {
      row++;
      col = 0;
      pendingWrap = false;
    }
    const l = line(row);
    while (l.length < col) l.push(' ');
    l[col] = ch;
    if (col === cols - 1) pendingWrap = true;
    else col++;
  }

  function csi(params: string, final: string): void {
    const n = Math.max(1, Number(params.split(';')[0] || '1'));
    pendingWrap = false;
    switch (final) {
      case 'A': row = Math.max(0, row - n); break;
      case 'B': row += n; break;
      case 'C': col = Math.min(cols - 1, col + n); break;
      case 'D': col = Math.max(0, col - n); break;
      case 'K': {
        const l = line(row);
        if (params === '2') l.length = 0;
        else l.length = Math.min(l.length, col);
        break;
      }
      case 'J':
        line(row).length = Math.min(line(row).length, col);
        lines.length = row + 1;
        break;
      default: // colours and modes: nothing to draw
    }
  }

  function draw(data: string): void {
    for (const m of data.matchAll(TOKEN)) {
      const [text, params, final] = m;
      if (final !== undefined) csi(params ?? '', final);
      else if (text.startsWith('\x1b')) continue;
      else if (text === '\r') {
        col = 0;
        pendingWrap = false;
      } else if (text === '\n') {
        row++;
        pendingWrap = false;
        line(row);
      } else if (text === '\b') {
        col = Math.max(0, col - 1);
        pendingWrap = false;
      } else if (text >= ' ') put(text);
    }
  }

  return {
    cols,
    rows,
    get output() {
      return output;
    },
    write(data) {
      output += data;
      draw(data);
    },
    onData(listener): Disposable {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    clear() {
      lines = [[]];
      row = 0;
      col = 0;
      pendingWrap = false;
    },
    type(data) {
      for (const l of [...listeners]) l(data);
    },
    cursorLine() {
      const text = line(row).join('');
      return text.padEnd(col).slice(0, Math.max(col, text.trimEnd().length));
    },
    screen() {
      const text = lines.map((l) => l.join('').trimEnd());
      while (text.length > 1 && text[text.length - 1] === '') text.pop();
      return text.join('\n');
    },
  };
}
