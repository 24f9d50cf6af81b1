/**
 * `npm` and `npx`, simulated: ci/install/prune (npm-install.ts), run/start/test (scripts run for real
 * through the shell with node_modules/.bin on PATH), cache clean, --version.
 */
import type { Command, CommandContext } from '../../command.ts';
import { apkInstalledVersion } from './apk.ts';
import { npmCatalogue } from './catalogues.ts';
import { exists, removeIfPresent } from './fs-steps.ts';
import { npmCi, npmFsError, npmInstall, npmPrune, writeModules } from './npm-install.ts';
import { joinPath, npmError, readPackageJson } from './npm-project.ts';
import { installedToolVersion } from './tool-version.ts';

/**
 * npm's version: its own package.json next to the npm-cli.js that ran (each Node release bundles its
 * own npm), else Alpine's npm package when apk installed it, else the catalogue's.
 */
const npmVersion = (ctx: CommandContext): string =>
  installedToolVersion(ctx, 'npm') ?? apkInstalledVersion(ctx, 'npm') ?? npmCatalogue.npmVersion.value;

const withBinPath = (ctx: CommandContext, dir: string): Record<string, string> => ({
  PATH: `${joinPath(dir, 'node_modules/.bin')}:${ctx.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin'}`,
});

function listScripts(ctx: CommandContext, name: string, scripts: Record<string, string>): number {
  const lifecycle = ['start', 'test', 'stop', 'restart'];
  const entries = Object.entries(scripts);
  const life = entries.filter(([key]) => lifecycle.includes(key));
  const other = entries.filter(([key]) => !lifecycle.includes(key));
  if (life.length > 0) ctx.stdout.write(`Lifecycle scripts included in ${name}:\n${life.map(([k, v]) => `  ${k}\n    ${v}\n`).join('')}`);
  if (other.length > 0) ctx.stdout.write(`available via \`npm run-script\`:\n${other.map(([k, v]) => `  ${k}\n    ${v}\n`).join('')}`);
  return 0;
}

function runScript(ctx: CommandContext, script: string | undefined, extra: readonly string[]): number {
  const read = readPackageJson(ctx, ctx.cwd);
  if (!read.ok) return read.status;
  const pkg = read.value;
  const id = `${pkg.name ?? ''}@${pkg.version ?? ''}`;
  const scripts = pkg.scripts ?? {};
  if (script === undefined) return listScripts(ctx, id, scripts);
  const body = scripts[script];
  if (body === undefined) {
    if (script === 'start' && exists(ctx.fs, ctx.access, joinPath(ctx.cwd, 'server.js'))) return runBody(ctx, id, script, 'node server.js', extra);
    return npmError(ctx, [`Missing script: "${script}"`, '', 'To see a list of scripts, run:', '  npm run']);
  }
  return runBody(ctx, id, script, body, extra);
}

