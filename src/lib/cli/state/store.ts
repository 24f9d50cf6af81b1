/**
 * The image store and build cache kept in a state folder (`--state DIR`, `STAGECRAFT_STATE`,
 * default `.stagecraft-state/`), so a second invocation sees the first build's images and cache,
 * as a Docker daemon would.
 */
import { deserializeCache, digestOf, normaliseTag, serializeCache, type BuildCache, type CacheJson, type ImageResult } from '../../build/index.ts';
import type { RealRunRequest } from '../../realrun/types.ts';
import type { CliIo } from '../io.ts';
import { stateHost, type StateHost } from './host.ts';

export interface StoredImage {
  /** 64 hex digits, as `sha256:<id>` in inspect; the first 12 are the IMAGE ID column. */
  id: string;
  repoTags: string[];
  /** Milliseconds since the epoch, or null when the host has no clock. */
  created: number | null;
  image: ImageResult;
  /**
   * How the image was built (Dockerfile, context, target, build args; never secrets), kept by the
   * browser's daemon so `docker run --real` can replay the build in a WebContainer.
   */
  recipe?: RealRunRequest['recipe'];
}

export interface StateStore {
  dir: string;
  images: StoredImage[];
  cache: BuildCache;
}

const IMAGES = 'images.json';
const CACHE = 'cache.json';

/** `path` made absolute against `cwd`, with `.`, `..` and repeated slashes folded. */
export function absolute(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The state folder from `--state` (already taken from args), the environment, or the default. */
export function stateDir(io: CliIo, flag: string | undefined): string {
  return absolute(io.cwd, flag ?? io.env['STAGECRAFT_STATE'] ?? '.stagecraft-state');
}

/** Takes `--state DIR` / `--state=DIR` out of the arguments. */
export function takeStateFlag(args: readonly string[]): { rest: string[]; state: string | undefined } {
  const rest: string[] = [];
  let state: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--state') state = args[++i];
    else if (a.startsWith('--state=')) state = a.slice('--state='.length);
    else rest.push(a);
  }
  return { rest, state };
}

const STALE_CACHE = 'WARNING: build cache from another Stagecraft version dropped\n';

export function loadStore(io: CliIo, dir: string, withCache: boolean): StateStore {
  const images = readJson(io, `${dir}/${IMAGES}`);
  return {
    dir,
    images: Array.isArray(images) ? (images as StoredImage[]) : [],
    cache: deserializeCache(withCache ? currentCache(io, `${dir}/${CACHE}`) : null),
  };
}

/**
 * The cache file's JSON, or null when another simulator wrote it: its layers were computed by other
 * code or data, and reusing them would show stale results as CACHED (said once on stderr).
 */
function currentCache(io: CliIo, path: string): unknown {
  const json = readJson(io, path);
  if (json === null || typeof json !== 'object') return json;
  if ((json as Partial<CacheJson>).stamp === stateHost(io)?.simulatorStamp?.()) return json;
  io.stderr(STALE_CACHE);
  return null;
}

function readJson(io: CliIo, path: string): unknown {
  const text = io.readFile(path);
  if (!text.ok) return null;
  try {
    return JSON.parse(text.value) as unknown;
  } catch {
    return null;
  }
}

export function saveImages(host: StateHost, store: StateStore): string | null {
  const r = host.writeFile(`${store.dir}/${IMAGES}`, JSON.stringify(store.images));
  return r.ok ? null : r.error;
}

export function saveCache(host: StateHost, store: StateStore): string | null {
  const r = host.writeFile(`${store.dir}/${CACHE}`, JSON.stringify(serializeCache(store.cache, host.simulatorStamp?.())));
  return r.ok ? null : r.error;
}

/** A stable 64-hex id from the image's content (config, history and files). */
export function imageId(image: ImageResult): string {
  return digestOf(JSON.stringify([image.config, image.history, image.files]));
}

/** `myapp` → `myapp:latest`. */
export { normaliseTag as normaliseName } from '../../build/index.ts';

/** An image by `name[:tag]`, full or short id (docker accepts any unique id prefix). */
export function findImage(store: StateStore, ref: string): StoredImage | undefined {
  const tag = normaliseTag(ref);
  const byTag = store.images.find((i) => i.repoTags.includes(tag));
  if (byTag !== undefined) return byTag;
  const id = ref.replace(/^sha256:/, '');
  return /^[0-9a-f]{4,64}$/.test(id) ? store.images.find((i) => i.id.startsWith(id)) : undefined;
}

/** Adds a built image; the tag moves from any older image (which stays, untagged, as `<none>`). */
export function addImage(
  store: StateStore,
  image: ImageResult,
  tag: string | null,
  created: number | null,
  recipe?: RealRunRequest['recipe'],
): StoredImage {
  const id = imageId(image);
  for (const other of store.images) other.repoTags = other.repoTags.filter((t) => t !== tag);
  let stored = store.images.find((i) => i.id === id);
  if (stored === undefined) {
    stored = { id, repoTags: [], created, image };
    store.images.unshift(stored);
  }
  if (recipe !== undefined) stored.recipe = recipe;
  if (tag !== null && !stored.repoTags.includes(tag)) stored.repoTags.push(tag);
  return stored;
}

/** "2 minutes ago", as docker's units.HumanDuration prints it. */
export function createdAgo(created: number | null, now: number | null): string {
  if (created === null || now === null) return 'N/A';
  const s = Math.max(0, Math.round((now - created) / 1000));
  if (s < 1) return 'Less than a second ago';
  if (s === 1) return '1 second ago';
  if (s < 60) return `${s} seconds ago`;
  const m = Math.round(s / 60);
  if (m === 1) return 'About a minute ago';
  if (m < 60) return `${m} minutes ago`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour ago';
  if (h < 48) return `${h} hours ago`;
  const d = Math.round(s / 86400);
  if (d < 14) return `${d} days ago`;
  if (d < 60) return `${Math.round(d / 7)} weeks ago`;
  return d < 365 * 2 ? `${Math.round(d / 30)} months ago` : `${Math.round(d / 365)} years ago`;
}
