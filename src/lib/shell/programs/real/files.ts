/** Creating, removing, copying, moving and linking files: mkdir, touch, rm, rmdir, cp, mv, ln, readlink, realpath, install, mktemp. */
import {
  chmod as vfsChmod, chown as vfsChown, copyNode, setSummary, lstat, mayAccess, mkdir as vfsMkdir, readlink as vfsReadlink, remove, rename, resolvePath,
  stat, symlink, W_OK, type FsError, type FsNode,
} from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { parseMode } from './modes.ts';
import { badOption, busybox, complain, groupId, parseOptions, q, userId, writeText } from './support.ts';

const base = (path: string): string => {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
};

const join = (dir: string, name: string): string => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

const isDir = (ctx: CommandContext, path: string): boolean => {
  const node = stat(ctx.fs, ctx.access, path);
  return node.ok && node.value.kind === 'dir';
};

export const mkdir: Command = {
  name: 'mkdir',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'pv', values: 'm', long: { parents: 'p', verbose: 'v', mode: 'm' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    if (opts.operands.length === 0) return complain(ctx, 'missing operand');
    const modeSpec = opts.values.get('m')?.[0];
    const mode = modeSpec === undefined ? undefined : parseMode(modeSpec, 0o777, false);
    if (modeSpec !== undefined && mode === undefined) return complain(ctx, `invalid mode ${q(modeSpec)}`);
    let status = 0;
    for (const path of opts.operands) {
      const made = vfsMkdir(ctx.fs, ctx.access, path, { parents: opts.flags.has('p') });
      if (!made.ok) {
        const failed = opts.flags.has('p') ? firstMissing(ctx, path) : path;
        status = complain(ctx, `${busybox(ctx) ? "can't" : 'cannot'} create directory ${q(failed)}: ${made.error.message}`);
        continue;
      }
      ctx.fs = made.value;
      if (mode !== undefined) {
        const changed = vfsChmod(ctx.fs, ctx.access, path, mode);
        if (changed.ok) ctx.fs = changed.value;
      }
      if (opts.flags.has('v')) ctx.stdout.write(`mkdir: created directory ${q(path)}\n`);
    }
    return status;
  },
};

/**
 * The folder `mkdir -p` failed at: the first missing component (GNU names it; BusyBox names it with
 * a trailing slash when more was to follow).
 */
function firstMissing(ctx: CommandContext, path: string): string {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (prefix === '' || lstat(ctx.fs, ctx.access, prefix).ok) continue;
    return busybox(ctx) && i < parts.length ? `${prefix}/` : prefix;
  }
  return path;
}

export const touch: Command = {
  name: 'touch',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'cahm', values: 'dtr', long: { 'no-create': 'c', date: 'd', reference: 'r' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    if (opts.operands.length === 0) return complain(ctx, 'missing file operand');
    let status = 0;
    const report = (path: string, error: FsError): number =>
      complain(ctx, busybox(ctx) ? `${path}: ${error.message}` : `cannot touch ${q(path)}: ${error.message}`);
    for (const path of opts.operands) {
      const existing = stat(ctx.fs, ctx.access, path);
      if (existing.ok) {
        // Setting times to now needs ownership or write permission (utimensat).
        const node = existing.value;
        if (ctx.cred.uid !== 0 && node.uid !== ctx.cred.uid && !mayAccess(ctx.cred, node, W_OK)) status = report(path, { code: 'EACCES', path, message: 'Permission denied' });
        continue;
      }
      if (existing.error.code !== 'ENOENT') {
        status = report(path, existing.error);
        continue;
      }
      if (opts.flags.has('c')) continue;
      const written = writeText(ctx, path, { content: '' });
      if (!written.ok) status = report(path, written.error);
    }
    return status;
  },
};

