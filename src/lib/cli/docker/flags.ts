/**
 * Docker's flag parsing (spf13/pflag under cobra): long `--name value` / `--name=value`, short
 * `-u value` / `-uvalue`, combined booleans `-it`, `--` to stop, and pflag's error texts.
 */
export type FlagKind = 'bool' | 'string' | 'list';

export interface FlagSpec {
  long: string;
  short?: string;
  kind: FlagKind;
  /** Shown in `--help`. */
  description: string;
  /** The value's name in `--help` (`string`, `list`...). */
  valueName?: string;
}

export interface ParsedFlags {
  bools: Set<string>;
  strings: Map<string, string>;
  lists: Map<string, string[]>;
  args: string[];
  help: boolean;
}

export type FlagResult = { ok: true; value: ParsedFlags } | { ok: false; error: string };

/**
 * `interspersed: false` stops at the first argument (`docker run IMAGE ls -l` leaves `-l` to the
 * command), as docker run and exec do.
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], interspersed: boolean): FlagResult {
  const out: ParsedFlags = { bools: new Set(), strings: new Map(), lists: new Map(), args: [], help: false };
  const set = (spec: FlagSpec, value: string | undefined): string | null => {
    if (spec.kind === 'bool') {
      if (value === undefined || value === 'true') out.bools.add(spec.long);
      else if (value === 'false') out.bools.delete(spec.long);
      else return `invalid argument "${value}" for "--${spec.long}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
    } else if (spec.kind === 'string') out.strings.set(spec.long, value ?? '');
    else out.lists.set(spec.long, [...(out.lists.get(spec.long) ?? []), value ?? '']);
    return null;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (name === 'help') {
        out.help = true;
        continue;
      }
      const spec = specs.find((s) => s.long === name);
      if (spec === undefined) return { ok: false, error: `unknown flag: --${name}` };
      let value: string | undefined = eq === -1 ? undefined : a.slice(eq + 1);
      if (value === undefined && spec.kind !== 'bool') {
        value = argv[++i];
        if (value === undefined) return { ok: false, error: `flag needs an argument: --${name}` };
      }
      const error = set(spec, value);
      if (error !== null) return { ok: false, error };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const letter = a[j] as string;
        if (letter === 'h' && !specs.some((s) => s.short === 'h')) {
          out.help = true;
          continue;
        }
        const spec = specs.find((s) => s.short === letter);
        if (spec === undefined) return { ok: false, error: `unknown shorthand flag: '${letter}' in ${a}` };
        if (spec.kind === 'bool') {
          set(spec, undefined);
          continue;
        }
        let value = a.slice(j + 1).replace(/^=/, '');
        if (value === '') {
          const next = argv[++i];
          if (next === undefined) return { ok: false, error: `flag needs an argument: '${letter}' in -${letter}` };
          value = next;
        }
        set(spec, value);
        break;
      }
      continue;
    }
    if (!interspersed) {
      out.args.push(...argv.slice(i));
      break;
    }
    out.args.push(a);
  }
  return { ok: true, value: out };
}

/** The `Options:` block of `--help`, as cobra prints it. */
export function flagHelp(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const names = `${s.short === undefined ? '    ' : `-${s.short}, `}--${s.long}${s.kind === 'bool' ? '' : ` ${s.valueName ?? s.kind}`}`;
    return { names, description: s.description };
  });
  const width = Math.max(...rows.map((r) => r.names.length));
  return rows.map((r) => `  ${r.names.padEnd(width)}   ${r.description}\n`).join('');
}
