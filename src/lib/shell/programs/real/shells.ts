/**
 * sh (and ash, dash, bash) and busybox as registry entries. The interpreter recognises them by name
 * and runs them inside the current session (one filesystem, one set of limits), so these `run`
 * functions are reached only when a caller runs them outside the interpreter.
 */
import type { Command } from '../../command.ts';
import { complain } from './support.ts';

const outsideInterpreter: Command['run'] = (_args, ctx) =>
  complain(ctx, 'a shell runs inside the interpreter only (call runShell or runArgv)', 2);

export const shellPrograms: readonly Command[] = ['sh', 'ash', 'dash', 'bash'].map((name) => ({ name, run: outsideInterpreter }));

export const busyboxProgram: Command = {
  name: 'busybox',
  run(args, ctx) {
    if (args.length === 0) {
      ctx.stdout.write('BusyBox v1.37.0 multi-call binary.\n');
      return 0;
    }
    return complain(ctx, `applet not found`, 127);
  },
};
