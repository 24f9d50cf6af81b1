/**
 * Debian's adduser and addgroup (the Perl front ends in debian and ubuntu images): real edits of
 * /etc/passwd, /etc/group, /etc/shadow, /etc/gshadow with adduser.conf's defaults (users 1000-59999
 * with a group of their own, home 0700 with /etc/skel; system users 100-999 in nogroup, shell
 * /usr/sbin/nologin, home /nonexistent not created) and adduser's messages.
 */
import type { CommandContext } from '../../command.ts';
import { createHome } from './home-dir.ts';
import { fsFailure } from './messages.ts';
import { addMember, findGroup, findUser, lowestFree, readUserDb, saveUserDb, shadowDay, withGroup } from './user-db.ts';
import type { UserDb } from './user-db.ts';

const FIRST_SYSTEM_ID = 100;
const LAST_SYSTEM_ID = 999;
const FIRST_ID = 1000;
const LAST_ID = 59999;

const VALUED = new Set(['home', 'shell', 'ingroup', 'gid', 'uid', 'gecos', 'comment', 'firstuid', 'lastuid', 'firstgid', 'lastgid', 'conf', 'add-extra-groups']);
const FLAGS = new Set(['system', 'group', 'no-create-home', 'disabled-password', 'disabled-login', 'quiet', 'q', 'force-badname', 'allow-badname', 'allow-bad-names', 'debug', 'add_extra_groups', 'encrypt-home', 'verbose']);

interface Parsed {
  flags: Set<string>;
  values: Map<string, string>;
  positional: string[];
}

function parse(args: readonly string[]): Parsed | string {
  const parsed: Parsed = { flags: new Set(), values: new Map(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positional.push(arg);
      continue;
    }
    const [key = '', inline] = arg.replace(/^--?/, '').split(/=(.*)/s);
    if (VALUED.has(key)) {
      const value = inline ?? args[++i];
      if (value === undefined) return `option requires an argument: ${key}`;
      parsed.values.set(key === 'comment' ? 'gecos' : key, value);
    } else if (FLAGS.has(key)) parsed.flags.add(key === 'q' ? 'quiet' : key);
    else return `Unknown option: ${key}`;
  }
  return parsed;
}

function die(ctx: CommandContext, program: string, message: string, status = 1): number {
  ctx.stderr.write(`${program}: ${message}\n`);
  return status;
}

const onlyRoot = (ctx: CommandContext, program: string): number => die(ctx, program, 'Only root may add a user or group to the system.');

function save(ctx: CommandContext, program: string, db: UserDb): number {
  const failed = saveUserDb(ctx, db);
  return failed === undefined ? 0 : fsFailure(ctx, program, failed);
}

const say = (ctx: CommandContext, parsed: Parsed, text: string): void => {
  if (!parsed.flags.has('quiet')) ctx.stdout.write(text);
};

function addGroup(ctx: CommandContext, parsed: Parsed, program: string, name: string): number {
  const db = readUserDb(ctx);
  const system = parsed.flags.has('system');
  const existing = findGroup(db, name);
  if (existing !== undefined && existing.name === name) {
    if (system && existing.gid >= FIRST_SYSTEM_ID && existing.gid <= LAST_SYSTEM_ID) {
      ctx.stderr.write(`${program}: The group \`${name}' already exists as a system group. Exiting.\n`);
      return 0;
    }
    return die(ctx, program, `The group \`${name}' already exists.`);
  }
  const gids = new Set(db.groups.map((g) => g.gid));
  const given = parsed.values.get('gid');
  let gid: number | undefined;
  if (given !== undefined) {
    gid = Number(given);
    if (gids.has(gid)) return die(ctx, program, `The GID \`${gid}' is already in use.`);
  } else gid = lowestFree(gids, system ? FIRST_SYSTEM_ID : FIRST_ID, system ? LAST_SYSTEM_ID : LAST_ID);
  if (gid === undefined) return die(ctx, program, 'No GID is available in the range');
  say(ctx, parsed, `Adding ${system ? 'system ' : ''}group \`${name}' (GID ${gid}) ...\nDone.\n`);
  return save(ctx, program, withGroup(db, name, gid));
}

function addToGroup(ctx: CommandContext, parsed: Parsed, program: string, user: string, groupName: string): number {
  const db = readUserDb(ctx);
  if (findUser(db, user) === undefined) return die(ctx, program, `The user \`${user}' does not exist.`);
  const group = findGroup(db, groupName);
  if (group === undefined) return die(ctx, program, `The group \`${groupName}' does not exist.`);
  if (group.members.includes(user)) {
    say(ctx, parsed, `The user \`${user}' is already a member of \`${groupName}'.\n`);
    return 0;
  }
  say(ctx, parsed, `Adding user \`${user}' to group \`${groupName}' ...\nDone.\n`);
  return save(ctx, program, addMember(db, group, user));
}

