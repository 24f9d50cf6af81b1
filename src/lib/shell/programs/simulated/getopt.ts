/**
 * getopt_long as the user tools use it, in getopt's own notation ('u:' takes a value), on top of the
 * shell's option parser (programs/real/support.ts): short letters bundled or with attached values,
 * long names with `=` or a separate value, operands anywhere.
 */
import { parseOptions } from '../real/support.ts';

export interface ParsedOptions {
  flags: Set<string>;
  /** The (last) value of each option that takes one. */
  values: Map<string, string>;
  positional: string[];
}

/** Parsed options, or getopt's complaint about an unknown option. */
export function getopt(args: readonly string[], letters: string, long: Readonly<Record<string, string>>): ParsedOptions | string {
  const valued = [...letters.matchAll(/(\w):/g)].map((m) => m[1]).join('');
  const parsed = parseOptions(args, { flags: letters.replace(/\w:/g, ''), values: valued, long });
  if (parsed.unknown !== undefined) {
    return parsed.unknown.startsWith('--') ? `unrecognized option '${parsed.unknown}'` : `invalid option -- '${parsed.unknown.slice(1)}'`;
  }
  const values = new Map([...parsed.values].map(([letter, all]) => [letter, all.at(-1) ?? '']));
  return { flags: parsed.flags, values, positional: parsed.operands };
}
