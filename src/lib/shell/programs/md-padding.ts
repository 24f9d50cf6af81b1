/**
 * The Merkle–Damgård padding MD5 and SHA-256 share: the UTF-8 bytes of the text, a 1 bit, zeros,
 * and the length in bits in the last 8 bytes of a whole number of 64-byte blocks. Only the byte
 * order of that length differs (MD5 little-endian, SHA-256 big-endian).
 */
export function paddedBlocks(text: string, littleEndian: boolean): DataView {
  const data = new TextEncoder().encode(text);
  const length = Math.ceil((data.length + 9) / 64) * 64;
  const padded = new Uint8Array(length);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const low = (data.length * 8) >>> 0;
  const high = Math.floor((data.length * 8) / 2 ** 32);
  view.setUint32(length - 8, littleEndian ? low : high, littleEndian);
  view.setUint32(length - 4, littleEndian ? high : low, littleEndian);
  return view;
}
