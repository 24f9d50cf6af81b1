/** POSIX basic and extended regular expressions (grep, sed) translated to JavaScript regexes. */
import { POSIX_CLASSES } from '../../pattern.ts';

/** The JS source of a POSIX regex; BRE when `extended` is false (`\(`, `\{`, `\+` are the operators). */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      out += bracket(pattern.slice(i + 1, end));
      i = end;
      continue;
    }
    if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) out += '\\\\';
      else if (!extended && '(){}|+?'.includes(n)) out += n;
      else if (/[0-9wWsSbB]/.test(n)) out += `\\${n}`;
      else if (n === '<' || n === '>') out += '\\b';
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else if (/[A-Za-z]/.test(n)) out += n;
      else out += `\\${n}`;
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) {
      out += `\\${c}`;
      continue;
    }
    if (c === '*' && (out === '' || out.endsWith('(') || out.endsWith('|') || out === '^')) {
      out += '\\*';
      continue;
    }
    if (c === '/') {
      out += '\\/';
      continue;
    }
    out += c;
  }
  return out;
}

function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && (pattern[i + 1] === ':' || pattern[i + 1] === '.' || pattern[i + 1] === '=')) {
      const close = pattern.indexOf(`${pattern[i + 1]}]`, i + 2);
      if (close !== -1) {
        i = close + 1;
        continue;
      }
    }
    if (pattern[i] === ']') return i;
  }
  return -1;
}

function bracket(body: string): string {
  let out = '[';
  let i = 0;
  if (body.startsWith('^')) {
    out += '^';
    i = 1;
  }
  for (; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      const cls = close === -1 ? undefined : POSIX_CLASSES[body.slice(i + 2, close)];
      if (cls !== undefined) {
        out += cls;
        i = close + 1;
        continue;
      }
    }
    out += c === '\\' || c === ']' || c === '[' ? `\\${c}` : c;
  }
  return `${out}]`;
}

/** A compiled POSIX regex, or the error text when JavaScript cannot compile the translation. */
export function compilePosix(pattern: string, extended: boolean, flags: string): RegExp | string {
  try {
    return new RegExp(posixToJs(pattern, extended), flags);
  } catch {
    return 'Invalid regular expression';
  }
}
