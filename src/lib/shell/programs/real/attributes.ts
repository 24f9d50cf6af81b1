/** Changing and showing owners and modes: chmod, chown, chgrp, stat. */
import { chmod as vfsChmod, chown as vfsChown, lstat, stat as vfsStat, type FsError, type FsNode } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { parseMode } from './modes.ts';
import { badOption, busybox, complain, groupId, groupName, modeString, parseOptions, q, userId, userName, users, walkFrom } from './support.ts';

/** The operand and, with -R, everything listed below it (symlinks inside are not followed). */
function targets(ctx: CommandContext, path: string, recursive: boolean): { path: string; node: FsNode; top: boolean }[] {
  const node = vfsStat(ctx.fs, ctx.access, path);
  if (!node.ok) return [];
  const out = [{ path, node: node.value, top: true }];
  if (recursive && node.value.kind === 'dir') {
    for (const e of walkFrom(node.value, path)) out.push({ path: e.path, node: e.node, top: false });
  }
  return out;
}

export const chmod: Command = {
  name: 'chmod',
  run(args, ctx) {
    // Mode operands like `-x` or `-w` look like options: take them as the mode when no mode came yet.
    const recursive = args.some((a) => a === '-R' || a === '--recursive');
    const rest = args.filter((a) => a !== '-R' && a !== '--recursive' && a !== '-v' && a !== '-f' && a !== '-c');
    const [spec, ...paths] = rest;
    if (spec === undefined || paths.length === 0) return complain(ctx, spec === undefined ? 'missing operand' : `missing operand after ${q(spec)}`);
    let status = 0;
    for (const path of paths) {
      const found = vfsStat(ctx.fs, ctx.access, path);
      if (!found.ok) {
        status = complain(ctx, busybox(ctx) ? `${path}: ${found.error.message}` : `cannot access ${q(path)}: ${found.error.message}`);
        continue;
      }
      for (const t of targets(ctx, path, recursive)) {
        if (t.node.kind === 'symlink') continue;
        const mode = parseMode(spec, t.node.mode, t.node.kind === 'dir');
        if (mode === undefined) return complain(ctx, busybox(ctx) ? `invalid mode ${q(spec)}` : `invalid mode: ${q(spec)}\nTry 'chmod --help' for more information.`);
        const changed = vfsChmod(ctx.fs, ctx.access, t.path, mode);
        if (!changed.ok) {
          status = complain(ctx, busybox(ctx) ? `${t.path}: ${changed.error.message}` : `changing permissions of ${q(t.path)}: ${changed.error.message}`);
          continue;
        }
        ctx.fs = changed.value;
      }
    }
    return status;
  },
};

type OwnerSpec = { ok: true; uid?: number; gid?: number } | { ok: false; message: string };

/** `user`, `user:group`, `user:` (the user's login group), `:group`, `user.group`, numbers. */
function parseOwner(ctx: CommandContext, spec: string, groupOnly: boolean): OwnerSpec {
  const bb = busybox(ctx);
  if (groupOnly) {
    const gid = groupId(ctx.fs, spec);
    return gid === undefined ? { ok: false, message: bb ? `unknown group ${spec}` : `invalid group: ${q(spec)}` } : { ok: true, gid };
  }
  const sep = spec.includes(':') ? ':' : spec.includes('.') && userId(ctx.fs, spec) === undefined ? '.' : undefined;
  const [userPart = '', groupPart] = sep === undefined ? [spec] : [spec.slice(0, spec.indexOf(sep)), spec.slice(spec.indexOf(sep) + 1)];
  const result: { ok: true; uid?: number; gid?: number } = { ok: true };
  if (userPart !== '') {
    const uid = userId(ctx.fs, userPart);
    if (uid === undefined) return { ok: false, message: bb ? `unknown user ${userPart}` : `invalid user: ${q(spec)}` };
    result.uid = uid;
    if (groupPart === '') {
      const login = users(ctx.fs).find((u) => u.uid === uid)?.gid;
      if (login !== undefined) result.gid = login;
    }
  }
  if (groupPart !== undefined && groupPart !== '') {
    const gid = groupId(ctx.fs, groupPart);
    if (gid === undefined) return { ok: false, message: bb ? `unknown group ${groupPart}` : `invalid group: ${q(spec)}` };
    result.gid = gid;
  }
  return result;
}

