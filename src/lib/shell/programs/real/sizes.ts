/**
 * Making big files: dd, fallocate, truncate. Zeros and random bytes are not held as text: the file
 * gets a declared size, which is all a layer's size needs (`dd if=/dev/zero of=/big bs=1M count=50`
 * then `rm /big` in a later step: the classic lesson that deleting does not shrink the image).
 */
import { stat } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { busybox, complain, parseOptions, q, readText, writeText } from './support.ts';

const UNITS: Readonly<Record<string, number>> = {
  '': 1, c: 1, w: 2, b: 512, kB: 1000, K: 1024, k: 1024, KiB: 1024, MB: 1000 ** 2, M: 1024 ** 2, MiB: 1024 ** 2,
  GB: 1000 ** 3, G: 1024 ** 3, GiB: 1024 ** 3,
};

/** `1M`, `512`, `4k`, `2GB` in bytes; undefined when not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^([0-9]+)([a-zA-Z]*)$/.exec(text);
  const unit = m === null ? undefined : UNITS[m[2] as string];
  return m === null || unit === undefined ? undefined : Number(m[1]) * unit;
}

const ENDLESS = new Set(['/dev/zero', '/dev/urandom', '/dev/random']);

/** GNU's `52 MB, 50 MiB` style, rounded to nearest: one decimal below 10, whole numbers above. */
function human(bytes: number, base: 1000 | 1024): string {
  const units = base === 1000 ? ['B', 'kB', 'MB', 'GB', 'TB'] : ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${value < 10 ? (Math.round(value * 10) / 10).toFixed(1) : String(Math.round(value))} ${units[unit]}`;
}

/**
 * The simulation copies at a steady 1 GB/s, so dd's timing figures are reproducible and the same in
 * both flavours (`0.0524288 s` for 50 MiB): the clock is injected and no time passes during a
 * command, and an elapsed time of 0 would make BusyBox's rate a division by zero.
 */
const BYTES_PER_SECOND = 1e9;

/**
 * dd's closing report: the records lines, then (unless status=noxfer) the bytes, time and rate.
 * GNU: `52428800 bytes (52 MB, 50 MiB) copied, 0.0524288 s, 1.0 GB/s`. BusyBox, built with
 * FEATURE_DD_THIRD_STATUS_LINE (Alpine's busyboxconfig and the defconfig the busybox image builds
 * with, coreutils/dd.c dd_output_status): `52428800 bytes (50.0MB) copied, 0.052429 seconds, 953.7MB/s`.
 */
function ddReport(ctx: CommandContext, bytes: number, blockSize: number, transfer: boolean): void {
  const full = Math.floor(bytes / blockSize);
  const partial = bytes % blockSize === 0 ? 0 : 1;
  const records = `${full}+${partial} records in\n${full}+${partial} records out\n`;
  const seconds = bytes / BYTES_PER_SECOND;
  if (!transfer) ctx.stderr.write(records);
  else if (busybox(ctx)) {
    const rate = bytes === 0 ? 0 : BYTES_PER_SECOND;
    ctx.stderr.write(`${records}${bytes} bytes (${busyboxHuman(bytes)}B) copied, ${seconds.toFixed(6)} seconds, ${busyboxHuman(rate)}B/s\n`);
  } else {
    const amount = bytes < 1000 ? `${bytes} bytes` : `${bytes} bytes (${human(bytes, 1000)}, ${human(bytes, 1024)})`;
    ctx.stderr.write(`${records}${amount} copied, ${formatG(seconds)} s, 1.0 GB/s\n`);
  }
}

/**
 * BusyBox's make_human_readable_str with one decimal (libbb/human_readable.c): whole bytes below
 * 1024, else powers of 1024 with a unit letter, the integer part truncated and the tenth rounded
 * from the last remainder (1e9 → `953.7M`, 1023 → `1023`, 0 → `0`).
 */
function busyboxHuman(bytes: number): string {
  let value = bytes;
  let tenth = 0;
  let unit = 0;
  while (value >= 1024) {
    tenth = Math.floor(((value % 1024) * 10 + 512) / 1024);
    value = Math.floor(value / 1024);
    unit++;
  }
  if (unit === 0) return String(value);
  if (tenth >= 10) {
    value++;
    tenth = 0;
  }
  return `${value}.${tenth}${'KMGTPEZY'[unit - 1] as string}`;
}

/** C's `%g`: six significant digits, trailing zeros dropped, an exponent below 1e-4. */
function formatG(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) < 1e-4) {
    const [mantissa = '', exponent = ''] = value.toExponential(5).split('e');
    const digits = exponent.replace(/^([-+])(\d)$/, '$10$2');
    return `${mantissa.replace(/\.?0+$/, '')}e${digits}`;
  }
  return value.toPrecision(6).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

export const dd: Command = {
  name: 'dd',
  run(args, ctx) {
    const ops = new Map<string, string>();
    for (const arg of args) {
      const eq = arg.indexOf('=');
      if (eq === -1) return complain(ctx, `unrecognized operand ${q(arg)}`);
      ops.set(arg.slice(0, eq), arg.slice(eq + 1));
    }
    const sizeOf = (key: string, fallback: number): number | undefined => {
      const text = ops.get(key);
      return text === undefined ? fallback : parseSize(text);
    };
    const blockSize = sizeOf('bs', sizeOf('ibs', 512) ?? 512);
    const count = ops.has('count') ? Number(ops.get('count')) : undefined;
    const skip = Number(ops.get('skip') ?? 0);
    if (blockSize === undefined || blockSize === 0 || (count !== undefined && Number.isNaN(count))) return complain(ctx, `invalid number: ${q(ops.get('bs') ?? ops.get('count') ?? '')}`);
    const input = ops.get('if');
    const endless = input !== undefined && ENDLESS.has(input);
    if (endless && count === undefined) return complain(ctx, `reading ${input} without count= never ends (Stagecraft stops here)`);
    let text: string | undefined;
    let bytes: number;
    if (endless) bytes = (count as number) * blockSize;
    else {
      const read = input === undefined ? { ok: true as const, text: ctx.stdin } : readText(ctx, input);
      if (!read.ok) return complain(ctx, busybox(ctx) ? `can't open ${q(input ?? '')}: ${read.error.message}` : `failed to open ${q(input ?? '')}: ${read.error.message}`);
      const sized = input === undefined ? undefined : stat(ctx.fs, ctx.access, input);
      const declared = sized?.ok && sized.value.kind === 'file' && sized.value.content === undefined ? sized.value.size : undefined;
      const start = skip * blockSize;
      const end = count === undefined ? undefined : start + count * blockSize;
      if (declared !== undefined) bytes = Math.max(0, Math.min(end ?? declared, declared) - start);
      else {
        text = read.text.slice(start, end);
        bytes = new TextEncoder().encode(text).length;
      }
    }
    const output = ops.get('of');
    if (output === undefined) {
      if (text === undefined) return complain(ctx, 'writing binary data to the terminal is not simulated (use of=FILE)');
      ctx.stdout.write(text);
    } else {
      const written = writeText(ctx, output, text === undefined ? { size: bytes } : { content: text });
      if (!written.ok) return complain(ctx, busybox(ctx) ? `can't open ${q(output)}: ${written.error.message}` : `failed to open ${q(output)}: ${written.error.message}`);
    }
    if (ops.get('status') !== 'none') ddReport(ctx, bytes, blockSize, ops.get('status') !== 'noxfer');
    return 0;
  },
};

