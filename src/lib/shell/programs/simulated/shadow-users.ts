/**
 * useradd, groupadd and usermod from the shadow suite (Debian, Ubuntu, and Alpine once `shadow` is
 * installed): real edits of /etc/passwd, /etc/group, /etc/shadow, /etc/gshadow with shadow's
 * defaults (regular ids from 1000 after the highest used, system ids from 999 down, a user group of
 * the same name, no home unless -m, shell from /etc/default/useradd) and its messages and statuses.
 */
import type { Command, CommandContext } from '../../command.ts';
import { chown, walk } from '../../../vfs/index.ts';
import { readText } from './fs-steps.ts';
import { createHome } from './home-dir.ts';
import { getopt } from './getopt.ts';
import { addMember, findGroup, findUser, highestFree, nextAfterHighest, readUserDb, saveUserDb, shadowLine, withGroup } from './user-db.ts';
import type { UserDb } from './user-db.ts';

const SYS_MIN = 101;
const SYS_MAX = 999;
const MIN = 1000;
const MAX = 60000;

function fail(ctx: CommandContext, program: string, message: string, status: number): number {
  ctx.stderr.write(`${program}: ${message}\n`);
  return status;
}

const cannotLock = (ctx: CommandContext, program: string, file: string, status: number): number => {
  ctx.stderr.write(`${program}: Permission denied.\n${program}: cannot lock ${file}; try again later.\n`);
  return status;
};

function save(ctx: CommandContext, program: string, db: UserDb): number {
  const failed = saveUserDb(ctx, db);
  return failed === undefined ? 0 : fail(ctx, program, `cannot open ${failed.path}`, 10);
}

const useraddDefault = (ctx: CommandContext, key: string): string | undefined =>
  (readText(ctx.fs, ctx.access, '/etc/default/useradd') ?? '')
    .split('\n')
    .find((line) => line.startsWith(`${key}=`))
    ?.slice(key.length + 1);

function useradd(args: readonly string[], ctx: CommandContext): number {
  const parsed = getopt(args, 'c:d:g:G:k:mMNorp:s:u:UK:e:f:l', {
    comment: 'c', 'home-dir': 'd', gid: 'g', groups: 'G', skel: 'k', 'create-home': 'm', 'no-create-home': 'M',
    'no-user-group': 'N', 'non-unique': 'o', system: 'r', password: 'p', shell: 's', uid: 'u', 'user-group': 'U',
    key: 'K', expiredate: 'e', inactive: 'f', 'no-log-init': 'l',
  });
  if (typeof parsed === 'string') return fail(ctx, 'useradd', parsed, 2);
  const [name] = parsed.positional;
  if (name === undefined || parsed.positional.length > 1) {
    ctx.stderr.write('Usage: useradd [options] LOGIN\n');
    return 2;
  }
  if (ctx.cred.uid !== 0) return cannotLock(ctx, 'useradd', '/etc/passwd', 1);
  let db = readUserDb(ctx);
  if (findUser(db, name) !== undefined) return fail(ctx, 'useradd', `user '${name}' already exists`, 9);
  const system = parsed.flags.has('r');
  const extra: string[] = [];
  for (const groupName of (parsed.values.get('G') ?? '').split(',').filter(Boolean)) {
    const group = findGroup(db, groupName);
    if (group === undefined) return fail(ctx, 'useradd', `group '${groupName}' does not exist`, 6);
    extra.push(group.name);
  }
  let gid: number | undefined;
  const primary = parsed.values.get('g');
  if (primary !== undefined) {
    const group = findGroup(db, primary);
    if (group === undefined) return fail(ctx, 'useradd', `group '${primary}' does not exist`, 6);
    gid = group.gid;
  }
  const uids = new Set(db.users.map((u) => u.uid));
  const givenUid = parsed.values.get('u');
  const uid = givenUid !== undefined ? Number(givenUid) : system ? highestFree(uids, SYS_MIN, SYS_MAX) : nextAfterHighest(uids, MIN, MAX);
  if (uid === undefined || !Number.isInteger(uid)) return fail(ctx, 'useradd', `invalid user ID '${givenUid ?? ''}'`, 3);
  if (givenUid !== undefined && uids.has(uid) && !parsed.flags.has('o')) return fail(ctx, 'useradd', `UID ${uid} is not unique`, 4);
  const userGroup = gid === undefined && !parsed.flags.has('N');
  if (userGroup) {
    if (findGroup(db, name) !== undefined) return fail(ctx, 'useradd', `group ${name} exists - if you want to add this user to that group, use -g.`, 9);
    const gids = new Set(db.groups.map((g) => g.gid));
    gid = gids.has(uid) ? (system ? highestFree(gids, SYS_MIN, SYS_MAX) : nextAfterHighest(gids, MIN, MAX)) : uid;
    if (gid === undefined) return fail(ctx, 'useradd', "can't create group", 4);
    db = withGroup(db, name, gid);
  }
  const home = parsed.values.get('d') ?? `${useraddDefault(ctx, 'HOME') ?? '/home'}/${name}`;
  const shell = parsed.values.get('s') ?? useraddDefault(ctx, 'SHELL') ?? '/bin/sh';
  const userGid = gid ?? 100;
  db = {
    ...db,
    users: [...db.users, { name, password: 'x', uid, gid: userGid, gecos: parsed.values.get('c') ?? '', home, shell }],
    shadow: db.shadow === undefined ? undefined : [...db.shadow, shadowLine(name, ctx.now, system, parsed.values.get('p'))],
  };
  for (const groupName of extra) {
    const group = findGroup(db, groupName);
    if (group !== undefined) db = addMember(db, group, name);
  }
  const status = save(ctx, 'useradd', db);
  if (status !== 0) return status;
  if (parsed.flags.has('m') && !parsed.flags.has('M')) {
    const made = createHome(ctx.fs, ctx, home, { uid, gid: userGid, mode: 0o755, skel: parsed.values.get('k') ?? '/etc/skel' });
    if (!made.ok) return fail(ctx, 'useradd', `cannot create directory ${home}`, 12);
    ctx.fs = made.value;
  }
  return 0;
}

