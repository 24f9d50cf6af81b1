/**
 * tar c/x/t with f, z/j/J, v, C, --strip-components. An archive made here is a text file holding a
 * JSON manifest of its entries (so it can be listed and extracted later, in this or another stage);
 * its size is the manifest's, not a real tar's. An archive that is not one of these (a simulated
 * download, with a size but no bytes) extracts as a labelled summary of that size.
 */
import { AS_ROOT, copyNode, emptyTree, lstat, mkdir, setSummary, stat, symlink, walk, writeFile, type DirNode, type FsNode } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { busybox, complain, q, readText, writeText } from './support.ts';

const MAGIC = 'STAGECRAFT-TAR 1\n';

interface ArchiveEntry {
  path: string;
  kind: FsNode['kind'];
  mode: number;
  uid: number;
  gid: number;
  content?: string;
  size?: number;
  target?: string;
}

interface TarOptions {
  mode?: 'c' | 'x' | 't';
  file?: string;
  dir?: string;
  verbose: boolean;
  strip: number;
  operands: string[];
}

function parseTarArgs(args: readonly string[]): TarOptions | string {
  const opts: TarOptions = { verbose: false, strip: 0, operands: [] };
  const queue = [...args];
  // Old style: the first argument is a bundle of letters without a dash (`tar xzf file`).
  if (queue[0] !== undefined && !queue[0].startsWith('-')) queue[0] = `-${queue[0]}`;
  while (queue.length > 0) {
    const arg = queue.shift() as string;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const takesValue = name === 'strip-components' || name === 'directory' || name === 'file';
      const value = takesValue ? (inline ?? queue.shift() ?? '') : '';
      if (name === 'strip-components') opts.strip = Number(value);
      else if (name === 'directory') opts.dir = value;
      else if (name === 'file') opts.file = value;
      else if (name === 'create') opts.mode = 'c';
      else if (name === 'extract') opts.mode = 'x';
      else if (name === 'list') opts.mode = 't';
      else if (name === 'verbose') opts.verbose = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      opts.operands.push(arg);
      continue;
    }
    for (let i = 1; i < arg.length; i++) {
      const letter = arg[i] as string;
      if (letter === 'c' || letter === 'x' || letter === 't') opts.mode = letter;
      else if (letter === 'v') opts.verbose = true;
      else if (letter === 'f' || letter === 'C') {
        const value = i + 1 < arg.length ? arg.slice(i + 1) : queue.shift();
        if (value === undefined) return `option requires an argument -- '${letter}'`;
        if (letter === 'f') opts.file = value;
        else opts.dir = value;
        break;
      }
    }
  }
  return opts;
}

export const tar: Command = {
  name: 'tar',
  run(args, ctx) {
    const opts = parseTarArgs(args);
    if (typeof opts === 'string') return complain(ctx, opts, 2);
    if (opts.mode === undefined) return complain(ctx, busybox(ctx) ? 'need at least one option' : "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options", 2);
    if (opts.mode === 'c') return create(ctx, opts);
    return extractOrList(ctx, opts);
  },
};

const join = (dir: string, name: string): string => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

function create(ctx: CommandContext, opts: TarOptions): number {
  if (opts.operands.length === 0) return complain(ctx, busybox(ctx) ? 'empty archive' : 'Cowardly refusing to create an empty archive', 2);
  const base = opts.dir ?? '.';
  const entries: ArchiveEntry[] = [];
  let status = 0;
  for (const operand of opts.operands) {
    const path = operand.startsWith('/') ? operand : join(base, operand);
    const found = lstat(ctx.fs, ctx.access, path);
    if (!found.ok) {
      status = complain(ctx, busybox(ctx) ? `${operand}: ${found.error.message}` : `${operand}: Cannot stat: ${found.error.message}`, 2);
      continue;
    }
    const name = operand.replace(/^\/+/, '').replace(/\/+$/, '') || '.';
    entries.push(entryOf(name, found.value));
    if (found.value.kind === 'dir') {
      for (const e of walk(found.value, '/')) entries.push(entryOf(`${name}${e.path}`, e.node));
    }
  }
  if (opts.verbose) for (const e of entries) ctx.stderr.write(`${e.path}${e.kind === 'dir' ? '/' : ''}\n`);
  const archive = MAGIC + JSON.stringify(entries);
  if (opts.file === undefined || opts.file === '-') ctx.stdout.write(archive);
  else {
    const written = writeText(ctx, opts.file, { content: archive });
    if (!written.ok) {
      return busybox(ctx)
        ? complain(ctx, `can't open ${q(opts.file)}: ${written.error.message}`)
        : complain(ctx, `${opts.file}: Cannot open: ${written.error.message}\ntar: Error is not recoverable: exiting now`, 2);
    }
  }
  return status === 0 ? 0 : 2;
}

function entryOf(path: string, node: FsNode): ArchiveEntry {
  const entry: ArchiveEntry = { path, kind: node.kind, mode: node.mode, uid: node.uid, gid: node.gid };
  if (node.kind === 'file') {
    if (node.content !== undefined) entry.content = node.content;
    else entry.size = node.size;
  }
  if (node.kind === 'symlink') entry.target = node.target;
  if (node.kind === 'dir' && node.summary !== undefined) entry.size = node.summary.bytes;
  return entry;
}

