/** Go's time.ParseDuration, for HEALTHCHECK's interval flags; milliseconds or Go's error text. */
import type { Result } from '../diagnostics.ts';
import { goQuote } from './go-quote.ts';

const unitMs: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

export function parseGoDuration(text: string): Result<number, string> {
  const invalid = { ok: false as const, error: `time: invalid duration ${goQuote(text)}` };
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s);
    const whole = num?.[1] ?? '';
    const frac = num?.[2];
    if (whole === '' && (frac === undefined || frac === '')) return invalid;
    s = s.slice(num?.[0].length ?? 0);
    const unit = /^[^\d.]*/.exec(s)?.[0] ?? '';
    if (unit === '') return { ok: false, error: `time: missing unit in duration ${goQuote(text)}` };
    const ms = unitMs[unit];
    if (ms === undefined) return { ok: false, error: `time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}` };
    total += Number(`${whole === '' ? '0' : whole}.${frac ?? '0'}`) * ms;
    s = s.slice(unit.length);
  }
  return { ok: true, value: sign * total };
}
