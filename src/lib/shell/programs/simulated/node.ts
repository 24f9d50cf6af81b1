/**
 * `node`, simulated: Stagecraft does not execute JavaScript. A missing script fails with Node's
 * real error text; an existing one "runs" as a labelled simulated effect, and a line on stderr says
 * so, since what the script would print is unknown (stderr keeps redirected stdout clean).
 */
import type { Command, CommandContext } from '../../command.ts';
import { stat } from '../../../vfs/index.ts';
import { apkInstalledVersion } from './apk.ts';
import { dpkgInstalledVersion } from './apt-get.ts';

/** Node's version: node images set NODE_VERSION; Alpine's and Debian's nodejs packages record theirs in the package database. */
export const nodeVersion = (ctx: CommandContext): string =>
  ctx.env['NODE_VERSION'] ?? apkInstalledVersion(ctx, 'nodejs') ?? dpkgInstalledVersion(ctx, 'nodejs') ?? '22.16.0';

/**
 * Where Node's CommonJS loader throws MODULE_NOT_FOUND, by major version: recorded from Node 20.20 and
 * 24.21; the Node 22 frames are those of early 22.x releases (later ones shift the line numbers).
 */
const LOADER_FRAMES: Readonly<Record<'20' | '22' | '24', readonly string[]>> = {
  '20': [
    'node:internal/modules/cjs/loader:1210',
    'Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)',
    'Module._load (node:internal/modules/cjs/loader:1038:27)',
    'Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)',
    'node:internal/main/run_main_module:28:49',
  ],
  '22': [
    'node:internal/modules/cjs/loader:1228',
    'Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
    'Module._load (node:internal/modules/cjs/loader:1051:27)',
    'Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)',
    'node:internal/main/run_main_module:28:49',
  ],
  '24': [
    'node:internal/modules/cjs/loader:1568',
    'Module._resolveFilename (node:internal/modules/cjs/loader:1564:15)',
    'wrapResolveFilename (node:internal/modules/cjs/loader:1118:27)',
    'defaultResolveImplForCJSLoading (node:internal/modules/cjs/loader:1142:10)',
    'resolveForCJSWithHooks (node:internal/modules/cjs/loader:1169:12)',
    'Module._load (node:internal/modules/cjs/loader:1341:5)',
    'wrapModuleLoad (node:internal/modules/cjs/loader:261:19)',
    'Module.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:154:5)',
    'node:internal/main/run_main_module:33:47',
  ],
};

function moduleNotFound(ctx: CommandContext, path: string): number {
  const major = Number(nodeVersion(ctx).split('.')[0]);
  const [where = '', ...frames] = LOADER_FRAMES[major <= 20 ? '20' : major < 24 ? '22' : '24'];
  ctx.stderr.write(
    [
      where,
      '  throw err;',
      '  ^',
      '',
      `Error: Cannot find module '${path}'`,
      ...frames.map((frame, i) => `    at ${frame}${i === frames.length - 1 ? ' {' : ''}`),
      "  code: 'MODULE_NOT_FOUND',",
      '  requireStack: []',
      '}',
      '',
      `Node.js v${nodeVersion(ctx)}`,
      '',
    ].join('\n'),
  );
  return 1;
}

/** Node's resolution of a main script: the path, then with .js, then a folder's index.js. */
function findScript(ctx: CommandContext, path: string): string | undefined {
  for (const candidate of [path, `${path}.js`, `${path}.mjs`, `${path}.cjs`, `${path}/index.js`]) {
    const node = stat(ctx.fs, ctx.access, candidate);
    if (node.ok && node.value.kind === 'file') return candidate;
  }
  return undefined;
}

export const node: Command = {
  name: 'node',
  run(args, ctx) {
    const scriptIndex = args.findIndex((arg) => !arg.startsWith('-'));
    const first = args[0];
    if (first === '-v' || first === '--version') {
      ctx.stdout.write(`v${nodeVersion(ctx)}\n`);
      return 0;
    }
    if (first === '-e' || first === '--eval' || first === '-p' || first === '--print') {
      ctx.stderr.write('[simulated] node: evaluated inline JavaScript (Stagecraft does not execute JavaScript; its output is unknown)\n');
      ctx.simulate({ by: 'node', summary: 'evaluated inline JavaScript (simulated: Stagecraft does not execute JavaScript)' });
      return 0;
    }
    const script = args[scriptIndex];
    if (script === undefined) {
      ctx.stderr.write('node: Stagecraft has no interactive Node.js REPL (simulated)\n');
      return 1;
    }
    const path = ctx.resolve(script);
    const found = findScript(ctx, path);
    if (found === undefined) return moduleNotFound(ctx, path);
    ctx.stderr.write(`[simulated] node: ran ${found} (Stagecraft does not execute JavaScript; its output is unknown)\n`);
    ctx.simulate({ by: 'node', summary: `ran ${found} (simulated: Stagecraft does not execute JavaScript)`, paths: [found] });
    return 0;
  },
};
