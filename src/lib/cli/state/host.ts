/**
 * What the image store and `build` need from a host beyond CliIo: reading a context folder and
 * writing the state files. A host offers these as extra members of its CliIo; a host without them
 * (a read-only terminal) gets a clear error from the commands that need them.
 */
import type { Result } from '../../diagnostics.ts';
import type { ContextInput } from '../../build/index.ts';
import type { CliIo } from '../io.ts';

export interface StateHost {
  /** Every entry below `dir` by relative path (directories end in `/`), with text or size and mode. */
  readTree(dir: string): Result<ContextInput, string>;
  /** Write a text file, creating its parent folders. */
  writeFile(path: string, text: string): Result<void, string>;
  /** Milliseconds since the epoch, for CREATED columns; absent means "N/A". */
  now?(): number;
  /**
   * A stamp of the simulator's own code and data (the Node host hashes src/lib); the build cache
   * keeps it and a cache with another stamp is dropped. Absent: caches carry no stamp.
   */
  simulatorStamp?(): string;
}

export function stateHost(io: CliIo): StateHost | null {
  const h = io as CliIo & Partial<StateHost>;
  if (typeof h.readTree !== 'function' || typeof h.writeFile !== 'function') return null;
  const host: StateHost = { readTree: (d) => h.readTree!(d), writeFile: (p, t) => h.writeFile!(p, t) };
  if (typeof h.now === 'function') host.now = () => h.now!();
  if (typeof h.simulatorStamp === 'function') host.simulatorStamp = () => h.simulatorStamp!();
  return host;
}

export const NO_HOST = 'this terminal cannot read folders or keep state (no readTree/writeFile in its host)';
