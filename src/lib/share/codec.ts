/**
 * Bytes ⇄ URL-safe text: deflate-raw (the platform's CompressionStream, in browsers and Node) and
 * base64url without padding. Inflating stops at a byte limit so a small link cannot expand into a
 * huge string (a "zip bomb").
 */
import { err, ok, type Result } from '../diagnostics.ts';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, maxBytes: number): Promise<Result<Uint8Array, 'too-large' | 'corrupt'>> {
  const writer = stream.writable.getWriter();
  // Errors surface on the reader; the writer's promises must not be left rejected and unhandled.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return err('too-large');
      }
      chunks.push(value);
    }
  } catch {
    return err('corrupt');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return ok(out);
}

export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const result = await pipe(bytes, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
  if (!result.ok) throw new Error('share bug: compressing failed');
  return result.value;
}

export function inflate(bytes: Uint8Array, maxBytes: number): Promise<Result<Uint8Array, 'too-large' | 'corrupt'>> {
  return pipe(bytes, new DecompressionStream('deflate-raw'), maxBytes);
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += alphabet[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** null when the text has a character outside base64url or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of text) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
