/**
 * Putting a catalogue package's files on the filesystem and taking them off again: its listed files
 * (binaries with their sizes, symlinks) and its bulk (the rest of its installed size, counted on
 * folders without listing files). Shared by apk and apt-get.
 */
import { lstat, resolvePath } from '../../../vfs/index.ts';
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

/** Whether `path` is a real program (a file, or a link that does not lead to busybox). */
function isProgram(tree: DirNode, access: Access, path: string): boolean {
  const node = lstat(tree, access, path);
  if (!node.ok) return false;
  if (node.value.kind === 'file') return true;
  const real = resolvePath(tree, access, path);
  return node.value.kind === 'symlink' && real.ok && !real.value.endsWith('/busybox');
}

/**
 * Whether the image already has a package without a database entry (base images list their main
 * programs but no package database): one of its programs, or a program named like the package
 * (python3), is there; a package without programs counts by its first file.
 */
function hasMarker(tree: DirNode, access: Access, name: string, pkg: PackageContents): boolean {
  const files = pkg.files ?? [];
  const programs = files.filter((file) => /^\/(usr\/)?s?bin\//.test(file.path)).map((file) => file.path);
  const named = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].map((dir) => `${dir}/${name}`);
  const firstFile = files.find((file) => file.target === undefined)?.path;
  const candidates = [...programs, ...named, ...(programs.length === 0 && firstFile !== undefined ? [firstFile] : [])];
  return candidates.some((path) => isProgram(tree, access, path));
}

/**
 * The catalogue packages an image has: those `known` (base image, package database), those whose
 * files are there, and everything they depend on (a package is never there without its dependencies).
 */
export function presentPackages(tree: DirNode, access: Access, catalogue: Readonly<Record<string, PackageContents>>, known: Iterable<string>): Set<string> {
  const present = new Set(known);
  for (const [name, pkg] of Object.entries(catalogue)) if (hasMarker(tree, access, name, pkg)) present.add(name);
  const add = (name: string): void => {
    for (const dep of catalogue[name]?.depends ?? []) {
      if (present.has(dep)) continue;
      present.add(dep);
      add(dep);
    }
  };
  [...present].forEach(add);
  return present;
}
