/**
 * getopt_long as the user tools use it: short letters (bundled, `-u1000` or `-u 1000`), long names
 * (`--uid=1000` or `--uid 1000`), positional arguments in any order.
 */
export interface ParsedOptions {
  flags: Set<string>;
  values: Map<string, string>;
  positional: string[];
}

/**
 * `letters` lists the short options; one followed by ':' takes a value (getopt's syntax). `long`
 * maps long names to their letter. Returns getopt's complaint as a string on a bad option.
 */
export function getopt(args: readonly string[], letters: string, long: Readonly<Record<string, string>>): ParsedOptions | string {
  const parsed: ParsedOptions = { flags: new Set(), values: new Map(), positional: [] };
  const takesValue = (letter: string): boolean => letters.includes(`${letter}:`);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      parsed.positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const [key = '', inline] = arg.slice(2).split(/=(.*)/s);
      const letter = long[key];
      if (letter === undefined) return `unrecognized option '${arg}'`;
      if (takesValue(letter)) {
        const value = inline ?? args[++i];
        if (value === undefined) return `option '${arg}' requires an argument`;
        parsed.values.set(letter, value);
      } else parsed.flags.add(letter);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] ?? '';
        if (!letters.includes(letter) || letter === ':') return `invalid option -- '${letter}'`;
        if (takesValue(letter)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          if (value === undefined) return `option requires an argument -- '${letter}'`;
          parsed.values.set(letter, value);
          break;
        }
        parsed.flags.add(letter);
      }
    } else parsed.positional.push(arg);
  }
  return parsed;
}
