import { describe, expect, test } from 'vitest';
import { createBufferTerminal, LineEditor, LineHistory, parseKeys, type Completer, type EditorEvent } from '../../../src/lib/terminal/index.ts';

function editor(cols = 40, completer: Completer | null = null) {
  const term = createBufferTerminal({ cols });
  const history = new LineHistory();
  const ed = new LineEditor(term, history, completer);
  ed.start('$ ');
  const events: EditorEvent[] = [];
  const type = (data: string) => {
    for (const k of parseKeys(data)) {
      const e = ed.handle(k);
      if (e !== null) events.push(e);
    }
  };
  return { term, ed, history, events, type };
}

describe('LineEditor', () => {
  test('cursor moves and inserts in the middle; Delete and Backspace around the cursor', () => {
    const e = editor();
    e.type('docker bild\x1b[D\x1b[D\x1b[Du\x1b[F\x7f\x7fld\x1b[H\x1b[3~D');
    expect(e.term.screen()).toBe('$ Docker build');
    e.type('\r');
    expect(e.events).toEqual([{ kind: 'line', text: 'Docker build' }]);
  });

  test('Ctrl-A/E, Ctrl-U kills before the cursor, Ctrl-K after, Ctrl-W the word before', () => {
    const e = editor();
    e.type('one two three\x17');
    expect(e.ed.line).toBe('one two ');
    e.type('\x01\x1b[C\x1b[C\x1b[C\x0b');
    expect(e.ed.line).toBe('one');
    e.type('\x05 more\x1b[D\x1b[D\x15');
    expect(e.ed.line).toBe('re');
    expect(e.term.screen()).toBe('$ re');
  });

  test('a line longer than the terminal wraps, and editing at its start redraws every row', () => {
    const e = editor(10);
    e.type('abcdefghijklmnop');
    expect(e.term.screen()).toBe('$ abcdefgh\nijklmnop');
    e.type('\x1b[HXY');
    expect(e.term.screen()).toBe('$ XYabcdef\nghijklmnop');
    e.type('\x1b[F\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f');
    expect(e.term.screen()).toBe('$ XYabcdef\ng');
    e.type('\x7f');
    expect(e.term.screen()).toBe('$ XYabcdef');
    e.type('\r');
    expect(e.events).toEqual([{ kind: 'line', text: 'XYabcdef' }]);
  });

  test('Ctrl-C prints ^C, drops the line and does not add it to history', () => {
    const e = editor();
    e.type('rm -rf\x1b[D\x03');
    expect(e.term.screen()).toBe('$ rm -rf^C');
    expect(e.events).toEqual([{ kind: 'interrupt' }]);
    expect(e.history.entries).toEqual([]);
  });

  test('Ctrl-D ends input on an empty line and deletes under the cursor otherwise', () => {
    const e = editor();
    e.type('ab\x1b[D\x04');
    expect(e.ed.line).toBe('a');
    e.type('\x7f\x04');
    expect(e.events).toEqual([{ kind: 'eof' }]);
  });

  test('history skips blank lines and immediate repeats', () => {
    const h = new LineHistory();
    for (const l of ['ls', 'ls', '  ', 'pwd', 'ls']) h.add(l);
    expect(h.entries).toEqual(['ls', 'pwd', 'ls']);
  });

  test('Tab: one candidate completes with a space, a folder with its slash, several to their common prefix', () => {
    const words = ['images', 'image', 'inspect', 'src/'];
    const completer: Completer = (line, cursor) => {
      const start = line.lastIndexOf(' ', cursor - 1) + 1;
      return { start, end: cursor, candidates: words.filter((w) => w.startsWith(line.slice(start, cursor))) };
    };
    const e = editor(40, completer);
    e.type('ins\t');
    expect(e.term.cursorLine()).toBe('$ inspect ');
    e.type('s\t');
    expect(e.term.cursorLine()).toBe('$ inspect src/');
    e.type('\x15im\t');
    expect(e.term.cursorLine()).toBe('$ image');
    e.type('\t');
    expect(e.term.screen()).toBe('$ image\nimages  image\n$ image');
    e.type('x\t');
    expect(e.term.output.endsWith('\x07')).toBe(true);
  });
});
