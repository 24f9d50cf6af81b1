/**
 * Putting a catalogue package's files on the filesystem and taking them off again: its listed files
 * (binaries with their sizes, symlinks) and its bulk (the rest of its installed size, counted on
 * folders without listing files). Shared by apk and apt-get.
 */
import { lstat } from '../../../vfs/index.ts';
import type { Access, DirNode, FsResult } from '../../../vfs/index.ts';
import type { PackageContents } from './catalogues.ts';
import { changeBulk, putFile, putSymlink, removeIfPresent, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';

/** Bytes a package's files and bulk add. */
export const packageBytes = (pkg: PackageContents): number =>
  (pkg.files ?? []).reduce((sum, file) => sum + (file.size ?? 0), 0) +
  (pkg.bulk ?? []).reduce((sum, bulk) => sum + bulk.bytes, 0);

const isExecutablePath = (path: string): boolean => /\/(s?bin|libexec)\//.test(path) || /\.so(\.|$)/.test(path);

export function installPackageFiles(tree: DirNode, access: Access, pkg: PackageContents, by: string): FsResult<DirNode> {
  const origin = { simulated: true as const, by };
  const steps: Step[] = [];
  for (const file of pkg.files ?? []) {
    if (file.target !== undefined) steps.push(putSymlink(access, file.target, file.path));
    else steps.push(putFile(access, file.path, { size: file.size ?? 0, mode: isExecutablePath(file.path) ? 0o755 : 0o644, origin }));
  }
  for (const bulk of pkg.bulk ?? []) steps.push(changeBulk(access, bulk.path, bulk.files, bulk.bytes, `${by} (simulated)`));
  return runSteps(tree, steps);
}

export function removePackageFiles(tree: DirNode, access: Access, pkg: PackageContents): FsResult<DirNode> {
  const steps: Step[] = (pkg.files ?? []).map((file) => removeIfPresent(access, file.path));
  for (const bulk of pkg.bulk ?? []) steps.push(changeBulk(access, bulk.path, -bulk.files, -bulk.bytes, ''));
  return runSteps(tree, steps);
}

/**
 * Whether the image already has a package without a database entry: its first listed file is there
 * as a regular file (a busybox applet symlink of the same name does not count).
 */
export function hasMarker(tree: DirNode, access: Access, pkg: PackageContents): boolean {
  const path = pkg.files?.find((file) => file.target === undefined)?.path;
  if (path === undefined) return false;
  const node = lstat(tree, access, path);
  return node.ok && node.value.kind === 'file';
}
