/**
 * `node`, simulated: Stagecraft does not execute JavaScript. A missing script fails with Node's
 * real error text; an existing one "runs" as a labelled simulated effect.
 */
import type { Command, CommandContext } from '../../command.ts';
import { stat } from '../../../vfs/index.ts';

const version = (ctx: CommandContext): string => ctx.env['NODE_VERSION'] ?? '22.16.0';

function moduleNotFound(ctx: CommandContext, path: string): number {
  ctx.stderr.write(
    [
      'node:internal/modules/cjs/loader:1228',
      '  throw err;',
      '  ^',
      '',
      `Error: Cannot find module '${path}'`,
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
      '    at Module._load (node:internal/modules/cjs/loader:1051:27)',
      '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)',
      '    at node:internal/main/run_main_module:28:49 {',
      "  code: 'MODULE_NOT_FOUND',",
      '  requireStack: []',
      '}',
      '',
      `Node.js v${version(ctx)}`,
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
      ctx.stdout.write(`v${version(ctx)}\n`);
      return 0;
    }
    if (first === '-e' || first === '--eval' || first === '-p' || first === '--print') {
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
    ctx.simulate({ by: 'node', summary: `ran ${found} (simulated: Stagecraft does not execute JavaScript)`, paths: [found] });
    return 0;
  },
};
