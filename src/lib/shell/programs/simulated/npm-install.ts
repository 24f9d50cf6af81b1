/**
 * `npm ci`, `npm install` and `npm prune`, simulated: node_modules gets one folder per dependency
 * (its package.json, its bin files, its measured size as unlisted bulk) and the bytes of the
 * dependencies' own dependencies as bulk on node_modules; npm's cache in ~/.npm grows too.
 */
import type { CommandContext } from '../../command.ts';
import type { DirNode, FsError } from '../../../vfs/index.ts';
import { npmCatalogue } from './catalogues.ts';
import { changeBulk, exists, putFile, putSymlink, removeIfPresent, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { joinPath, npmError, npmPackage, readLockFile, readPackageJson } from './npm-project.ts';
import type { PackageJson } from './npm-project.ts';
import { plural } from './messages.ts';

/** Average file size used to turn a package's bytes into a file count (estimate for the summary). */
const BYTES_PER_FILE = 8192;

interface Dependency {
  name: string;
  dev: boolean;
  /** The range from package.json, e.g. `^5.1.0`. */
  range: string;
}

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

/** Writes node_modules/<name> for each dependency into `root` (a project folder or a global prefix). */
export function writeModules(
  ctx: CommandContext,
  tree: DirNode,
  root: string,
  deps: readonly Dependency[],
  by: string,
  binDir: string = joinPath(root, 'node_modules/.bin'),
): { ok: true; value: Installed } | { ok: false; error: FsError } {
  const origin = { simulated: true as const, by };
  const modules = joinPath(root, 'node_modules');
  const steps: Step[] = [];
  let packages = 0;
  let bytes = 0;
  for (const dep of deps) {
    const pkg = npmPackage(dep.name);
    const dir = `${modules}/${dep.name}`;
    const manifest = `${JSON.stringify({ name: dep.name, version: pkg.version }, null, 2)}\n`;
    steps.push(putFile(ctx.access, `${dir}/package.json`, { content: manifest, origin }));
    let own = pkg.unpackedSize - manifest.length;
    for (const [bin, target] of Object.entries(pkg.bin ?? {})) {
      steps.push(putFile(ctx.access, `${dir}/${target}`, { size: 1024, mode: 0o755, origin }));
      steps.push(putSymlink(ctx.access, relativePath(binDir, `${dir}/${target}`), `${binDir}/${bin}`));
      own -= 1024;
    }
    const source = pkg.known ? `${by} (simulated): measured size of ${dep.name}` : `${by} (simulated): ${npmCatalogue.unknown.source}`;
    steps.push(changeBulk(ctx.access, dir, Math.max(1, Math.round(own / BYTES_PER_FILE)), Math.max(0, own), source));
    const transitive = pkg.installed.bytes - pkg.unpackedSize;
    if (transitive > 0) steps.push(changeBulk(ctx.access, modules, pkg.installed.packages - 1, transitive, `${by} (simulated): dependencies of the packages listed here`));
    packages += pkg.installed.packages;
    bytes += pkg.installed.bytes;
  }
  const written = runSteps(tree, steps);
  if (!written.ok) return written;
  return { ok: true, value: { tree: written.value, packages, bytes } };
}

/** The tarballs npm keeps in ~/.npm/_cacache after downloading `bytes` worth of packages. */
const cacheStep = (ctx: CommandContext, packages: number, bytes: number): Step =>
  changeBulk(ctx.access, `${ctx.env['HOME'] ?? '/root'}/.npm/_cacache`, packages, Math.round(bytes * npmCatalogue.cacheRatio.value), `npm (simulated): ${npmCatalogue.cacheRatio.source}`);

const summary = (added: number): string => `\nadded ${plural(added, 'package')}, and audited ${added + 1} packages in 1s\n\nfound 0 vulnerabilities\n`;

function generatedLock(pkg: PackageJson, deps: readonly Dependency[]): string {
  const packages: Record<string, unknown> = {
    '': { name: pkg.name ?? 'app', version: pkg.version ?? '1.0.0', dependencies: pkg.dependencies ?? {}, devDependencies: pkg.devDependencies ?? {} },
  };
  for (const dep of deps) packages[`node_modules/${dep.name}`] = { version: npmPackage(dep.name).version, ...(dep.dev ? { dev: true } : {}) };
  return `${JSON.stringify({ name: pkg.name ?? 'app', version: pkg.version ?? '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

const CI_USAGE = ['', 'Clean install a project', '', 'Usage:', 'npm ci', '', 'Run "npm help ci" for more info'];

function install(ctx: CommandContext, args: readonly string[], mode: 'ci' | 'install'): number {
  const dir = ctx.cwd;
  const read = readPackageJson(ctx, dir);
  if (!read.ok) return read.status;
  const pkg = read.value;
  const deps = dependenciesOf(pkg);
  const lock = readLockFile(ctx, dir);
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
    const missing = deps.filter((dep) => !lock.packages.has(dep.name));
    if (missing.length > 0) {
      return npmError(ctx, [
        'code EUSAGE',
        '',
        '`npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.',
        '',
        ...missing.map((dep) => `Missing: ${dep.name}@${npmPackage(dep.name).version} from lock file`),
        ...CI_USAGE,
      ]);
    }
  }
  const wanted = omitsDev(args, ctx) ? deps.filter((dep) => !dep.dev) : deps;
  const modules = joinPath(dir, 'node_modules');
  const cleared = mode === 'ci' ? removeIfPresent(ctx.access, modules)(ctx.fs) : { ok: true as const, value: ctx.fs };
  if (!cleared.ok) return npmFsError(ctx, cleared.error);
  const written = writeModules(ctx, cleared.value, dir, wanted, `npm ${mode}`);
  if (!written.ok) return npmFsError(ctx, written.error);
  const { packages, bytes } = written.value;
  const lockText = generatedLock(pkg, deps);
  const finish: Step[] = [putFile(ctx.access, `${modules}/.package-lock.json`, { content: lockText })];
  if (lock === undefined) finish.push(putFile(ctx.access, joinPath(dir, 'package-lock.json'), { content: lockText }));
  if (packages > 0) finish.push(cacheStep(ctx, packages, bytes));
  const done = runSteps(written.value.tree, wanted.length > 0 ? finish : finish.slice(1));
  if (!done.ok) return npmFsError(ctx, done.error);
  ctx.fs = done.value;
  ctx.stdout.write(packages > 0 ? summary(packages) : '\nup to date, audited 1 package in 1s\n\nfound 0 vulnerabilities\n');
  const omitted = deps.length - wanted.length;
  ctx.simulate({
    by: `npm ${mode}`,
    summary: `installed ${plural(wanted.length, 'dependency')}${omitted > 0 ? ` (left out ${plural(omitted, 'devDependency')})` : ''} into node_modules, ${plural(packages, 'package')} in all (simulated)`,
    bytes,
  });
  return 0;
}

