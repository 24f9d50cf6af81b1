/**
 * The version a Node tool reports is its own package's (tsc, vite, sass and astro carry it compiled
 * in): the package installed where the tool was run from, whatever the catalogue's newest release is.
 */
import type { CommandContext } from '../../command.ts';
import { readFile, resolvePath } from '../../../vfs/index.ts';
import { joinPath, npmPackage, parseJson } from './npm-project.ts';

const parentOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

/**
 * The version in the package.json nearest above the file the tool ran from, symlinks resolved
 * (node_modules/.bin/tsc → node_modules/typescript/bin/tsc → node_modules/typescript/package.json),
 * when that package.json is `packageName`'s; undefined when the tool was run some other way.
 */
export function installedToolVersion(ctx: CommandContext, packageName: string): string | undefined {
  const file = ctx.executable === undefined ? undefined : resolvePath(ctx.fs, ctx.access, ctx.executable);
  if (!file?.ok) return undefined;
  for (let dir = parentOf(file.value); ; dir = parentOf(dir)) {
    const read = readFile(ctx.fs, ctx.access, joinPath(dir, 'package.json'));
    if (read.ok) {
      const pkg = parseJson(read.value.content ?? '') as { name?: unknown; version?: unknown } | null | undefined;
      return pkg?.name === packageName && typeof pkg.version === 'string' ? pkg.version : undefined;
    }
    if (dir === '/') return undefined;
  }
}

/** The installed tool's version (installedToolVersion), or the catalogue's for a tool run any other way. */
export const toolVersion = (ctx: CommandContext, packageName: string): string =>
  installedToolVersion(ctx, packageName) ?? npmPackage(packageName).version;
