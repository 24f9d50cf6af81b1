/**
 * Facts read from a built image's file list and config: what is at a path (following symlinked
 * folders the way a process in the container would) and who the image's user is.
 */
import type { ImageFile, ImageResult } from '../../build/index.ts';

/** The image's files by path, built once per image. */
export type FileIndex = ReadonlyMap<string, ImageFile>;

export function indexFiles(image: ImageResult): FileIndex {
  return new Map(image.files.map((file) => [file.path, file]));
}

const MAX_LINKS = 40;

function normalise(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

/**
 * The entry at `path`, following symlinks in its folders (not in its last part, like `lstat`):
 * `/bin/sh` on Debian is found through `/bin -> usr/bin`. Null when nothing is there.
 */
export function lookupPath(files: FileIndex, path: string): ImageFile | null {
  let pending = normalise(path.split('/'));
  let resolved: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const [head, ...rest] = pending as [string, ...string[]];
    const here = `/${[...resolved, head].join('/')}`;
    const entry = files.get(here);
    if (entry === undefined) return null;
    if (entry.type === 'symlink' && entry.target !== null && rest.length > 0) {
      if (++links > MAX_LINKS) return null;
      const target = entry.target.split('/');
      pending = normalise([...(entry.target.startsWith('/') ? [] : resolved), ...target, ...rest]);
      resolved = [];
      continue;
    }
    resolved = [...resolved, head];
    pending = rest;
  }
  return files.get(`/${resolved.join('/')}`) ?? files.get('/') ?? null;
}

/** The image's user as a process sees it: uid and, when known, the name. */
export interface ResolvedUser {
  uid: number;
  name: string | null;
}

/** `USER` as written in the config (`app`, `1000:1000`, `node:node`, or empty for root). */
export function resolveUser(image: ImageResult, files: FileIndex): { ok: true; value: ResolvedUser } | { ok: false; error: string } {
  const user = (image.config.User.split(':')[0] ?? '').trim();
  if (user === '') return { ok: true, value: { uid: 0, name: 'root' } };
  const passwd = lookupPath(files, '/etc/passwd');
  const entries = (passwd?.content ?? '')
    .split('\n')
    .map((line) => line.split(':'))
    .filter((fields) => fields.length >= 3);
  if (/^\d+$/.test(user)) {
    const uid = Number(user);
    return { ok: true, value: { uid, name: entries.find((f) => Number(f[2]) === uid)?.[0] ?? null } };
  }
  if (passwd === null) return { ok: false, error: `the image has no /etc/passwd to look up the user "${user}" in` };
  const entry = entries.find((fields) => fields[0] === user);
  if (entry === undefined) return { ok: false, error: `the user "${user}" is not in the image's /etc/passwd` };
  return { ok: true, value: { uid: Number(entry[2]), name: user } };
}
