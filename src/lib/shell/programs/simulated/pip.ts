/**
 * `pip` / `pip3`, simulated: install -r requirements.txt or named packages into site-packages
 * (sizes from toolchains.json, measured), honouring --target, --user, --no-cache-dir and Debian's
 * externally-managed Python (PEP 668).
 */
import type { Command, CommandContext } from '../../command.ts';
import { checkAccess, readdir, readFile, W_OK, X_OK } from '../../../vfs/index.ts';
import { toolchainCatalogue } from './catalogues.ts';
import { changeBulk, exists, parentOf, putFile, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { plural } from './messages.ts';
import { consoleScript, scriptsNotOnPath } from './pip-scripts.ts';

const PIP = toolchainCatalogue.pip;

/** The newest pythonX.Y folder under `base`, if any. */
function pythonIn(ctx: CommandContext, base: string): string | undefined {
  const entries = readdir(ctx.fs, ctx.access, base);
  if (!entries.ok) return undefined;
  return entries.value
    .map((e) => e.name)
    .filter((name) => /^python3\.\d+$/.test(name))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .pop();
}

interface Site {
  dir: string;
  /** Where console scripts go (pip's `scripts` path of the scheme). */
  bin: string;
  /** The interpreter pip runs under, which its console scripts name in their `#!` line. */
  python: string;
  version: string;
  /** The distribution's Python: pip refuses to install into it unless told to (PEP 668). */
  managed: boolean;
  debian: boolean;
}

/**
 * Where `pip install` puts packages: the python images' own build in /usr/local (site-packages), or
 * the distribution's Python in /usr/lib, which Debian (dist-packages under /usr/local) and Alpine
 * mark EXTERNALLY-MANAGED.
 */
function systemSite(ctx: CommandContext): Site {
  const local = pythonIn(ctx, '/usr/local/lib');
  if (local !== undefined && exists(ctx.fs, ctx.access, `/usr/local/lib/${local}/site-packages`)) {
    const version = local.slice('python'.length);
    return { dir: `/usr/local/lib/${local}/site-packages`, bin: '/usr/local/bin', python: `/usr/local/bin/python${version}`, version, managed: false, debian: false };
  }
  const system = pythonIn(ctx, '/usr/lib');
  if (system !== undefined) {
    const debian = exists(ctx.fs, ctx.access, '/etc/debian_version');
    return {
      dir: debian ? `/usr/local/lib/${system}/dist-packages` : `/usr/lib/${system}/site-packages`,
      bin: debian ? '/usr/local/bin' : '/usr/bin',
      python: '/usr/bin/python3',
      version: system.slice('python'.length),
      managed: exists(ctx.fs, ctx.access, `/usr/lib/${system}/EXTERNALLY-MANAGED`),
      debian,
    };
  }
  return { dir: '/usr/local/lib/python3.12/site-packages', bin: '/usr/local/bin', python: '/usr/local/bin/python3.12', version: '3.12', managed: false, debian: false };
}

/** Whether the user may create entries in `dir` (or, when it is missing, in its nearest existing parent). */
function writable(ctx: CommandContext, dir: string): boolean {
  for (let path = dir; ; path = parentOf(path)) {
    if (exists(ctx.fs, ctx.access, path)) return checkAccess(ctx.fs, ctx.access, path, W_OK | X_OK).ok;
    if (path === '/') return false;
  }
}

/** Requirement names from requirements.txt lines: comments, options and version specifiers dropped. */
function requirementNames(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('-'))
    .map((line) => (line.split(/[\s<>=!~;[@]/)[0] ?? '').toLowerCase())
    .filter(Boolean);
}

/**
 * PEP 668's refusal: Debian's wording (recorded from bookworm's python3-pip 23.0), else pip's default
 * for a marker file without its own message.
 */
function externallyManaged(ctx: CommandContext, site: Site): number {
  if (!site.debian) {
    ctx.stderr.write(
      'error: externally-managed-environment\n\n× This environment is externally managed\n' +
        `╰─> The Python environment under /usr is managed externally, and may not be\n    manipulated by the user. Please use specific tooling from the distributor of\n    the Python installation to interact with this environment instead.\n\n` +
        'note: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.\nhint: See PEP 668 for the detailed specification.\n',
    );
    return 1;
  }
  const version = site.version;
  ctx.stderr.write(
    [
      'error: externally-managed-environment',
      '',
      '× This environment is externally managed',
      '╰─> To install Python packages system-wide, try apt install',
      '    python3-xyz, where xyz is the package you are trying to',
      '    install.',
      '    ',
      '    If you wish to install a non-Debian-packaged Python package,',
      '    create a virtual environment using python3 -m venv path/to/venv.',
      '    Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make',
      '    sure you have python3-full installed.',
      '    ',
      '    If you wish to install a non-Debian packaged Python application,',
      '    it may be easiest to use pipx install xyz, which will manage a',
      '    virtual environment for you. Make sure you have pipx installed.',
      '    ',
      `    See /usr/share/doc/python${version}/README.venv for more information.`,
      '',
      'note: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.',
      'hint: See PEP 668 for the detailed specification.',
      '',
    ].join('\n'),
  );
  return 1;
}

/** Where an install goes: the packages' folder and the console scripts' folder. */
interface Location {
  dir: string;
  bin: string;
  /** --target and --prefix: pip neither checks PEP 668 nor warns about scripts off PATH there. */
  elsewhere: boolean;
}

interface InstallOptions {
  names: string[];
  target?: string;
  prefix?: string;
  root?: string;
  user: boolean;
  noCache: boolean;
  breakSystem: boolean;
  warnScripts: boolean;
  /** -q given this many times: 1 hides progress, 2 warnings too. */
  quiet: number;
}

/** install's options, or the status of a requirements file that cannot be read. */
function parseInstall(ctx: CommandContext, args: readonly string[]): InstallOptions | number {
  const noCacheEnv = ctx.env['PIP_NO_CACHE_DIR'];
  const options: InstallOptions = {
    names: [],
    user: false,
    noCache: noCacheEnv !== undefined && noCacheEnv !== '0' && noCacheEnv !== 'false',
    breakSystem: ctx.env['PIP_BREAK_SYSTEM_PACKAGES'] === '1',
    warnScripts: true,
    quiet: 0,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-r' || arg === '--requirement') {
      const file = args[++i] ?? '';
      const read = readFile(ctx.fs, ctx.access, ctx.resolve(file));
      if (!read.ok) {
        ctx.stderr.write(`ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`);
        return 1;
      }
      options.names.push(...requirementNames(read.value.content ?? ''));
    } else if (arg === '-t' || arg === '--target') options.target = args[++i] ?? '';
    else if (arg === '--prefix') options.prefix = args[++i] ?? '';
    else if (arg === '--root') options.root = args[++i] ?? '';
    else if (arg === '--no-cache-dir') options.noCache = true;
    else if (arg === '--user') options.user = true;
    else if (arg === '--break-system-packages') options.breakSystem = true;
    else if (arg === '--no-warn-script-location') options.warnScripts = false;
    else if (arg === '--quiet' || /^-q+$/.test(arg)) options.quiet += arg === '--quiet' ? 1 : arg.length - 1;
    else if (arg === '-i' || arg === '--index-url' || arg === '--extra-index-url' || arg === '-c') i++;
    else if (!arg.startsWith('-') && arg !== '.') options.names.push(...requirementNames(arg));
  }
  return options;
}

