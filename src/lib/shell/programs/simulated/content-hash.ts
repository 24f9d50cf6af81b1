/** A short deterministic hash of text, for file names like Vite's `index-BX3k9aQz.js`. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

export function contentHash(text: string, length = 8): string {
  // FNV-1a, widened to two 32-bit lanes so 8 characters get enough bits.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 7), 0x85ebca6b) >>> 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) {
    const lane = i % 2 === 0 ? a : b;
    out += ALPHABET[(lane >>> ((i * 5) % 27)) & 63];
  }
  return out;
}
