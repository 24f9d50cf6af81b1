/**
 * Terminal input → editing keys. xterm.js (like any terminal) sends text as typed and special keys
 * as control characters or escape sequences; a paste arrives as one chunk.
 */
export type EditKey =
  | 'enter' | 'backspace' | 'delete' | 'left' | 'right' | 'up' | 'down' | 'home' | 'end'
  | 'word-left' | 'word-right' | 'tab' | 'kill-line-before' | 'kill-line-after' | 'kill-word-before'
  | 'interrupt' | 'clear-screen' | 'eof';

export type Key = { kind: 'text'; text: string } | { kind: 'key'; key: EditKey };

const SEQUENCES: Readonly<Record<string, EditKey>> = {
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left',
  'OA': 'up', 'OB': 'down', 'OC': 'right', 'OD': 'left',
  '[H': 'home', 'OH': 'home', '[1~': 'home', '[7~': 'home',
  '[F': 'end', 'OF': 'end', '[4~': 'end', '[8~': 'end',
  '[3~': 'delete',
  '[1;5D': 'word-left', '[1;5C': 'word-right', '[1;3D': 'word-left', '[1;3C': 'word-right',
  'b': 'word-left', 'f': 'word-right',
};

const CONTROLS: Readonly<Record<string, EditKey>> = {
  '\r': 'enter', '\n': 'enter', '\x7f': 'backspace', '\b': 'backspace', '\t': 'tab',
  '\x01': 'home', '\x05': 'end', '\x02': 'left', '\x06': 'right', '\x10': 'up', '\x0e': 'down',
  '\x15': 'kill-line-before', '\x0b': 'kill-line-after', '\x17': 'kill-word-before',
  '\x03': 'interrupt', '\x0c': 'clear-screen', '\x04': 'eof',
};

// An escape sequence (CSI with parameters, SS3, or Alt+letter), a CR LF pair, or one character.
const TOKEN = /\x1b\[[0-9;?]*[@-~]|\x1bO[A-Z]|\x1b[a-z]|\r\n|[\s\S]/g;

export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  const text = (t: string): void => {
    const last = keys[keys.length - 1];
    if (last?.kind === 'text') last.text += t;
    else keys.push({ kind: 'text', text: t });
  };
  for (const [token] of data.matchAll(TOKEN)) {
    if (token.startsWith('\x1b')) {
      const key = SEQUENCES[token.slice(1)];
      if (key !== undefined) keys.push({ kind: 'key', key });
      // Other sequences (bracketed-paste markers, F-keys, focus reports) edit nothing.
      continue;
    }
    const control = CONTROLS[token === '\r\n' ? '\r' : token];
    if (control !== undefined) keys.push({ kind: 'key', key: control });
    else if (token >= ' ') text(token);
  }
  return keys;
}