function addUser(ctx: CommandContext, parsed: Parsed, name: string): number {
  let db = readUserDb(ctx);
  const system = parsed.flags.has('system');
  const existing = findUser(db, name);
  if (existing !== undefined) {
    if (system && existing.uid >= FIRST_SYSTEM_ID && existing.uid <= LAST_SYSTEM_ID) {
      ctx.stderr.write(`adduser: The system user \`${name}' already exists. Exiting.\n`);
      return 0;
    }
    return die(ctx, 'adduser', `The user \`${name}' already exists.`);
  }
  const uids = new Set(db.users.map((u) => u.uid));
  const givenUid = parsed.values.get('uid');
  const uid = givenUid !== undefined ? Number(givenUid) : lowestFree(uids, system ? FIRST_SYSTEM_ID : FIRST_ID, system ? LAST_SYSTEM_ID : LAST_ID);
  if (uid === undefined) return die(ctx, 'adduser', 'No UID is available in the range');
  if (givenUid !== undefined && uids.has(uid)) return die(ctx, 'adduser', `The UID ${uid} is already in use.`);
  // The primary group: given (--ingroup / --gid), nogroup for a plain system user, else a new own group.
  let group = parsed.values.has('ingroup') ? findGroup(db, parsed.values.get('ingroup') ?? '') : parsed.values.has('gid') ? findGroup(db, parsed.values.get('gid') ?? '') : undefined;
  if ((parsed.values.has('ingroup') || parsed.values.has('gid')) && group === undefined) {
    return die(ctx, 'adduser', `The group \`${parsed.values.get('ingroup') ?? parsed.values.get('gid') ?? ''}' does not exist.`);
  }
  const intro = system ? `Adding system user \`${name}' (UID ${uid}) ...\n` : `Adding user \`${name}' ...\n`;
  say(ctx, parsed, intro);
  if (group === undefined && system && !parsed.flags.has('group')) {
    group = findGroup(db, 'nogroup');
    if (group === undefined) return die(ctx, 'adduser', "The group `nogroup' does not exist.");
  }
  if (group === undefined) {
    if (findGroup(db, name) !== undefined) return die(ctx, 'adduser', `The group \`${name}' already exists.`);
    const gids = new Set(db.groups.map((g) => g.gid));
    const gid = gids.has(uid) ? lowestFree(gids, system ? FIRST_SYSTEM_ID : FIRST_ID, system ? LAST_SYSTEM_ID : LAST_ID) : uid;
    if (gid === undefined) return die(ctx, 'adduser', 'No GID is available in the range');
    say(ctx, parsed, `Adding new group \`${name}' (${gid}) ...\n`);
    db = withGroup(db, name, gid);
    group = findGroup(db, name);
  }
  if (group === undefined) return die(ctx, 'adduser', `The group \`${name}' does not exist.`);
  const home = parsed.values.get('home') ?? (system ? '/nonexistent' : `/home/${name}`);
  const shell = parsed.values.get('shell') ?? (system ? '/usr/sbin/nologin' : '/bin/bash');
  const gecos = parsed.values.get('gecos') ?? '';
  say(ctx, parsed, system ? `Adding new user \`${name}' (UID ${uid}) with group \`${group.name}' ...\n` : `Adding new user \`${name}' (${uid}) with group \`${group.name} (${group.gid})' ...\n`);
  const locked = system || parsed.flags.has('disabled-password') || parsed.flags.has('disabled-login');
  db = {
    ...db,
    users: [...db.users, { name, password: 'x', uid, gid: group.gid, gecos, home, shell }],
    shadow: db.shadow === undefined ? undefined : [...db.shadow, `${name}:${system ? '*' : '!'}:${shadowDay(ctx.now)}:0:99999:7:::`],
  };
  const status = save(ctx, 'adduser', db);
  if (status !== 0) return status;
  if (parsed.flags.has('no-create-home') || home === '/nonexistent') {
    say(ctx, parsed, `Not creating home directory \`${home}'.\n`);
  } else {
    say(ctx, parsed, `Creating home directory \`${home}' ...\n`);
    if (!system) say(ctx, parsed, "Copying files from `/etc/skel' ...\n");
    const made = createHome(ctx.fs, ctx, home, { uid, gid: group.gid, mode: 0o700, ...(system ? {} : { skel: '/etc/skel' }) });
    if (!made.ok) return fsFailure(ctx, 'adduser', made.error);
    ctx.fs = made.value;
  }
  if (!locked) {
    // adduser asks for a password through passwd; a build has no terminal to answer it.
    ctx.stdout.write('New password: Retype new password: ');
    ctx.stderr.write('passwd: Authentication token manipulation error\npasswd: password unchanged\n');
    ctx.stdout.write('Try again? [y/N] ');
    return 1;
  }
  return 0;
}

export function debianAdduser(args: readonly string[], ctx: CommandContext): number {
  const parsed = parse(args);
  if (typeof parsed === 'string') return die(ctx, 'adduser', parsed);
  if (ctx.cred.uid !== 0) return onlyRoot(ctx, 'adduser');
  const [first, second] = parsed.positional;
  if (first === undefined) return die(ctx, 'adduser', 'Only one or two names allowed.');
  if (parsed.flags.has('group') && !parsed.flags.has('system')) return addGroup(ctx, parsed, 'adduser', first);
  if (second !== undefined) return addToGroup(ctx, parsed, 'adduser', first, second);
  return addUser(ctx, parsed, first);
}

export function debianAddgroup(args: readonly string[], ctx: CommandContext): number {
  const parsed = parse(args);
  if (typeof parsed === 'string') return die(ctx, 'addgroup', parsed);
  if (ctx.cred.uid !== 0) return onlyRoot(ctx, 'addgroup');
  const [first, second] = parsed.positional;
  if (first === undefined) return die(ctx, 'addgroup', 'Only one or two names allowed.');
  if (second !== undefined) return addToGroup(ctx, parsed, 'addgroup', first, second);
  return addGroup(ctx, parsed, 'addgroup', first);
}
