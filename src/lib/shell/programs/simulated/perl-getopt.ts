/**
 * Perl's Getopt::Long with its defaults (ignore_case, auto_abbrev, no bundling), as Debian's adduser
 * parses its command line: `-S` is not --system there but ambiguous between --shell and --system,
 * and the complaints are Getopt::Long's own lines.
 */

/** An option as Getopt::Long declares it: `name|alias` with `=s` (string) or `=i` (integer) for a value. */
export interface PerlOption {
  names: readonly string[];
  value?: 's' | 'i';
}

export function perlOptions(specs: readonly string[]): PerlOption[] {
  return specs.map((spec) => {
    const [names = '', type] = spec.split('=');
    return { names: names.split('|'), ...(type === 's' || type === 'i' ? { value: type } : {}) };
  });
}

export interface PerlParsed {
  /** Values by the option's first name; flags are 'true'. */
  values: Map<string, string>;
  positional: string[];
  /** Getopt::Long's warnings; non-empty means GetOptions returned false. */
  errors: string[];
}

export function perlGetopt(args: readonly string[], options: readonly PerlOption[]): PerlParsed {
  const parsed: PerlParsed = { values: new Map(), positional: [], errors: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      parsed.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positional.push(arg);
      continue;
    }
    const [rawName = '', inline] = arg.replace(/^--?/, '').split(/=(.*)/s);
    const name = rawName.toLowerCase();
    const exact = options.find((o) => o.names.includes(name));
    const hits = exact ? [exact] : options.filter((o) => o.names.some((n) => n.startsWith(name)));
    if (hits.length === 0) {
      parsed.errors.push(`Unknown option: ${name}`);
      continue;
    }
    if (hits.length > 1) {
      parsed.errors.push(`Option ${name} is ambiguous (${hits.map((o) => o.names[0]).sort().join(', ')})`);
      continue;
    }
    const option = hits[0] as PerlOption;
    const key = option.names[0] ?? name;
    if (option.value === undefined) {
      parsed.values.set(key, 'true');
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) {
      parsed.errors.push(`Option ${key} requires an argument`);
      continue;
    }
    if (option.value === 'i' && !/^-?\d+$/.test(value)) {
      parsed.errors.push(`Value "${value}" invalid for option ${key} (number expected)`);
      continue;
    }
    parsed.values.set(key, value);
  }
  return parsed;
}
