/** MD5 (RFC 1321), for the digests tools print or store (Composer's lock `content-hash`). */
import { paddedBlocks } from '../md-padding.ts';

// Per-round left rotations, four per round, and the sine-derived constants T[i] = floor(2^32 * |sin(i + 1)|).
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const T = Array.from({ length: 64 }, (_, i) => Math.floor(2 ** 32 * Math.abs(Math.sin(i + 1))) >>> 0);

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;

/** MD5 of the UTF-8 bytes of `text`, as 32 lowercase hex digits (PHP's md5()). */
export function md5Hex(text: string): string {
  const view = paddedBlocks(text, true);
  const length = view.byteLength;
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let block = 0; block < length; block += 64) {
    const m = Array.from({ length: 16 }, (_, i) => view.getUint32(block + i * 4, true));
    let [a, b, c, d] = h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f = round === 0 ? (b & c) | (~b & d) : round === 1 ? (d & b) | (~d & c) : round === 2 ? b ^ c ^ d : c ^ (b | ~d);
      const g = round === 0 ? i : round === 1 ? (5 * i + 1) % 16 : round === 2 ? (3 * i + 5) % 16 : (7 * i) % 16;
      const sum = (a + f + (T[i] as number) + (m[g] as number)) >>> 0;
      [a, d, c] = [d, c, b];
      b = (b + rotl(sum, SHIFTS[round * 4 + (i % 4)] as number)) >>> 0;
    }
    h[0] = ((h[0] as number) + a) >>> 0;
    h[1] = ((h[1] as number) + b) >>> 0;
    h[2] = ((h[2] as number) + c) >>> 0;
    h[3] = ((h[3] as number) + d) >>> 0;
  }
  const out = new DataView(new ArrayBuffer(16));
  h.forEach((word, i) => out.setUint32(i * 4, word, true));
  return Array.from(new Uint8Array(out.buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
