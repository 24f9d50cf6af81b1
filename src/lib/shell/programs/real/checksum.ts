/**
 * sha256sum: the real digest of a file's text. A file with no bytes in the simulation (a simulated
 * download, a binary known only by its size) cannot be hashed: printing its sum is refused, and
 * `-c` passes it with a labelled simulated effect, since the real download would have matched.
 */
import type { Command, CommandContext } from '../../command.ts';
import { badOption, complain, lines, parseOptions, readText } from './support.ts';
import { readFile } from '../../../vfs/index.ts';
import { paddedBlocks } from '../md-padding.ts';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 (FIPS 180-4) of the UTF-8 bytes of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  const view = paddedBlocks(text, false);
  const length = view.byteLength;
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]] as number[] as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    const next = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = ((h[i] as number) + (next[i] as number)) >>> 0;
  }
  return [...h].map((x) => x.toString(16).padStart(8, '0')).join('');
}

/** The file's text, or undefined when the simulation holds only its size. */
function bytesOf(ctx: CommandContext, path: string): { ok: true; text: string | undefined } | { ok: false; message: string } {
  if (path === '-') return { ok: true, text: ctx.stdin };
  const file = readFile(ctx.fs, ctx.access, path);
  if (!file.ok) return { ok: false, message: file.error.message };
  return { ok: true, text: file.value.content };
}

export const sha256sum: Command = {
  name: 'sha256sum',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'cbtsw', long: { check: 'c', binary: 'b', text: 't', status: 's', quiet: 'q', strict: 'S', warn: 'w' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const operands = opts.operands.length === 0 ? ['-'] : opts.operands;
    if (opts.flags.has('c')) return check(ctx, operands, opts.flags.has('s'));
    let status = 0;
    for (const path of operands) {
      const read = bytesOf(ctx, path);
      if (!read.ok) status = complain(ctx, `${path}: ${read.message}`);
      else if (read.text === undefined) status = complain(ctx, `${path}: not simulated by Stagecraft (the file has a size but no bytes to hash)`);
      else ctx.stdout.write(`${sha256Hex(read.text)}  ${path}\n`);
    }
    return status;
  },
};

/** `sha256sum -c`: lines of `HASH  FILE` (or `HASH *FILE`) from the operands or stdin. */
function check(ctx: CommandContext, lists: readonly string[], quiet: boolean): number {
  let failed = 0;
  for (const list of lists) {
    const read = readText(ctx, list);
    if (!read.ok) return complain(ctx, `${list}: ${read.error.message}`);
    for (const line of lines(read.text)) {
      const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
      if (m === null) continue;
      const [, expected = '', path = ''] = m;
      const file = bytesOf(ctx, path);
      if (!file.ok) {
        complain(ctx, `${path}: ${file.message}`);
        if (!quiet) ctx.stdout.write(`${path}: FAILED open or read\n`);
        failed++;
        continue;
      }
      if (file.text === undefined) {
        ctx.simulate({ by: 'sha256sum -c', summary: `accepted ${path} without hashing it: it has no bytes in the simulation (simulated)`, paths: [path] });
        if (!quiet) ctx.stdout.write(`${path}: OK\n`);
        continue;
      }
      const ok = sha256Hex(file.text) === expected.toLowerCase();
      if (!ok) failed++;
      if (!quiet) ctx.stdout.write(`${path}: ${ok ? 'OK' : 'FAILED'}\n`);
    }
  }
  if (failed > 0) complain(ctx, `WARNING: ${failed} computed checksum${failed === 1 ? '' : 's'} did NOT match`);
  return failed > 0 ? 1 : 0;
}
