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
    return { dir: `/usr/local/lib/${local}/site-packages`, version: local.slice('python'.length), managed: false, debian: false };
  }
  const system = pythonIn(ctx, '/usr/lib');
  if (system !== undefined) {
    const debian = exists(ctx.fs, ctx.access, '/etc/debian_version');
    return {
      dir: debian ? `/usr/local/lib/${system}/dist-packages` : `/usr/lib/${system}/site-packages`,
      version: system.slice('python'.length),
      managed: exists(ctx.fs, ctx.access, `/usr/lib/${system}/EXTERNALLY-MANAGED`),
      debian,
    };
  }
  return { dir: '/usr/local/lib/python3.12/site-packages', version: '3.12', managed: false, debian: false };
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

function install(ctx: CommandContext, args: readonly string[]): number {
  const names: string[] = [];
  let target: string | undefined;
  let noCache = ctx.env['PIP_NO_CACHE_DIR'] !== undefined && ctx.env['PIP_NO_CACHE_DIR'] !== '0' && ctx.env['PIP_NO_CACHE_DIR'] !== 'false';
  let user = false;
  let breakSystem = ctx.env['PIP_BREAK_SYSTEM_PACKAGES'] === '1';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-r' || arg === '--requirement') {
      const file = args[++i] ?? '';
      const read = readFile(ctx.fs, ctx.access, ctx.resolve(file));
      if (!read.ok) {
        ctx.stderr.write(`ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`);
        return 1;
      }
      names.push(...requirementNames(read.value.content ?? ''));
    } else if (arg === '-t' || arg === '--target') target = args[++i];
    else if (arg === '--prefix' || arg === '--root') target = `${args[++i] ?? ''}/lib/python3/site-packages`;
    else if (arg === '--no-cache-dir') noCache = true;
    else if (arg === '--user') user = true;
    else if (arg === '--break-system-packages') breakSystem = true;
    else if (arg === '-i' || arg === '--index-url' || arg === '--extra-index-url' || arg === '-c') i++;
    else if (!arg.startsWith('-') && arg !== '.') names.push(...requirementNames(arg));
  }
  if (names.length === 0) {
    ctx.stderr.write('ERROR: You must give at least one requirement to install (see "pip help install")\n');
    return 1;
  }
  const site = systemSite(ctx);
  const home = ctx.env['HOME'] ?? '/root';
  if (target === undefined && !user && site.managed && !breakSystem) return externallyManaged(ctx, site);
  if (target === undefined && !user && !writable(ctx, site.dir)) {
    // pip falls back to ~/.local when it may not write the interpreter's site-packages.
    ctx.stdout.write('Defaulting to user installation because normal site-packages is not writeable\n');
    user = true;
  }
  const dir = target !== undefined ? ctx.resolve(target) : user ? `${home}/.local/lib/python${site.version}/site-packages` : site.dir;
  const origin = { simulated: true as const, by: 'pip install' };
  const steps: Step[] = [];
  const installed: string[] = [];
  let bytes = 0;
  for (const name of names) {
    const known = PIP.packages[name];
    const version = known?.version ?? '1.0.0';
    const size = known?.bytes ?? PIP.unknown.bytes;
    ctx.stdout.write(`Collecting ${name}\n  Downloading ${name}-${version}-py3-none-any.whl (simulated)\n`);
    const folder = name.replace(/-/g, '_');
    steps.push(putFile(ctx.access, `${dir}/${folder}-${version}.dist-info/METADATA`, { content: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`, origin }));
    steps.push(changeBulk(ctx.access, `${dir}/${folder}`, Math.max(1, Math.round(size / 8192)), size, known ? `pip install (simulated): ${PIP.source}` : `pip install (simulated): ${PIP.unknown.source}`));
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
  ctx.stdout.write(`Installing collected packages: ${names.join(', ')}\nSuccessfully installed ${installed.join(' ')}\n`);
  if (ctx.cred.uid === 0 && target === undefined) {
    ctx.stderr.write(
      "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n",
    );
  }
  ctx.simulate({ by: 'pip install', summary: `installed ${plural(names.length, 'package')} (${names.join(', ')}) into ${dir}${noCache ? '' : ', wheels kept in ~/.cache/pip'} (simulated)`, bytes });
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
