/**
 * A stamp of the simulator itself: one hash over every file below a folder (src/lib), path and
 * content, so any change to the engine's code or data (an image catalogue, a simulated program)
 * gives another stamp. The filesystem and the hash are passed in (library code may not import
 * node:fs or node:crypto); the Node host wires `createHash('sha256')`.
 */

export interface StampFs {
  readdirSync(path: string): string[];
  lstatSync(path: string): { isDirectory(): boolean };
  readFileSync(path: string): Uint8Array;
}

/** An incremental hash, as node:crypto's Hash. */
export interface Digest {
  update(data: string | Uint8Array): unknown;
  digest(encoding: 'hex'): string;
}

export function sourceStamp(fs: StampFs, root: string, newDigest: () => Digest): string {
  const hash = newDigest();
  const walk = (abs: string, rel: string): void => {
    for (const name of fs.readdirSync(abs).sort()) {
      const path = `${abs}/${name}`;
      const key = rel === '' ? name : `${rel}/${name}`;
      if (fs.lstatSync(path).isDirectory()) walk(path, key);
      else {
        const bytes = fs.readFileSync(path);
        // The length keeps path and content apart: ("a", "bc") and ("ab", "c") hash differently.
        hash.update(`${key}\0${bytes.length}\0`);
        hash.update(bytes);
      }
    }
  };
  walk(root.replace(/\/$/, ''), '');
  return hash.digest('hex');
}
