/**
 * Debian's adduser and addgroup (the Perl front ends, version 3.134 in bookworm): real edits of
 * /etc/passwd, /etc/group, /etc/shadow, /etc/gshadow with adduser.conf's defaults and adduser's
 * messages. Users get ids 1000-59999 free as both uid and gid, a group of their own, the
 * supplemental group `users`, a 0700 home with /etc/skel; system users ids 100-999, group nogroup
 * (or their own with --group), shell /usr/sbin/nologin and home /nonexistent, not created.
 */
import type { CommandContext } from '../../command.ts';
import { exists } from './fs-steps.ts';
import { createHome } from './home-dir.ts';
import { fsFailure } from './messages.ts';
import { perlGetopt, perlOptions } from './perl-getopt.ts';
import { addMember, findGroup, findUser, lowestFree, readUserDb, saveUserDb, shadowLine, withGroup } from './user-db.ts';
import type { UserDb } from './user-db.ts';

const CONF = { firstSystemId: 100, lastSystemId: 999, firstId: 1000, lastId: 59999, shell: '/bin/bash', skel: '/etc/skel' };

const OPTIONS = perlOptions([
  'add-extra-groups', 'add_extra_groups', 'allow-all-names', 'allow-badname', 'allow-bad-names', 'comment=s', 'conf|c=s',
  'debug', 'disabled-login', 'disabled-password', 'firstgid=i', 'firstuid=i', 'force-badname', 'gecos=s', 'gid=i', 'group',
  'help|h', 'home=s', 'ingroup=s', 'lastgid=i', 'lastuid=i', 'no-create-home', 'quiet|q', 'shell=s', 'system', 'uid=i',
  'verbose', 'version|v',
]);

const USAGE = `adduser [--uid id] [--firstuid id] [--lastuid id]
        [--gid id] [--firstgid id] [--lastgid id] [--ingroup group]
        [--add-extra-groups] [--shell shell]
        [--comment comment] [--home dir] [--no-create-home]
        [--allow-all-names] [--allow-bad-names]
        [--disabled-password] [--disabled-login]
        [--conf file] [--quiet] [--verbose] [--debug]
        user
    Add a normal user

adduser --system
        [--uid id] [--group] [--ingroup group] [--gid id]
        [--shell shell] [--comment comment] [--home dir] [--no-create-home]
        [--conf file] [--quiet] [--verbose] [--debug]
        user
   Add a system user

adduser --group
        [--gid ID] [--firstgid id] [--lastgid id]
        [--conf file] [--quiet] [--verbose] [--debug]
        group
addgroup
        [--gid ID] [--firstgid id] [--lastgid id]
        [--conf file] [--quiet] [--verbose] [--debug]
        group
   Add a user group

addgroup --system
        [--gid id]
        [--conf file] [--quiet] [--verbose] [--debug]
        group
   Add a system group

adduser USER GROUP
   Add an existing user to an existing group
`;

/** What one invocation is asked to do, once the options are read. */
interface Request {
  program: 'adduser' | 'addgroup';
  ctx: CommandContext;
  verbose: boolean;
  values: ReadonlyMap<string, string>;
}

/** dief: `prog: message` on stderr, status 1. */
function die(req: Request, message: string): number {
  req.ctx.stderr.write(`${req.program}: ${message}\n`);
  return 1;
}

/** warnf: `prog: message` on stderr. */
const warn = (req: Request, message: string): void => req.ctx.stderr.write(`${req.program}: ${message}\n`);
const say = (req: Request, text: string): void => {
  if (req.verbose) req.ctx.stdout.write(text);
};

function save(req: Request, db: UserDb): number {
  const failed = saveUserDb(req.ctx, db);
  return failed === undefined ? 0 : fsFailure(req.ctx, req.program, failed);
}

/** chfn stores the full name with the three other (empty) GECOS fields: `App,,,`. */
const chfnGecos = (fullName: string): string => `${fullName},,,`;

const isSystemId = (id: number): boolean => id >= CONF.firstSystemId && id <= CONF.lastSystemId;
const numberValue = (req: Request, key: string): number | undefined => (req.values.has(key) ? Number(req.values.get(key)) : undefined);