export const rm: Command = {
  name: 'rm',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'rRfivd', long: { recursive: 'r', force: 'f', verbose: 'v', dir: 'd', 'no-preserve-root': 'N' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const recursive = opts.flags.has('r') || opts.flags.has('R');
    const force = opts.flags.has('f');
    if (opts.operands.length === 0) return force ? 0 : complain(ctx, 'missing operand');
    let status = 0;
    const cannot = (path: string, why: string): number => complain(ctx, `${busybox(ctx) ? "can't" : 'cannot'} remove ${q(path)}: ${why}`);
    // Folders whose unlisted bulk a wildcard matched (glob.ts): their files go with the listed ones.
    const bulky = ctx.globbedBulk ?? new Set<string>();
    for (const path of opts.operands) {
      // A wildcard that matched only unlisted bulk stays a literal word: the bulk is removed below.
      if (bulky.has(ctx.resolve(path).replace(/\/[^/]*$/, '') || '/') && /[*?[]/.test(path) && !lstat(ctx.fs, ctx.access, path).ok) continue;
      if (recursive && ctx.resolve(path) === '/' && !opts.flags.has('N')) {
        status = complain(ctx, busybox(ctx) ? "can't remove '/'" : `it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe`);
        continue;
      }
      const node = lstat(ctx.fs, ctx.access, path);
      if (!node.ok) {
        if (!(force && node.error.code === 'ENOENT')) status = cannot(path, node.error.message);
        continue;
      }
      if (node.value.kind === 'dir' && !recursive && !opts.flags.has('d')) {
        status = complain(ctx, busybox(ctx) ? `${q(path)} is a directory` : `cannot remove ${q(path)}: Is a directory`);
        continue;
      }
      if (!removeTree(ctx, path, node.value, cannot)) status = 1;
      else if (opts.flags.has('v')) ctx.stdout.write(`removed ${q(path)}\n`);
    }
    for (const folder of bulky) {
      const cleared = setSummary(ctx.fs, ctx.access, folder, undefined);
      if (cleared.ok) ctx.fs = cleared.value;
      else status = cannot(folder, cleared.error.message);
    }
    return status;
  },
};

/**
 * Removes `path` as `rm -r` does: the contents first, deepest first, each on its own; a folder goes
 * only once it is empty, so what can be removed is removed and the first failures are reported.
 */
function removeTree(ctx: CommandContext, path: string, node: FsNode, cannot: (path: string, why: string) => number): boolean {
  if (node.kind === 'dir' && node.children.size > 0) {
    let ok = true;
    for (const [name, child] of node.children) ok = removeTree(ctx, join(path, name), child, cannot) && ok;
    if (!ok) return false;
  }
  const removed = remove(ctx.fs, ctx.access, path, { recursive: true });
  if (!removed.ok) {
    cannot(removed.error.path, removed.error.message);
    return false;
  }
  ctx.fs = removed.value;
  return true;
}

export const rmdir: Command = {
  name: 'rmdir',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'pv', long: { parents: 'p', 'ignore-fail-on-non-empty': 'i' } });
    let status = 0;
    for (const path of opts.operands) {
      const targets = [path];
      if (opts.flags.has('p')) for (let p = path.replace(/\/[^/]*\/*$/, ''); p !== '' && p !== path && p !== '.'; p = p.replace(/\/?[^/]*$/, '')) targets.push(p);
      for (const target of targets) {
        const node = lstat(ctx.fs, ctx.access, target);
        const error = !node.ok ? node.error : node.value.kind !== 'dir' ? { message: 'Not a directory' } : undefined;
        const removed = error === undefined ? remove(ctx.fs, ctx.access, target) : undefined;
        const failure = error ?? (removed !== undefined && !removed.ok ? removed.error : undefined);
        if (failure !== undefined) {
          status = complain(ctx, busybox(ctx) ? `${q(target)}: ${failure.message}` : `failed to remove ${q(target)}: ${failure.message}`);
          break;
        }
        if (removed?.ok) ctx.fs = removed.value;
      }
    }
    return status;
  },
};

/** Where `source` lands: inside `dest` when dest is a directory (or several sources), else at dest. */
function targetOf(source: string, dest: string, intoDir: boolean): string {
  return intoDir ? join(dest, base(source)) : dest;
}

export const cp: Command = {
  name: 'cp',
  run(args, ctx) {
    const opts = parseOptions(args, {
      flags: 'rRapfinvLPdTu',
      values: 't',
      long: { recursive: 'r', archive: 'a', force: 'f', 'no-clobber': 'n', verbose: 'v', dereference: 'L', 'no-dereference': 'P', preserve: 'p', 'target-directory': 't', 'no-target-directory': 'T' },
    });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const f = opts.flags;
    const recursive = f.has('r') || f.has('R') || f.has('a');
    const preserve = f.has('p') || f.has('a');
    const target = opts.values.get('t')?.[0];
    const operands = [...opts.operands];
    const dest = target ?? operands.pop();
    if (dest === undefined || operands.length === 0) return complain(ctx, dest === undefined ? 'missing file operand' : `missing destination file operand after ${q(dest)}`);
    const intoDir = !f.has('T') && (isDir(ctx, dest) || target !== undefined || (operands.length > 1 && busybox(ctx)));
    if (operands.length > 1 && !intoDir) {
      const missing = !lstat(ctx.fs, ctx.access, dest).ok;
      return complain(ctx, missing ? `target ${q(dest)}: No such file or directory` : `target ${q(dest)} is not a directory`);
    }
    // -r copies symlinks as links (unless -L); without -r cp follows them.
    const follow = f.has('L') || (!recursive && !f.has('P') && !f.has('d'));
    let status = 0;
    for (const source of operands) {
      const node = follow ? stat(ctx.fs, ctx.access, source) : lstat(ctx.fs, ctx.access, source);
      if (!node.ok) {
        status = complain(ctx, `${busybox(ctx) ? "can't" : 'cannot'} stat ${q(source)}: ${node.error.message}`);
        continue;
      }
      if (node.value.kind === 'dir' && !recursive) {
        status = complain(ctx, busybox(ctx) ? `omitting directory ${q(source)}` : `-r not specified; omitting directory ${q(source)}`);
        continue;
      }
      const to = targetOf(source, dest, intoDir);
      if (f.has('n') && lstat(ctx.fs, ctx.access, to).ok) continue;
      if (ctx.resolve(to) === ctx.resolve(source)) {
        status = complain(ctx, `${q(source)} and ${q(to)} are the same file`);
        continue;
      }
      if (node.value.kind === 'dir' && (ctx.resolve(to) + '/').startsWith(ctx.resolve(source) + '/')) {
        status = complain(ctx, busybox(ctx) ? `can't copy a directory into itself` : `cannot copy a directory, ${q(source)}, into itself, ${q(to)}`);
        continue;
      }
      const copied = copyNode(ctx.fs, ctx.access, { tree: ctx.fs, path: source }, to, {
        follow,
        ...(preserve ? {} : { owner: { uid: ctx.cred.uid, gid: ctx.cred.gid } }),
      });
      if (!copied.ok) {
        const what = node.value.kind === 'dir' ? 'directory' : 'regular file';
        status = complain(ctx, busybox(ctx) ? `can't create ${q(copied.error.path)}: ${copied.error.message}` : `cannot create ${what} ${q(copied.error.path)}: ${copied.error.message}`);
        continue;
      }
      ctx.fs = copied.value;
      if (f.has('v')) ctx.stdout.write(`${q(source)} -> ${q(to)}\n`);
    }
    return status;
  },
};

export const mv: Command = {
  name: 'mv',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'fivnT', values: 't', long: { force: 'f', verbose: 'v', 'no-clobber': 'n', 'target-directory': 't' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const operands = [...opts.operands];
    const target = opts.values.get('t')?.[0];
    const dest = target ?? operands.pop();
    if (dest === undefined || operands.length === 0) return complain(ctx, dest === undefined ? 'missing file operand' : `missing destination file operand after ${q(dest)}`);
    const intoDir = !opts.flags.has('T') && (isDir(ctx, dest) || target !== undefined);
    if (operands.length > 1 && !intoDir) return complain(ctx, busybox(ctx) ? `${q(dest)} is not a directory` : `target ${q(dest)} is not a directory`);
    let status = 0;
    for (const source of operands) {
      const node = lstat(ctx.fs, ctx.access, source);
      if (!node.ok) {
        status = complain(ctx, busybox(ctx) ? `can't rename ${q(source)}: ${node.error.message}` : `cannot stat ${q(source)}: ${node.error.message}`);
        continue;
      }
      const to = targetOf(source, dest, intoDir);
      if (opts.flags.has('n') && lstat(ctx.fs, ctx.access, to).ok) continue;
      const moved = rename(ctx.fs, ctx.access, source, to);
      if (!moved.ok) {
        status = complain(ctx, busybox(ctx) ? `can't rename ${q(source)}: ${moved.error.message}` : `cannot move ${q(source)} to ${q(to)}: ${moved.error.message}`);
        continue;
      }
      ctx.fs = moved.value;
      if (opts.flags.has('v')) ctx.stdout.write(`renamed ${q(source)} -> ${q(to)}\n`);
    }
    return status;
  },
};

/** ln [-s] [-f] [-n] TARGET [LINK], or several targets into a directory. Hard links are copies here. */
export const ln: Command = {
  name: 'ln',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'sfnvT', long: { symbolic: 's', force: 'f', 'no-dereference': 'n', verbose: 'v' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const operands = [...opts.operands];
    if (operands.length === 0) return complain(ctx, 'missing file operand');
    const dest = operands.length === 1 ? '.' : (operands.pop() as string);
    const noDeref = opts.flags.has('n') || opts.flags.has('T');
    const destNode = noDeref ? lstat(ctx.fs, ctx.access, dest) : stat(ctx.fs, ctx.access, dest);
    const intoDir = destNode.ok && destNode.value.kind === 'dir';
    if (operands.length > 1 && !intoDir) return complain(ctx, busybox(ctx) ? `${q(dest)} is not a directory` : `target ${q(dest)} is not a directory`);
    let status = 0;
    for (const target of operands) {
      const link = intoDir ? join(dest, base(target)) : dest;
      const fail = (error: FsError): number =>
        complain(ctx, busybox(ctx) ? `${link}: ${error.message}` : `failed to create ${opts.flags.has('s') ? 'symbolic' : 'hard'} link ${q(link)}: ${error.message}`);
      if (opts.flags.has('f') && lstat(ctx.fs, ctx.access, link).ok) {
        const removed = remove(ctx.fs, ctx.access, link);
        if (!removed.ok) {
          status = fail(removed.error);
          continue;
        }
        ctx.fs = removed.value;
      }
      const made = opts.flags.has('s')
        ? symlink(ctx.fs, ctx.access, target, link)
        : lstat(ctx.fs, ctx.access, link).ok
          ? { ok: false as const, error: { code: 'EEXIST' as const, path: link, message: 'File exists' } }
          : copyNode(ctx.fs, ctx.access, { tree: ctx.fs, path: target }, link, { follow: false });
      if (!made.ok) {
        status = fail(made.error);
        continue;
      }
      ctx.fs = made.value;
    }
    return status;
  },
};

export const readlink: Command = {
  name: 'readlink',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'fenqsv', long: { canonicalize: 'f', 'canonicalize-existing': 'e', 'no-newline': 'n' } });
    let status = 0;
    for (const path of opts.operands) {
      const canonical = opts.flags.has('f') || opts.flags.has('e');
      const result = canonical ? canonicalize(ctx, path, opts.flags.has('e')) : vfsReadlink(ctx.fs, ctx.access, path);
      if (!result.ok) {
        status = 1;
        continue;
      }
      ctx.stdout.write(opts.flags.has('n') ? result.value : `${result.value}\n`);
    }
    return status;
  },
};

