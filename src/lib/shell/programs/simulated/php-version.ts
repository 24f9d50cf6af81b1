/** The PHP version the simulated php reports: the image's PHP_VERSION (the php images set it), else a recent 8.4. */
import type { CommandContext } from '../../command.ts';

export const phpVersion = (ctx: CommandContext): string => ctx.env['PHP_VERSION'] ?? '8.4.23';
