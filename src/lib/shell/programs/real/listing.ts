/**
 * ls and du. `ls` prints one name per line into a pipe or a build log and columns on a terminal
 * (ls-display.ts decides). The vfs keeps no times: every date is the injected clock's.
 */
import { lstat, mayAccess, R_OK, readdir, stat, X_OK, type DirNode, type FsNode } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { layoutNames, lsDisplay, renderNames, renderTarget, takeColorOption, withFirstReset, type LsDisplay } from './ls-display.ts';
import { formatDate } from './system.ts';
import { badOption, busybox, complain, groupName, humanSize, modeString, parseOptions, q, userName } from './support.ts';

const linkCount = (node: FsNode): number =>
  node.kind === 'dir' ? 2 + [...node.children.values()].filter((c) => c.kind === 'dir').length : 1;

/** Size as ls -l shows it: a directory is one 4096-byte block. */
const listedSize = (node: FsNode): number => (node.kind === 'file' ? node.size : node.kind === 'symlink' ? node.target.length : 4096);

/** Disk usage in KiB as du counts it: 4 KiB blocks per file, one per directory, summaries by their bytes. */
function usageKiB(node: FsNode): number {
  if (node.kind === 'file') return Math.ceil(node.size / 4096) * 4;
  if (node.kind === 'symlink') return 0;
  let total = ownKiB(node);
  for (const child of node.children.values()) total += usageKiB(child);
  return total;
}

/** A directory's own block and its summarised (unlisted) bulk. */
const ownKiB = (dir: DirNode): number => 4 + Math.ceil((dir.summary?.bytes ?? 0) / 1024);

interface Entry {
  name: string;
  path: string;
  node: FsNode;
}

export const ls: Command = {
  name: 'ls',
  run(args, ctx) {
    const { rest, color } = takeColorOption(args);
    const opts = parseOptions(rest, {
      flags: 'laA1RdhnFrtSipCx',
      values: 'w',
      long: { all: 'a', 'almost-all': 'A', recursive: 'R', directory: 'd', 'human-readable': 'h', 'numeric-uid-gid': 'n', classify: 'F', reverse: 'r', width: 'w' },
    });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const f = opts.flags;
    const decided = lsDisplay(rest, ctx, opts.values.get('w')?.at(-1), color);
    if (!decided.ok) return complain(ctx, decided.error);
    const display = decided.value;
    const long = display.format === 'long';
    const bb = busybox(ctx);
    let status = 0;
    const operands = opts.operands.length === 0 ? ['.'] : opts.operands;
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const path of operands) {
      const found = lstat(ctx.fs, ctx.access, path);
      if (!found.ok) {
        status = complain(ctx, bb ? `${path}: ${found.error.message}` : `cannot access ${q(path)}: ${found.error.message}`, bb ? 1 : 2);
        continue;
      }
      // A symlink operand is followed unless -d, or -l without a trailing slash (which shows the link).
      const follow = found.value.kind === 'symlink' && !f.has('d') && (!long || path.endsWith('/'));
      const target = follow ? stat(ctx.fs, ctx.access, path) : found;
      const node = target.ok ? target.value : found.value;
      if (node.kind === 'dir' && !f.has('d')) dirs.push({ name: path, path, node });
      else files.push({ name: path, path, node: found.value });
    }
    const out: string[] = [];
    const show = (entries: Entry[], withTotal: boolean): void => {
      const sorted = sortEntries(entries, f);
      if (long) {
        if (withTotal) out.push(`total ${sorted.reduce((t, e) => t + (e.node.kind === 'dir' ? 4 : usageKiB(e.node)), 0)}`);
        out.push(...longLines(ctx, sorted, f, display));
        return;
      }
      const shown = sorted.map((e) => ({ name: e.name, node: e.node, suffix: classify(e.node, f.has('F')), dangling: e.node.kind === 'symlink' && leadsTo(ctx, e) === undefined }));
      const block = layoutNames(renderNames(shown, display), display);
      if (block !== '') out.push(block.slice(0, -1));
    };
    if (files.length > 0) show(files, false);
    const queue = [...sortEntries(dirs, f)];
    const headers = operands.length > 1 || f.has('R');
    for (let i = 0; i < queue.length; i++) {
      const dir = queue[i] as Entry;
      const listed = readdir(ctx.fs, ctx.access, dir.path);
      if (headers) out.push(`${out.length > 0 ? '\n' : ''}${dir.path}:`);
      if (!listed.ok) {
        status = complain(ctx, bb ? `can't open ${q(dir.path)}: ${listed.error.message}` : `cannot open directory ${q(dir.path)}: ${listed.error.message}`, bb ? 1 : 2);
        continue;
      }
      const join = (name: string): string => (dir.path.endsWith('/') ? `${dir.path}${name}` : `${dir.path}/${name}`);
      const entries: Entry[] = listed.value
        .filter((e) => f.has('a') || f.has('A') || !e.name.startsWith('.'))
        .map((e) => ({ name: e.name, path: join(e.name), node: e.node }));
      if (f.has('a')) {
        const parent = stat(ctx.fs, ctx.access, join('..'));
        entries.unshift({ name: '..', path: join('..'), node: parent.ok ? parent.value : dir.node }, { name: '.', path: dir.path, node: dir.node });
      }
      show(entries, true);
      if (f.has('R')) {
        const sub = sortEntries(entries, f).filter((e) => e.node.kind === 'dir' && e.name !== '.' && e.name !== '..');
        queue.splice(i + 1, 0, ...sub);
      }
    }
    if (out.length > 0) ctx.stdout.write(withFirstReset(`${out.join('\n')}\n`, display));
    return status;
  },
};

