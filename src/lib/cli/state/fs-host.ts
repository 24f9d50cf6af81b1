/**
 * A StateHost over a real filesystem, with the filesystem functions passed in (library code may not
 * import node:fs). The Node host wires it with one line:
 * `Object.assign(io, fsStateHost({ readdirSync, lstatSync, readFileSync, readlinkSync, writeFileSync, mkdirSync }, Date.now))`.
 */
import type { Result } from '../../diagnostics.ts';
import type { ContextFileInput, ContextInput } from '../../build/index.ts';
import type { StateHost } from './host.ts';

interface StatLike {
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  mode: number;
  size: number;
}

export interface FsFunctions {
  readdirSync(path: string): string[];
  lstatSync(path: string): StatLike;
  readFileSync(path: string): Uint8Array;
  readlinkSync(path: string): string;
  writeFileSync(path: string, data: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

/** Files up to this size whose bytes are valid UTF-8 are kept as text; others only by size. */
const MAX_TEXT = 256 * 1024;

export function fsStateHost(fs: FsFunctions, now: () => number): StateHost {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entry = (path: string, st: StatLike): ContextFileInput => {
    if (st.isSymbolicLink()) return { symlink: fs.readlinkSync(path) };
    const mode = st.mode & 0o7777;
    if (st.size > MAX_TEXT) return { size: st.size, mode };
    try {
      return { content: decoder.decode(fs.readFileSync(path)), mode };
    } catch {
      return { size: st.size, mode };
    }
  };
  return {
    readTree(dir: string): Result<ContextInput, string> {
      const out: Record<string, ContextFileInput> = {};
      const walk = (abs: string, rel: string): void => {
        for (const name of fs.readdirSync(abs).sort()) {
          const path = `${abs}/${name}`;
          const key = rel === '' ? name : `${rel}/${name}`;
          const st = fs.lstatSync(path);
          if (st.isDirectory()) {
            out[`${key}/`] = { mode: st.mode & 0o7777 };
            walk(path, key);
          } else out[key] = entry(path, st);
        }
      };
      try {
        if (!fs.lstatSync(dir).isDirectory()) return { ok: false, error: `${dir}: not a directory` };
        walk(dir.replace(/\/$/, ''), '');
        return { ok: true, value: out };
      } catch (e) {
        return { ok: false, error: `${dir}: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
    writeFile(path: string, text: string): Result<void, string> {
      try {
        fs.mkdirSync(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
        fs.writeFileSync(path, text);
        return { ok: true, value: undefined };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    now,
  };
}