/** `npm install <pkg>...`: saves them in package.json (-D: devDependencies), then installs. */
function installNamed(ctx: CommandContext, args: readonly string[], names: readonly string[]): number {
  const global = args.includes('-g') || args.includes('--global');
  const specs = names.map((spec) => {
    const at = spec.lastIndexOf('@');
    return at > 0 ? spec.slice(0, at) : spec;
  });
  if (global) {
    const prefix = '/usr/local/lib';
    const deps = specs.map((name) => ({ name, dev: false, range: '*' }));
    const written = writeModules(ctx, ctx.fs, prefix, deps, 'npm install -g', '/usr/local/bin');
    if (!written.ok) return npmFsError(ctx, written.error);
    ctx.fs = written.value.tree;
    ctx.stdout.write(summary(written.value.packages).replace(/, and audited \d+ packages/, ''));
    ctx.simulate({ by: 'npm install -g', summary: `installed ${specs.join(', ')} globally in /usr/local/lib/node_modules (simulated)`, bytes: written.value.bytes });
    return 0;
  }
  const read = readPackageJson(ctx, ctx.cwd);
  if (!read.ok) return read.status;
  const dev = args.includes('-D') || args.includes('--save-dev');
  const field = dev ? 'devDependencies' : 'dependencies';
  const updated: PackageJson = { ...read.value, [field]: { ...read.value[field], ...Object.fromEntries(specs.map((name) => [name, `^${npmPackage(name).version}`])) } };
  const saved = putFile(ctx.access, joinPath(ctx.cwd, 'package.json'), { content: `${JSON.stringify(updated, null, 2)}\n` })(ctx.fs);
  if (!saved.ok) return npmFsError(ctx, saved.error);
  ctx.fs = saved.value;
  return install(ctx, args, 'install');
}

/** `npm prune --omit=dev`: removes the devDependencies' folders and their share of node_modules. */
function prune(ctx: CommandContext, args: readonly string[]): number {
  const read = readPackageJson(ctx, ctx.cwd);
  if (!read.ok) return read.status;
  if (!omitsDev(args, ctx)) {
    ctx.stdout.write('\nup to date, audited 1 package in 1s\n\nfound 0 vulnerabilities\n');
    return 0;
  }
  const modules = joinPath(ctx.cwd, 'node_modules');
  const dev = dependenciesOf(read.value).filter((dep) => dep.dev && exists(ctx.fs, ctx.access, `${modules}/${dep.name}`));
  const steps: Step[] = [];
  let removed = 0;
  for (const dep of dev) {
    const pkg = npmPackage(dep.name);
    steps.push(removeIfPresent(ctx.access, `${modules}/${dep.name}`));
    for (const bin of Object.keys(pkg.bin ?? {})) steps.push(removeIfPresent(ctx.access, `${modules}/.bin/${bin}`));
    if (pkg.installed.bytes > pkg.unpackedSize) steps.push(changeBulk(ctx.access, modules, -(pkg.installed.packages - 1), -(pkg.installed.bytes - pkg.unpackedSize), ''));
    removed += pkg.installed.packages;
  }
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) return npmFsError(ctx, done.error);
  ctx.fs = done.value;
  ctx.stdout.write(`\nremoved ${plural(removed, 'package')}, and audited 1 package in 1s\n\nfound 0 vulnerabilities\n`);
  if (removed > 0) ctx.simulate({ by: 'npm prune', summary: `removed ${plural(dev.length, 'devDependency')} from node_modules (simulated)` });
  return 0;
}

export const npmCi = (ctx: CommandContext, args: readonly string[]): number => install(ctx, args, 'ci');

export function npmInstall(ctx: CommandContext, args: readonly string[]): number {
  const valued = new Set(['--omit', '--only', '--include', '--prefix', '--registry']);
  const names = args.filter((arg, i) => !arg.startsWith('-') && !valued.has(args[i - 1] ?? ''));
  return names.length > 0 ? installNamed(ctx, args, names) : install(ctx, args, 'install');
}

export const npmPrune = prune;
