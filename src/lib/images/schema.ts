/**
 * The shape of a catalogue data file (src/lib/images/data/<family>.json) and its validator.
 * A small hand-written checker instead of a schema library: src/lib has no runtime dependencies.
 */
import type { Result } from '../diagnostics.ts';

/** A file the image ships: text (`lines`), text added to the base's file (`append`), or a declared size. */
export interface FileData {
  lines?: string[];
  append?: string[];
  size?: number;
  /** Octal permission bits as a string, e.g. "0755". Text files default to 0644, sized files to 0755. */
  mode?: string;
  uid?: number;
  gid?: number;
  /** Where a declared size comes from. Required with `size`. */
  source?: string;
}

export interface DirData {
  mode?: string;
  uid?: number;
  gid?: number;
}

/** Unlisted contents of a folder: a count and a byte total, or `rest` for "what the cited total leaves". */
export interface BulkData {
  files: number;
  bytes: number | 'rest';
  source: string;
}

/** Symlinks that all point to one program: busybox applets. */
export interface AppletData {
  target: string;
  paths: string[];
}

export interface HistoryData {
  /** `{{VAR}}` is replaced by the image's final Env value, so `like` entries can share history text. */
  createdBy: string;
  emptyLayer?: boolean;
  /** Bytes, or `rest` for what the image size leaves after the base and the other layers. */
  size?: number | 'rest';
  source?: string;
}

export interface ConfigData {
  User?: string;
  WorkingDir?: string;
  Env?: string[];
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  ExposedPorts?: string[];
  Labels?: Record<string, string>;
  Volumes?: string[];
  StopSignal?: string;
  Shell?: string[];
}

export interface ImageData {
  /** Tags of this repository that name this same image (aliases share one entry). */
  tags: string[];
  /** A tag of the same family whose data this entry starts from; the fields given here override. */
  like?: string;
  /** The catalogue image this one is built `FROM` (its files and history are inherited). */
  base?: string;
  /** What the image is, for the reference page: distro and version. */
  description?: string;
  size?: number;
  sizeSource?: string;
  config?: ConfigData;
  /** Env values replacing the inherited ones by name (with `like`). */
  setEnv?: Record<string, string>;
  /** In the maps below, `null` drops an entry the `like` template has (e.g. -slim's dpkg excludes). */
  dirs?: Record<string, DirData | null>;
  files?: Record<string, FileData | null>;
  symlinks?: Record<string, string | null>;
  applets?: AppletData[];
  bulk?: Record<string, BulkData | null>;
  history?: HistoryData[];
}

export interface FamilyData {
  /** Familiar repository names the tags belong to, e.g. ["node"], ["gcr.io/distroless/static-debian12", "gcr.io/distroless/static"]. */
  repositories: string[];
  description: string;
  /**
   * The month (`YYYY-MM`) of the snapshot the family's tags, versions and sizes reflect: moving tags
   * (`latest`, `lts`, `alpine`...) point where they pointed then.
   */
  asOf: string;
  /** Where the family's facts come from (Dockerfiles, repo-info pages). */
  sources: string[];
  images: ImageData[];
}

type Check = (value: unknown, at: string, problems: string[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const string: Check = (v, at, p) => { if (typeof v !== 'string') p.push(`${at}: expected a string`); };
const nonNegativeInt: Check = (v, at, p) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) p.push(`${at}: expected a non-negative integer`);
};
const octal: Check = (v, at, p) => {
  if (typeof v !== 'string' || !/^0?[0-7]{3,4}$/.test(v)) p.push(`${at}: expected an octal mode string like "0755"`);
};
const absolutePath = (at: string, path: string, p: string[]): void => {
  if (!path.startsWith('/') || path.endsWith('/') || path.includes('//')) p.push(`${at}: "${path}" is not an absolute path`);
};
const arrayOf = (item: Check): Check => (v, at, p) => {
  if (!Array.isArray(v)) { p.push(`${at}: expected an array`); return; }
  v.forEach((x, i) => item(x, `${at}[${i}]`, p));
};
const nullable = (inner: Check): Check => (v, at, p) => { if (v !== null) inner(v, at, p); };
const oneOf = (...checks: Check[]): Check => (v, at, p) => {
  const results = checks.map((c) => { const q: string[] = []; c(v, at, q); return q; });
  if (!results.some((q) => q.length === 0)) p.push(...(results[0] ?? []));
};
const yearMonth: Check = (v, at, p) => {
  if (typeof v !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) p.push(`${at}: expected a month like "2026-09"`);
};
const literal = (value: string): Check => (v, at, p) => { if (v !== value) p.push(`${at}: expected "${value}"`); };

