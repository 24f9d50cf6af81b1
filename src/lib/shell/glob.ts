/** Pathname expansion (`*.txt`, `/var/lib/apt/lists/*`, a trailing slash for folders) against the vfs, as the user sees it. */
import { lstat, readdir, stat, type Access, type DirNode } from '../vfs/index.ts';
import { hasWildcard, matchPattern, unescapePattern } from './pattern.ts';

export interface GlobResult {
  /** The listed paths matching, sorted; [] when none (the caller then keeps the word as it is). */
  paths: string[];
  /**
   * Folders holding unlisted bulk (a DirSummary) that the last wildcard was matched in: their
   * unlisted files have no names to test, so they count as matched (`rm -rf /usr/share/doc/*`).
   */
  bulk: string[];
}

/** Expands `pattern`; `dots`: whether `.*` matches `.` and `..` (dash and ash: yes; bash 5.2: no, globskipdots). */
export function globPaths(fs: DirNode, access: Access, pattern: string, dots = true): GlobResult {
  const bulk: string[] = [];
  const dirOnly = pattern.endsWith('/');
  let paths: string[] = [pattern.startsWith('/') ? '/' : ''];
  const join = (base: string, name: string): string => (base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`);
  const segments = pattern.split('/').filter((s) => s !== '');
  for (const [index, segment] of segments.entries()) {
    const next: string[] = [];
    for (const base of paths) {
      if (!hasWildcard(segment)) {
        next.push(join(base, unescapePattern(segment)));
        continue;
      }
      const listed = readdir(fs, access, base === '' ? '.' : base);
      if (!listed.ok) continue;
      const hidden = segment.startsWith('.') || segment.startsWith('\\.');
      const dir = stat(fs, access, base === '' ? '.' : base);
      if (index === segments.length - 1 && !hidden && dir.ok && dir.value.kind === 'dir' && dir.value.summary !== undefined) bulk.push(base === '' ? '.' : base);
      // readdir lists no . and ..; a pattern starting with a dot matches them too (`.*`).
      const names = [...(hidden && dots ? ['.', '..'] : []), ...listed.value.map((e) => e.name)];
      for (const name of names) {
        if (name.startsWith('.') && !hidden) continue;
        if (matchPattern(segment, name, true)) next.push(join(base, name));
      }
    }
    paths = next;
  }
  const matched = paths
    .filter((p) => {
      if (!lstat(fs, access, p).ok) return false;
      if (!dirOnly) return true;
      const target = stat(fs, access, p);
      return target.ok && target.value.kind === 'dir';
    })
    .map((p) => (dirOnly ? `${p}/` : p))
    .sort();
  return { paths: matched, bulk };
}
