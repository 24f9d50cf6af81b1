/**
 * `npm ci`, `npm install` and `npm prune`, simulated. With a lock in sync with package.json, node_modules
 * gets a folder for every package the lock lists that npm would install on this image (its package.json,
 * its bin files, the measured size of that version as unlisted bulk). Without one, it gets a folder per
 * dependency at the catalogued version its range resolves to (npm-resolve.ts), sized by that version, and
 * the bytes of its own dependencies as bulk on node_modules. npm's cache in ~/.npm grows too.
 */
import { NOT_SIMULATED_STATUS, type CommandContext } from '../../command.ts';
import { lstat, setSummary } from '../../../vfs/index.ts';
import type { DirNode, FsError, FsResult } from '../../../vfs/index.ts';
import { npmCatalogue } from './catalogues.ts';
import { changeBulk, exists, putFile, putSymlink, removeIfPresent, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { joinPath, npmError, npmPackage, npmPackageAt, readLockFile, readPackageJson } from './npm-project.ts';
import type { LockEntry, LockFile, PackageJson } from './npm-project.ts';
import { lockedPlan } from './npm-lock-plan.ts';
import { exactVersion, resolveSpec, savedSpec } from './npm-resolve.ts';
import { plural } from './messages.ts';

/** Average file size used to turn a package's bytes into a file count (estimate for the summary). */
const BYTES_PER_FILE = 8192;

interface Dependency {
  name: string;
  dev: boolean;
  /** The range from package.json, e.g. `^5.1.0`. */
  range: string;
  /** The version `npm install name@spec` picked, when the range alone would not say it. */
  version?: string;
}

/**
 * The version an install without a lock gives a dependency: the one picked for it, else the highest
 * catalogued version its range allows, else (a range the catalogue has no version for) the version it
 * pins exactly, else the catalogue's.
 */
const versionOf = (dep: Dependency): string =>
  dep.version ?? resolveSpec(dep.name, dep.range) ?? exactVersion(dep.range) ?? npmPackage(dep.name).version;

function dependenciesOf(pkg: PackageJson): Dependency[] {
  return [
    ...Object.entries(pkg.dependencies ?? {}).map(([name, range]) => ({ name, range, dev: false })),
    ...Object.entries(pkg.devDependencies ?? {}).map(([name, range]) => ({ name, range, dev: true })),
  ];
}

/** Whether devDependencies are left out: --omit=dev, --production, --only=prod, or NODE_ENV=production. */
function omitsDev(args: readonly string[], ctx: CommandContext): boolean {
  if (args.includes('--include=dev')) return false;
  return (
    args.some((arg) => arg === '--omit=dev' || arg === '--production' || arg === '--only=prod' || arg === '--only=production') ||
    (args.includes('--omit') && args[args.indexOf('--omit') + 1] === 'dev') ||
    ctx.env['NODE_ENV'] === 'production'
  );
}

/** npm's EACCES block for a folder the user may not write. */
export function npmFsError(ctx: CommandContext, error: FsError): number {
  if (error.code !== 'EACCES' && error.code !== 'EPERM') return npmError(ctx, [`code ${error.code}`, `path ${error.path}`, `${error.message}`]);
  const syscall = error.path.endsWith('.json') ? 'open' : 'mkdir';
  return npmError(ctx, [
    'code EACCES',
    `syscall ${syscall}`,
    `path ${error.path}`,
    'errno -13',
    `Error: EACCES: permission denied, ${syscall} '${error.path}'`,
    '',
    'The operation was rejected by your operating system.',
    'It is likely you do not have the permissions to access this file as the current user',
    '',
    'If you believe this might be a permissions issue, please double-check the',
    'permissions of the file and its containing directories, or try running',
    'the command again as root/Administrator.',
  ]);
}

/** `to` relative to the folder `from` (both absolute), as npm writes its bin links. */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

interface Installed {
  tree: DirNode;
  packages: number;
  bytes: number;
}

/** One package folder to write under a root: where, what, and how big. */
interface Module {
  /** Relative to the root: `node_modules/a` or `node_modules/a/node_modules/b`. */
  path: string;
  name: string;
  version: string;
  bin: Record<string, string>;
  /** Bytes of the folder itself. */
  own: number;
  /** The packages it stands for besides itself (its dependencies, for an install without a lock), as bulk on node_modules. */
  rest?: { packages: number; bytes: number };
  /** What the size says of itself in the folder's summary. */
  source: string;
}

/** The node_modules folder that holds a module (`a/node_modules` for `a/node_modules/b`, or `node_modules/@s` scoped). */
const holderOf = (path: string): string => path.slice(0, path.lastIndexOf('node_modules/') + 'node_modules'.length);

/** Writes each module's folder into `root` (a project folder or a global prefix), bins linked in its holder's .bin or `binDir`. */
function writeFolders(
  ctx: CommandContext,
  tree: DirNode,
  root: string,
  modules: readonly Module[],
  by: string,
  binDir?: string,
): { ok: true; value: Installed } | { ok: false; error: FsError } {
  const origin = { simulated: true as const, by };
  const steps: Step[] = [];
  let packages = 0;
  let bytes = 0;
  for (const module of modules) {
    const dir = joinPath(root, module.path);
    const holder = joinPath(root, holderOf(module.path));
    const links = binDir ?? `${holder}/.bin`;
    const manifest = `${JSON.stringify({ name: module.name, version: module.version }, null, 2)}\n`;
    // npm replaces a package's folder when it installs it again; nested folders come after their parent
    steps.push(removeIfPresent(ctx.access, dir));
    steps.push(putFile(ctx.access, `${dir}/package.json`, { content: manifest, origin }));
    let own = module.own - manifest.length;
    for (const [bin, target] of Object.entries(module.bin)) {
      steps.push(putFile(ctx.access, `${dir}/${target}`, { size: 1024, mode: 0o755, origin }));
      steps.push(putSymlink(ctx.access, relativePath(links, `${dir}/${target}`), `${links}/${bin}`));
      own -= 1024;
    }
    steps.push(changeBulk(ctx.access, dir, Math.max(1, Math.round(own / BYTES_PER_FILE)), Math.max(0, own), `${by} (simulated): ${module.source}`));
    if (module.rest !== undefined && module.rest.bytes > 0) {
      steps.push(changeBulk(ctx.access, holder, module.rest.packages, module.rest.bytes, `${by} (simulated): dependencies of the packages listed here`));
    }
    packages += 1 + (module.rest?.packages ?? 0);
    bytes += module.own + (module.rest?.bytes ?? 0);
  }
  const written = runSteps(tree, steps);
  if (!written.ok) return written;
  return { ok: true, value: { tree: written.value, packages, bytes } };
}

/**
 * A dependency as an install without a lock resolves it: at its version (versionOf), standing for its
 * whole tree when installed alone (the catalogue cannot list which packages that tree holds).
 */
function resolvedModule(dep: Dependency): Module {
  const { name } = dep;
  const version = versionOf(dep);
  const pkg = npmPackage(name);
  const measured = npmPackageAt(name, version);
  const size = measured ?? pkg;
  return {
    path: `node_modules/${name}`,
    name,
    version,
    bin: size.bin ?? {},
    own: size.unpackedSize,
    rest: { packages: size.installed.packages - 1, bytes: size.installed.bytes - size.unpackedSize },
    source: !pkg.known
      ? npmCatalogue.unknown.source
      : measured !== undefined
        ? `measured size of ${name}@${version}`
        : `measured size of ${name}@${pkg.version} (the catalogue has not measured ${version})`,
  };
}

/**
 * A lock entry as npm installs it: that version's measured size, else (labelled) the size of the version
 * the catalogue has, else the labelled default. An entry without `resolved` is one the simulator wrote
 * for an install without a lock (or one written by hand), which does not list the package's dependencies:
 * it stands for them too, as that install sized them, and takes the catalogue's bins when it names none.
 */
function lockedModule(entry: LockEntry): Module {
  const version = entry.version ?? '1.0.0';
  const exact = npmPackageAt(entry.name, entry.version);
  const latest = npmPackage(entry.name);
  const size = exact ?? latest;
  const source =
    exact !== undefined
      ? `measured size of ${entry.name}@${version}`
      : latest.known
        ? `measured size of ${entry.name}@${latest.version} (the catalogue has not measured ${version})`
        : npmCatalogue.unknown.source;
  return {
    path: entry.path,
    name: entry.name,
    version,
    bin: entry.bin ?? (entry.resolved === undefined ? size.bin : undefined) ?? {},
    own: size.unpackedSize,
    ...(entry.resolved === undefined ? { rest: { packages: size.installed.packages - 1, bytes: size.installed.bytes - size.unpackedSize } } : {}),
    source,
  };
}

/** Writes node_modules/<name> for each dependency into `root` (a project folder or a global prefix), as an install without a lock. */
export const writeModules = (ctx: CommandContext, tree: DirNode, root: string, deps: readonly Dependency[], by: string, binDir?: string) =>
  writeFolders(ctx, tree, root, deps.map(resolvedModule), by, binDir);

/** `path` without the unlisted bulk an earlier install left on it (nothing to do when it is not a folder). */
function dropBulk(ctx: CommandContext, path: string): FsResult<DirNode> {
  const node = lstat(ctx.fs, ctx.access, path);
  return node.ok && node.value.kind === 'dir' && node.value.summary !== undefined ? setSummary(ctx.fs, ctx.access, path, undefined) : { ok: true, value: ctx.fs };
}

/** The tarballs npm keeps in ~/.npm/_cacache after downloading `bytes` worth of packages. */
const cacheStep = (ctx: CommandContext, packages: number, bytes: number): Step =>
  changeBulk(ctx.access, `${ctx.env['HOME'] ?? '/root'}/.npm/_cacache`, packages, Math.round(bytes * npmCatalogue.cacheRatio.value), `npm (simulated): ${npmCatalogue.cacheRatio.source}`);

const summary = (added: number): string => `\nadded ${plural(added, 'package')}, and audited ${added + 1} packages in 1s\n\nfound 0 vulnerabilities\n`;

/** A lockfile's text around its `packages`, as npm writes package-lock.json and node_modules/.package-lock.json. */
const lockText = (pkg: PackageJson, packages: Readonly<Record<string, unknown>>): string =>
  `${JSON.stringify({ name: pkg.name ?? 'app', version: pkg.version ?? '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;

/** The entries an install without a lock records: the dependencies at the catalogue's versions (it cannot list theirs). */
function generatedEntries(deps: readonly Dependency[]): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const dep of deps) {
    const version = versionOf(dep);
    const { bin } = npmPackageAt(dep.name, version) ?? npmPackage(dep.name);
    entries[`node_modules/${dep.name}`] = { version, ...(dep.dev ? { dev: true } : {}), ...(bin !== undefined ? { bin } : {}) };
  }
  return entries;
}

/** node_modules/.package-lock.json after installing a lock's entries: the ones npm put on disk, without the root. */
const hiddenLock = (pkg: PackageJson, lock: LockFile, installed: readonly LockEntry[]): string =>
  lockText(pkg, Object.fromEntries(installed.map((entry) => [entry.path, lock.raw[entry.path]])));

const CI_USAGE = ['', 'Clean install a project', '', 'Usage:', 'npm ci', '', 'Run "npm help ci" for more info'];

/** Installs package.json's dependencies; `picked` holds the versions `npm install name@spec` chose. */
function install(ctx: CommandContext, args: readonly string[], mode: 'ci' | 'install', picked: ReadonlyMap<string, string> = new Map()): number {
  const dir = ctx.cwd;
  const read = readPackageJson(ctx, dir);
  if (!read.ok) return read.status;
  const pkg = read.value;
  const deps = dependenciesOf(pkg).map((dep) => {
    const version = picked.get(dep.name);
    return version === undefined ? dep : { ...dep, version };
  });
  const lock = readLockFile(ctx, dir);
  // a dependency the lock lacks, or (npm install name@spec) one it locks at another version, is resolved anew
  const relocked = (dep: Dependency): boolean =>
    dep.version !== undefined && (lock?.raw[`node_modules/${dep.name}`] as { version?: unknown } | undefined)?.version !== dep.version;
  const missing = lock === undefined ? [] : deps.filter((dep) => !lock.packages.has(dep.name) || relocked(dep));
  if (mode === 'ci') {
    if (lock === undefined) {
      return npmError(ctx, [
        'code EUSAGE',
        '',
        'The `npm ci` command can only install with an existing package-lock.json or',
        'npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or',
        'later to generate a package-lock.json file, then try again.',
        ...CI_USAGE,
      ]);
    }
    if (missing.length > 0) {
      return npmError(ctx, [
        'code EUSAGE',
        '',
        '`npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.',
        '',
        ...missing.map((dep) => `Missing: ${dep.name}@${versionOf(dep)} from lock file`),
        ...CI_USAGE,
      ]);
    }
  }
  const omitDev = omitsDev(args, ctx);
  const wanted = omitDev ? deps.filter((dep) => !dep.dev) : deps;
  // npm installs what the lock lists; dependencies it lacks (npm install only) the catalogue resolves
  const replaced = new Set(missing.map((dep) => `node_modules/${dep.name}`));
  const locked = lock === undefined ? [] : lockedPlan(ctx, lock, omitDev).filter((entry) => !replaced.has(entry.path));
  const added = lock === undefined ? wanted : missing.filter((dep) => !(omitDev && dep.dev));
  const folders = [...locked.map(lockedModule), ...added.map(resolvedModule)];
  const modules = joinPath(dir, 'node_modules');
  // npm ci starts from an empty node_modules; npm install rewrites every package, so their dependencies' bulk starts over
  const cleared = mode === 'ci' ? removeIfPresent(ctx.access, modules)(ctx.fs) : dropBulk(ctx, modules);
  if (!cleared.ok) return npmFsError(ctx, cleared.error);
  const written = writeFolders(ctx, cleared.value, dir, folders, `npm ${mode}`);
  if (!written.ok) return npmFsError(ctx, written.error);
  const { packages, bytes } = written.value;
  const finish: Step[] = [];
  if (folders.length > 0) {
    const onDisk = { ...Object.fromEntries(locked.map((entry) => [entry.path, lock?.raw[entry.path]])), ...generatedEntries(added) };
    finish.push(putFile(ctx.access, `${modules}/.package-lock.json`, { content: lockText(pkg, onDisk) }));
  }
  if (lock === undefined || missing.length > 0) {
    const root = { ...(lock?.raw[''] as object | undefined), name: pkg.name ?? 'app', version: pkg.version ?? '1.0.0', dependencies: pkg.dependencies ?? {}, devDependencies: pkg.devDependencies ?? {} };
    const entries = Object.entries({ ...lock?.raw, ...generatedEntries(lock === undefined ? deps : missing) }).filter(([path]) => path !== '');
    const sorted = Object.fromEntries([['', root], ...entries.sort(([a], [b]) => (a < b ? -1 : 1))]);
    finish.push(putFile(ctx.access, joinPath(dir, 'package-lock.json'), { content: lockText(pkg, sorted) }));
  }
  if (packages > 0) finish.push(cacheStep(ctx, packages, bytes));
  const done = runSteps(written.value.tree, finish);
  if (!done.ok) return npmFsError(ctx, done.error);
  ctx.fs = done.value;
  ctx.stdout.write(packages > 0 ? summary(packages) : '\nup to date, audited 1 package in 1s\n\nfound 0 vulnerabilities\n');
  const omitted = deps.length - wanted.length;
  ctx.simulate({
    by: `npm ${mode}`,
    summary: `installed ${plural(wanted.length, 'dependency')}${omitted > 0 ? ` (left out ${plural(omitted, 'devDependency')})` : ''} into node_modules, ${plural(packages, 'package')} in all${lock !== undefined ? ' as package-lock.json lists them' : ''} (simulated)`,
    bytes,
  });
  return 0;
}

