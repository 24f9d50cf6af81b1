/**
 * Users and groups as BuildKit resolves them: from the stage's own /etc/passwd and /etc/group
 * (USER for RUN, `COPY --chown`). Numeric ids need no entry.
 */
import { readFile, ROOT_CRED, type Cred, type DirNode, type FileNode } from '../vfs/index.ts';

export interface ResolvedUser {
  uid: number;
  gid: number;
  /** Supplementary groups from /etc/group. */
  groups: number[];
}

/** Parsed files by node: a file node never changes, and stages share them, so parse each once. */
const parsed = new WeakMap<FileNode, string[][]>();

function lines(fs: DirNode, path: string): string[][] {
  const f = readFile(fs, { cred: ROOT_CRED }, path);
  if (!f.ok || f.value.content === undefined) return [];
  const known = parsed.get(f.value);
  if (known !== undefined) return known;
  const rows = f.value.content.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(':'));
  parsed.set(f.value, rows);
  return rows;
}

const isNumeric = (s: string): boolean => /^[0-9]+$/.test(s);

/** `name`, `uid`, `name:group`, `uid:gid` for a RUN; null with the failing part when a name is unknown. */
export function resolveUser(fs: DirNode, spec: string): { ok: true; value: ResolvedUser } | { ok: false; missing: 'user' | 'group'; name: string } {
  const [userPart = '', groupPart] = spec.split(':', 2);
  let uid: number;
  let gid: number;
  if (isNumeric(userPart)) {
    uid = Number(userPart);
    const entry = lines(fs, '/etc/passwd').find((f) => f[2] === userPart);
    gid = entry !== undefined && groupPart === undefined ? Number(entry[3]) : 0;
  } else {
    const entry = lines(fs, '/etc/passwd').find((f) => f[0] === (userPart === '' ? 'root' : userPart));
    if (entry === undefined) {
      if (userPart === '' || userPart === 'root') return { ok: true, value: { uid: 0, gid: 0, groups: [] } };
      return { ok: false, missing: 'user', name: userPart };
    }
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  }
  if (groupPart !== undefined) {
    const g = resolveGroup(fs, groupPart);
    if (g === null) return { ok: false, missing: 'group', name: groupPart };
    gid = g;
  }
  // Supplementary groups only for the implicit-group form, as runc's GetExecUser fills Sgids.
  const name = groupPart === undefined ? lines(fs, '/etc/passwd').find((f) => Number(f[2]) === uid)?.[0] : undefined;
  const groups = name === undefined ? [] : lines(fs, '/etc/group')
    .filter((f) => (f[3] ?? '').split(',').includes(name))
    .map((f) => Number(f[2]));
  return { ok: true, value: { uid, gid, groups } };
}

function resolveGroup(fs: DirNode, group: string): number | null {
  if (isNumeric(group)) return Number(group);
  const entry = lines(fs, '/etc/group').find((f) => f[0] === group);
  return entry === undefined ? null : Number(entry[2]);
}

/**
 * `--chown` owner: `name` takes uid and primary gid from /etc/passwd, a number sets gid = uid,
 * `x:y` resolves each side. Unknown names leave 0, as BuildKit's readUser does when a file lacks them.
 */
export function resolveChown(fs: DirNode, spec: string): { uid: number; gid: number } {
  const [userPart = '', groupPart] = spec.split(':', 2);
  let uid = 0;
  let gid = 0;
  if (isNumeric(userPart)) {
    uid = Number(userPart);
    gid = uid;
  } else {
    const entry = lines(fs, '/etc/passwd').find((f) => f[0] === userPart);
    if (entry !== undefined) {
      uid = Number(entry[2]);
      gid = Number(entry[3]);
    }
  }
  if (groupPart !== undefined) gid = resolveGroup(fs, groupPart) ?? 0;
  return { uid, gid };
}

export const credOf = (u: ResolvedUser): Cred => ({ uid: u.uid, gid: u.gid, groups: u.groups });