function sortEntries(entries: readonly Entry[], f: ReadonlySet<string>): Entry[] {
  const sorted = [...entries].sort((a, b) => {
    if (f.has('S')) {
      const d = listedSize(b.node) - listedSize(a.node);
      if (d !== 0) return d;
    }
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return f.has('r') ? sorted.reverse() : sorted;
}

/** What a symlink entry leads to, for colouring its target; undefined when it dangles. */
function leadsTo(ctx: CommandContext, entry: Entry): FsNode | undefined {
  const target = stat(ctx.fs, ctx.access, entry.path);
  return target.ok ? target.value : undefined;
}

const classify = (node: FsNode, on: boolean): string => {
  if (!on) return '';
  if (node.kind === 'dir') return '/';
  if (node.kind === 'symlink') return '@';
  return (node.mode & 0o111) !== 0 ? '*' : '';
};

function longLines(ctx: CommandContext, entries: readonly Entry[], f: ReadonlySet<string>, display: LsDisplay): string[] {
  const numeric = f.has('n');
  const rows = entries.map((e) => {
    const size = listedSize(e.node);
    return {
      mode: modeString(e.node),
      links: String(linkCount(e.node)),
      user: numeric ? String(e.node.uid) : (userName(ctx.fs, e.node.uid) ?? String(e.node.uid)),
      group: numeric ? String(e.node.gid) : (groupName(ctx.fs, e.node.gid) ?? String(e.node.gid)),
      size: f.has('h') ? humanSize(size) : String(size),
    };
  });
  const date = formatDate(ctx.now, '%b %e %H:%M');
  const width = (key: 'links' | 'user' | 'group' | 'size'): number => Math.max(...rows.map((r) => r[key].length));
  const [wl, wu, wg, ws] = [width('links'), width('user'), width('group'), width('size')];
  const prefixes = busybox(ctx)
    ? rows.map((r) => `${r.mode} ${r.links.padStart(4)} ${r.user.padEnd(8)} ${r.group.padEnd(8)} ${r.size.padStart(9)} ${date} `)
    : rows.map((r) => `${r.mode} ${r.links.padStart(wl)} ${r.user.padEnd(wu)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${date} `);
  // GNU counts where a name starts (for its clear-to-end-of-line) from the size column on: ls.c
  // writes out the mode, links, owner and group first and restarts its buffer there.
  const startCol = ws + 1 + date.length + 1;
  const shown = entries.map((e) => ({ name: e.name, node: e.node, suffix: '', dangling: e.node.kind === 'symlink' && leadsTo(ctx, e) === undefined }));
  const names = renderNames(shown, display, startCol);
  return entries.map((e, i) => {
    const name = (names[i] as { text: string }).text;
    const rest = e.node.kind === 'symlink' ? ` -> ${renderTarget(e.node.target, leadsTo(ctx, e), display)}` : classify(e.node, f.has('F'));
    return `${prefixes[i] as string}${name}${rest}`;
  });
}

export const du: Command = {
  name: 'du',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'shackmxL', values: 'd', long: { summarize: 's', 'human-readable': 'h', all: 'a', total: 'c', 'max-depth': 'd' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const f = opts.flags;
    const maxDepth = f.has('s') ? 0 : opts.values.has('d') ? Number(opts.values.get('d')?.[0]) : Infinity;
    const show = (kib: number): string => (f.has('h') ? (kib === 0 ? '0' : humanSize(kib * 1024, busybox(ctx))) : f.has('m') ? String(Math.ceil(kib / 1024)) : String(kib));
    let status = 0;
    let total = 0;
    for (const path of opts.operands.length === 0 ? ['.'] : opts.operands) {
      const found = stat(ctx.fs, ctx.access, path);
      if (!found.ok) {
        status = complain(ctx, busybox(ctx) ? `${path}: ${found.error.message}` : `cannot access ${q(path)}: ${found.error.message}`);
        continue;
      }
      const lines: string[] = [];
      const visit = (node: FsNode, p: string, depth: number): number => {
        if (node.kind !== 'dir') {
          const kib = usageKiB(node);
          if ((f.has('a') || depth === 0) && depth <= maxDepth) lines.push(`${show(kib)}\t${p}`);
          return kib;
        }
        let kib = ownKiB(node);
        if (!mayAccess(ctx.cred, node, R_OK | X_OK)) {
          // GNU still counts the folder's own block; BusyBox gives up on it.
          status = complain(ctx, busybox(ctx) ? `can't open ${q(p)}: Permission denied` : `cannot read directory ${q(p)}: Permission denied`);
          if (!busybox(ctx) && depth <= maxDepth) lines.push(`${show(kib)}\t${p}`);
          return kib;
        }
        for (const [name, child] of [...node.children].sort(([a], [b]) => (a < b ? -1 : 1))) kib += visit(child, p.endsWith('/') ? `${p}${name}` : `${p}/${name}`, depth + 1);
        if (depth <= maxDepth) lines.push(`${show(kib)}\t${p}`);
        return kib;
      };
      const kib = visit(found.value, path, 0);
      total += kib;
      if (lines.length > 0) ctx.stdout.write(`${lines.join('\n')}\n`);
    }
    if (f.has('c')) ctx.stdout.write(`${show(total)}\ttotal\n`);
    return status;
  },
};