function addGroup(req: Request, name: string, system: boolean): number {
  const db = readUserDb(req.ctx);
  const existing = db.groups.find((g) => g.name === name);
  if (existing !== undefined) {
    if (!system) return die(req, `The group \`${name}' already exists.`);
    if (isSystemId(existing.gid)) {
      if (req.verbose) warn(req, `The group \`${name}' already exists as a system group. Exiting.`);
      return 0;
    }
    warn(req, `The group \`${name}' already exists and is not a system group. Exiting.`);
    return 1;
  }
  const gids = new Set(db.groups.map((g) => g.gid));
  let gid = numberValue(req, 'gid');
  if (gid !== undefined && gids.has(gid)) return die(req, `The GID \`${gid}' is already in use.`);
  gid ??= lowestFree(gids, system ? CONF.firstSystemId : CONF.firstId, system ? CONF.lastSystemId : CONF.lastId);
  if (gid === undefined) return die(req, `The group \`${name}' was not created.`);
  say(req, `Adding group \`${name}' (GID ${gid}) ...\n`);
  const status = save(req, withGroup(db, name, gid));
  say(req, 'Done.\n');
  return status;
}

function addUserToGroup(req: Request, user: string, groupName: string): number {
  const db = readUserDb(req.ctx);
  if (findUser(db, user) === undefined) return die(req, `The user \`${user}' does not exist.`);
  const group = db.groups.find((g) => g.name === groupName);
  if (group === undefined) return die(req, `The group \`${groupName}' does not exist.`);
  if (group.members.includes(user)) {
    if (req.verbose) warn(req, `The user \`${user}' is already a member of \`${groupName}'.`);
    return 0;
  }
  say(req, `Adding user \`${user}' to group \`${groupName}' ...\n`);
  const status = save(req, addMember(db, group, user));
  say(req, 'Done.\n');
  return status;
}

/** The user's record, home creation and the messages common to system and normal users. */
function createUser(req: Request, db: UserDb, user: { name: string; uid: number; gid: number; home: string; shell: string; gecos: string; system: boolean }, home: { create: boolean; mode: number; skel: boolean }): number {
  // adduser runs useradd, which leaves the password locked ('!').
  const next: UserDb = {
    ...db,
    users: [...db.users, { name: user.name, password: 'x', uid: user.uid, gid: user.gid, gecos: user.gecos, home: user.home, shell: user.shell }],
    shadow: db.shadow === undefined ? undefined : [...db.shadow, shadowLine(user.name, req.ctx.now, user.system)],
  };
  const status = save(req, next);
  if (status !== 0) return status;
  if (/^\/+nonexistent(\/|$)/.test(user.home)) say(req, `Not creating \`${user.home}'.\n`);
  else if (!home.create) say(req, `Not creating home directory \`${user.home}'.\n`);
  else if (exists(req.ctx.fs, req.ctx.access, user.home)) {
    if (req.verbose) warn(req, `The home directory \`${user.home}' already exists.  Not touching this directory.`);
  } else {
    say(req, `Creating home directory \`${user.home}' ...\n`);
    if (home.skel) say(req, `Copying files from \`${CONF.skel}' ...\n`);
    const made = createHome(req.ctx.fs, req.ctx, user.home, { uid: user.uid, gid: user.gid, mode: home.mode, ...(home.skel ? { skel: CONF.skel } : {}) });
    if (!made.ok) return die(req, `Couldn't create home directory \`${user.home}': ${made.error.message}.`);
    req.ctx.fs = made.value;
  }
  return 0;
}

