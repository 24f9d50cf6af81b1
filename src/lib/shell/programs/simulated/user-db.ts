/**
 * /etc/passwd, /etc/group and /etc/shadow as records: parsing, id allocation and writing them back.
 * Shared by the busybox and Debian user tools (adduser, addgroup, useradd, groupadd, usermod),
 * which edit these files for real.
 */
import type { CommandContext } from '../../command.ts';
import type { DirNode, FsError, FsResult } from '../../../vfs/index.ts';
import { readFile } from '../../../vfs/index.ts';
import { putFile } from './fs-steps.ts';

export interface PasswdEntry {
  name: string;
  password: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  password: string;
  gid: number;
  members: string[];
}

export interface UserDb {
  users: PasswdEntry[];
  groups: GroupEntry[];
  /** Lines of /etc/shadow, or undefined when the image has none. */
  shadow: string[] | undefined;
  /** /etc/gshadow lines, or undefined when the image has none. */
  gshadow: string[] | undefined;
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');

function readLines(fs: DirNode, ctx: CommandContext, path: string): string[] | undefined {
  const file = readFile(fs, ctx.access, path);
  return file.ok ? lines(file.value.content ?? '') : undefined;
}

export function readUserDb(ctx: CommandContext): UserDb {
  const users = (readLines(ctx.fs, ctx, '/etc/passwd') ?? []).map((line) => {
    const [name = '', password = '', uid = '0', gid = '0', gecos = '', home = '', shell = ''] = line.split(':');
    return { name, password, uid: Number(uid), gid: Number(gid), gecos, home, shell };
  });
  const groups = (readLines(ctx.fs, ctx, '/etc/group') ?? []).map((line) => {
    const [name = '', password = '', gid = '0', members = ''] = line.split(':');
    return { name, password, gid: Number(gid), members: members.split(',').filter(Boolean) };
  });
  return { users, groups, shadow: readLines(ctx.fs, ctx, '/etc/shadow'), gshadow: readLines(ctx.fs, ctx, '/etc/gshadow') };
}

const passwdLine = (u: PasswdEntry): string => [u.name, u.password, u.uid, u.gid, u.gecos, u.home, u.shell].join(':');
const groupLine = (g: GroupEntry): string => [g.name, g.password, g.gid, g.members.join(',')].join(':');

/** Writes the database back; shadow files only where the image has them (keeping their modes). */
export function writeUserDb(fs: DirNode, ctx: CommandContext, db: UserDb): FsResult<DirNode> {
  const files: [string, string[] | undefined][] = [
    ['/etc/passwd', db.users.map(passwdLine)],
    ['/etc/group', db.groups.map(groupLine)],
    ['/etc/shadow', db.shadow],
    ['/etc/gshadow', db.gshadow],
  ];
  let tree = fs;
  for (const [path, content] of files) {
    if (content === undefined) continue;
    const next = putFile(ctx.access, path, { content: content.length > 0 ? `${content.join('\n')}\n` : '' })(tree);
    if (!next.ok) return next;
    tree = next.value;
  }
  return { ok: true, value: tree };
}

export const findUser = (db: UserDb, name: string): PasswdEntry | undefined => db.users.find((u) => u.name === name);
export const findGroup = (db: UserDb, nameOrId: string): GroupEntry | undefined =>
  db.groups.find((g) => g.name === nameOrId) ?? (/^\d+$/.test(nameOrId) ? db.groups.find((g) => g.gid === Number(nameOrId)) : undefined);

/** The lowest id in [min, max] that none of `taken` uses, or undefined. */
export function lowestFree(taken: ReadonlySet<number>, min: number, max: number): number | undefined {
  for (let id = min; id <= max; id++) if (!taken.has(id)) return id;
  return undefined;
}

/** The highest id in [min, max] that none of `taken` uses (shadow's choice for system accounts). */
export function highestFree(taken: ReadonlySet<number>, min: number, max: number): number | undefined {
  for (let id = max; id >= min; id--) if (!taken.has(id)) return id;
  return undefined;
}

/** One past the highest id used in [min, max] (shadow's choice for regular accounts), else min. */
export function nextAfterHighest(taken: ReadonlySet<number>, min: number, max: number): number | undefined {
  const used = [...taken].filter((id) => id >= min && id <= max);
  const next = used.length === 0 ? min : Math.max(...used) + 1;
  return next <= max ? next : lowestFree(taken, min, max);
}

/** Days since the epoch, as /etc/shadow's "last change" field. */
export const shadowDay = (now: number): number => Math.floor(now / 86_400_000);

/** Adds `user` to the member list of `group` (and of its gshadow line, as gpasswd/usermod do). */
export function addMember(db: UserDb, group: GroupEntry, user: string): UserDb {
  if (group.members.includes(user)) return db;
  const gshadow = db.gshadow?.map((line) => {
    const [name = '', password = '', admins = '', members = ''] = line.split(':');
    if (name !== group.name) return line;
    return [name, password, admins, [...members.split(',').filter(Boolean), user].join(',')].join(':');
  });
  return { ...db, groups: db.groups.map((g) => (g === group ? { ...g, members: [...g.members, user] } : g)), gshadow };
}

/** The /etc/shadow line shadow's useradd writes: locked ('!'), with ageing fields for regular users only. */
export const shadowLine = (name: string, now: number, system: boolean, password = '!'): string =>
  system ? `${name}:${password}:${shadowDay(now)}::::::` : `${name}:${password}:${shadowDay(now)}:0:99999:7:::`;

/** Adds a group record, and its gshadow line where the image has gshadow. */
export function withGroup(db: UserDb, name: string, gid: number): UserDb {
  return {
    ...db,
    groups: [...db.groups, { name, password: 'x', gid, members: [] }],
    gshadow: db.gshadow === undefined ? undefined : [...db.gshadow, `${name}:!::`],
  };
}

/** Writes the database into ctx.fs; the error when a file cannot be written. */
export function saveUserDb(ctx: CommandContext, db: UserDb): FsError | undefined {
  const written = writeUserDb(ctx.fs, ctx, db);
  if (!written.ok) return written.error;
  ctx.fs = written.value;
  return undefined;
}
