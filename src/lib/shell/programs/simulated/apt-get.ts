/**
 * `apt-get` and `apt` (Debian's package tools), simulated from the apt catalogue: update, install,
 * remove/purge, clean. `update` writes the package lists into /var/lib/apt/lists (they cost space
 * until removed); `install` needs them, as apt does. Installed packages are recorded in
 * /var/lib/dpkg/status.
 */
import type { Command, CommandContext } from '../../command.ts';
import type { DirNode } from '../../../vfs/index.ts';
import { readdir } from '../../../vfs/index.ts';
import { aptCatalogue } from './catalogues.ts';
import type { AptPackage } from './catalogues.ts';
import { putFile, putSymlink, readText, removeIfPresent, runSteps } from './fs-steps.ts';
import { fsFailure, plural } from './messages.ts';
import { installPackageFiles, packageBytes, presentPackages, removePackageFiles } from './package-files.ts';

const LISTS = '/var/lib/apt/lists';
const STATUS = '/var/lib/dpkg/status';
const ARCHIVES = '/var/cache/apt/archives';

/** apt's SizeToStr: SI units, one decimal below 100 of a unit. */
export function aptSize(bytes: number): string {
  const units = ['', 'k', 'M', 'G', 'T'];
  let size = bytes;
  for (const [i, unit] of units.entries()) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${unit}B`;
    if (size < 10000) return `${size.toFixed(0)} ${unit}B`;
    size /= 1000;
  }
  return `${size.toFixed(0)} PB`;
}

interface Options {
  yes: boolean;
  recommends: boolean;
  quiet: number;
  names: string[];
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = { yes: false, recommends: true, quiet: 0, names: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-y' || arg === '--yes' || arg === '--assume-yes') options.yes = true;
    else if (arg === '--no-install-recommends') options.recommends = false;
    else if (arg === '--install-recommends') options.recommends = true;
    else if (arg === '-q' || arg === '--quiet') options.quiet += 1;
    else if (arg === '-qq') options.quiet += 2;
    else if (arg === '-qy' || arg === '-yq') {
      options.yes = true;
      options.quiet += 1;
    } else if (arg === '-o' || arg === '-c' || arg === '-t') i++;
    else if (arg.startsWith('-')) continue;
    else options.names.push(arg.replace(/[=/].*$/, ''));
  }
  return options;
}

interface StatusRecord {
  name: string;
  version: string;
  sizeKiB: number;
}

function readStatus(ctx: CommandContext): StatusRecord[] {
  const text = readText(ctx.fs, ctx.access, STATUS) ?? '';
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const field = (key: string): string | undefined =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${key}: `))
          ?.slice(key.length + 2);
      return { name: field('Package') ?? '', version: field('Version') ?? '', sizeKiB: Number(field('Installed-Size') ?? 0) };
    })
    .filter((record) => record.name !== '');
}

/** The upstream version of an installed package (epoch, repack suffix and Debian revision dropped: 18.20.4), from dpkg's status file. */
export function dpkgInstalledVersion(ctx: CommandContext, name: string): string | undefined {
  return readStatus(ctx)
    .find((record) => record.name === name)
    ?.version.replace(/^\d+:/, '')
    .replace(/[+~-].*$/, '');
}

const formatStatus = (records: readonly StatusRecord[]): string =>
  records
    .map((r) => `Package: ${r.name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${r.version}\nInstalled-Size: ${r.sizeKiB}\n`)
    .join('\n');

const installedSet = (ctx: CommandContext, records: readonly StatusRecord[]): Set<string> =>
  presentPackages(ctx.fs, ctx.access, aptCatalogue.packages, [...aptCatalogue.base.packages, ...records.map((r) => r.name)]);

/** Whether `apt-get update` has left package lists behind. */
function haveLists(ctx: CommandContext): boolean {
  const entries = readdir(ctx.fs, ctx.access, LISTS);
  return entries.ok && entries.value.some((entry) => entry.name.includes('_Packages'));
}

function lockDenied(ctx: CommandContext, what: 'lists' | 'frontend'): number {
  if (what === 'lists') {
    ctx.stdout.write('Reading package lists...\n');
    ctx.stderr.write(`E: Could not open lock file ${LISTS}/lock - open (13: Permission denied)\nE: Unable to lock directory ${LISTS}/\n`);
  } else {
    ctx.stderr.write(
      'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\n' +
        'E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n',
    );
  }
  return 100;
}

/** Where a list file came from, as apt-get update prints it. */
function describeList(name: string): string {
  const [host, ...rest] = name.split('_dists_');
  const tail = rest.join('_dists_');
  const hostPath = (host ?? '').replace(/_/g, '/');
  const [suite, ...parts] = tail.split('_');
  if (parts.length === 0 || parts[0] === 'InRelease') return `http://${hostPath} ${suite} InRelease`;
  return `http://${hostPath} ${suite}/${parts[0]} amd64 Packages`;
}

