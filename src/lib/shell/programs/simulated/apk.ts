/**
 * `apk` (Alpine's package manager), simulated from the apk catalogue: add, del, update. Installed
 * packages are recorded as apk does, in /lib/apk/db/installed (P:/V:/I:/D: fields) and
 * /etc/apk/world; the index is cached in /var/cache/apk unless --no-cache.
 */
import type { Command, CommandContext } from '../../command.ts';
import type { DirNode } from '../../../vfs/index.ts';
import { apkCatalogue } from './catalogues.ts';
import type { ApkPackage } from './catalogues.ts';
import { exists, putFile, readText, runSteps } from './fs-steps.ts';
import { installPackageFiles, packageBytes, presentPackages, removePackageFiles } from './package-files.ts';
import { formatMiB, fsFailure } from './messages.ts';

const DB = '/lib/apk/db/installed';
const WORLD = '/etc/apk/world';
const CACHE = '/var/cache/apk';

/** One record of /lib/apk/db/installed. */
interface ApkRecord {
  name: string;
  version: string;
  size: number;
  /** Dependencies of a virtual package (`apk add --virtual`). */
  depends: string[];
}

function readDb(ctx: CommandContext): ApkRecord[] {
  const text = readText(ctx.fs, ctx.access, DB) ?? '';
  const records: ApkRecord[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const field = (key: string): string | undefined => block.split('\n').find((line) => line.startsWith(`${key}:`))?.slice(2);
    const name = field('P');
    if (name === undefined) continue;
    records.push({ name, version: field('V') ?? '', size: Number(field('I') ?? 0), depends: (field('D') ?? '').split(' ').filter(Boolean) });
  }
  return records;
}

/** The upstream version (without apk's `-rN`) of an installed package, from apk's database. */
export function apkInstalledVersion(ctx: CommandContext, name: string): string | undefined {
  return readDb(ctx).find((record) => record.name === name)?.version.replace(/-r\d+$/, '');
}

const formatDb = (records: readonly ApkRecord[]): string =>
  records
    .map((r) => `P:${r.name}\nV:${r.version}\nI:${r.size}\n${r.depends.length > 0 ? `D:${r.depends.join(' ')}\n` : ''}`)
    .join('\n');

const stripConstraint = (spec: string): string => spec.replace(/[=<>~].*$/, '');

/** Base packages plus catalogue packages the image already has (its programs are there), for images without a db. */
const presentWithoutRecord = (ctx: CommandContext): Set<string> =>
  presentPackages(ctx.fs, ctx.access, apkCatalogue.packages, apkCatalogue.base.packages);

interface Options {
  noCache: boolean;
  virtual?: string;
  quiet: boolean;
  names: string[];
}

function parseOptions(args: readonly string[]): Options | string {
  const options: Options = { noCache: false, quiet: false, names: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--no-cache') options.noCache = true;
    else if (arg === '-t' || arg === '--virtual') {
      const value = args[++i];
      if (value === undefined) return `option requires an argument -- '${arg.replace(/^-+/, '')}'`;
      options.virtual = value;
    } else if (arg.startsWith('--virtual=')) options.virtual = arg.slice('--virtual='.length);
    else if (arg === '-q' || arg === '--quiet') options.quiet = true;
    else if (arg === '-X' || arg === '--repository' || arg === '-p' || arg === '--root') i++;
    else if (arg.startsWith('-')) continue; // --no-progress, --upgrade, --allow-untrusted...: no effect here
    else options.names.push(stripConstraint(arg));
  }
  return options;
}

function repositories(ctx: CommandContext): string[] {
  const listed = (readText(ctx.fs, ctx.access, '/etc/apk/repositories') ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return listed.length > 0 ? listed : apkCatalogue.index.repositories;
}

/** `fetch ...` lines, and the index kept in /var/cache/apk unless --no-cache; 0 or apk's failure status. */
function fetchIndex(ctx: CommandContext, options: Options, by: string): number {
  for (const repo of repositories(ctx)) ctx.stdout.write(`fetch ${repo}/x86_64/APKINDEX.tar.gz\n`);
  if (options.noCache || !exists(ctx.fs, ctx.access, CACHE)) return 0;
  const origin = { simulated: true as const, by };
  const paths = apkCatalogue.index.files.map((file) => `${CACHE}/${file.name}`);
  const written = runSteps(ctx.fs, apkCatalogue.index.files.map((file, i) => putFile(ctx.access, paths[i] ?? '', { size: file.size, origin })));
  if (!written.ok) return fsFailure(ctx, 'apk', written.error);
  ctx.fs = written.value;
  const bytes = apkCatalogue.index.files.reduce((sum, file) => sum + file.size, 0);
  ctx.simulate({ by, summary: `cached the package index in ${CACHE} (${formatMiB(bytes)}) (simulated)`, paths, bytes });
  return 0;
}

/** The version apk gives a virtual package: the time it was made, YYYYMMDD.HHMMSS. */
const virtualVersion = (now: number): string => new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '.').slice(0, 15);