function extractOrList(ctx: CommandContext, opts: TarOptions): number {
  const file = opts.file ?? '-';
  const read = readText(ctx, file);
  if (!read.ok) {
    return busybox(ctx)
      ? complain(ctx, `can't open ${q(file)}: ${read.error.message}`)
      : complain(ctx, `${file}: Cannot open: ${read.error.message}\ntar: Error is not recoverable: exiting now`, 2);
  }
  if (!read.text.startsWith(MAGIC)) return opaqueArchive(ctx, opts, file);
  const entries = JSON.parse(read.text.slice(MAGIC.length)) as ArchiveEntry[];
  const selected = entries.filter((e) => opts.operands.length === 0 || opts.operands.some((o) => e.path === o.replace(/\/+$/, '') || e.path.startsWith(`${o.replace(/\/+$/, '')}/`)));
  if (opts.mode === 't') {
    for (const e of selected) ctx.stdout.write(`${e.path}${e.kind === 'dir' ? '/' : ''}\n`);
    return 0;
  }
  const dest = opts.dir ?? '.';
  let status = 0;
  for (const e of selected) {
    const parts = e.path.split('/').filter((p) => p !== '' && p !== '.').slice(opts.strip);
    if (parts.length === 0) continue;
    if (opts.verbose) ctx.stdout.write(`${e.path}\n`);
    const path = join(dest, parts.join('/'));
    const placed = place(ctx, path, e);
    if (placed !== undefined) status = complain(ctx, busybox(ctx) ? `can't create ${q(path)}: ${placed}` : `${parts.join('/')}: Cannot open: ${placed}`, 2);
  }
  return status;
}

/** Writes one archive entry; returns the error text on failure. Root keeps the archive's owners. */
function place(ctx: CommandContext, path: string, e: ArchiveEntry): string | undefined {
  const parent = path.replace(/\/[^/]+$/, '') || '/';
  const made = mkdir(ctx.fs, ctx.access, parent, { parents: true });
  if (!made.ok) return made.error.message;
  ctx.fs = made.value;
  const owner = ctx.cred.uid === 0 ? { uid: e.uid, gid: e.gid } : undefined;
  if (e.kind === 'dir') {
    if (stat(ctx.fs, ctx.access, path).ok) return undefined;
    const dir = mkdir(ctx.fs, ctx.access, path, { mode: e.mode, ...(owner === undefined ? {} : { owner }), ...(e.size === undefined ? {} : { summary: { files: 0, bytes: e.size } }) });
    if (!dir.ok) return dir.error.message;
    ctx.fs = dir.value;
    return undefined;
  }
  if (e.kind === 'symlink') {
    const link = symlink(ctx.fs, ctx.access, e.target ?? '', path);
    if (!link.ok) return link.error.message;
    ctx.fs = link.value;
    return undefined;
  }
  // Build the file in a scratch tree so mode and owner are set exactly, then copy it into place.
  const scratch = writeFile(emptyTree(), AS_ROOT, '/f', {
    ...(e.content === undefined ? { size: e.size ?? 0 } : { content: e.content }),
    mode: e.mode,
    owner: owner ?? { uid: ctx.cred.uid, gid: ctx.cred.gid },
  });
  if (!scratch.ok) return scratch.error.message;
  const copied = copyNode(ctx.fs, ctx.access, { tree: scratch.value, path: '/f' }, path, { reader: AS_ROOT });
  if (!copied.ok) return copied.error.message;
  ctx.fs = copied.value;
  return undefined;
}

/** An archive Stagecraft has no listing of: its bytes land as unlisted bulk in the target folder. */
function opaqueArchive(ctx: CommandContext, opts: TarOptions, file: string): number {
  const size = stat(ctx.fs, ctx.access, file);
  const bytes = size.ok && size.value.kind === 'file' ? size.value.size : 0;
  if (opts.mode === 't') return complain(ctx, `${file}: contents not simulated (Stagecraft has no listing of this archive)`, 2);
  const dest = opts.dir ?? '.';
  const target = stat(ctx.fs, ctx.access, dest);
  if (!target.ok || target.value.kind !== 'dir') return complain(ctx, busybox(ctx) ? `can't change directory to ${q(dest)}: No such file or directory` : `${dest}: Cannot open: No such file or directory`, 2);
  const existing = (target.value as DirNode).summary;
  const source = `simulated: contents of ${file}`;
  const summary = { files: (existing?.files ?? 0) + 1, bytes: (existing?.bytes ?? 0) + bytes, source: existing?.source === undefined ? source : `${existing.source} + ${source}` };
  const updated = setSummary(ctx.fs, ctx.access, dest, summary);
  if (!updated.ok) return complain(ctx, `${dest}: Cannot open: ${updated.error.message}`, 2);
  ctx.fs = updated.value;
  ctx.simulate({ by: 'tar x', summary: `extracted ${file} into ${dest} as ${bytes} bytes of unlisted files (the archive's contents are not simulated)`, paths: [dest], bytes });
  return 0;
}