/** `npm install <pkg>...`: saves them in package.json (-D: devDependencies), then installs. */
function installNamed(ctx: CommandContext, args: readonly string[], names: readonly string[]): number {
  const global = args.includes('-g') || args.includes('--global');
  const requests: { name: string; spec: string; version: string }[] = [];
  for (const arg of names) {
    const at = arg.lastIndexOf('@');
    const [name, spec] = at > 0 ? [arg.slice(0, at), arg.slice(at + 1)] : [arg, ''];
    // An exact version the catalogue has not measured is installed with a labelled size: whether
    // the registry has it, Stagecraft cannot know, so it must not claim npm's ETARGET.
    const version = resolveSpec(name, spec) ?? exactVersion(spec);
    if (version === undefined) {
      const known = [npmCatalogue.packages[name]?.version, ...Object.keys(npmCatalogue.packages[name]?.versions ?? {})].filter((v) => v !== undefined);
      ctx.stderr.write(
        `npm: ${name}@${spec} is not simulated by Stagecraft: its catalogue has no version of ${name} in that range (it knows ${[...new Set(known)].join(', ')}); real npm would install the newest matching release from the registry\n`,
      );
      return NOT_SIMULATED_STATUS;
    }
    requests.push({ name, spec, version });
  }
  if (global) {
    const prefix = '/usr/local/lib';
    const deps = requests.map(({ name, spec, version }) => ({ name, dev: false, range: spec, version }));
    const written = writeModules(ctx, ctx.fs, prefix, deps, 'npm install -g', '/usr/local/bin');
    if (!written.ok) return npmFsError(ctx, written.error);
    ctx.fs = written.value.tree;
    ctx.stdout.write(summary(written.value.packages).replace(/, and audited \d+ packages/, ''));
    ctx.simulate({ by: 'npm install -g', summary: `installed ${requests.map(({ name }) => name).join(', ')} globally in /usr/local/lib/node_modules (simulated)`, bytes: written.value.bytes });
    return 0;
  }
  const read = readPackageJson(ctx, ctx.cwd);
  if (!read.ok) return read.status;
  const dev = args.includes('-D') || args.includes('--save-dev');
  const field = dev ? 'devDependencies' : 'dependencies';
  const exact = args.includes('-E') || args.includes('--save-exact');
  const saved = requests.map(({ name, spec, version }) => [name, savedSpec(spec, version, exact)]);
  const updated: PackageJson = { ...read.value, [field]: { ...read.value[field], ...Object.fromEntries(saved) } };
  const written = putFile(ctx.access, joinPath(ctx.cwd, 'package.json'), { content: `${JSON.stringify(updated, null, 2)}\n` })(ctx.fs);
  if (!written.ok) return npmFsError(ctx, written.error);
  ctx.fs = written.value;
  return install(ctx, args, 'install', new Map(requests.map(({ name, version }) => [name, version])));
}

