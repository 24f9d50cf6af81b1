/** Lexical path helpers (no filesystem access: symlinks are the resolver's business). */

/** The non-empty components of a path; `.` is kept for the resolver to skip. */
export const splitPath = (path: string): string[] => path.split('/').filter((c) => c !== '');

/** `path` made absolute against `cwd` and normalised lexically: `.`/`..` folded, `..` at / stays /. */
export function normalizePath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  for (const c of splitPath(full)) {
    if (c === '.') continue;
    if (c === '..') parts.pop();
    else parts.push(c);
  }
  return `/${parts.join('/')}`;
}

export const joinNames = (names: readonly string[]): string => `/${names.join('/')}`;

/** UTF-8 byte length without allocating (TextEncoder would copy the string). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
