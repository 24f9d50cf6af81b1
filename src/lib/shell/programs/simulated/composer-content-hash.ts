/**
 * The `content-hash` Composer writes in composer.lock (Locker::getContentHash): the md5 of PHP's
 * json_encode, flags 0, of the composer.json keys that decide what gets locked, top-level keys
 * sorted. Composer compares it with composer.json's to tell whether the lock is up to date.
 */
import { md5Hex } from './md5.ts';

const RELEVANT_KEYS = ['name', 'version', 'require', 'require-dev', 'conflict', 'replace', 'provide', 'minimum-stability', 'prefer-stable', 'repositories', 'extra'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The content-hash of a parsed composer.json (an object, as JSON.parse gives it). */
export function composerContentHash(composer: Record<string, unknown>): string {
  const relevant: Record<string, unknown> = {};
  for (const key of RELEVANT_KEYS) if (Object.hasOwn(composer, key)) relevant[key] = composer[key];
  const config = composer['config'];
  // isset($content['config']['platform']): present and not null
  if (isObject(config) && config['platform'] !== undefined && config['platform'] !== null) relevant['config'] = { platform: config['platform'] };
  const sorted = Object.fromEntries(Object.keys(relevant).sort().map((key) => [key, relevant[key]]));
  return md5Hex(phpJsonEncode(sorted));
}

/** PHP's empty(): what Locker::isFresh takes for a missing hash. */
const phpEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === false || value === 0 || value === '' || value === '0' || (Array.isArray(value) && value.length === 0);

/**
 * Locker::isFresh: a lock is current when its content-hash is composer.json's; a lock from before
 * content-hash (Composer 1.0's `hash`) when that is the md5 of composer.json's bytes; a lock with
 * neither is taken as out of date.
 */
export function isLockFresh(lock: Record<string, unknown>, composerText: string, composer: Record<string, unknown>): boolean {
  if (!phpEmpty(lock['content-hash'])) return lock['content-hash'] === composerContentHash(composer);
  if (!phpEmpty(lock['hash'])) return lock['hash'] === md5Hex(composerText);
  return false;
}

/**
 * PHP's json_encode($value, 0) of what json_decode($text, true) made of JSON text: `/` and every
 * non-ASCII UTF-16 unit escaped (lowercase hex), an object whose keys are 0..n-1 in order (or none)
 * is a PHP list and encodes as an array, floats as PHP prints them (serialize_precision -1).
 * Limits: a JS object puts integer-like keys first where PHP keeps the text's order, and a whole
 * number beyond 2^53 is taken as a float (PHP keeps integers up to 2^63 exact).
 */
export function phpJsonEncode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return phpNumber(value);
  if (typeof value === 'string') return phpString(value);
  if (Array.isArray(value)) return `[${value.map(phpJsonEncode).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.every(([key], i) => key === String(i))) return `[${entries.map(([, v]) => phpJsonEncode(v)).join(',')}]`;
  return `{${entries.map(([key, v]) => `${phpString(key)}:${phpJsonEncode(v)}`).join(',')}}`;
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function phpString(text: string): string {
  let out = '"';
  for (const unit of text.split('')) {
    const code = unit.charCodeAt(0);
    out += ESCAPES[unit] ?? (code < 0x20 || code > 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : unit);
  }
  return `${out}"`;
}

/**
 * A number as PHP prints it: integers plainly; a float with the shortest digits that read back the
 * same, in exponent form (`1.0e-5`, `1.0e+17`) when its decimal exponent is below -4 or above 16.
 */
function phpNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  const [mantissa = '', exponentText = '0'] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  if (exponent < -4 || exponent > 16) {
    return `${sign}${digits[0] ?? ''}.${digits.slice(1) || '0'}e${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole.slice(0, exponent + 1)}${fraction === '' ? '' : `.${fraction}`}`;
}