/** pip's install scheme: --target DIR (scripts in DIR/bin), --prefix P, --root R over the usual paths, --user, or the site. */
function locate(ctx: CommandContext, options: InstallOptions, site: Site, user: boolean): Location {
  const home = ctx.env['HOME'] ?? '/root';
  if (options.target !== undefined) {
    const dir = ctx.resolve(options.target);
    return { dir, bin: `${dir}/bin`, elsewhere: true };
  }
  if (options.prefix !== undefined) {
    const prefix = ctx.resolve(options.prefix).replace(/\/$/, '');
    return { dir: `${prefix}/lib/python${site.version}/site-packages`, bin: `${prefix}/bin`, elsewhere: true };
  }
  const base = user ? { dir: `${home}/.local/lib/python${site.version}/site-packages`, bin: `${home}/.local/bin` } : site;
  const root = options.root === undefined ? '' : ctx.resolve(options.root).replace(/\/$/, '');
  return { dir: `${root}${base.dir}`, bin: `${root}${base.bin}`, elsewhere: false };
}

function install(ctx: CommandContext, args: readonly string[]): number {
  const options = parseInstall(ctx, args);
  if (typeof options === 'number') return options;
  const { names, noCache } = options;
  const progress = (text: string): void => {
    if (options.quiet === 0) ctx.stdout.write(text);
  };
  const warn = (text: string): void => {
    if (options.quiet < 2) ctx.stderr.write(text);
  };
  if (names.length === 0) {
    ctx.stderr.write('ERROR: You must give at least one requirement to install (see "pip help install")\n');
    return 1;
  }
  const site = systemSite(ctx);
  const home = ctx.env['HOME'] ?? '/root';
  const intoThisPython = options.target === undefined && options.prefix === undefined && options.root === undefined;
  if (intoThisPython && site.managed && !options.breakSystem) return externallyManaged(ctx, site);
  let user = options.user;
  if (intoThisPython && !user && !writable(ctx, site.dir)) {
    // pip falls back to ~/.local when it may not write the interpreter's site-packages.
    progress('Defaulting to user installation because normal site-packages is not writeable\n');
    user = true;
  }
  const { dir, bin, elsewhere } = locate(ctx, options, site, user);
  const origin = { simulated: true as const, by: 'pip install' };
  const steps: Step[] = [];
  const installed: string[] = [];
  const warnings: string[] = [];
  const scripts = new Set<string>();
  let bytes = 0;
  for (const name of names) {
    const known = PIP.packages[name];
    const version = known?.version ?? '1.0.0';
    const size = known?.bytes ?? PIP.unknown.bytes;
    progress(`Collecting ${name}\n  Downloading ${name}-${version}-py3-none-any.whl (simulated)\n`);
    const folder = name.replace(/-/g, '_');
    steps.push(putFile(ctx.access, `${dir}/${folder}-${version}.dist-info/METADATA`, { content: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`, origin }));
    steps.push(changeBulk(ctx.access, `${dir}/${folder}`, Math.max(1, Math.round(size / 8192)), size, known ? `pip install (simulated): ${PIP.source}` : `pip install (simulated): ${PIP.unknown.source}`));
    for (const entryPoints of Object.values(known?.scripts ?? {})) {
      const fresh = Object.entries(entryPoints).filter(([script]) => !scripts.has(script));
      for (const [script, entryPoint] of fresh) {
        scripts.add(script);
        steps.push(putFile(ctx.access, `${bin}/${script}`, { content: consoleScript(site.python, entryPoint), mode: 0o755, origin }));
      }
      const warning = elsewhere || !options.warnScripts ? undefined : scriptsNotOnPath(fresh.map(([script]) => script), bin, ctx.env['PATH'] ?? '', site.python);
      if (warning !== undefined) warnings.push(warning);
    }
    installed.push(`${name}-${version}`);
    bytes += size;
  }
  if (!noCache) steps.push(changeBulk(ctx.access, `${home}/.cache/pip`, names.length, Math.round(bytes * PIP.cacheRatio.value), `pip (simulated): ${PIP.cacheRatio.source}`));
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stderr.write(`ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '${done.error.path}'\nConsider using the \`--user\` option or check the permissions.\n\n`);
    return 1;
  }
  ctx.fs = done.value;
  progress(`Installing collected packages: ${names.join(', ')}\n`);
  warnings.forEach(warn);
  progress(`Successfully installed ${installed.join(' ')}\n`);
  if (ctx.cred.uid === 0 && options.target === undefined) {
    warn(
      "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n",
    );
  }
  const withScripts = scripts.size > 0 ? `, ${plural(scripts.size, 'console script')} in ${bin}` : '';
  ctx.simulate({ by: 'pip install', summary: `installed ${plural(names.length, 'package')} (${names.join(', ')}) into ${dir}${withScripts}${noCache ? '' : ', wheels kept in ~/.cache/pip'} (simulated)`, bytes });
  return 0;
}

function makePip(name: 'pip' | 'pip3'): Command {
  return {
    name,
    run(args, ctx) {
      const [sub, ...rest] = args;
      if (sub === 'install') return install(ctx, rest);
      if (sub === '--version' || sub === '-V') {
        const site = systemSite(ctx);
        ctx.stdout.write(`pip 24.3.1 from ${site.dir}/pip (python ${site.version})\n`);
        return 0;
      }
      if (sub === 'cache' && rest[0] === 'purge') return 0;
      ctx.stderr.write(`${name} ${sub ?? ''}: not simulated by Stagecraft (install is)\n`);
      return 1;
    },
  };
}

export const pip = makePip('pip');
export const pip3 = makePip('pip3');