function groupadd(args: readonly string[], ctx: CommandContext): number {
  const parsed = getopt(args, 'fg:K:op:r', { force: 'f', gid: 'g', key: 'K', 'non-unique': 'o', password: 'p', system: 'r' });
  if (typeof parsed === 'string') return fail(ctx, 'groupadd', parsed, 2);
  const [name] = parsed.positional;
  if (name === undefined || parsed.positional.length > 1) {
    ctx.stderr.write('Usage: groupadd [options] GROUP\n');
    return 2;
  }
  if (ctx.cred.uid !== 0) return cannotLock(ctx, 'groupadd', '/etc/group', 10);
  const db = readUserDb(ctx);
  if (db.groups.some((g) => g.name === name)) return parsed.flags.has('f') ? 0 : fail(ctx, 'groupadd', `group '${name}' already exists`, 9);
  const gids = new Set(db.groups.map((g) => g.gid));
  const given = parsed.values.get('g');
  let gid: number | undefined;
  if (given !== undefined) {
    gid = Number(given);
    if (!Number.isInteger(gid) || gid < 0) return fail(ctx, 'groupadd', `invalid group ID '${given}'`, 3);
    if (gids.has(gid) && !parsed.flags.has('o')) {
      if (!parsed.flags.has('f')) return fail(ctx, 'groupadd', `GID '${gid}' already exists`, 4);
      gid = undefined;
    }
  }
  gid ??= parsed.flags.has('r') ? highestFree(gids, SYS_MIN, SYS_MAX) : nextAfterHighest(gids, MIN, MAX);
  if (gid === undefined) return fail(ctx, 'groupadd', "can't create group", 4);
  return save(ctx, 'groupadd', withGroup(db, name, gid));
}