function update(ctx: CommandContext): number {
  if (ctx.cred.uid !== 0) return lockDenied(ctx, 'lists');
  const files = aptCatalogue.lists.files;
  files.forEach((file, i) => ctx.stdout.write(`Get:${i + 1} ${describeList(file.name)} [${aptSize(file.size)}]\n`));
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const origin = { simulated: true as const, by: 'apt-get update' };
  const written = runSteps(
    ctx.fs,
    files.map((file) => putFile(ctx.access, `${LISTS}/${file.name}`, { size: file.size, origin })),
  );
  if (!written.ok) return fsFailure(ctx, 'apt-get', written.error);
  ctx.fs = written.value;
  ctx.stdout.write(`Fetched ${aptSize(bytes)} in 1s (${aptSize(bytes)}/s)\nReading package lists...\n`);
  ctx.simulate({ by: 'apt-get update', summary: `downloaded the package lists into ${LISTS} (${aptSize(bytes)}) (simulated)`, bytes });
  return 0;
}

/** Packages to install for `names`, dependencies first, or the names apt cannot locate. */
function plan(names: readonly string[], installed: ReadonlySet<string>, recommends: boolean): { order: string[]; unknown: string[] } {
  const order: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || installed.has(name)) return;
    seen.add(name);
    const pkg = aptCatalogue.packages[name];
    if (pkg === undefined) return;
    for (const dep of pkg.depends ?? []) visit(dep);
    if (recommends) for (const rec of pkg.recommends ?? []) visit(rec);
    order.push(name);
  };
  for (const name of names) {
    if (aptCatalogue.packages[name] === undefined && !installed.has(name)) unknown.push(name);
    else visit(name);
  }
  return { order, unknown };
}

const wrapList = (names: readonly string[]): string => {
  const lines: string[] = [];
  let line = ' ';
  for (const name of names) {
    if (line.length + name.length + 1 > 79 && line.trim() !== '') {
      lines.push(line);
      line = ' ';
    }
    line += ` ${name}`;
  }
  lines.push(line);
  return `${lines.join('\n')}\n`;
};