const lockDenied = (ctx: CommandContext): number => {
  ctx.stderr.write('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
  return 99;
};

/** The `OK: N MiB in M packages` closing line. */
function okLine(records: readonly ApkRecord[], present: ReadonlySet<string>): string {
  const recorded = new Set(records.map((r) => r.name));
  const extra = [...present].filter((name) => !recorded.has(name) && !apkCatalogue.base.packages.includes(name));
  const bytes =
    apkCatalogue.base.installedSize +
    records.filter((r) => !apkCatalogue.base.packages.includes(r.name)).reduce((sum, r) => sum + r.size, 0) +
    extra.reduce((sum, name) => sum + (apkCatalogue.packages[name]?.installedSize ?? 0), 0);
  const count = new Set([...apkCatalogue.base.packages, ...recorded, ...extra]).size;
  return `OK: ${Math.round(bytes / 1048576)} MiB in ${count} packages\n`;
}

/** Catalogue packages needed for `names`, dependencies first, skipping those already there. */
function plan(names: readonly string[], installed: ReadonlySet<string>): { order: string[]; missing: string[] } {
  const order: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const pkg = apkCatalogue.packages[name];
    if (pkg === undefined) {
      if (!installed.has(name)) missing.push(name);
      return;
    }
    for (const dep of pkg.depends ?? []) visit(dep);
    if (!installed.has(name)) order.push(name);
  };
  names.forEach(visit);
  return { order, missing };
}

function add(ctx: CommandContext, options: Options): number {
  if (ctx.cred.uid !== 0) return lockDenied(ctx);
  const records = readDb(ctx);
  const present = presentWithoutRecord(ctx);
  const installed = new Set([...present, ...records.map((r) => r.name)]);
  const fetched = fetchIndex(ctx, options, 'apk add');
  if (fetched !== 0) return fetched;
  const { order, missing } = plan(options.names, installed);
  if (missing.length > 0) {
    ctx.stderr.write('ERROR: unable to select packages:\n');
    const requiredBy = options.virtual ?? 'world';
    for (const name of missing) ctx.stderr.write(`  ${name} (no such package):\n    required by: ${requiredBy}[${name}]\n`);
    return 1;
  }
  const total = order.length + (options.virtual === undefined ? 0 : 1);
  let tree: DirNode = ctx.fs;
  let bytes = 0;
  const newRecords: ApkRecord[] = [];
  for (const [i, name] of order.entries()) {
    const pkg = apkCatalogue.packages[name] as ApkPackage;
    if (!options.quiet) ctx.stdout.write(`(${i + 1}/${total}) Installing ${name} (${pkg.version})\n`);
    const next = installPackageFiles(tree, ctx.access, pkg, 'apk add');
    if (!next.ok) return fsFailure(ctx, 'apk', next.error);
    tree = next.value;
    bytes += packageBytes(pkg);
    newRecords.push({ name, version: pkg.version, size: pkg.installedSize, depends: [] });
  }
  if (options.virtual !== undefined) {
    const version = virtualVersion(ctx.now);
    if (!options.quiet) ctx.stdout.write(`(${total}/${total}) Installing ${options.virtual} (${version})\n`);
    newRecords.push({ name: options.virtual, version, size: 0, depends: options.names });
  }
  const world = new Set((readText(ctx.fs, ctx.access, WORLD) ?? '').split('\n').filter(Boolean));
  if (options.virtual !== undefined) world.add(options.virtual);
  else options.names.forEach((name) => world.add(name));
  const allRecords = [...records, ...newRecords];
  const saved = runSteps(tree, [
    putFile(ctx.access, DB, { content: `${formatDb(allRecords)}` }),
    putFile(ctx.access, WORLD, { content: `${[...world].join('\n')}\n` }),
  ]);
  if (!saved.ok) return fsFailure(ctx, 'apk', saved.error);
  ctx.fs = saved.value;
  if (order.length > 0 && !options.quiet) ctx.stdout.write('Executing busybox-1.37.0-r12.trigger\n');
  if (order.includes('ca-certificates') && !options.quiet) ctx.stdout.write('Executing ca-certificates-20241121-r1.trigger\n');
  ctx.stdout.write(okLine(allRecords, present));
  if (order.length > 0) {
    ctx.simulate({
      by: 'apk add',
      summary: `installed ${order.length} package${order.length === 1 ? '' : 's'} (${order.join(', ')}) (simulated)`,
      bytes,
    });
  }
  return 0;
}

