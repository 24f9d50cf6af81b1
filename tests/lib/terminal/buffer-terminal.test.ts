import { describe, expect, test } from 'vitest';
import { columns, createBufferTerminal, lsColumns } from '../../../src/lib/terminal/index.ts';

describe('the string-buffer terminal draws like a terminal', () => {
  test('CR LF, backspace, erase to end of line, colours ignored', () => {
    const t = createBufferTerminal({ cols: 20 });
    t.write('\x1b[1;32mhello\x1b[0m world\r\nsecond\b\b\x1b[K!');
    expect(t.screen()).toBe('hello world\nseco!');
    expect(t.output).toBe('\x1b[1;32mhello\x1b[0m world\r\nsecond\b\b\x1b[K!');
  });

  test('a full row wraps only when the next character comes (pending wrap)', () => {
    const t = createBufferTerminal({ cols: 4 });
    t.write('abcd');
    expect(t.screen()).toBe('abcd');
    t.write('e');
    expect(t.screen()).toBe('abcd\ne');
  });

  test('cursor up and erase below redraw a wrapped line', () => {
    const t = createBufferTerminal({ cols: 4 });
    t.write('abcdef');
    t.write('\x1b[1A\r\x1b[Jxy');
    expect(t.screen()).toBe('xy');
    expect(t.cursorLine()).toBe('xy');
  });

  test('cursorLine keeps spaces typed before the cursor', () => {
    const t = createBufferTerminal();
    t.write('$ ls ');
    expect(t.screen()).toBe('$ ls');
    expect(t.cursorLine()).toBe('$ ls ');
  });

  test('clear empties the screen; typed data reaches listeners until disposed', () => {
    const t = createBufferTerminal();
    t.write('x\r\ny');
    t.clear();
    expect(t.screen()).toBe('');
    const got: string[] = [];
    const sub = t.onData((d) => got.push(d));
    t.type('a');
    sub.dispose();
    t.type('b');
    expect(got).toEqual(['a']);
  });
});

describe('column layouts', () => {
  test('ls: as many columns as fit, each as wide as its own longest name', () => {
    const words = ['a', 'bbbbbbbbbb', 'c', 'dd', 'e', 'f'];
    expect(lsColumns(words, 80)).toBe('a  bbbbbbbbbb  c  dd  e  f\n');
    expect(lsColumns(words, 20)).toBe('a           c   e\nbbbbbbbbbb  dd  f\n');
    expect(lsColumns(words, 5)).toBe('a\nbbbbbbbbbb\nc\ndd\ne\nf\n');
  });

  test('completion lists: one width for every column', () => {
    expect(columns(['a', 'bbbb', 'c'], 20)).toBe('a     bbbb  c\n');
  });
});
