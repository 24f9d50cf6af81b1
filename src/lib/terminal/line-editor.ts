/**
 * The readline of the terminal: a prompt and an editable line, drawn with cursor escapes so long
 * lines wrap correctly; history, kill commands, and bash-style completion (the common prefix on the
 * first Tab, the list of candidates on the second).
 */
import type { LineHistory } from './history.ts';
import type { EditKey, Key } from './keys.ts';
import { crlf, type TerminalLike } from './terminal-like.ts';
import { columns } from './columns.ts';

/** What Tab may put in place of `line.slice(start, end)`. */
export interface Completion {
  start: number;
  end: number;
  /** Full replacement words; a folder ends in `/` (no space is added after it). */
  candidates: string[];
  /** What the list shows for each candidate (a path's last part, as bash does); default the candidate. */
  labels?: string[];
}

export type Completer = (line: string, cursor: number) => Completion;

export type EditorEvent = { kind: 'line'; text: string } | { kind: 'interrupt' } | { kind: 'eof' };

const ANSI = /\x1b\[[0-9;?]*[@-~]/g;
/** Columns the text takes on screen (one per character; escape sequences take none). */
export const visibleWidth = (text: string): number => text.replace(ANSI, '').length;

export class LineEditor {
  private readonly term: TerminalLike;
  private readonly history: LineHistory;
  private readonly completer: Completer | null;
  private prompt = '';
  private buffer = '';
  private cursor = 0;
  /** Row of the cursor below the prompt's first row, as last drawn. */
  private cursorRow = 0;
  private historyIndex = 0;
  private draft = '';
  private lastKey: EditKey | 'text' | null = null;

  constructor(term: TerminalLike, history: LineHistory, completer: Completer | null = null) {
    this.term = term;
    this.history = history;
    this.completer = completer;
  }

  get line(): string {
    return this.buffer;
  }

  /** Shows a prompt and starts a new empty line. */
  start(prompt: string): void {
    this.prompt = prompt;
    this.buffer = '';
    this.cursor = 0;
    this.cursorRow = 0;
    this.historyIndex = this.history.entries.length;
    this.draft = '';
    this.lastKey = null;
    this.term.write(prompt);
  }

  /** Handles one key; returns an event when the line is finished (or abandoned). */
  handle(key: Key): EditorEvent | null {
    const name = key.kind === 'text' ? 'text' : key.key;
    const previous = this.lastKey;
    this.lastKey = name;
    if (key.kind === 'text') {
      this.insert(key.text);
      return null;
    }
    switch (key.key) {
      case 'enter': return this.finish();
      case 'interrupt':
        this.moveToEnd();
        this.term.write('^C\r\n');
        this.buffer = '';
        return { kind: 'interrupt' };
      case 'eof':
        if (this.buffer === '') {
          this.term.write('\r\n');
          return { kind: 'eof' };
        }
        this.edit(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1), this.cursor);
        return null;
      case 'clear-screen':
        this.term.clear();
        this.cursorRow = 0;
        this.term.write(this.prompt);
        this.render(false);
        return null;
      case 'tab':
        this.complete(previous === 'tab');
        return null;
      default:
        this.move(key.key);
        return null;
    }
  }

  private move(key: EditKey): void {
    const b = this.buffer;
    const c = this.cursor;
    switch (key) {
      case 'backspace':
        if (c === 0) return;
        if (c === b.length && (visibleWidth(this.prompt) + c) % this.term.cols !== 0) {
          // Rubbing out the last character needs no redraw (and keeps screen readers quiet).
          this.buffer = b.slice(0, -1);
          this.cursor--;
          this.term.write('\b\x1b[K');
          return;
        }
        this.edit(b.slice(0, c - 1) + b.slice(c), c - 1);
        return;
      case 'delete': if (c < b.length) this.edit(b.slice(0, c) + b.slice(c + 1), c); return;
      case 'left': this.edit(b, Math.max(0, c - 1)); return;
      case 'right': this.edit(b, Math.min(b.length, c + 1)); return;
      case 'home': this.edit(b, 0); return;
      case 'end': this.edit(b, b.length); return;
      case 'word-left': this.edit(b, wordStart(b, c)); return;
      case 'word-right': this.edit(b, wordEnd(b, c)); return;
      case 'kill-line-before': this.edit(b.slice(c), 0); return;
      case 'kill-line-after': this.edit(b.slice(0, c), c); return;
      case 'kill-word-before': {
        const start = wordStart(b, c);
        this.edit(b.slice(0, start) + b.slice(c), start);
        return;
      }
      case 'up':
        if (this.historyIndex === 0) return;
        if (this.historyIndex === this.history.entries.length) this.draft = b;
        this.historyIndex--;
        this.recall(this.history.entries[this.historyIndex] ?? '');
        return;
      case 'down':
        if (this.historyIndex >= this.history.entries.length) return;
        this.historyIndex++;
        this.recall(this.historyIndex === this.history.entries.length ? this.draft : this.history.entries[this.historyIndex] ?? '');
        return;
      default:
    }
  }

  private recall(text: string): void {
    this.edit(text, text.length);
  }

  private insert(text: string): void {
    const atEnd = this.cursor === this.buffer.length;
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
    if (!atEnd) {
      this.render(true);
      return;
    }
    // Typing at the end only echoes, as a real terminal does.
    this.term.write(text);
    const total = visibleWidth(this.prompt) + this.buffer.length;
    if (total % this.term.cols === 0) this.term.write('\r\n');
    this.cursorRow = Math.floor(total / this.term.cols);
  }

  private edit(buffer: string, cursor: number): void {
    this.buffer = buffer;
    this.cursor = cursor;
    this.render(true);
  }

  /** Redraws prompt and line from the prompt's first row, then puts the cursor in place. */
  private render(fromPrompt: boolean): void {
    const cols = this.term.cols;
    let out = '';
    if (fromPrompt) {
      if (this.cursorRow > 0) out += `\x1b[${this.cursorRow}A`;
      out += `\r\x1b[J${this.prompt}`;
    }
    out += this.buffer;
    const width = visibleWidth(this.prompt);
    const total = width + this.buffer.length;
    if (total > 0 && total % cols === 0) out += '\r\n';
    const endRow = Math.floor(total / cols);
    const target = width + this.cursor;
    const row = Math.floor(target / cols);
    if (endRow > row) out += `\x1b[${endRow - row}A`;
    if (target !== total || endRow > row) out += `\r${target % cols > 0 ? `\x1b[${target % cols}C` : ''}`;
    this.cursorRow = row;
    this.term.write(out);
  }

  private moveToEnd(): void {
    if (this.cursor !== this.buffer.length) this.edit(this.buffer, this.buffer.length);
  }

  private finish(): EditorEvent {
    this.moveToEnd();
    this.term.write('\r\n');
    const text = this.buffer;
    this.history.add(text);
    this.buffer = '';
    return { kind: 'line', text };
  }

  private complete(listing: boolean): void {
    if (this.completer === null) return;
    const c = this.completer(this.buffer, this.cursor);
    const word = this.buffer.slice(c.start, c.end);
    if (c.candidates.length === 0) {
      this.term.write('\x07');
      return;
    }
    const only = c.candidates.length === 1 ? (c.candidates[0] as string) : null;
    const common = only ?? commonPrefix(c.candidates);
    if (only !== null || common.length > word.length) {
      const insert = only !== null && !only.endsWith('/') ? `${only} ` : common;
      this.edit(this.buffer.slice(0, c.start) + insert + this.buffer.slice(c.end), c.start + insert.length);
      return;
    }
    if (!listing) {
      this.term.write('\x07');
      return;
    }
    // The second Tab lists the candidates below the line, then draws the prompt again.
    this.moveToEnd();
    this.term.write(`\r\n${crlf(columns(c.labels ?? c.candidates, this.term.cols))}`);
    this.cursorRow = 0;
    this.term.write(this.prompt);
    this.render(false);
  }
}

function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  while (i > 0 && !/\s/.test(text[i - 1] as string)) i--;
  return i;
}

function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  while (i < text.length && !/\s/.test(text[i] as string)) i++;
  return i;
}

export function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
