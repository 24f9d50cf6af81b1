/**
 * The playground's whole state (what a share link and localStorage carry) and its validation.
 * Anything read back from a URL or storage is untrusted: `validateState` checks every field and
 * every limit and says what is wrong, instead of letting a bad value reach the editor or the engine.
 */
import { err, ok, type Diagnostic, type Result } from '../diagnostics.ts';

export type Builder = 'buildkit' | 'legacy';

export interface PlaygroundOptions {
  /** The stage to build; null builds the last stage. */
  target: string | null;
  buildArgs: Record<string, string>;
  builder: Builder;
  noCache: boolean;
}

export interface PlaygroundState {
  dockerfile: string;
  /** Build context by relative path; a key ending in `/` is an empty folder (its value is ''). */
  files: Record<string, string>;
  options: PlaygroundOptions;
}

/** Limits on what a link or saved state may hold, so a hostile link cannot freeze the page. */
export const limits = {
  /** Characters of the encoded fragment. */
  fragmentChars: 200_000,
  /** Bytes of the decompressed JSON. */
  jsonBytes: 1_000_000,
  files: 500,
  pathChars: 255,
  buildArgs: 100,
} as const;

export const defaultOptions = (): PlaygroundOptions => ({ target: null, buildArgs: {}, builder: 'buildkit', noCache: false });

export function shareError(code: string, message: string, hint?: string): Diagnostic {
  return hint === undefined ? { severity: 'error', code, message } : { severity: 'error', code, message, hint };
}

const invalid = (what: string): Result<never> =>
  err(shareError('share-invalid', `The shared state is not valid: ${what}.`, 'The link may have been cut short or edited by hand; ask for a fresh one.'));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A context path is relative, has no `.`/`..` segments and no empty segments (a trailing `/` marks a folder). */
export function isContextPath(path: string): boolean {
  if (path.length === 0 || path.length > limits.pathChars || path.startsWith('/') || path.includes('\\')) return false;
  const segments = (path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

function validateStringMap(value: unknown, field: string, max: number, key: (k: string) => boolean): Result<Record<string, string>> {
  if (!isRecord(value)) return invalid(`${field} is not an object`);
  const entries = Object.entries(value);
  if (entries.length > max) return invalid(`${field} has ${entries.length} entries (at most ${max})`);
  for (const [k, v] of entries) {
    if (!key(k)) return invalid(`${field} has a bad key ${JSON.stringify(k.slice(0, 80))}`);
    if (typeof v !== 'string') return invalid(`${field}[${JSON.stringify(k)}] is not text`);
  }
  // fromEntries defines own properties, so a `__proto__` key stays a key and never a prototype.
  return ok(Object.fromEntries(entries) as Record<string, string>);
}

const isArgName = (k: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && k.length <= 128;

/** Checks an untrusted value (parsed JSON) and returns a clean copy holding only known fields. */
export function validateState(value: unknown): Result<PlaygroundState> {
  if (!isRecord(value)) return invalid('it is not an object');
  if (typeof value['dockerfile'] !== 'string') return invalid('the Dockerfile is missing');
  const files = validateStringMap(value['files'], 'files', limits.files, isContextPath);
  if (!files.ok) return files;
  const o = value['options'];
  if (!isRecord(o)) return invalid('options are missing');
  const target = o['target'];
  if (target !== null && (typeof target !== 'string' || target.length > 128)) return invalid('the target is not a stage name');
  const buildArgs = validateStringMap(o['buildArgs'], 'build args', limits.buildArgs, isArgName);
  if (!buildArgs.ok) return buildArgs;
  const builder = o['builder'];
  if (builder !== 'buildkit' && builder !== 'legacy') return invalid('the builder is neither buildkit nor legacy');
  if (typeof o['noCache'] !== 'boolean') return invalid('no-cache is not true or false');
  return ok({
    dockerfile: value['dockerfile'],
    files: files.value,
    options: { target, buildArgs: buildArgs.value, builder, noCache: o['noCache'] },
  });
}