/**
 * `npm prune --omit=dev`: removes what node_modules/.package-lock.json lists as dev-only (each folder and
 * its bins, and for an entry an install without a lock wrote, its dependencies' share of node_modules).
 */
function prune(ctx: CommandContext, args: readonly string[]): number {
  const read = readPackageJson(ctx, ctx.cwd);
  if (!read.ok) return read.status;
  const modules = joinPath(ctx.cwd, 'node_modules');
  const hidden = omitsDev(args, ctx) ? readLockFile(ctx, modules, ['.package-lock.json']) : undefined;
  const dev = (hidden?.entries ?? []).filter((entry) => entry.dev === true && exists(ctx.fs, ctx.access, joinPath(ctx.cwd, entry.path)));
  const steps: Step[] = [];
  let removed = 0;
  for (const entry of dev) {
    const module = lockedModule(entry);
    const holder = joinPath(ctx.cwd, holderOf(entry.path));
    steps.push(removeIfPresent(ctx.access, joinPath(ctx.cwd, entry.path)));
    for (const bin of Object.keys(module.bin)) steps.push(removeIfPresent(ctx.access, `${holder}/.bin/${bin}`));
    if (module.rest !== undefined && module.rest.bytes > 0) steps.push(changeBulk(ctx.access, holder, -module.rest.packages, -module.rest.bytes, ''));
    removed += 1 + (module.rest?.packages ?? 0);
  }
  if (hidden !== undefined && dev.length > 0) {
    const kept = hidden.entries.filter((entry) => !dev.includes(entry));
    steps.push(putFile(ctx.access, `${modules}/.package-lock.json`, { content: hiddenLock(read.value, hidden, kept) }));
  }
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) return npmFsError(ctx, done.error);
  ctx.fs = done.value;
  if (removed === 0) {
    ctx.stdout.write('\nup to date, audited 1 package in 1s\n\nfound 0 vulnerabilities\n');
    return 0;
  }
  ctx.stdout.write(`\nremoved ${plural(removed, 'package')}, and audited 1 package in 1s\n\nfound 0 vulnerabilities\n`);
  ctx.simulate({ by: 'npm prune', summary: `removed ${plural(removed, 'dev-only package')} from node_modules (simulated)` });
  return 0;
}

export const npmCi = (ctx: CommandContext, args: readonly string[]): number => install(ctx, args, 'ci');

export function npmInstall(ctx: CommandContext, args: readonly string[]): number {
  const valued = new Set(['--omit', '--only', '--include', '--prefix', '--registry']);
  const names = args.filter((arg, i) => !arg.startsWith('-') && !valued.has(args[i - 1] ?? ''));
  return names.length > 0 ? installNamed(ctx, args, names) : install(ctx, args, 'install');
}

export const npmPrune = prune;