function changeOwner(groupOnly: boolean): Command {
  return {
    name: groupOnly ? 'chgrp' : 'chown',
    run(args, ctx) {
      const opts = parseOptions(args, { flags: 'RhvfcHLP', long: { recursive: 'R', 'no-dereference': 'h', verbose: 'v', silent: 'f', quiet: 'f' } });
      if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
      const [spec, ...paths] = opts.operands;
      if (spec === undefined || paths.length === 0) return complain(ctx, spec === undefined ? 'missing operand' : `missing operand after ${q(spec)}`);
      const owner = parseOwner(ctx, spec, groupOnly);
      if (!owner.ok) return complain(ctx, owner.message);
      const change = { ...(owner.uid === undefined ? {} : { uid: owner.uid }), ...(owner.gid === undefined ? {} : { gid: owner.gid }) };
      let status = 0;
      const report = (path: string, error: FsError, accessing: boolean): number =>
        complain(ctx, busybox(ctx) ? `${path}: ${error.message}` : accessing ? `cannot access ${q(path)}: ${error.message}` : `changing ${groupOnly ? 'group' : 'ownership'} of ${q(path)}: ${error.message}`);
      for (const path of paths) {
        const found = opts.flags.has('h') ? lstat(ctx.fs, ctx.access, path) : vfsStat(ctx.fs, ctx.access, path);
        if (!found.ok) {
          status = report(path, found.error, true);
          continue;
        }
        for (const t of targets(ctx, path, opts.flags.has('R'))) {
          const changed = vfsChown(ctx.fs, ctx.access, t.path, change, { noFollow: !t.top || opts.flags.has('h') });
          if (!changed.ok) {
            status = report(t.path, changed.error, false);
            continue;
          }
          ctx.fs = changed.value;
        }
      }
      return status;
    },
  };
}

export const chown = changeOwner(false);
export const chgrp = changeOwner(true);

const KIND_WORDS: Readonly<Record<FsNode['kind'], string>> = { file: 'regular file', dir: 'directory', symlink: 'symbolic link' };

/** Bytes stat reports: a file's size, a symlink's target length, 4096 for a directory. */
const statSize = (node: FsNode): number => (node.kind === 'file' ? node.size : node.kind === 'symlink' ? node.target.length : 4096);

function formatStat(ctx: CommandContext, path: string, node: FsNode, format: string): string {
  return format.replace(/%([a-zA-Z%])/g, (all, c: string) => {
    switch (c) {
      case 'n': return path;
      case 'N': return node.kind === 'symlink' ? `'${path}' -> '${node.target}'` : `'${path}'`;
      case 's': return String(statSize(node));
      case 'a': return node.mode.toString(8);
      case 'A': return modeString(node);
      case 'u': return String(node.uid);
      case 'U': return userName(ctx.fs, node.uid) ?? 'UNKNOWN';
      case 'g': return String(node.gid);
      case 'G': return groupName(ctx.fs, node.gid) ?? 'UNKNOWN';
      case 'F': return node.kind === 'file' && node.size === 0 ? 'regular empty file' : KIND_WORDS[node.kind];
      case 'h': return node.kind === 'dir' ? String(2 + [...node.children.values()].filter((n) => n.kind === 'dir').length) : '1';
      case 'b': return String(Math.ceil(statSize(node) / 4096) * 8);
      case 'B': return '512';
      case '%': return '%';
      default: return all;
    }
  }).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

export const stat: Command = {
  name: 'stat',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'Lt', values: 'c', long: { format: 'c', printf: 'c', dereference: 'L' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const format = opts.values.get('c')?.[0];
    let status = 0;
    for (const path of opts.operands) {
      const found = opts.flags.has('L') ? vfsStat(ctx.fs, ctx.access, path) : lstat(ctx.fs, ctx.access, path);
      if (!found.ok) {
        status = complain(ctx, busybox(ctx) ? `can't stat ${q(path)}: ${found.error.message}` : `cannot statx ${q(path)}: ${found.error.message}`);
        continue;
      }
      const node = found.value;
      if (format !== undefined) {
        ctx.stdout.write(`${formatStat(ctx, path, node, format)}\n`);
        continue;
      }
      const size = statSize(node);
      ctx.stdout.write(formatStat(ctx, path, node, [
        `  File: ${node.kind === 'symlink' ? '%N' : '%n'}`,
        `  Size: ${String(size).padEnd(10)}\tBlocks: ${String(Math.ceil(size / 4096) * 8).padEnd(10)} IO Block: 4096   %F`,
        `Access: (0${node.mode.toString(8).padStart(3, '0')}/%A)  Uid: (${String(node.uid).padStart(5)}/${(userName(ctx.fs, node.uid) ?? 'UNKNOWN').padStart(8)})   Gid: (${String(node.gid).padStart(5)}/${(groupName(ctx.fs, node.gid) ?? 'UNKNOWN').padStart(8)})`,
        '',
      ].join('\n')));
    }
    return status;
  },
};
