/** Wording shared by the simulated programs. */
import type { CommandContext } from '../../command.ts';
import type { FsError } from '../../../vfs/index.ts';

/** Reports a filesystem failure the way most tools do (`prog: path: Permission denied`); returns 1. */
export function fsFailure(ctx: CommandContext, program: string, error: FsError): number {
  ctx.stderr.write(`${program}: ${error.path}: ${error.message}\n`);
  return 1;
}

export const formatMiB = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;

/** `1 package` / `3 packages`. */
export const plural = (count: number, word: string): string =>
  `${count} ${count === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
