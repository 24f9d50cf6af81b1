/** Reading a Node project the way npm does: package.json and package-lock.json in the working folder. */
import type { CommandContext } from '../../command.ts';
import { readFile } from '../../../vfs/index.ts';
import { npmCatalogue } from './catalogues.ts';
import type { NpmPackageSize } from './catalogues.ts';

export interface PackageJson {
  name?: string;
  version?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** A `node_modules/**` entry of a lock (lockfileVersion 2 or 3), with the fields npm installs by. */
export interface LockEntry {
  /** Where it goes, relative to the project: `node_modules/a` or `node_modules/a/node_modules/b`. */
  path: string;
  name: string;
  version?: string;
  /** The registry tarball; absent in the locks the simulator writes for an install without one. */
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  engines?: Record<string, string>;
  bin?: Record<string, string>;
}

export interface LockFile {
  /** Names listed in the lock's root entry (or its node_modules/ entries), with whether they are dev-only. */
  packages: Map<string, { dev: boolean }>;
  entries: LockEntry[];
  /** The lock's `packages` object as written, by path. */
  raw: Readonly<Record<string, unknown>>;
}

export const joinPath = (dir: string, name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`);

/** npm's error block: each line prefixed with `npm error`, then the log line. */
export function npmError(ctx: CommandContext, lines: readonly string[]): number {
  const stamp = new Date(ctx.now).toISOString().replace(/:/g, '_').replace('.', '_');
  const home = ctx.env['HOME'] ?? '/root';
  for (const line of lines) ctx.stderr.write(line === '' ? 'npm error\n' : `npm error ${line}\n`);
  ctx.stderr.write(`npm error A complete log of this run can be found in: ${home}/.npm/_logs/${stamp}-debug-0.log\n`);
  return 1;
}

export type Read<T> = { ok: true; value: T } | { ok: false; status: number };

/** JSON.parse as a value: undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** package.json of `dir`, or npm's ENOENT / EJSONPARSE error. */
export function readPackageJson(ctx: CommandContext, dir: string): Read<PackageJson> {
  const path = joinPath(dir, 'package.json');
  const file = readFile(ctx.fs, ctx.access, path);
  if (!file.ok) {
    return {
      ok: false,
      status: npmError(ctx, [
        'code ENOENT',
        'syscall open',
        `path ${path}`,
        'errno -2',
        `enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${path}'`,
        'enoent This is related to npm not being able to find a file.',
        'enoent',
      ]),
    };
  }
  const parsed = parseJson(file.value.content ?? '');
  if (typeof parsed !== 'object' || parsed === null) {
    return { ok: false, status: npmError(ctx, ['code EJSONPARSE', `path ${path}`, 'JSON.parse Invalid package.json']) };
  }
  return { ok: true, value: parsed as PackageJson };
}

/** package-lock.json (or npm-shrinkwrap.json, or another of `names`) of `dir`, if there is a readable one. */
export function readLockFile(ctx: CommandContext, dir: string, names: readonly string[] = ['npm-shrinkwrap.json', 'package-lock.json']): LockFile | undefined {
  for (const name of names) {
    const file = readFile(ctx.fs, ctx.access, joinPath(dir, name));
    if (!file.ok) continue;
    const parsed = parseJson(file.value.content ?? '') as
      | { packages?: Record<string, Omit<LockEntry, 'path'> & { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }> }
      | undefined;
    const packages = new Map<string, { dev: boolean }>();
    const all = typeof parsed?.packages === 'object' && parsed.packages !== null ? parsed.packages : {};
    const root = all[''];
    for (const dep of Object.keys(root?.dependencies ?? {})) packages.set(dep, { dev: false });
    for (const dep of Object.keys(root?.devDependencies ?? {})) packages.set(dep, { dev: true });
    const entries: LockEntry[] = [];
    for (const [path, entry] of Object.entries(all)) {
      const name = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
      if (!path.startsWith('node_modules/') || name === undefined || typeof entry !== 'object' || entry === null) continue;
      entries.push({ ...entry, path, name: typeof entry.name === 'string' ? entry.name : name });
      if (path === `node_modules/${name}` && !packages.has(name)) packages.set(name, { dev: entry.dev === true });
    }
    return { packages, entries, raw: all };
  }
  return undefined;
}

/** The catalogue entry for a package, or the labelled default for one the catalogue lacks. */
export function npmPackage(name: string) {
  const known = npmCatalogue.packages[name];
  if (known !== undefined) return { ...known, known: true };
  return { version: '1.0.0', unpackedSize: npmCatalogue.unknown.unpackedSize, installed: npmCatalogue.unknown.installed, known: false };
}

/** The catalogue's figures for `name` at exactly `version`, or undefined when it has not measured that version. */
export function npmPackageAt(name: string, version: string | undefined): NpmPackageSize | undefined {
  const entry = npmCatalogue.packages[name];
  if (entry === undefined || version === undefined) return undefined;
  return entry.version === version ? entry : entry.versions?.[version];
}
