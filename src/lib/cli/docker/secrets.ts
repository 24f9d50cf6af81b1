/**
 * `--secret id=x[,src=FILE][,env=VAR][,type=file|env]`, read as buildx reads it (buildflags
 * parseSecret, then BuildKit's secretsprovider store): `type=env` makes `src` the variable's name;
 * with neither `src` nor `env`, a variable named like the id is used when set, else a file named
 * like the id. An unset variable gives an empty secret; a missing file is an error.
 */
import type { Result } from '../../diagnostics.ts';

export interface SecretSpec {
  id: string;
  file: string | null;
  env: string | null;
}

/** Where `--secret` values are read from: the client's files and environment. */
export interface SecretHost {
  readFile(path: string): Result<string, string>;
  env(name: string): string | undefined;
}

export function parseSecretSpec(spec: string): Result<SecretSpec, string> {
  let id = '';
  let file: string | null = null;
  let env: string | null = null;
  let type: string | null = null;
  for (const field of spec.split(',')) {
    const eq = field.indexOf('=');
    if (eq < 0) return { ok: false, error: `invalid field '${field}' must be a key=value pair` };
    const key = field.slice(0, eq).toLowerCase();
    const value = field.slice(eq + 1);
    if (key === 'type') {
      if (value !== 'file' && value !== 'env') return { ok: false, error: `unsupported secret type "${value}"` };
      type = value;
    } else if (key === 'id') id = value;
    else if (key === 'source' || key === 'src') file = value;
    else if (key === 'env') env = value;
    else return { ok: false, error: `unexpected key '${key}' in '${field}'` };
  }
  if (type === 'env' && env === null) {
    env = file;
    file = null;
  }
  if (id === '') return { ok: false, error: 'secret missing ID' };
  return { ok: true, value: { id, file, env } };
}

/** Every `--secret` flag's value by id, or the first error in buildx's words. */
export function loadSecrets(specs: readonly string[], host: SecretHost): Result<Record<string, string>, string> {
  const secrets: Record<string, string> = {};
  for (const text of specs) {
    const spec = parseSecretSpec(text);
    if (!spec.ok) return spec;
    const { id } = spec.value;
    let { file, env } = spec.value;
    if (file === null && env === null) {
      if (host.env(id) !== undefined) env = id;
      else file = id;
    }
    // BuildKit checks a given file even when a variable is given too; the variable then wins.
    let content = '';
    if (file !== null) {
      const read = host.readFile(file);
      if (!read.ok) return { ok: false, error: `failed to stat ${file}: stat ${file}: no such file or directory` };
      content = read.value;
    }
    secrets[id] = env === null ? content : host.env(env) ?? '';
  }
  return { ok: true, value: secrets };
}
