/**
 * Which of a lock's `node_modules/**` entries `npm ci` installs on an image: npm skips devDependencies
 * under --omit=dev, builds for another os, cpu or C library, and optional packages whose `engines`
 * refuse the image's Node (npm-install-checks' rules, as arborist applies them when it reifies).
 */
import type { CommandContext } from '../../command.ts';
import { imageLibc } from './linkage.ts';
import type { Libc } from './linkage.ts';
import { nodeVersion } from './node.ts';
import type { LockEntry, LockFile } from './npm-project.ts';
import { satisfiesRange } from './npm-semver.ts';

/** The image as npm's platform and engine checks see it: linux on x64, with its C library and Node. */
interface Platform {
  libc: Libc;
  node: string;
}

/** npm-install-checks' list test: names accept their value, `!name` refuses it, a list of only refusals accepts the rest. */
function listAccepts(list: string | readonly string[] | undefined, value: string): boolean {
  const items = list === undefined ? [] : [list].flat();
  if (items.length === 0 || (items.length === 1 && items[0] === 'any')) return true;
  if (items.includes(`!${value}`)) return false;
  return items.includes(value) || items.every((item) => item.startsWith('!'));
}

/**
 * Whether npm installs a lock entry on this image: not a devDependency under --omit=dev, built for
 * linux x64 and the image's C library, and (for an optional one, which npm skips rather than fail)
 * made for the image's Node.
 */
function installsHere(entry: LockEntry, platform: Platform, omitDev: boolean): boolean {
  if (entry.dev === true && omitDev) return false;
  if (!listAccepts(entry.os, 'linux') || !listAccepts(entry.cpu, 'x64') || !listAccepts(entry.libc, platform.libc)) return false;
  const node = entry.engines?.['node'];
  return entry.optional !== true || node === undefined || satisfiesRange(platform.node, node);
}

/** This image: its C library (musl on Alpine) and the Node that runs npm. */
const imagePlatform = (ctx: CommandContext): Platform => ({ libc: imageLibc(ctx.fs, ctx.access), node: nodeVersion(ctx) });

/** The lock's entries npm installs on this image (all of them but dev ones under --omit=dev and other platforms' builds). */
export function lockedPlan(ctx: CommandContext, lock: LockFile, omitDev: boolean): LockEntry[] {
  const platform = imagePlatform(ctx);
  // a workspace's link is not simulated: there is no folder of the project's own to link to
  return lock.entries.filter((entry) => entry.link !== true && installsHere(entry, platform, omitDev));
}