function addSystemUser(req: Request, name: string, makeGroup: boolean): number {
  let db = readUserDb(req.ctx);
  const existing = findUser(db, name);
  const wantedUid = numberValue(req, 'uid');
  if (existing !== undefined && (wantedUid === undefined || existing.uid === wantedUid)) {
    if (isSystemId(existing.uid)) {
      say(req, `The system user \`${name}' already exists. Exiting.\n`);
      return 0;
    }
    warn(req, `The user \`${name}' already exists, but is not a system user. Exiting.`);
    return 1;
  }
  if (existing !== undefined) return die(req, `The user \`${name}' already exists, and is not a system user.`);
  const uids = new Set(db.users.map((u) => u.uid));
  if (wantedUid !== undefined && uids.has(wantedUid)) return die(req, `The UID ${wantedUid} is already in use.`);
  let groupName = req.values.get('ingroup');
  let gid = numberValue(req, 'gid');
  if (groupName === undefined && gid === undefined && !makeGroup) gid = findGroup(db, 'nogroup')?.gid ?? 65534;
  if (makeGroup) {
    if (db.groups.some((g) => g.name === name)) return die(req, `The group \`${name}' already exists.`);
  } else {
    if (groupName !== undefined && db.groups.find((g) => g.name === groupName) === undefined) return die(req, `The group \`${groupName}' does not exist.`);
    if (gid !== undefined && !db.groups.some((g) => g.gid === gid)) return die(req, `The GID ${gid} does not exist.`);
  }
  const uid = wantedUid ?? lowestFree(uids, CONF.firstSystemId, CONF.lastSystemId);
  if (uid === undefined) return die(req, `The user \`${name}' was not created.`);
  if (makeGroup) {
    gid = wantedUid !== undefined ? uid : lowestFree(new Set(db.groups.map((g) => g.gid)), CONF.firstSystemId, CONF.lastSystemId);
    if (gid === undefined) return die(req, `The user \`${name}' was not created.`);
    groupName = name;
  } else if (gid !== undefined) groupName = db.groups.find((g) => g.gid === gid)?.name;
  else gid = db.groups.find((g) => g.name === groupName)?.gid;
  say(req, `Adding system user \`${name}' (UID ${uid}) ...\n`);
  if (makeGroup && gid !== undefined) {
    say(req, `Adding new group \`${name}' (GID ${gid}) ...\n`);
    db = withGroup(db, name, gid);
  }
  say(req, `Adding new user \`${name}' (UID ${uid}) with group \`${groupName ?? ''}' ...\n`);
  const home = req.values.get('home') ?? '/nonexistent';
  const comment = req.values.get('comment') ?? req.values.get('gecos');
  return createUser(
    req,
    db,
    { name, uid, gid: gid ?? 65534, home, shell: req.values.get('shell') ?? '/usr/sbin/nologin', gecos: comment === undefined ? '' : chfnGecos(comment), system: true },
    { create: !req.values.has('no-create-home'), mode: 0o755, skel: false },
  );
}