/** An object with known fields only (a typo in a data file must not pass silently). */
const object = (fields: Record<string, { check: Check; required?: boolean }>): Check => (v, at, p) => {
  if (!isObject(v)) { p.push(`${at}: expected an object`); return; }
  for (const key of Object.keys(v)) if (!(key in fields)) p.push(`${at}.${key}: unknown field`);
  for (const [key, { check, required }] of Object.entries(fields)) {
    if (v[key] === undefined) { if (required === true) p.push(`${at}.${key}: required`); continue; }
    check(v[key], `${at}.${key}`, p);
  }
};
const pathMap = (item: Check): Check => (v, at, p) => {
  if (!isObject(v)) { p.push(`${at}: expected an object keyed by path`); return; }
  for (const [path, x] of Object.entries(v)) { absolutePath(at, path, p); item(x, `${at}["${path}"]`, p); }
};

const req = (check: Check) => ({ check, required: true });
const opt = (check: Check) => ({ check });

const fileData: Check = (v, at, p) => {
  object({
    lines: opt(arrayOf(string)), append: opt(arrayOf(string)), size: opt(nonNegativeInt), mode: opt(octal),
    uid: opt(nonNegativeInt), gid: opt(nonNegativeInt), source: opt(string),
  })(v, at, p);
  if (!isObject(v)) return;
  const kinds = ['lines', 'append', 'size'].filter((k) => v[k] !== undefined);
  if (kinds.length !== 1) p.push(`${at}: give exactly one of lines, append, size`);
  if (v['size'] !== undefined && v['source'] === undefined) p.push(`${at}: a declared size needs a source`);
};

const configData = object({
  User: opt(string), WorkingDir: opt(string), Env: opt(arrayOf(string)), Cmd: opt(nullable(arrayOf(string))),
  Entrypoint: opt(nullable(arrayOf(string))), ExposedPorts: opt(arrayOf(string)), Volumes: opt(arrayOf(string)),
  StopSignal: opt(string), Shell: opt(arrayOf(string)),
  Labels: opt((v, at, p) => {
    if (!isObject(v)) p.push(`${at}: expected an object`);
    else for (const [k, x] of Object.entries(v)) string(x, `${at}.${k}`, p);
  }),
});

const historyData: Check = (v, at, p) => {
  object({
    createdBy: req(string), emptyLayer: opt((x, a, q) => { if (typeof x !== 'boolean') q.push(`${a}: expected a boolean`); }),
    size: opt(oneOf(nonNegativeInt, literal('rest'))), source: opt(string),
  })(v, at, p);
  if (isObject(v) && v['emptyLayer'] !== true && v['size'] === undefined) p.push(`${at}: a layer needs a size`);
  if (isObject(v) && typeof v['size'] === 'number' && v['size'] > 0 && v['source'] === undefined) {
    p.push(`${at}: a layer size needs a source`);
  }
};

const imageData = object({
  tags: req(arrayOf(string)), like: opt(string), base: opt(string), description: opt(string),
  size: opt(nonNegativeInt), sizeSource: opt(string), config: opt(configData),
  setEnv: opt((v, at, p) => {
    if (!isObject(v)) p.push(`${at}: expected an object`);
    else for (const [k, x] of Object.entries(v)) string(x, `${at}.${k}`, p);
  }),
  dirs: opt(pathMap(nullable(object({ mode: opt(octal), uid: opt(nonNegativeInt), gid: opt(nonNegativeInt) })))),
  files: opt(pathMap(nullable(fileData))),
  symlinks: opt(pathMap(nullable(string))),
  applets: opt(arrayOf(object({ target: req(string), paths: req(arrayOf(string)) }))),
  bulk: opt(pathMap(nullable(object({ files: req(nonNegativeInt), bytes: req(oneOf(nonNegativeInt, literal('rest'))), source: req(string) })))),
  history: opt(arrayOf(historyData)),
});

const familyData = object({
  repositories: req(arrayOf(string)), description: req(string), asOf: req(yearMonth), sources: req(arrayOf(string)),
  images: req(arrayOf(imageData)),
});

/** Check a parsed data file against the schema; every problem is listed with its JSON path. */
export function validateFamilyData(value: unknown, file: string): Result<FamilyData, string[]> {
  const problems: string[] = [];
  familyData(value, file, problems);
  if (problems.length === 0 && isObject(value) && Array.isArray(value['images'])) {
    value['images'].forEach((image: unknown, i) => {
      if (!isObject(image)) return;
      const at = `${file}.images[${i}]`;
      if (image['like'] === undefined && (image['size'] === undefined || image['sizeSource'] === undefined)) {
        problems.push(`${at}: size and sizeSource are required (or "like" another entry)`);
      }
      const rests = Object.values(isObject(image['bulk']) ? image['bulk'] : {}).filter((b) => isObject(b) && b['bytes'] === 'rest');
      if (rests.length > 1) problems.push(`${at}.bulk: at most one folder may take the rest`);
    });
  }
  return problems.length === 0 ? { ok: true, value: value as FamilyData } : { ok: false, error: problems };
}
