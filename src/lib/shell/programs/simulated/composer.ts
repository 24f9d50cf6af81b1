/**
 * `composer` (PHP's package manager), simulated: install (from composer.lock, or resolving
 * composer.json through the catalogue and writing the lock), require, update, dump-autoload,
 * --version. vendor/ gets vendor/autoload.php, vendor/composer/installed.json and one folder per
 * package holding its catalogue size as unlisted bulk; the dist cache grows unless --no-cache.
 * Composer is a PHP program (`#!/usr/bin/env php`): without php on PATH it cannot start.
 */
import { stat } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { composerCatalogue } from './catalogues.ts';
import { composerContentHash, isLockFresh } from './composer-content-hash.ts';
import { pharVersion, releaseDate, versionReport } from './composer-release.ts';
import { contentHash } from './content-hash.ts';
import { changeBulk, exists, putFile, readText, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { fsFailure } from './messages.ts';
import { joinPath, parseJson } from './npm-project.ts';
import { onPath } from './path-lookup.ts';
import { phpVersion } from './php-version.ts';

const ORIGIN = { simulated: true as const, by: 'composer' };
/** Requirements Composer checks against the platform instead of installing. */
const isPlatform = (name: string): boolean => name === 'php' || name.startsWith('ext-') || name.startsWith('lib-') || name === 'composer-plugin-api';

/** composer.json as parsed: the requirements the simulator resolves, and every other key (the lock's content-hash reads some). */
interface ComposerJson {
  require?: Record<string, string>;
  'require-dev'?: Record<string, string>;
  [key: string]: unknown;
}

interface Locked {
  name: string;
  version: string;
  dev: boolean;
}

interface Flags {
  noDev: boolean;
  noCache: boolean;
  optimize: boolean;
  dev: boolean;
  dir: string;
  positional: string[];
}

function parseFlags(ctx: CommandContext, args: readonly string[]): Flags {
  const flags: Flags = { noDev: false, noCache: false, optimize: false, dev: false, dir: ctx.cwd, positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--no-dev') flags.noDev = true;
    else if (arg === '--no-cache') flags.noCache = true;
    else if (arg === '--dev') flags.dev = true;
    else if (arg === '-o' || arg === '--optimize-autoloader' || arg === '--optimize' || arg === '--classmap-authoritative' || arg === '-a') flags.optimize = true;
    else if (arg === '-d' || arg === '--working-dir') flags.dir = ctx.resolve(args[++i] ?? '.');
    else if (arg.startsWith('--working-dir=')) flags.dir = ctx.resolve(arg.slice('--working-dir='.length));
    else if (!arg.startsWith('-')) flags.positional.push(arg);
  }
  return flags;
}

const say = (ctx: CommandContext, lines: readonly string[]): void => ctx.stderr.write(lines.map((l) => `${l}\n`).join(''));
const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function readJson(ctx: CommandContext, path: string): { ok: true; value: unknown } | { ok: false; missing: boolean } {
  const text = readText(ctx.fs, ctx.access, path);
  if (text === undefined) return { ok: false, missing: true };
  const value = parseJson(text);
  return value === undefined ? { ok: false, missing: false } : { ok: true, value };
}

function readComposerJson(ctx: CommandContext, dir: string): ComposerJson | number {
  const read = readJson(ctx, joinPath(dir, 'composer.json'));
  if (read.ok && typeof read.value === 'object' && read.value !== null) return read.value as ComposerJson;
  if (!read.ok && read.missing) {
    say(ctx, [`Composer could not find a composer.json file in ${dir}`, 'To initialize a project, please create a composer.json file. See https://getcomposer.org/basic-usage']);
    return 1;
  }
  say(ctx, ['', `In JsonFile.php line 0:`, '', `  "./composer.json" does not contain valid JSON`, '']);
  return 1;
}

interface Lock {
  packages: Locked[];
  /** Whether the lock was written from this composer.json (Locker::isFresh). */
  fresh: boolean;
}

function readLock(ctx: CommandContext, dir: string, json: ComposerJson): Lock | undefined {
  const read = readJson(ctx, joinPath(dir, 'composer.lock'));
  if (!read.ok || typeof read.value !== 'object' || read.value === null) return undefined;
  const lock = read.value as { packages?: { name?: string; version?: string }[]; 'packages-dev'?: { name?: string; version?: string }[] };
  const rows = (list: { name?: string; version?: string }[] | undefined, dev: boolean): Locked[] =>
    (list ?? []).filter((p) => typeof p.name === 'string').map((p) => ({ name: p.name as string, version: p.version ?? 'dev-main', dev }));
  const composerText = readText(ctx.fs, ctx.access, joinPath(dir, 'composer.json')) ?? '';
  return { packages: [...rows(lock.packages, false), ...rows(lock['packages-dev'], true)], fresh: isLockFresh(read.value as Record<string, unknown>, composerText, json) };
}

/** What Composer's solver would pick: the catalogue's version of each requirement and its requirements. */
function resolve(json: ComposerJson): Locked[] {
  const found = new Map<string, Locked>();
  const visit = (name: string, dev: boolean): void => {
    if (isPlatform(name)) return;
    const seen = found.get(name);
    if (seen !== undefined) {
      if (!dev) seen.dev = false;
      return;
    }
    const pkg = composerCatalogue.packages[name];
    found.set(name, { name, version: pkg?.version ?? '1.0.0', dev });
    for (const dep of pkg?.requires ?? []) visit(dep, dev);
  };
  for (const name of Object.keys(json.require ?? {})) visit(name, false);
  for (const name of Object.keys(json['require-dev'] ?? {})) visit(name, true);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function lockText(json: ComposerJson, packages: readonly Locked[]): string {
  const entry = (p: Locked): object => ({ name: p.name, version: p.version, type: 'library' });
  return `${JSON.stringify(
    {
      _readme: ['This file locks the dependencies of your project to a known state', 'Read more about it at https://getcomposer.org/doc/01-basic-usage.md#installing-dependencies', 'This file is @generated automatically'],
      'content-hash': composerContentHash(json),
      packages: packages.filter((p) => !p.dev).map(entry),
      'packages-dev': packages.filter((p) => p.dev).map(entry),
      aliases: [],
      'minimum-stability': 'stable',
      'prefer-stable': false,
      'prefer-lowest': false,
      platform: {},
      'platform-dev': {},
      'plugin-api-version': '2.6.0',
    },
    null,
    4,
  )}\n`;
}

const cacheDir = (ctx: CommandContext): string =>
  ctx.env['COMPOSER_CACHE_DIR'] ?? (ctx.env['COMPOSER_HOME'] !== undefined ? `${ctx.env['COMPOSER_HOME']}/cache` : `${ctx.env['HOME'] ?? '/root'}/.cache/composer`);

function installedNames(ctx: CommandContext, dir: string): Set<string> {
  const read = readJson(ctx, joinPath(dir, 'vendor/composer/installed.json'));
  if (!read.ok || typeof read.value !== 'object' || read.value === null) return new Set();
  const list = (read.value as { packages?: { name?: string }[] }).packages ?? [];
  return new Set(list.map((p) => p.name ?? ''));
}

const AUTOLOAD = `<?php

// autoload.php @generated by Composer (written by Stagecraft's simulated composer)

require_once __DIR__ . '/composer/autoload_real.php';

return ComposerAutoloaderInit::getLoader();
`;

/**
 * How Composer can unpack dist zips: the unzip or 7z command, or PHP's zip extension (not in the php
 * images until docker-php-ext-install zip). Without any it falls back to cloning with git.
 */
function canUnzip(ctx: CommandContext): boolean {
  return ['unzip', '7z', '7zz'].some((name) => onPath(ctx, name)) || exists(ctx.fs, ctx.access, '/usr/local/etc/php/conf.d/docker-php-ext-zip.ini');
}

/** Composer's download and install lines; false when neither a dist zip nor a git clone can be had. */
function reportInstalls(ctx: CommandContext, fresh: readonly Locked[]): boolean {
  say(ctx, [`Package operations: ${count(fresh.length, 'install')}, 0 updates, 0 removals`]);
  if (canUnzip(ctx)) {
    say(ctx, fresh.map((p) => `  - Downloading ${p.name} (${p.version})`));
    say(ctx, fresh.map((p) => `  - Installing ${p.name} (${p.version}): Extracting archive`));
    return true;
  }
  const first = fresh[0] as Locked;
  say(ctx, [`  - Installing ${first.name} (${first.version})`, `    Failed to download ${first.name} from dist: The zip extension and unzip/7z commands are both missing, skipping.`, '    Now trying to download from source']);
  if (!onPath(ctx, 'git')) {
    say(ctx, ['', '  git was not found in your PATH, skipping source download', '']);
    return false;
  }
  say(ctx, fresh.map((p) => `  - Syncing ${p.name} (${p.version}) into cache`));
  say(ctx, fresh.map((p) => `  - Installing ${p.name} (${p.version}): Cloning ${contentHash(`${p.name}@${p.version}`, 10).toLowerCase()} from cache`));
  return true;
}

/** Installs `packages` into dir/vendor, printing Composer's lines; returns the exit status. */
function installPackages(ctx: CommandContext, dir: string, packages: readonly Locked[], flags: Flags, by: string): number {
  const wanted = packages.filter((p) => !(flags.noDev && p.dev));
  const already = installedNames(ctx, dir);
  const fresh = wanted.filter((p) => !already.has(p.name));
  if (fresh.length === 0) say(ctx, ['Nothing to install, update or remove']);
  else if (!reportInstalls(ctx, fresh)) return 1;
  const vendor = joinPath(dir, 'vendor');
  const steps: Step[] = [];
  let bytes = 0;
  for (const p of fresh) {
    const pkg = composerCatalogue.packages[p.name];
    const size = pkg?.bytes ?? composerCatalogue.unknown.bytes;
    const source = `composer (simulated): ${pkg?.source ?? composerCatalogue.unknown.source}`;
    steps.push(changeBulk(ctx.access, `${vendor}/${p.name}`, pkg?.files ?? composerCatalogue.unknown.files, size, source));
    for (const bin of pkg?.bin ?? []) steps.push(putFile(ctx.access, `${vendor}/bin/${bin}`, { content: `#!/usr/bin/env php\n<?php\n// proxy to ../${p.name}/${bin} (simulated)\n`, mode: 0o755, origin: ORIGIN }));
    bytes += size;
  }
  // The autoloader's own files (ClassLoader.php and the maps) arrive with the first install.
  const firstInstall = !exists(ctx.fs, ctx.access, `${vendor}/composer/installed.json`);
  const installed = JSON.stringify({ packages: wanted.map((p) => ({ name: p.name, version: p.version, type: 'library' })), dev: !flags.noDev }, null, 4);
  steps.push(putFile(ctx.access, `${vendor}/autoload.php`, { content: AUTOLOAD, origin: ORIGIN }));
  steps.push(putFile(ctx.access, `${vendor}/composer/installed.json`, { content: `${installed}\n`, origin: ORIGIN }));
  if (firstInstall) {
    steps.push(changeBulk(ctx.access, `${vendor}/composer`, composerCatalogue.autoloader.files, composerCatalogue.autoloader.bytes, `composer (simulated): ${composerCatalogue.autoloader.source}`));
  }
  if (!flags.noCache && bytes > 0) {
    const cached = Math.round(bytes * composerCatalogue.cacheRatio.value);
    steps.push(changeBulk(ctx.access, `${cacheDir(ctx)}/files`, fresh.length, cached, `composer (simulated): ${composerCatalogue.cacheRatio.source}`));
  }
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) return fsFailure(ctx, 'composer', done.error);
  ctx.fs = done.value;
  say(ctx, [flags.optimize ? 'Generating optimized autoload files' : 'Generating autoload files']);
  if (flags.optimize) say(ctx, [`Generated optimized autoload files containing ${wanted.length * 40} classes`]);
  ctx.simulate({ by, summary: `installed ${count(fresh.length, 'package')} into ${vendor} (sizes estimated; nothing downloaded) (simulated)`, paths: [vendor], bytes });
  return 0;
}

/** Composer resolving composer.json and writing the lock: the lines it prints, then the lock file. */
function updateLock(ctx: CommandContext, dir: string, json: ComposerJson): Locked[] | number {
  const packages = resolve(json);
  say(ctx, ['Loading composer repositories with package information', 'Updating dependencies', `Lock file operations: ${count(packages.length, 'install')}, 0 updates, 0 removals`]);
  say(ctx, packages.map((p) => `  - Locking ${p.name} (${p.version})`));
  say(ctx, ['Writing lock file']);
  const written = putFile(ctx.access, joinPath(dir, 'composer.lock'), { content: lockText(json, packages) })(ctx.fs);
  if (!written.ok) return fsFailure(ctx, 'composer', written.error);
  ctx.fs = written.value;
  return packages;
}

/** Installer::doInstall's warning, printed before the lock's requirements are checked. */
const STALE_LOCK =
  'Warning: The lock file is not up to date with the latest changes in composer.json. You may be getting outdated dependencies. It is recommended that you run `composer update` or `composer update <package name>`.';

const installing = (flags: Flags): string => `Installing dependencies from lock file${flags.noDev ? '' : ' (including require-dev)'}`;

function install(ctx: CommandContext, flags: Flags): number {
  const json = readComposerJson(ctx, flags.dir);
  if (typeof json === 'number') return json;
  const lock = readLock(ctx, flags.dir, json);
  let locked: Locked[];
  if (lock === undefined) {
    say(ctx, ['No composer.lock file present. Updating dependencies to latest instead of installing from lock file. See https://getcomposer.org/install for more information.']);
    const updated = updateLock(ctx, flags.dir, json);
    if (typeof updated === 'number') return updated;
    locked = updated;
    say(ctx, [installing(flags)]);
  } else {
    locked = lock.packages;
    say(ctx, [installing(flags), 'Verifying lock file contents can be installed on current platform.']);
    if (!lock.fresh) say(ctx, [STALE_LOCK]);
    const names = new Set(locked.map((p) => p.name));
    const missing = [...Object.keys(json.require ?? {}), ...(flags.noDev ? [] : Object.keys(json['require-dev'] ?? {}))].filter((n) => !isPlatform(n) && !names.has(n));
    if (missing.length > 0) {
      say(ctx, [
        'Your lock file does not contain a compatible set of packages. Please run composer update.',
        '',
        ...missing.flatMap((name, i) => [`  Problem ${i + 1}`, `    - Required package "${name}" is not present in the lock file.`]),
        '',
        'This usually happens when composer files are incorrectly merged or the composer.json file is manually edited.',
        'Read more about correctly resolving merge conflicts https://getcomposer.org/doc/articles/resolving-merge-conflicts.md',
        'and prefer using the "require" command over editing the composer.json file directly https://getcomposer.org/doc/03-cli.md#require-r',
      ]);
      return 4;
    }
  }
  return installPackages(ctx, flags.dir, locked, flags, 'composer install');
}

function update(ctx: CommandContext, flags: Flags): number {
  const json = readComposerJson(ctx, flags.dir);
  if (typeof json === 'number') return json;
  const packages = updateLock(ctx, flags.dir, json);
  if (typeof packages === 'number') return packages;
  say(ctx, [installing(flags)]);
  return installPackages(ctx, flags.dir, packages, flags, 'composer update');
}

function requirePackages(ctx: CommandContext, flags: Flags): number {
  if (flags.positional.length === 0) {
    ctx.stderr.write('composer require: name the packages to require (interactive search is not simulated by Stagecraft)\n');
    return 1;
  }
  const path = joinPath(flags.dir, 'composer.json');
  const existed = exists(ctx.fs, ctx.access, path);
  const json = existed ? readComposerJson(ctx, flags.dir) : {};
  if (typeof json === 'number') return json;
  const key = flags.dev ? 'require-dev' : 'require';
  const section = { ...(json[key] ?? {}) };
  for (const spec of flags.positional) {
    const [name = spec, given] = spec.split(/[:=]/);
    const version = composerCatalogue.packages[name]?.version ?? '1.0.0';
    const constraint = given ?? `^${version.split('.').slice(0, 2).join('.')}`;
    if (given === undefined) say(ctx, [`Using version ${constraint} for ${name}`]);
    section[name] = constraint;
  }
  const next: ComposerJson = { ...json, [key]: section };
  const written = putFile(ctx.access, path, { content: `${JSON.stringify(next, null, 4)}\n` })(ctx.fs);
  if (!written.ok) return fsFailure(ctx, 'composer', written.error);
  ctx.fs = written.value;
  say(ctx, [`./composer.json has been ${existed ? 'updated' : 'created'}`, `Running composer update ${flags.positional.map((s) => s.split(/[:=]/)[0]).join(' ')}`]);
  const packages = updateLock(ctx, flags.dir, next);
  if (typeof packages === 'number') return packages;
  say(ctx, [installing(flags)]);
  return installPackages(ctx, flags.dir, packages, flags, 'composer require');
}

/** The release `file` (the phar or script that ran) is: the one the installer recorded, else the image's COMPOSER_VERSION, else the catalogue's. */
function version(ctx: CommandContext, file: string | undefined): string {
  const node = file === undefined ? undefined : stat(ctx.fs, ctx.access, file);
  return pharVersion(node?.ok && node.value.kind === 'file' ? node.value.origin : undefined) ?? ctx.env['COMPOSER_VERSION'] ?? composerCatalogue.composerVersion.value;
}

function printVersion(ctx: CommandContext, file: string | undefined): number {
  const release = version(ctx, file);
  const report = versionReport(release, phpVersion(ctx), '/usr/local/bin/php');
  ctx.stdout.write(report.stdout);
  ctx.stderr.write(report.stderr);
  if (releaseDate(release) === undefined) {
    ctx.simulate({ by: 'composer --version', summary: `Composer ${release}: its release date is not in Stagecraft's table, so none is printed (simulated)` });
  }
  return 0;
}

/** Composer run from `file` (a composer.phar given to php, or the composer found on PATH). */
export function runComposer(ctx: CommandContext, args: readonly string[], file: string | undefined): number {
  if (!onPath(ctx, 'php')) {
    ctx.stderr.write("/usr/bin/env: 'php': No such file or directory\n");
    return 127;
  }
  const [sub, ...rest] = args.filter((a) => a !== '-n' && a !== '--no-interaction' && a !== '--no-progress' && a !== '--prefer-dist' && a !== '--no-scripts' && a !== '--ansi' && a !== '--no-ansi');
  if (sub === '--version' || sub === '-V') return printVersion(ctx, file);
  const flags = parseFlags(ctx, [...rest, ...args.filter((a) => a === '--no-cache')]);
  const known = ['install', 'i', 'update', 'u', 'upgrade', 'require', 'r', 'dump-autoload', 'dumpautoload'];
  if (sub !== undefined && known.includes(sub) && ctx.cred.uid === 0 && ctx.env['COMPOSER_ALLOW_SUPERUSER'] !== '1') {
    say(ctx, ['Do not run Composer as root/super user! See https://getcomposer.org/root for details']);
  }
  switch (sub) {
    case 'install':
    case 'i':
      return install(ctx, flags);
    case 'update':
    case 'u':
    case 'upgrade':
      return update(ctx, flags);
    case 'require':
    case 'r':
      return requirePackages(ctx, flags);
    case 'dump-autoload':
    case 'dumpautoload': {
      const json = readComposerJson(ctx, flags.dir);
      if (typeof json === 'number') return json;
      say(ctx, [flags.optimize ? 'Generating optimized autoload files' : 'Generating autoload files', flags.optimize ? 'Generated optimized autoload files' : 'Generated autoload files']);
      return 0;
    }
    default:
      ctx.stderr.write(`composer ${sub ?? ''}: not simulated by Stagecraft (install, update, require, dump-autoload, --version are)\n`);
      return 1;
  }
}

export const composer: Command = {
  name: 'composer',
  run: (args, ctx) => runComposer(ctx, args, ctx.executable),
};
