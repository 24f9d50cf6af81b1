/** Shared pieces of the real programs: option parsing, messages, users and groups, modes. */
import { readFile, ROOT_CRED, walk, writeFile, type DirNode, type FsError, type FsNode, type FsResult, type WalkEntry, type WriteFileData } from '../../../vfs/index.ts';
import type { CommandContext } from '../../command.ts';

/** The program's name as invoked, without its directory (`/bin/ls` → `ls`). */
export const programName = (ctx: CommandContext): string => ctx.argv0.slice(ctx.argv0.lastIndexOf('/') + 1);

/** Writes `name: message` to stderr and returns `status`. */
export function complain(ctx: CommandContext, message: string, status = 1): number {
  ctx.stderr.write(`${programName(ctx)}: ${message}\n`);
  return status;
}

export const busybox = (ctx: CommandContext): boolean => ctx.flavor === 'busybox';

/** ASCII-quoted as GNU tools quote file names in the C locale. */
export const q = (text: string): string => `'${text}'`;

export interface ParsedOptions {
  /** Short letters seen (long options are mapped to their letter). */
  flags: Set<string>;
  /** Values of options that take one, in order (`-e a -e b`). */
  values: Map<string, string[]>;
  operands: string[];
  /** The first unknown option, if any. */
  unknown?: string;
}

export interface OptionSpec {
  /** Letters of flags without a value, e.g. 'laR1'. */
  flags: string;
  /** Letters of options taking a value, e.g. 'm' for `mkdir -m 755`. */
  values?: string;
  /** Long names mapped to letters (`--recursive` → 'R'); a long option taking a value uses `=` or the next argument. */
  long?: Readonly<Record<string, string>>;
  /** Stop at the first operand (for programs that run a command: xargs, env). */
  stopAtOperand?: boolean;
  /** `-3` is a number, not an option (seq). */
  negativeNumbers?: boolean;
}

export function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions {
  const out: ParsedOptions = { flags: new Set(), values: new Map(), operands: [] };
  const addValue = (letter: string, value: string): void => {
    out.values.set(letter, [...(out.values.get(letter) ?? []), value]);
  };
  const valued = spec.values ?? '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const letter = spec.long?.[name];
      if (letter === undefined) {
        out.unknown ??= arg;
        continue;
      }
      if (valued.includes(letter)) addValue(letter, eq === -1 ? (args[++i] ?? '') : arg.slice(eq + 1));
      else out.flags.add(letter);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-' && !(spec.negativeNumbers && /^-[0-9.]/.test(arg))) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] as string;
        if (valued.includes(letter)) {
          addValue(letter, j + 1 < arg.length ? arg.slice(j + 1) : (args[++i] ?? ''));
          break;
        }
        if (spec.flags.includes(letter)) out.flags.add(letter);
        else out.unknown ??= `-${letter}`;
      }
      continue;
    }
    out.operands.push(arg);
    if (spec.stopAtOperand) {
      out.operands.push(...args.slice(i + 1));
      break;
    }
  }
  return out;
}

/** The message for an unknown option, in the tool's words. */
export function badOption(ctx: CommandContext, option: string): number {
  if (busybox(ctx)) return complain(ctx, `unrecognized option '${option.replace(/^-+/, '')}'`);
  if (option.startsWith('--')) return complain(ctx, `unrecognized option '${option}'\nTry '${programName(ctx)} --help' for more information.`);
  return complain(ctx, `invalid option -- '${option.slice(1)}'\nTry '${programName(ctx)} --help' for more information.`);
}

// ---- users and groups -------------------------------------------------------------------------

function table(fs: DirNode, path: string): string[][] {
  const file = readFile(fs, { cred: ROOT_CRED }, path);
  if (!file.ok || file.value.content === undefined) return [];
  return file.value.content.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(':'));
}

export interface UserEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export const users = (fs: DirNode): UserEntry[] =>
  table(fs, '/etc/passwd').map((f) => ({ name: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '', shell: f[6] ?? '' }));

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export const groups = (fs: DirNode): GroupEntry[] =>
  table(fs, '/etc/group').map((f) => ({ name: f[0] ?? '', gid: Number(f[2]), members: (f[3] ?? '').split(',').filter((m) => m !== '') }));