/** realpath: the path with symlinks resolved; a missing last component is allowed (as GNU does). */
function canonicalize(ctx: CommandContext, path: string, mustExist: boolean): { ok: true; value: string } | { ok: false; error: FsError } {
  const resolved = resolvePath(ctx.fs, ctx.access, path);
  if (resolved.ok || mustExist || resolved.error.code !== 'ENOENT') return resolved;
  const absolute = ctx.resolve(path);
  const parent = absolute.replace(/\/[^/]*$/, '') || '/';
  const parentResolved = resolvePath(ctx.fs, ctx.access, parent);
  if (!parentResolved.ok) return parentResolved;
  return { ok: true, value: join(parentResolved.value, base(absolute)) };
}

export const realpath: Command = {
  name: 'realpath',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'emsq', long: { 'canonicalize-existing': 'e', 'canonicalize-missing': 'm' } });
    let status = 0;
    for (const path of opts.operands) {
      // GNU accepts a missing last component; BusyBox wants the whole path to exist.
      const result = canonicalize(ctx, path, opts.flags.has('e') || busybox(ctx));
      if (!result.ok) {
        status = complain(ctx, `${path}: ${result.error.message}`);
        continue;
      }
      ctx.stdout.write(`${result.value}\n`);
    }
    return status;
  },
};

