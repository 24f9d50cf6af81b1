import { describe, expect, test } from 'vitest';
import { parseKeys } from '../../../src/lib/terminal/index.ts';

describe('parseKeys', () => {
  test('text is grouped; control keys and escape sequences become keys', () => {
    expect(parseKeys('ls -l\x1b[D\x1b[3~\x7f\t\r')).toEqual([
      { kind: 'text', text: 'ls -l' },
      { kind: 'key', key: 'left' },
      { kind: 'key', key: 'delete' },
      { kind: 'key', key: 'backspace' },
      { kind: 'key', key: 'tab' },
      { kind: 'key', key: 'enter' },
    ]);
  });

  test('Home/End in every encoding terminals send, and the readline control keys', () => {
    const keys = (s: string) => parseKeys(s).map((k) => (k.kind === 'key' ? k.key : k.text));
    expect(keys('\x1b[H\x1bOH\x1b[1~\x01')).toEqual(['home', 'home', 'home', 'home']);
    expect(keys('\x1b[F\x1bOF\x1b[4~\x05')).toEqual(['end', 'end', 'end', 'end']);
    expect(keys('\x15\x0b\x17\x03\x0c\x04')).toEqual(['kill-line-before', 'kill-line-after', 'kill-word-before', 'interrupt', 'clear-screen', 'eof']);
    expect(keys('\x1b[A\x1b[B\x10\x0e')).toEqual(['up', 'down', 'up', 'down']);
  });

  test('a pasted CR LF is one Enter; bracketed-paste markers and unknown sequences edit nothing', () => {
    expect(parseKeys('\x1b[200~pwd\r\nls\x1b[201~\x1b[15~')).toEqual([
      { kind: 'text', text: 'pwd' },
      { kind: 'key', key: 'enter' },
      { kind: 'text', text: 'ls' },
    ]);
  });
});
