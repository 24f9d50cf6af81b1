/**
 * `gcc`/`cc`/`g++`/`c++`, simulated: compiling C sources to an executable (or -c objects) of a
 * plausible size: glibc or musl dynamic, or -static (toolchains.json).
 */
import type { Command, CommandContext } from '../../command.ts';
import { stat } from '../../../vfs/index.ts';
import { toolchainCatalogue } from './catalogues.ts';
import { putFile, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { binaryOrigin, imageLibc } from './linkage.ts';

const GCC = toolchainCatalogue.gcc;
const SOURCE = /\.(c|cc|cpp|cxx|s|S)$/;

function compile(name: string, args: readonly string[], ctx: CommandContext): number {
  let output: string | undefined;
  let objectsOnly = false;
  let isStatic = false;
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-o') output = args[++i];
    else if (arg === '-c') objectsOnly = true;
    else if (arg === '-static') isStatic = true;
    else if (arg === '--version') {
      ctx.stdout.write(`${name} (simulated by Stagecraft) 12.2.0\n`);
      return 0;
    } else if (['-I', '-L', '-l', '-D', '-include', '-x'].includes(arg)) i++;
    else if (!arg.startsWith('-')) inputs.push(arg);
  }
  if (inputs.length === 0) {
    ctx.stderr.write(`${name}: fatal error: no input files\ncompilation terminated.\n`);
    return 1;
  }
  let sourceBytes = 0;
  let missing = false;
  for (const input of inputs) {
    const node = stat(ctx.fs, ctx.access, ctx.resolve(input));
    if (node.ok && node.value.kind === 'file') {
      sourceBytes += node.value.size;
      continue;
    }
    missing = true;
    // The compiler proper (cc1, cc1plus) reports a missing source; the linker a missing object.
    if (SOURCE.test(input)) ctx.stderr.write(`${/\.c$/.test(input) ? 'cc1' : 'cc1plus'}: fatal error: ${input}: No such file or directory\ncompilation terminated.\n`);
    else ctx.stderr.write(`/usr/bin/ld: cannot find ${input}: No such file or directory\ncollect2: error: ld returned 1 exit status\n`);
  }
  if (missing) return 1;
  const libc = imageLibc(ctx.fs, ctx.access);
  const musl = libc === 'musl';
  // Objects are not executables: only the linked program records its linkage.
  const objectOrigin = { simulated: true as const, by: name };
  const steps: Step[] = [];
  const written: string[] = [];
  if (objectsOnly) {
    for (const input of inputs.filter((i) => SOURCE.test(i))) {
      const path = ctx.resolve(output ?? (input.split('/').pop() ?? input).replace(SOURCE, '.o'));
      steps.push(putFile(ctx.access, path, { size: GCC.object.bytes, origin: objectOrigin }));
      written.push(path);
    }
  } else {
    const base = isStatic ? GCC.static.bytes : musl ? GCC.musl.bytes : GCC.glibc.bytes;
    const path = ctx.resolve(output ?? 'a.out');
    const origin = binaryOrigin(name, isStatic ? { kind: 'static' } : { kind: 'dynamic', libc });
    steps.push(putFile(ctx.access, path, { size: base + Math.round(sourceBytes * GCC.perSourceByte.value), mode: 0o755, origin }));
    written.push(path);
  }
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stderr.write(`/usr/bin/ld: cannot open output file ${done.error.path}: ${done.error.message}\ncollect2: error: ld returned 1 exit status\n`);
    return 1;
  }
  ctx.fs = done.value;
  ctx.simulate({ by: name, summary: `compiled ${inputs.join(' ')} to ${written.join(' ')}${isStatic ? ' (static)' : musl ? ' (musl)' : ''}; size estimated (simulated)`, paths: written });
  return 0;
}

const compiler = (name: string): Command => ({ name, run: (args, ctx) => compile(name, args, ctx) });

export const compilers: readonly Command[] = ['gcc', 'cc', 'g++', 'c++'].map(compiler);