/** install [-d] [-D] [-m MODE] [-o USER] [-g GROUP] SOURCE... DEST: copy (or make folders) with mode and owner. */
export const install: Command = {
  name: 'install',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'dDcsvCp', values: 'mogt', long: { directory: 'd', mode: 'm', owner: 'o', group: 'g', 'target-directory': 't' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const modeSpec = opts.values.get('m')?.[0];
    const mode = modeSpec === undefined ? 0o755 : parseMode(modeSpec, 0o755, false);
    if (mode === undefined) return complain(ctx, `invalid mode ${q(modeSpec ?? '')}`);
    const ownerName = opts.values.get('o')?.[0];
    const groupName = opts.values.get('g')?.[0];
    const uid = ownerName === undefined ? undefined : userId(ctx.fs, ownerName);
    const gid = groupName === undefined ? undefined : groupId(ctx.fs, groupName);
    if (ownerName !== undefined && uid === undefined) return complain(ctx, busybox(ctx) ? `unknown user ${ownerName}` : `invalid user ${q(ownerName)}`);
    if (groupName !== undefined && gid === undefined) return complain(ctx, busybox(ctx) ? `unknown group ${groupName}` : `invalid group ${q(groupName)}`);
    const finish = (path: string): number => {
      const changed = vfsChmod(ctx.fs, ctx.access, path, mode);
      if (!changed.ok) return complain(ctx, `cannot change permissions of ${q(path)}: ${changed.error.message}`);
      ctx.fs = changed.value;
      if (uid === undefined && gid === undefined) return 0;
      const owned = vfsChown(ctx.fs, ctx.access, path, { ...(uid === undefined ? {} : { uid }), ...(gid === undefined ? {} : { gid }) });
      if (!owned.ok) return complain(ctx, `cannot change ownership of ${q(path)}: ${owned.error.message}`);
      ctx.fs = owned.value;
      return 0;
    };
    let status = 0;
    if (opts.flags.has('d')) {
      for (const dir of opts.operands) {
        const made = vfsMkdir(ctx.fs, ctx.access, dir, { parents: true });
        if (!made.ok) {
          status = complain(ctx, `cannot create directory ${q(dir)}: ${made.error.message}`);
          continue;
        }
        ctx.fs = made.value;
        status = finish(dir) || status;
      }
      return status;
    }
    const operands = [...opts.operands];
    const target = opts.values.get('t')?.[0];
    const dest = target ?? operands.pop();
    if (dest === undefined || operands.length === 0) return complain(ctx, 'missing file operand');
    if (opts.flags.has('D')) {
      const parent = (target ?? dest).replace(/\/[^/]*$/, '') || '/';
      const made = vfsMkdir(ctx.fs, ctx.access, target ?? parent, { parents: true });
      if (made.ok) ctx.fs = made.value;
    }
    const intoDir = target !== undefined || isDir(ctx, dest);
    for (const source of operands) {
      const to = targetOf(source, dest, intoDir);
      const copied = copyNode(ctx.fs, ctx.access, { tree: ctx.fs, path: source }, to, { owner: { uid: ctx.cred.uid, gid: ctx.cred.gid } });
      if (!copied.ok) {
        status = complain(ctx, `cannot ${copied.error.path === source ? 'stat' : 'create regular file'} ${q(copied.error.path)}: ${copied.error.message}`);
        continue;
      }
      ctx.fs = copied.value;
      status = finish(to) || status;
    }
    return status;
  },
};