function install(ctx: CommandContext, options: Options, program: string): number {
  if (ctx.cred.uid !== 0) return lockDenied(ctx, 'frontend');
  ctx.stdout.write('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
  const records = readStatus(ctx);
  const installed = installedSet(ctx, records);
  const known = haveLists(ctx);
  const unlocatable = known ? plan(options.names, installed, options.recommends).unknown : options.names.filter((name) => !installed.has(name));
  if (unlocatable.length > 0) {
    for (const name of unlocatable) ctx.stderr.write(`E: Unable to locate package ${name}\n`);
    return 100;
  }
  for (const name of options.names) {
    const pkg = aptCatalogue.packages[name];
    if (installed.has(name)) ctx.stdout.write(`${name} is already the newest version (${pkg?.version ?? 'installed'}).\n`);
  }
  const { order } = plan(options.names, installed, options.recommends);
  const extra = order.filter((name) => !options.names.includes(name));
  if (extra.length > 0) ctx.stdout.write(`The following additional packages will be installed:\n${wrapList(extra)}`);
  if (!options.recommends) {
    const skipped = plan(options.names, installed, true).order.filter((name) => !order.includes(name));
    if (skipped.length > 0) ctx.stdout.write(`Recommended packages:\n${wrapList(skipped)}`);
  }
  if (order.length > 0) ctx.stdout.write(`The following NEW packages will be installed:\n${wrapList([...order].sort())}`);
  ctx.stdout.write(`0 upgraded, ${order.length} newly installed, 0 to remove and 0 not upgraded.\n`);
  if (order.length === 0) return 0;
  const packages = order.map((name) => [name, aptCatalogue.packages[name] as AptPackage] as const);
  const kib = packages.reduce((sum, [, pkg]) => sum + pkg.installedSizeKiB, 0);
  const download = packages.reduce((sum, [, pkg]) => sum + pkg.debSize, 0);
  ctx.stdout.write(`Need to get ${aptSize(download)} of archives.\nAfter this operation, ${aptSize(kib * 1024)} of additional disk space will be used.\n`);
  if (!options.yes && extra.length > 0) {
    ctx.stdout.write('Do you want to continue? [Y/n] Abort.\n');
    return 1;
  }
  packages.forEach(([name, pkg], i) => ctx.stdout.write(`Get:${i + 1} http://deb.debian.org/debian bookworm/main amd64 ${name} amd64 ${pkg.version} [${aptSize(pkg.debSize)}]\n`));
  ctx.stderr.write('debconf: delaying package configuration, since apt-utils is not installed\n');
  ctx.stdout.write(`Fetched ${aptSize(download)} in 1s (${aptSize(download)}/s)\n`);
  let tree: DirNode = ctx.fs;
  let bytes = 0;
  const added: StatusRecord[] = [];
  for (const [name, pkg] of packages) {
    const deb = `${name}_${pkg.version.replace(':', '%3a')}_amd64.deb`;
    ctx.stdout.write(`Selecting previously unselected package ${name}.\nPreparing to unpack .../${deb} ...\nUnpacking ${name} (${pkg.version}) ...\n`);
    const next = runSteps(tree, [
      (t: DirNode) => installPackageFiles(t, ctx.access, pkg, `${program} install`),
      ...(aptCatalogue.alternatives.links[name] ?? []).map((link) => putSymlink(ctx.access, link.target, link.path)),
    ]);
    if (!next.ok) return fsFailure(ctx, program, next.error);
    tree = next.value;
    bytes += packageBytes(pkg);
    added.push({ name, version: pkg.version, sizeKiB: pkg.installedSizeKiB });
  }
  for (const record of added) ctx.stdout.write(`Setting up ${record.name} (${record.version}) ...\n`);
  const saved = putFile(ctx.access, STATUS, { content: formatStatus([...records, ...added]) })(tree);
  if (!saved.ok) return fsFailure(ctx, program, saved.error);
  ctx.fs = saved.value;
  ctx.simulate({ by: `${program} install`, summary: `installed ${plural(order.length, 'package')} (${order.join(', ')}) (simulated)`, bytes });
  return 0;
}

function removePackages(ctx: CommandContext, options: Options, program: string): number {
  if (ctx.cred.uid !== 0) return lockDenied(ctx, 'frontend');
  ctx.stdout.write('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
  const records = readStatus(ctx);
  const installed = installedSet(ctx, records);
  const targets = options.names.filter((name) => installed.has(name) && aptCatalogue.packages[name] !== undefined);
  for (const name of options.names.filter((n) => !installed.has(n))) {
    if (aptCatalogue.packages[name] === undefined) {
      ctx.stderr.write(`E: Unable to locate package ${name}\n`);
      return 100;
    }
    ctx.stdout.write(`Package '${name}' is not installed, so not removed\n`);
  }
  if (targets.length > 0) ctx.stdout.write(`The following packages will be REMOVED:\n${wrapList(targets)}`);
  ctx.stdout.write(`0 upgraded, 0 newly installed, ${targets.length} to remove and 0 not upgraded.\n`);
  const freed = targets.reduce((sum, name) => sum + (aptCatalogue.packages[name]?.installedSizeKiB ?? 0), 0);
  if (targets.length > 0) ctx.stdout.write(`After this operation, ${aptSize(freed * 1024)} disk space will be freed.\n`);
  let tree: DirNode = ctx.fs;
  for (const name of targets) {
    const pkg = aptCatalogue.packages[name] as AptPackage;
    ctx.stdout.write(`Removing ${name} (${pkg.version}) ...\n`);
    const next = runSteps(tree, [
      (t: DirNode) => removePackageFiles(t, ctx.access, pkg),
      ...(aptCatalogue.alternatives.links[name] ?? []).map((link) => removeIfPresent(ctx.access, link.path)),
    ]);
    if (!next.ok) return fsFailure(ctx, program, next.error);
    tree = next.value;
  }
  const saved = putFile(ctx.access, STATUS, { content: formatStatus(records.filter((r) => !targets.includes(r.name))) })(tree);
  if (!saved.ok) return fsFailure(ctx, program, saved.error);
  ctx.fs = saved.value;
  if (targets.length > 0) ctx.simulate({ by: `${program} remove`, summary: `removed ${plural(targets.length, 'package')} (${targets.join(', ')}) (simulated)` });
  return 0;
}

function clean(ctx: CommandContext, program: string): number {
  if (ctx.cred.uid !== 0) return lockDenied(ctx, 'frontend');
  const entries = readdir(ctx.fs, ctx.access, ARCHIVES);
  const debs = entries.ok ? entries.value.filter((e) => e.name.endsWith('.deb')).map((e) => `${ARCHIVES}/${e.name}`) : [];
  const cleaned = runSteps(ctx.fs, [...debs, '/var/cache/apt/pkgcache.bin', '/var/cache/apt/srcpkgcache.bin'].map((p) => removeIfPresent(ctx.access, p)));
  if (!cleaned.ok) return fsFailure(ctx, program, cleaned.error);
  ctx.fs = cleaned.value;
  return 0;
}

function makeAptCommand(name: 'apt-get' | 'apt'): Command {
  return {
    name,
    run(args, ctx) {
      const sub = args.find((arg) => !arg.startsWith('-'));
      const options = parseOptions(args.filter((arg) => arg !== sub));
      if (name === 'apt') ctx.stderr.write('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
      switch (sub) {
        case 'update':
          return update(ctx);
        case 'install':
          return install(ctx, options, name);
        case 'remove':
        case 'purge':
          return removePackages(ctx, options, name);
        case 'clean':
        case 'autoclean':
          return clean(ctx, name);
        case 'autoremove':
        case 'upgrade':
        case 'dist-upgrade':
          if (ctx.cred.uid !== 0) return lockDenied(ctx, 'frontend');
          ctx.stdout.write('Reading package lists...\nBuilding dependency tree...\nReading state information...\nCalculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
          return 0;
        case undefined:
          ctx.stderr.write('E: Invalid operation \n');
          return 100;
        default:
          ctx.stderr.write(`E: Invalid operation ${sub}\n`);
          return 100;
      }
    },
  };
}

export const aptGet = makeAptCommand('apt-get');
export const apt = makeAptCommand('apt');
