/** Whether a program is on the PATH of the running program's environment (as `command -v` finds it). */
import { checkAccess, stat, X_OK } from '../../../vfs/index.ts';
import type { CommandContext } from '../../command.ts';
import { DEFAULT_PATH } from '../../program.ts';

export function onPath(ctx: CommandContext, name: string): boolean {
  return (ctx.env['PATH'] ?? DEFAULT_PATH).split(':').some((dir) => {
    const path = `${dir.replace(/\/+$/, '')}/${name}`;
    const node = stat(ctx.fs, ctx.access, path);
    return node.ok && node.value.kind === 'file' && checkAccess(ctx.fs, ctx.access, path, X_OK).ok;
  });
}
