/**
 * BusyBox's adduser and addgroup (Alpine, busybox images): real edits of /etc/passwd, /etc/group,
 * /etc/shadow, with BusyBox's defaults (system accounts: ids 100-999, group nogroup, no password,
 * shell /sbin/nologin as Alpine patches it; others: ids from 1000, a group of their own; homes
 * 2755) and its messages.
 */
import type { CommandContext } from '../../command.ts';
import { createHome } from './home-dir.ts';
import { getopt } from './getopt.ts';
import { addMember, findGroup, findUser, lowestFree, readUserDb, saveUserDb, shadowDay, withGroup } from './user-db.ts';
import type { UserDb } from './user-db.ts';
import { fsFailure } from './messages.ts';

const FIRST_SYSTEM_ID = 100;
const LAST_SYSTEM_ID = 999;
const FIRST_ID = 1000;
const LAST_ID = 60000;

function fail(ctx: CommandContext, program: string, message: string): number {
  ctx.stderr.write(`${program}: ${message}\n`);
  return 1;
}

const notRoot = (ctx: CommandContext, program: string): number => fail(ctx, program, 'permission denied (are you root?)');

const takenUids = (db: UserDb): Set<number> => new Set(db.users.map((u) => u.uid));
const takenGids = (db: UserDb): Set<number> => new Set(db.groups.map((g) => g.gid));

function save(ctx: CommandContext, program: string, db: UserDb): number {
  const failed = saveUserDb(ctx, db);
  return failed === undefined ? 0 : fsFailure(ctx, program, failed);
}

/** `addgroup [-g GID] [-S] [USER] GROUP` */
export function busyboxAddgroup(args: readonly string[], ctx: CommandContext): number {
  const parsed = getopt(args, 'g:S', { gid: 'g', system: 'S' });
  if (typeof parsed === 'string') return fail(ctx, 'addgroup', parsed);
  if (ctx.cred.uid !== 0) return notRoot(ctx, 'addgroup');
  const db = readUserDb(ctx);
  const [first, second] = parsed.positional;
  if (first === undefined) {
    ctx.stderr.write('Usage: addgroup [-g GID] [-S] [USER] GROUP\n');
    return 1;
  }
  if (second !== undefined) {
    // addgroup USER GROUP: add an existing user to an existing group.
    if (findUser(db, first) === undefined) return fail(ctx, 'addgroup', `unknown user ${first}`);
    const group = findGroup(db, second);
    if (group === undefined) return fail(ctx, 'addgroup', `unknown group ${second}`);
    if (group.members.includes(first)) return 0; // already a member: nothing to do
    return save(ctx, 'addgroup', addMember(db, group, first));
  }
  if (db.groups.some((g) => g.name === first)) return fail(ctx, 'addgroup', `group '${first}' in use`);
  const given = parsed.values.get('g');
  let gid: number | undefined;
  if (given !== undefined) {
    gid = Number(given);
    if (!Number.isInteger(gid) || gid < 0) return fail(ctx, 'addgroup', `invalid number '${given}'`);
    if (takenGids(db).has(gid)) return fail(ctx, 'addgroup', `gid '${gid}' in use`);
  } else {
    const system = parsed.flags.has('S');
    gid = lowestFree(takenGids(db), system ? FIRST_SYSTEM_ID : FIRST_ID, system ? LAST_SYSTEM_ID : LAST_ID);
    if (gid === undefined) return fail(ctx, 'addgroup', 'no gids left');
  }
  return save(ctx, 'addgroup', withGroup(db, first, gid));
}

