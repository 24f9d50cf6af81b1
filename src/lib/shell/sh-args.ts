/** The command line of sh itself: `sh [-eux] [-o option] (-c script [name [args]] | file [args] | <stdin)`. */
import type { ShellFlags } from './interpreter.ts';

export type ShArgs =
  | {
      ok: true;
      flags: Partial<ShellFlags>;
      /** Where the script comes from. */
      source: { kind: 'command'; text: string } | { kind: 'file'; path: string } | { kind: 'stdin' };
      /** `$0`, when the arguments name it (`sh -c script name`, or the script file). */
      name?: string;
      positional: string[];
    }
  | { ok: false; message: string };

/** `-o NAME` options and single-letter flags, shared by `sh` and `set`. */
export const OPTION_NAMES: Readonly<Record<string, keyof ShellFlags>> = {
  pipefail: 'pipefail', errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', noglob: 'noglob',
};
export const FLAG_LETTERS: Readonly<Record<string, keyof ShellFlags>> = { e: 'errexit', x: 'xtrace', u: 'nounset', f: 'noglob' };

/** Parses sh's arguments; `pipefail` is refused when the shell has none (dash). */
export function parseShArgs(args: readonly string[], hasPipefail: boolean): ShArgs {
  const flags: Partial<ShellFlags> = {};
  let readCommand = false;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!/^[-+][a-zA-Z]+$/.test(arg)) break;
    const on = arg.startsWith('-');
    for (const letter of arg.slice(1)) {
      if (letter === 'c') readCommand = true;
      else if (letter === 'o') {
        // `-o name`, also bundled as in SHELL ["/bin/ash", "-eo", "pipefail", "-c"].
        const option = args[++i] ?? '';
        const named = OPTION_NAMES[option];
        if (named === undefined || (named === 'pipefail' && !hasPipefail)) return { ok: false, message: `Illegal option -o ${option}` };
        flags[named] = on;
      }
      const flag = FLAG_LETTERS[letter];
      if (flag !== undefined) flags[flag] = on;
    }
  }
  if (readCommand) {
    const text = args[i];
    if (text === undefined) return { ok: false, message: '-c requires an argument' };
    const name = args[i + 1];
    return { ok: true, flags, source: { kind: 'command', text }, ...(name === undefined ? {} : { name }), positional: args.slice(i + 2) };
  }
  const path = args[i];
  if (path !== undefined) return { ok: true, flags, source: { kind: 'file', path }, name: path, positional: args.slice(i + 1) };
  return { ok: true, flags, source: { kind: 'stdin' }, positional: [] };
}
