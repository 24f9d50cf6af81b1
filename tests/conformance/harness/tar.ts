/**
 * A minimal reader for the tar streams `docker export` and `docker save` write (Go's archive/tar:
 * ustar headers, PAX extended headers for long names and big ids, GNU long names just in case).
 */

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  /** Path without a leading `./` or `/`, and without a trailing slash. */
  path: string;
  type: TarEntryType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  linkTarget: string;
  data: Uint8Array;
}

const BLOCK = 512;
const decoder = new TextDecoder();

function text(buf: Uint8Array, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return decoder.decode(nul === -1 ? slice : slice.subarray(0, nul));
}

function octal(buf: Uint8Array, start: number, length: number): number {
  const first = buf[start] ?? 0;
  if (first & 0x80) {
    // base-256 (GNU) for values that do not fit in octal
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (buf[i] ?? 0);
    return value;
  }
  const digits = text(buf, start, length).trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

function parsePax(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const length = parseInt(decoder.decode(data.subarray(pos, space)), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = decoder.decode(data.subarray(space + 1, pos + length - 1));
    const eq = record.indexOf('=');
    if (eq !== -1) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}

function cleanPath(path: string): string {
  return path.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

const TYPES: Record<string, TarEntryType> = { '0': 'file', '\0': 'file', '7': 'file', '5': 'dir', '2': 'symlink', '1': 'hardlink' };

export function readTar(buf: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let pos = 0;
  let pax = new Map<string, string>();
  let longName: string | null = null;
  let longLink: string | null = null;
  while (pos + BLOCK <= buf.length) {
    const header = buf.subarray(pos, pos + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const flag = String.fromCharCode(header[156] ?? 0);
    const dataStart = pos + BLOCK;
    const data = buf.subarray(dataStart, dataStart + size);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === 'x') { pax = parsePax(data); continue; }
    if (flag === 'g') continue;
    if (flag === 'L') { longName = text(data, 0, data.length); continue; }
    if (flag === 'K') { longLink = text(data, 0, data.length); continue; }
    const prefix = text(header, 345, 155);
    const name = text(header, 0, 100);
    const path = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${name}` : name);
    const uid = pax.get('uid');
    const gid = pax.get('gid');
    const paxSize = pax.get('size');
    entries.push({
      path: cleanPath(path),
      type: TYPES[flag] ?? 'other',
      mode: octal(header, 100, 8) & 0o7777,
      uid: uid !== undefined ? Number(uid) : octal(header, 108, 8),
      gid: gid !== undefined ? Number(gid) : octal(header, 116, 8),
      size: paxSize !== undefined ? Number(paxSize) : size,
      linkTarget: pax.get('linkpath') ?? longLink ?? text(header, 157, 100),
      data,
    });
    pax = new Map();
    longName = null;
    longLink = null;
  }
  return entries;
}