function addNormalUser(req: Request, name: string): number {
  let db = readUserDb(req.ctx);
  const ingroup = req.values.get('ingroup');
  const gidOption = numberValue(req, 'gid');
  const makeGroup = ingroup === undefined && gidOption === undefined;
  if (findUser(db, name) !== undefined) return die(req, `The user \`${name}' already exists.`);
  const uids = new Set(db.users.map((u) => u.uid));
  const gids = new Set(db.groups.map((g) => g.gid));
  const wantedUid = numberValue(req, 'uid');
  if (wantedUid !== undefined && uids.has(wantedUid)) return die(req, `The UID ${wantedUid} is already in use.`);
  if (makeGroup) {
    if (db.groups.some((g) => g.name === name)) return die(req, `The group \`${name}' already exists.`);
    if (wantedUid !== undefined && gids.has(wantedUid)) return die(req, `The GID ${wantedUid} is already in use.`);
  } else {
    if (ingroup !== undefined && !db.groups.some((g) => g.name === ingroup)) return die(req, `The group \`${ingroup}' does not exist.`);
    if (gidOption !== undefined && !gids.has(gidOption)) return die(req, `The GID ${gidOption} does not exist.`);
  }
  say(req, `Adding user \`${name}' ...\n`);
  // With a group of its own the user takes the first id free as both uid and gid.
  let uid = wantedUid;
  for (let id = CONF.firstId; uid === undefined && id <= CONF.lastId; id++) if (!uids.has(id) && (!makeGroup || !gids.has(id))) uid = id;
  if (uid === undefined) return die(req, `The user \`${name}' was not created.`);
  const group = makeGroup ? { name, gid: uid } : (db.groups.find((g) => (ingroup === undefined ? g.gid === gidOption : g.name === ingroup)) ?? { name: '', gid: gidOption ?? 100 });
  if (makeGroup) {
    say(req, `Adding new group \`${name}' (${uid}) ...\n`);
    db = withGroup(db, name, uid);
  }
  say(req, `Adding new user \`${name}' (${uid}) with group \`${group.name} (${group.gid})' ...\n`);
  const disabledLogin = req.values.has('disabled-login');
  const shell = req.values.get('shell') ?? (disabledLogin ? '/usr/sbin/nologin' : CONF.shell);
  const gecos = req.values.get('comment') ?? req.values.get('gecos');
  const status = createUser(
    req,
    db,
    { name, uid, gid: group.gid, home: req.values.get('home') ?? `/home/${name}`, shell, gecos: chfnGecos(gecos ?? ''), system: false },
    { create: !req.values.has('no-create-home'), mode: 0o700, skel: true },
  );
  if (status !== 0) return status;
  const { stdout, stderr } = req.ctx;
  // A build has no terminal: passwd gives up, and adduser's prompts read end of input (Perl warns).
  const eofWarnings = (line: number): string =>
    `Use of uninitialized value $answer in chop at /usr/sbin/adduser line ${line}.\n` +
    `Use of uninitialized value $answer in pattern match (m//) at /usr/sbin/adduser line ${line + 1}.\n` +
    `Use of uninitialized value $answer in pattern match (m//) at /usr/sbin/adduser line ${line + 2}.\n`;
  if (!req.values.has('disabled-password') && !disabledLogin) {
    stderr.write(`New password: Password change has been aborted.\npasswd: Authentication token manipulation error\npasswd: password unchanged\n${eofWarnings(740)}`);
    stdout.write('Try again? [y/N] ');
  }
  if (gecos === undefined) {
    stdout.write(`Changing the user information for ${name}\nEnter the new value, or press ENTER for the default\n\tFull Name []: \tRoom Number []: \tWork Phone []: \tHome Phone []: \tOther []: `);
    stderr.write(eofWarnings(766));
    stdout.write('Is the information correct? [Y/n] ');
  }
  say(req, `Adding new user \`${name}' to supplemental / extra groups \`users' ...\n`);
  const users = readUserDb(req.ctx);
  const usersGroup = users.groups.find((g) => g.name === 'users');
  if (usersGroup === undefined) {
    warn(req, "The group `users' does not exist.");
    return 0;
  }
  say(req, `Adding user \`${name}' to group \`users' ...\n`);
  return save(req, addMember(users, usersGroup, name));
}

function run(program: 'adduser' | 'addgroup', args: readonly string[], ctx: CommandContext): number {
  const parsed = perlGetopt(args, OPTIONS);
  if (parsed.errors.length > 0) {
    ctx.stderr.write(parsed.errors.map((line) => `${line}\n`).join(''));
    ctx.stdout.write(USAGE);
    return 1;
  }
  if (parsed.values.has('help')) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const req: Request = { program, ctx, verbose: !parsed.values.has('quiet'), values: parsed.values };
  if (ctx.cred.uid !== 0) return die(req, 'Only root may add a user or group to the system.');
  const system = parsed.values.has('system');
  const names = parsed.positional;
  if (names.length === 0 || names[0] === '' || names.length > 2) return die(req, 'Only one or two names allowed.');
  const [first = '', second] = names;
  const groupFlag = parsed.values.has('group');
  if (second !== undefined) {
    if ((program === 'adduser' && system) || groupFlag) return die(req, 'Specify only one name in this mode.');
    if (program === 'addgroup') return die(req, 'addgroup with two arguments is an unspecified operation.');
    return addUserToGroup(req, first, second);
  }
  if (program !== 'addgroup' && [groupFlag, parsed.values.has('ingroup'), parsed.values.has('gid')].filter(Boolean).length > 1) {
    return die(req, 'The --group, --ingroup, and --gid options are mutually exclusive.');
  }
  const home = parsed.values.get('home');
  if (home !== undefined && !home.startsWith('/')) return die(req, 'The home dir must be an absolute path.');
  if (/^\d+$/.test(first)) {
    warn(req, 'To avoid ambiguity with numerical UIDs, usernames which\n            consist of only digits are not allowed.');
    return 1;
  }
  if (program === 'addgroup' || (groupFlag && !system)) return addGroup(req, first, system);
  if (system) return addSystemUser(req, first, groupFlag);
  return addNormalUser(req, first);
}

export const debianAdduser = (args: readonly string[], ctx: CommandContext): number => run('adduser', args, ctx);
export const debianAddgroup = (args: readonly string[], ctx: CommandContext): number => run('addgroup', args, ctx);