/** fallocate -l SIZE FILE: a file of that size. */
export const fallocate: Command = {
  name: 'fallocate',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'nv', values: 'lo', long: { length: 'l', offset: 'o' } });
    const length = parseSize(opts.values.get('l')?.[0] ?? '');
    const file = opts.operands[0];
    if (length === undefined || file === undefined) return complain(ctx, length === undefined ? 'no length argument specified' : 'no filename specified');
    const written = writeText(ctx, file, { size: length });
    if (!written.ok) return complain(ctx, `cannot open ${file}: ${written.error.message}`);
    return 0;
  },
};

/** truncate -s SIZE FILE...: shrinking keeps the first bytes of a text; growing leaves a sized file. */
export const truncate: Command = {
  name: 'truncate',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'co', values: 's', long: { size: 's', 'no-create': 'c' } });
    const size = parseSize(opts.values.get('s')?.[0] ?? '');
    if (size === undefined) return complain(ctx, `you must specify either '--size' or '--reference'`);
    let status = 0;
    for (const file of opts.operands) {
      const existing = stat(ctx.fs, ctx.access, file);
      if (!existing.ok && opts.flags.has('c')) continue;
      const content = existing.ok && existing.value.kind === 'file' ? existing.value.content : undefined;
      const keep = content !== undefined && new TextEncoder().encode(content).length >= size ? content.slice(0, size) : undefined;
      const written = writeText(ctx, file, keep === undefined ? { size } : { content: keep });
      if (!written.ok) status = complain(ctx, `cannot open ${q(file)} for writing: ${written.error.message}`);
    }
    return status;
  },
};