function runBody(ctx: CommandContext, id: string, script: string, body: string, extra: readonly string[]): number {
  const command = [body, ...extra.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`)].join(' ');
  ctx.stdout.write(`\n> ${id} ${script}\n> ${command}\n\n`);
  const status = ctx.exec(['sh', '-c', command], { env: withBinPath(ctx, ctx.cwd) });
  if (status !== 0) {
    npmError(ctx, [`code ${status}`, `path ${ctx.cwd}`, 'command failed', `command sh -c ${command}`]);
  }
  return status;
}

function cacheClean(ctx: CommandContext, args: readonly string[]): number {
  if (!args.includes('--force') && !args.includes('-f')) {
    return npmError(ctx, ['As of npm@5, the npm cache self-heals from corruption issues', 'by treating integrity mismatches as cache misses.  As a result,', 'data extracted from the cache is guaranteed to be valid.  If you', 'want to make sure everything is consistent, use `npm cache verify`', 'instead.  Deleting the cache can only make npm go slower, and is', 'not likely to prevent any of the problems it is intended to fix.', '', 'On the other hand, if you\'re debugging an issue with the installer,', 'or race conditions that depend on the timing of writing to an empty', 'cache, you can use `npm install --cache /tmp/empty-cache` to use a', 'temporary cache instead of nuking the actual one.', '', 'If you\'re sure you want to delete the entire cache, rerun this command', 'with --force.']);
  }
  const cleared = removeIfPresent(ctx.access, `${ctx.env['HOME'] ?? '/root'}/.npm/_cacache`)(ctx.fs);
  if (!cleared.ok) return npmFsError(ctx, cleared.error);
  ctx.fs = cleared.value;
  return 0;
}

export const npm: Command = {
  name: 'npm',
  run(args, ctx) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'ci':
      case 'clean-install':
        return npmCi(ctx, rest);
      case 'install':
      case 'i':
      case 'add':
        return npmInstall(ctx, rest);
      case 'prune':
        return npmPrune(ctx, rest);
      case 'run':
      case 'run-script': {
        const [script, ...more] = rest.filter((arg) => arg !== '--');
        return runScript(ctx, script, more);
      }
      case 'start':
      case 'test':
        return runScript(ctx, sub, rest.filter((arg) => arg !== '--'));
      case 'cache':
        if (rest[0] === 'clean') return cacheClean(ctx, rest);
        return 0;
      case '-v':
      case '--version':
        ctx.stdout.write(`${npmVersion(ctx)}\n`);
        return 0;
      case undefined:
        ctx.stdout.write('npm <command>\n\nUsage:\n\nnpm install        install all the dependencies in your project\nnpm run <foo>      run the script named <foo>\n');
        return 1;
      default:
        ctx.stderr.write(`npm ${sub}: not simulated by Stagecraft (ci, install, prune, run, start, test, cache clean are)\n`);
        return 1;
    }
  },
};

/** `npx --help` as npm 10.9 prints it (recorded from npm 10.9.2's npx-cli.js). */
const NPX_HELP = `Run a command from a local or remote npm package

Usage:
npm exec -- <pkg>[@<version>] [args...]
npm exec --package=<pkg>[@<version>] -- <cmd> [args...]
npm exec -c '<cmd> [args...]'
npm exec --package=foo -c '<cmd> [args...]'

Options:
[--package <package-spec> [--package <package-spec> ...]] [-c|--call <call>]
[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]
[-ws|--workspaces] [--include-workspace-root]

alias: x

Run "npm help exec" for more info
`;

/** What npx makes of its arguments: npm's options up to the first word that is not one, then the command. */
interface NpxCall {
  command: string[];
  version: boolean;
  help: boolean;
}

function parseNpx(args: readonly string[]): NpxCall {
  const call: NpxCall = { command: [], version: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      call.command = args.slice(i + 1);
      break;
    }
    if (!arg.startsWith('-')) {
      call.command = args.slice(i);
      break;
    }
    if (arg === '-v' || arg === '--version') call.version = true;
    else if (arg === '-h' || arg === '--help' || arg === '-?') call.help = true;
    else if (arg === '-p' || arg === '--package' || arg === '-c' || arg === '--call') i++;
  }
  return call;
}

/**
 * `npx <bin>`: runs a local node_modules/.bin program, else fetches a catalogue package into
 * ~/.npm/_npx. Options before the command are npm's: `--version` prints npm's version, `--help`
 * npm exec's usage; with no command npx runs a shell on its standard input (empty in a RUN).
 */
export const npx: Command = {
  name: 'npx',
  run(args, ctx) {
    const call = parseNpx(args);
    if (call.version) {
      ctx.stdout.write(`${npmVersion(ctx)}\n`);
      return 0;
    }
    if (call.help) {
      ctx.stdout.write(NPX_HELP);
      return 0;
    }
    const [bin, ...rest] = call.command;
    if (bin === undefined) return ctx.exec(['sh'], { stdin: ctx.stdin, env: withBinPath(ctx, ctx.cwd) });
    if (exists(ctx.fs, ctx.access, joinPath(ctx.cwd, `node_modules/.bin/${bin}`))) {
      return ctx.exec([bin, ...rest], { env: withBinPath(ctx, ctx.cwd) });
    }
    const owner = Object.entries(npmCatalogue.packages).find(([name, pkg]) => name === bin || pkg.bin?.[bin] !== undefined)?.[0];
    if (owner === undefined) {
      return npmError(ctx, ['code E404', `404 Not Found - GET https://registry.npmjs.org/${bin} - Not found`, '', `404  '${bin}@*' is not in this registry.`]);
    }
    const prefix = `${ctx.env['HOME'] ?? '/root'}/.npm/_npx/${owner.replace(/[@/]/g, '_')}`;
    const written = writeModules(ctx, ctx.fs, prefix, [{ name: owner, dev: false, range: '*' }], 'npx');
    if (!written.ok) return npmFsError(ctx, written.error);
    ctx.fs = written.value.tree;
    ctx.simulate({ by: 'npx', summary: `downloaded ${owner} into ${prefix} (simulated)`, bytes: written.value.bytes });
    return ctx.exec([bin, ...rest], { env: withBinPath(ctx, prefix) });
  },
};
