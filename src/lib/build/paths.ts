/** Slash-path helpers with Go's `path.Clean` rules (BuildKit normalises every path this way). */

/** Go's path.Clean: collapse `//`, drop `.`, resolve `..` lexically; '' → '.'. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const body = out.join('/');
  if (rooted) return '/' + body;
  return body === '' ? '.' : body;
}

/** An absolute, clean path: relative paths are taken from `base`, `..` cannot climb above `/`. */
export function absPath(base: string, p: string): string {
  return cleanPath(p.startsWith('/') ? p : `${base}/${p}`);
}

export function parentDir(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function baseName(p: string): string {
  const c = cleanPath(p);
  return c === '/' ? '/' : c.slice(c.lastIndexOf('/') + 1);
}

export function hasWildcard(p: string): boolean {
  return /[*?[]/.test(p);
}