function usermod(args: readonly string[], ctx: CommandContext): number {
  const parsed = getopt(args, 'ac:d:g:G:l:LmoPs:u:U', {
    append: 'a', comment: 'c', home: 'd', gid: 'g', groups: 'G', login: 'l', lock: 'L', 'move-home': 'm',
    'non-unique': 'o', shell: 's', uid: 'u', unlock: 'U',
  });
  if (typeof parsed === 'string') return fail(ctx, 'usermod', parsed, 2);
  const [name] = parsed.positional;
  if (name === undefined || parsed.positional.length > 1) {
    ctx.stderr.write('Usage: usermod [options] LOGIN\n');
    return 2;
  }
  if (ctx.cred.uid !== 0) return cannotLock(ctx, 'usermod', '/etc/passwd', 1);
  let db = readUserDb(ctx);
  const user = findUser(db, name);
  if (user === undefined) return fail(ctx, 'usermod', `user '${name}' does not exist`, 6);
  let updated = { ...user };
  const primary = parsed.values.get('g');
  if (primary !== undefined) {
    const group = findGroup(db, primary);
    if (group === undefined) return fail(ctx, 'usermod', `group '${primary}' does not exist`, 6);
    updated = { ...updated, gid: group.gid };
  }
  const groupList = parsed.values.get('G');
  if (groupList !== undefined) {
    const names = groupList.split(',').filter(Boolean);
    for (const groupName of names) if (findGroup(db, groupName) === undefined) return fail(ctx, 'usermod', `group '${groupName}' does not exist`, 6);
    const wanted = new Set(names.map((n) => findGroup(db, n)?.name));
    db = {
      ...db,
      groups: db.groups.map((g) => {
        const member = g.members.includes(name);
        if (wanted.has(g.name) && !member) return { ...g, members: [...g.members, name] };
        if (!parsed.flags.has('a') && !wanted.has(g.name) && member) return { ...g, members: g.members.filter((m) => m !== name) };
        return g;
      }),
    };
  }
  const newUid = parsed.values.get('u');
  if (newUid !== undefined) {
    const uid = Number(newUid);
    if (!Number.isInteger(uid) || uid < 0) return fail(ctx, 'usermod', `invalid user ID '${newUid}'`, 3);
    if (uid !== user.uid && db.users.some((u) => u.uid === uid) && !parsed.flags.has('o')) return fail(ctx, 'usermod', `UID '${uid}' already exists`, 4);
    updated = { ...updated, uid };
  }
  const shell = parsed.values.get('s');
  if (shell !== undefined) updated = { ...updated, shell };
  const home = parsed.values.get('d');
  if (home !== undefined) updated = { ...updated, home };
  const comment = parsed.values.get('c');
  if (comment !== undefined) updated = { ...updated, gecos: comment };
  const login = parsed.values.get('l');
  if (login !== undefined) {
    if (findUser(db, login) !== undefined) return fail(ctx, 'usermod', `user '${login}' already exists`, 9);
    updated = { ...updated, name: login };
    db = { ...db, groups: db.groups.map((g) => ({ ...g, members: g.members.map((m) => (m === name ? login : m)) })) };
  }
  db = { ...db, users: db.users.map((u) => (u === user ? updated : u)) };
  if (db.shadow !== undefined && (login !== undefined || parsed.flags.has('L') || parsed.flags.has('U'))) {
    db = {
      ...db,
      shadow: db.shadow.map((line) => {
        const [entry = '', password = '', ...rest] = line.split(':');
        if (entry !== name) return line;
        const pw = parsed.flags.has('L') && !password.startsWith('!') ? `!${password}` : parsed.flags.has('U') ? password.replace(/^!/, '') : password;
        return [login ?? entry, pw, ...rest].join(':');
      }),
    };
  }
  const status = save(ctx, 'usermod', db);
  if (status !== 0) return status;
  if (updated.uid !== user.uid) {
    // usermod -u also gives the files in the home folder that the old uid owned to the new one.
    let tree = ctx.fs;
    const homeDir = updated.home;
    const paths = [homeDir, ...[...walk(tree, homeDir)].filter((e) => e.node.uid === user.uid).map((e) => e.path)];
    for (const path of paths) {
      const owned = chown(tree, ctx.access, path, { uid: updated.uid }, { noFollow: true });
      if (owned.ok) tree = owned.value;
    }
    ctx.fs = tree;
  }
  if (home !== undefined && parsed.flags.has('m') && home !== user.home) {
    const made = createHome(ctx.fs, ctx, home, { uid: updated.uid, gid: updated.gid, mode: 0o755 });
    if (made.ok) ctx.fs = made.value;
  }
  return 0;
}

export const useraddCommand: Command = { name: 'useradd', run: useradd };
export const groupaddCommand: Command = { name: 'groupadd', run: groupadd };
export const usermodCommand: Command = { name: 'usermod', run: usermod };