function del(ctx: CommandContext, options: Options): number {
  if (ctx.cred.uid !== 0) return lockDenied(ctx);
  const records = readDb(ctx);
  const present = presentWithoutRecord(ctx);
  const world = new Set((readText(ctx.fs, ctx.access, WORLD) ?? '').split('\n').filter(Boolean));
  for (const name of options.names) {
    if (!world.has(name)) {
      ctx.stderr.write(`WARNING: ${name}: not in world\n`);
    }
    world.delete(name);
  }
  // Keep what the remaining world and the base image still need; purge the rest.
  const needed = new Set(apkCatalogue.base.packages);
  const virtuals = new Map(records.filter((r) => r.depends.length > 0).map((r) => [r.name, r.depends]));
  const keep = (name: string): void => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dep of virtuals.get(name) ?? apkCatalogue.packages[name]?.depends ?? []) keep(dep);
  };
  world.forEach(keep);
  const purge = records.filter((r) => !needed.has(r.name));
  let tree: DirNode = ctx.fs;
  for (const [i, record] of [...purge].reverse().entries()) {
    if (!options.quiet) ctx.stdout.write(`(${i + 1}/${purge.length}) Purging ${record.name} (${record.version})\n`);
    const pkg = apkCatalogue.packages[record.name];
    if (pkg === undefined) continue;
    const next = removePackageFiles(tree, ctx.access, pkg);
    if (!next.ok) return fsFailure(ctx, 'apk', next.error);
    tree = next.value;
  }
  const remaining = records.filter((r) => needed.has(r.name));
  const saved = runSteps(tree, [
    putFile(ctx.access, DB, { content: formatDb(remaining) }),
    putFile(ctx.access, WORLD, { content: world.size > 0 ? `${[...world].join('\n')}\n` : '' }),
  ]);
  if (!saved.ok) return fsFailure(ctx, 'apk', saved.error);
  ctx.fs = saved.value;
  ctx.stdout.write(okLine(remaining, present));
  if (purge.length > 0) {
    ctx.simulate({ by: 'apk del', summary: `removed ${purge.length} package${purge.length === 1 ? '' : 's'} (${purge.map((r) => r.name).join(', ')}) (simulated)` });
  }
  return 0;
}

function update(ctx: CommandContext, options: Options): number {
  if (ctx.cred.uid !== 0) return lockDenied(ctx);
  const fetched = fetchIndex(ctx, options, 'apk update');
  if (fetched !== 0) return fetched;
  const release = (readText(ctx.fs, ctx.access, '/etc/alpine-release') ?? apkCatalogue.release).trim();
  for (const repo of repositories(ctx)) ctx.stdout.write(`v${release} [${repo}]\n`);
  ctx.stdout.write(`OK: ${apkCatalogue.index.distinctPackages.count} distinct packages available\n`);
  return 0;
}

const USAGE = 'usage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n';

export const apk: Command = {
  name: 'apk',
  run(args, ctx) {
    const commandIndex = args.findIndex((arg) => !arg.startsWith('-'));
    const sub = args[commandIndex];
    const rest = [...args.slice(0, Math.max(commandIndex, 0)), ...args.slice(commandIndex + 1)];
    const options = parseOptions(rest);
    if (typeof options === 'string') {
      ctx.stderr.write(`apk: ${options}\n`);
      return 1;
    }
    if (sub === 'add') return add(ctx, options);
    if (sub === 'del') return del(ctx, options);
    if (sub === 'update') return update(ctx, options);
    if (sub === 'cache' && rest.includes('clean')) return 0;
    ctx.stderr.write(sub === undefined ? USAGE : `apk: ${sub}: not simulated by Stagecraft (add, del, update are)\n`);
    return 1;
  },
};
