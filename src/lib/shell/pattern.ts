/**
 * Shell patterns (`*`, `?`, `[...]`) for globbing, `case` and `${x#pattern}`. A pattern is a string
 * where a backslash escapes the next character: quoted text is passed in escaped, so `"*"` stays a star.
 */

const SPECIAL = /[*?[\]\\]/g;

/** `text` with every pattern character escaped (quoted text in a pattern). */
export const escapePattern = (text: string): string => text.replace(SPECIAL, (c) => `\\${c}`);

/** Whether the pattern has an unescaped `*`, `?` or `[`. */
export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** The pattern with its escapes removed (what a glob that matched nothing leaves). */
export const unescapePattern = (pattern: string): string => pattern.replace(/\\(.)/gs, '$1');

const escapeRegex = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A regex source for the pattern. With `pathname`, wildcards do not match `/` (globbing one path
 * segment); otherwise they match anything (`case`, `${x%pattern}`).
 */
export function patternSource(pattern: string, pathname: boolean): string {
  const any = pathname ? '[^/]' : '[\\s\\S]';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const n = pattern[i + 1];
      i++;
      out += n === undefined ? '\\\\' : escapeRegex(n);
    } else if (c === '*') out += `${any}*`;
    else if (c === '?') out += any;
    else if (c === '[') {
      const cls = readClass(pattern, i);
      if (cls === undefined) out += '\\[';
      else {
        out += cls.source;
        i = cls.end;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

/** `[:name:]` character classes as the body of a JavaScript character class (shared with grep/sed). */
export const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t',
  xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f',
};

function readClass(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      const name = close === -1 ? undefined : POSIX_CLASSES[pattern.slice(i + 2, close)];
      if (name !== undefined) {
        body += name;
        i = close + 1;
        continue;
      }
    }
    if (c === '\\') {
      i++;
      body += escapeRegex(pattern[i] ?? '\\');
    } else if (c === '-' ) body += '-';
    else body += c === '^' || c === ']' || c === '[' ? `\\${c}` : c;
  }
  return undefined;
}

/** Whether the whole of `text` matches the pattern (`case`, `[[`-less tests, find -name). */
export function matchPattern(pattern: string, text: string, pathname = false): boolean {
  return new RegExp(`^${patternSource(pattern, pathname)}$`).test(text);
}

/** `${x#p}` / `${x##p}` / `${x%p}` / `${x%%p}`: `text` without its shortest/longest matching prefix/suffix. */
export function removeAffix(text: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const re = new RegExp(`^${patternSource(pattern, false)}$`);
  const n = text.length;
  if (op === '#') { for (let i = 0; i <= n; i++) if (re.test(text.slice(0, i))) return text.slice(i); }
  else if (op === '##') { for (let i = n; i >= 0; i--) if (re.test(text.slice(0, i))) return text.slice(i); }
  else if (op === '%') { for (let i = n; i >= 0; i--) if (re.test(text.slice(i))) return text.slice(0, i); }
  else for (let i = 0; i <= n; i++) if (re.test(text.slice(i))) return text.slice(0, i);
  return text;
}

/** `${x/p/r}` (first, longest match) and `${x//p/r}` (every match), with a `#`/`%` anchor at the start of `p`. */
export function replacePattern(text: string, pattern: string, replacement: string, all: boolean): string {
  const anchor = pattern.startsWith('#') ? 'start' : pattern.startsWith('%') ? 'end' : undefined;
  const body = anchor === undefined ? pattern : pattern.slice(1);
  if (body === '') return text;
  const re = new RegExp(`^${patternSource(body, false)}$`);
  let out = '';
  let i = 0;
  while (i <= text.length) {
    let matched = -1;
    for (let j = text.length; j > i; j--) {
      if (anchor === 'end' && j !== text.length) break;
      if (re.test(text.slice(i, j))) {
        matched = j;
        break;
      }
    }
    if (matched !== -1) {
      out += replacement;
      i = matched;
      if (!all || anchor !== undefined) return out + text.slice(i);
      continue;
    }
    if (anchor === 'start' || i === text.length) break;
    out += text[i];
    i++;
  }
  return out + text.slice(i);
}