/** `adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GRP] [-S] [-D] [-H] [-u UID] [-k SKEL] USER [GROUP]` */
export function busyboxAdduser(args: readonly string[], ctx: CommandContext): number {
  const parsed = getopt(args, 'h:g:s:G:DSHu:k:', {
    home: 'h',
    gecos: 'g',
    shell: 's',
    ingroup: 'G',
    system: 'S',
    'disabled-password': 'D',
    'empty-password': 'D',
    'no-create-home': 'H',
    uid: 'u',
    skel: 'k',
  });
  if (typeof parsed === 'string') return fail(ctx, 'adduser', parsed);
  if (ctx.cred.uid !== 0) return notRoot(ctx, 'adduser');
  const [name, extraGroup] = parsed.positional;
  if (name === undefined) {
    ctx.stderr.write('Usage: adduser [OPTIONS] USER [GROUP]\n');
    return 1;
  }
  let db = readUserDb(ctx);
  const noOptions = parsed.flags.size === 0 && parsed.values.size === 0;
  // Two names and no options: add an existing user to an existing group.
  if (extraGroup !== undefined && noOptions) return busyboxAddgroup([name, extraGroup], ctx);
  if (findUser(db, name) !== undefined) return fail(ctx, 'adduser', `user '${name}' in use`);
  const system = parsed.flags.has('S');
  // A system account never gets an interactive password (-S implies -D).
  if (system) parsed.flags.add('D');
  const groupName = parsed.values.get('G') ?? (system ? 'nogroup' : undefined);
  let gid: number | undefined;
  if (groupName !== undefined) {
    const group = findGroup(db, groupName);
    if (group === undefined) return fail(ctx, 'adduser', `unknown group ${groupName}`);
    gid = group.gid;
  }
  const uids = takenUids(db);
  const gids = takenGids(db);
  let uid: number;
  const givenUid = parsed.values.get('u');
  if (givenUid !== undefined) {
    uid = Number(givenUid);
    if (!Number.isInteger(uid) || uid < 0) return fail(ctx, 'adduser', `invalid number '${givenUid}'`);
    if (uids.has(uid) || (gid === undefined && gids.has(uid))) return fail(ctx, 'adduser', `uid '${uid}' in use`);
  } else {
    const max = system ? LAST_SYSTEM_ID : LAST_ID;
    uid = system ? FIRST_SYSTEM_ID : FIRST_ID;
    // A new own group takes gid = uid, so skip uids whose gid is taken too.
    while (uids.has(uid) || (gid === undefined && gids.has(uid))) {
      uid++;
      if (uid > max) return fail(ctx, 'adduser', 'no uids left');
    }
  }
  if (gid === undefined) {
    if (findGroup(db, name) !== undefined) return fail(ctx, 'adduser', `group '${name}' in use`);
    gid = uid;
    db = withGroup(db, name, gid);
  } else {
    // BusyBox runs `addgroup USER GROUP`, so the user is also listed as a member of its group.
    const group = findGroup(db, groupName ?? '');
    if (group !== undefined) db = addMember(db, group, name);
  }
  const home = parsed.values.get('h') ?? `/home/${name}`;
  const shell = parsed.values.get('s') ?? (system ? '/sbin/nologin' : '/bin/sh');
  const gecos = parsed.values.get('g') ?? 'Linux User,,,';
  db = {
    ...db,
    users: [...db.users, { name, password: 'x', uid, gid, gecos, home, shell }],
    shadow: db.shadow === undefined ? undefined : [...db.shadow, `${name}:!:${shadowDay(ctx.now)}:0:99999:7:::`],
  };
  const status = save(ctx, 'adduser', db);
  if (status !== 0) return status;
  if (!parsed.flags.has('H')) {
    const skel = parsed.values.get('k') ?? '/etc/skel';
    // BusyBox makes the home 0755, copies the skeleton, then sets 2755 (setgid) on it.
    const made = createHome(ctx.fs, ctx, home, { uid, gid, mode: 0o2755, skel });
    if (!made.ok) return fail(ctx, 'adduser', `${made.error.path}: ${made.error.message}`);
    ctx.fs = made.value;
  }
  if (!parsed.flags.has('D')) {
    // adduser runs passwd, which has no terminal to read a password from during a build.
    ctx.stdout.write(`Changing password for ${name}\nNew password: \n`);
    ctx.stderr.write(`passwd: password for ${name} is unchanged\n`);
    return 1;
  }
  return 0;
}