/** mktemp [-d] [TEMPLATE]: a new file or folder with a name not taken yet (deterministic: no randomness). */
export const mktemp: Command = {
  name: 'mktemp',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'duqt', values: 'p', long: { directory: 'd', tmpdir: 'p' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const template = opts.operands[0] ?? 'tmp.XXXXXXXXXX';
    const xs = /X{3,}$/.exec(template)?.[0].length;
    if (xs === undefined) return complain(ctx, `too few X's in template ${q(template)}`);
    const dir = opts.values.get('p')?.[0] ?? (template.includes('/') ? '' : (ctx.env['TMPDIR'] ?? '/tmp'));
    const stem = template.slice(0, -xs);
    for (let n = 0; n < 1000; n++) {
      const name = `${stem}${n.toString(36).padStart(xs, '0')}`;
      const path = dir === '' ? name : join(dir, name);
      if (lstat(ctx.fs, ctx.access, path).ok) continue;
      const made = opts.flags.has('d') ? vfsMkdir(ctx.fs, ctx.access, path, { mode: 0o700 }) : writeText(ctx, path, { content: '', mode: 0o600 });
      if (!made.ok) return complain(ctx, `failed to create ${opts.flags.has('d') ? 'directory' : 'file'} via template ${q(path)}: ${made.error.message}`);
      ctx.fs = made.value;
      ctx.stdout.write(`${path}\n`);
      return 0;
    }
    return complain(ctx, `failed to create file via template ${q(template)}: File exists`);
  },
};
