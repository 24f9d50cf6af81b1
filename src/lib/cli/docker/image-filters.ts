/**
 * Which rows `docker images [REPOSITORY[:TAG]] [--filter ...]` lists: the positional argument is a
 * `reference` filter (docker/cli adds it so), matched per tag as moby's containerd image store does
 * with reference.FamiliarMatch (Go's path.Match against `name:tag`, then against `name`); `dangling`
 * and `label` filters as the daemon reads them, with its error texts.
 */
import { err, ok, type Result } from '../../diagnostics.ts';
import type { StoredImage } from '../state/store.ts';

/** One row of the listing: an image under one of its tags, or `<none>` when it has none. */
export interface ImageRow {
  repository: string;
  tag: string;
  image: StoredImage;
}

export function imageRows(images: readonly StoredImage[]): ImageRow[] {
  return images.flatMap((image) => {
    if (image.repoTags.length === 0) return [{ repository: '<none>', tag: '<none>', image }];
    return image.repoTags.map((t) => {
      const colon = t.lastIndexOf(':');
      return { repository: t.slice(0, colon), tag: t.slice(colon + 1), image };
    });
  });
}

/** Go's path.Match as a RegExp (`*` and `?` stop at `/`, `[...]` classes, `\` escapes); null: a bad pattern. */
function pathPattern(pattern: string): RegExp | null {
  const escape = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) return null;
      re += escape(next);
    } else if (c === '[') {
      let cls = '';
      if (pattern[i + 1] === '^') {
        cls = '^';
        i++;
      }
      let ranges = 0;
      for (i++; ; i++) {
        let ch = pattern[i];
        if (ch === undefined) return null;
        if (ch === ']' && ranges > 0) break;
        if (ch === '-' || ch === ']') return null;
        if (ch === '\\' && (ch = pattern[++i]) === undefined) return null;
        cls += escape(ch);
        if (pattern[i + 1] === '-' && pattern[i + 2] !== ']') {
          let hi = pattern[i + 2];
          i += 2;
          if (hi === '\\') hi = pattern[++i];
          if (hi === undefined || hi < ch) return null;
          cls += `-${escape(hi)}`;
        }
        ranges++;
      }
      re += `[${cls}]`;
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`, 'u');
}

/** reference.FamiliarMatch; a malformed pattern matches nothing, as the containerd store treats it. */
export function familiarMatch(pattern: string, repository: string, tag: string): boolean {
  const re = pathPattern(pattern);
  return re !== null && (re.test(`${repository}:${tag}`) || re.test(repository));
}

export interface ImageFilters {
  references: string[];
  dangling: boolean | null;
  labels: string[];
}

const KNOWN = new Set(['before', 'since', 'reference', 'dangling', 'label', 'label!', 'until']);
const SIMULATED = new Set(['reference', 'dangling', 'label']);

/** `--filter name=value` values (already split by the CLI), checked as the daemon checks them. */
export function parseImageFilters(pairs: readonly (readonly [string, string])[]): Result<ImageFilters, string> {
  const filters: ImageFilters = { references: [], dangling: null, labels: [] };
  const dangling: string[] = [];
  for (const [name, value] of pairs) {
    if (!KNOWN.has(name)) return err(`Error response from daemon: invalid filter '${name}'`);
    if (!SIMULATED.has(name)) return err(`docker images: the '${name}' filter is not simulated by Stagecraft`);
    if (name === 'reference') filters.references.push(value);
    else if (name === 'label') filters.labels.push(value);
    else dangling.push(value);
  }
  if (dangling.length > 0) {
    const isTrue = dangling.includes('true') || dangling.includes('1');
    const isFalse = dangling.includes('false') || dangling.includes('0');
    if (isTrue === isFalse) return err(`Error response from daemon: invalid filter 'dangling=${[...new Set(dangling)].sort().join(',')}'`);
    filters.dangling = isTrue;
  }
  return ok(filters);
}

/** `label=key` or `label=key=value` against the image's labels. */
function hasLabel(image: StoredImage, filter: string): boolean {
  const eq = filter.indexOf('=');
  const labels = image.image.config.Labels;
  const key = eq === -1 ? filter : filter.slice(0, eq);
  return Object.hasOwn(labels, key) && (eq === -1 || labels[key] === filter.slice(eq + 1));
}

export function filterRows(rows: readonly ImageRow[], filters: ImageFilters): ImageRow[] {
  return rows.filter((row) => {
    const dangling = row.image.repoTags.length === 0;
    if (filters.dangling !== null && dangling !== filters.dangling) return false;
    if (!filters.labels.every((l) => hasLabel(row.image, l))) return false;
    if (filters.references.length === 0) return true;
    return !dangling && filters.references.some((p) => familiarMatch(p, row.repository, row.tag));
  });
}
