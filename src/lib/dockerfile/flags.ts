/**
 * Instruction flags as BuildKit's BFlags (instructions/bflag.go): each instruction declares its
 * flags with a type; unknown, duplicate, value-less and non-boolean flags are errors in BuildKit's
 * words. Unlike BFlags, every bad flag of an instruction is reported, not only the first.
 */
import type { Diagnostic, SourceRange } from '../diagnostics.ts';
import type { Flag, ParseErrorCode, Word } from './types.ts';
import { parseError } from './parse-errors.ts';
import { withSuggestion } from './suggest.ts';

export type FlagType = 'bool' | 'string' | 'strings';
export type FlagSpec = Readonly<Record<string, FlagType>>;

export interface ParsedFlags {
  /** Every flag as written. */
  all: Flag[];
  /** Last value of a string flag / 'true'|'false' of a bool flag, for the flags that were given. */
  value(name: string): Word | undefined;
  /** All values of a repeatable flag. */
  values(name: string): Word[];
  used(name: string): boolean;
}

/** The range of the part after `=` (the flag's own range when it spans lines or has no value). */
function valueRange(flag: Word, name: string): SourceRange {
  const r = flag.range;
  const offset = name.length + 3;
  if (r.line !== r.endLine || r.column + offset > r.endColumn) return r;
  return { line: r.line, column: r.column + offset, endLine: r.endLine, endColumn: r.endColumn };
}

export function parseFlags(words: readonly Word[], spec: FlagSpec, diagnostics: Diagnostic[]): ParsedFlags {
  const all: Flag[] = [];
  const single = new Map<string, Word>();
  const multi = new Map<string, Word[]>();
  const fail = (code: ParseErrorCode, message: string, range: SourceRange): void => {
    diagnostics.push(parseError(code, message, range));
  };
  for (const w of words) {
    const eq = w.value.indexOf('=');
    const flagName = eq < 0 ? w.value : w.value.slice(0, eq);
    const hasValue = eq >= 0;
    const value = hasValue ? w.value.slice(eq + 1) : null;
    const name = flagName.slice(2);
    all.push({ name, value, range: w.range });
    const type = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (type === undefined) {
      fail('flag-unknown', withSuggestion(`unknown flag: ${flagName}`, name, Object.keys(spec), true), w.range);
      continue;
    }
    if (type !== 'strings' && single.has(name)) {
      fail('flag-duplicate', `duplicate flag specified: ${flagName}`, w.range);
      continue;
    }
    const vr = valueRange(w, name);
    if (type === 'bool') {
      if (hasValue && value === '') {
        fail('flag-missing-value', `missing a value on flag: ${flagName}`, w.range);
        continue;
      }
      const lower = (value ?? '').toLowerCase();
      if (lower !== '' && lower !== 'true' && lower !== 'false') {
        fail('flag-not-boolean', `expecting boolean value for flag ${flagName}, not: ${value ?? ''}`, w.range);
        continue;
      }
      single.set(name, { value: lower === 'false' ? 'false' : 'true', range: vr });
      continue;
    }
    if (!hasValue) {
      fail('flag-missing-value', `missing a value on flag: ${flagName}`, w.range);
      continue;
    }
    if (type === 'string') single.set(name, { value: value ?? '', range: vr });
    else multi.set(name, [...(multi.get(name) ?? []), { value: value ?? '', range: vr }]);
  }
  return {
    all,
    value: (name) => single.get(name),
    values: (name) => multi.get(name) ?? [],
    used: (name) => single.has(name) || multi.has(name),
  };
}

/** Flags recorded without checking them (instructions whose BuildKit parser never calls BFlags.Parse). */
export function unchecked(words: readonly Word[]): Flag[] {
  return words.map((w) => {
    const eq = w.value.indexOf('=');
    return {
      name: (eq < 0 ? w.value : w.value.slice(0, eq)).slice(2),
      value: eq < 0 ? null : w.value.slice(eq + 1),
      range: w.range,
    };
  });
}