export const userName = (fs: DirNode, uid: number): string | undefined => users(fs).find((u) => u.uid === uid)?.name;
export const groupName = (fs: DirNode, gid: number): string | undefined => groups(fs).find((g) => g.gid === gid)?.name;

/** A user given by name or number; undefined when a name is unknown. */
export function userId(fs: DirNode, spec: string): number | undefined {
  if (/^[0-9]+$/.test(spec)) return Number(spec);
  return users(fs).find((u) => u.name === spec)?.uid;
}

export function groupId(fs: DirNode, spec: string): number | undefined {
  if (/^[0-9]+$/.test(spec)) return Number(spec);
  return groups(fs).find((g) => g.name === spec)?.gid;
}

// ---- modes and sizes --------------------------------------------------------------------------

/** `drwxr-xr-x`, `-rwsr-xr-x`, `lrwxrwxrwx`, as ls -l shows. */
export function modeString(node: FsNode): string {
  const type = node.kind === 'dir' ? 'd' : node.kind === 'symlink' ? 'l' : '-';
  const m = node.mode;
  const triple = (shift: number, special: number, char: string): string => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const x = (m & (1 << shift)) !== 0;
    const s = (m & special) !== 0;
    return r + w + (s ? (x ? char : char.toUpperCase()) : x ? 'x' : '-');
  };
  return type + triple(6, 0o4000, 's') + triple(3, 0o2000, 's') + triple(0, 0o1000, 't');
}

/** `1.5K`, `12M` as GNU `du -h` / `ls -h` print them (powers of 1024, one decimal below 10); BusyBox keeps one decimal. */
export function humanSize(bytes: number, busyboxStyle = false): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return String(bytes);
  if (busyboxStyle) return `${(Math.round(value * 10) / 10).toFixed(1)}${units[unit]}`;
  const rounded = value < 10 ? Math.ceil(value * 10) / 10 : Math.ceil(value);
  return value < 10 ? `${rounded.toFixed(1)}${units[unit]}` : `${rounded}${units[unit]}`;
}

// ---- writing ----------------------------------------------------------------------------------

/** writeFile through the context, refusing text above the file-size limit (a simulator limit). */
export function writeText(ctx: CommandContext, path: string, data: WriteFileData): FsResult<DirNode> {
  const written = writeFile(ctx.fs, ctx.access, path, data);
  if (written.ok) ctx.fs = written.value;
  return written;
}

/** The text of a readable file, or the error. A file with only a declared size reads as empty text. */
export function readText(ctx: CommandContext, path: string): { ok: true; text: string } | { ok: false; error: FsError } {
  if (path === '-' || path === '/dev/stdin') return { ok: true, text: ctx.stdin };
  if (path === '/dev/null') return { ok: true, text: '' };
  const file = readFile(ctx.fs, ctx.access, path);
  if (!file.ok) return { ok: false, error: file.error };
  return { ok: true, text: file.value.content ?? '' };
}

/** Lines of a text without the empty string after a final newline. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Reads each operand (stdin when none or `-`), reporting unreadable files with `report`. */
export function readInputs(
  ctx: CommandContext,
  operands: readonly string[],
  report: (path: string, error: FsError) => void,
): { texts: { path: string; text: string }[]; failed: boolean } {
  const texts: { path: string; text: string }[] = [];
  let failed = false;
  for (const path of operands.length === 0 ? ['-'] : operands) {
    const read = readText(ctx, path);
    if (read.ok) texts.push({ path, text: read.text });
    else {
      report(path, read.error);
      failed = true;
    }
  }
  return { texts, failed };
}

/** Everything listed below the directory `node` (found at `path`), with paths spelled from `path` as given. */
export function walkFrom(node: DirNode, path: string): WalkEntry[] {
  const prefix = path.endsWith('/') ? path.slice(0, -1) : path;
  return [...walk(node, '/')].map((e) => ({ path: `${prefix}${e.path}`, node: e.node }));
}
