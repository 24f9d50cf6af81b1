/**
 * loadBaseImage: reference → config, filesystem tree and history of a catalogue image.
 * Loaded images are immutable, so each catalogue entry is built once and shared.
 */
import type { Result } from '../diagnostics.ts';
import { emptyTree } from '../vfs/index.ts';
import { lookup, type Catalogue, type CatalogueEntry } from './catalogue.ts';
import { parseImageRef, scratchRef, type ImageRef } from './reference.ts';
import { buildRootfs } from './rootfs.ts';
import type { ConfigData, HistoryData } from './schema.ts';
import { unknownImageError } from './unknown-image.ts';
import type { BaseImage, HistoryEntry, ImageConfig, ImageRefError } from './types.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';


/** BuildKit's empty image (d2l/image.go emptyImage): what `FROM scratch` starts from. */
export function scratchImage(): BaseImage {
  return {
    ref: scratchRef.canonical,
    imageRef: scratchRef,
    config: {
      User: '', WorkingDir: '/', Env: [`PATH=${DEFAULT_PATH}`], Cmd: null, Entrypoint: null,
      ExposedPorts: [], Labels: {}, Volumes: [],
    },
    rootfs: emptyTree(),
    history: [],
    size: 0,
    sizeSource: 'scratch is the empty image: no layers, 0 bytes',
  };
}

const envName = (entry: string): string => entry.slice(0, entry.indexOf('=') === -1 ? entry.length : entry.indexOf('='));

function withEnv(env: readonly string[], set: Readonly<Record<string, string>>): string[] {
  const result = env.map((entry) => {
    const name = envName(entry);
    return name in set ? `${name}=${set[name] ?? ''}` : entry;
  });
  for (const [name, value] of Object.entries(set)) if (!result.some((e) => envName(e) === name)) result.push(`${name}=${value}`);
  // BuildKit adds the default PATH to any (non-Windows) base image lacking one.
  if (!result.some((e) => envName(e) === 'PATH')) result.unshift(`PATH=${DEFAULT_PATH}`);
  return result;
}

function imageConfig(base: ImageConfig | null, data: ConfigData, setEnv: Readonly<Record<string, string>>): ImageConfig {
  const from: ImageConfig = base ?? scratchImage().config;
  const config: ImageConfig = {
    User: data.User ?? from.User,
    WorkingDir: data.WorkingDir ?? from.WorkingDir,
    Env: withEnv(data.Env ?? from.Env, setEnv),
    Cmd: data.Cmd === undefined ? from.Cmd : data.Cmd,
    Entrypoint: data.Entrypoint === undefined ? from.Entrypoint : data.Entrypoint,
    ExposedPorts: data.ExposedPorts ?? from.ExposedPorts,
    Labels: data.Labels ?? from.Labels,
    Volumes: data.Volumes ?? from.Volumes,
  };
  const stopSignal = data.StopSignal ?? from.StopSignal;
  if (stopSignal !== undefined) config.StopSignal = stopSignal;
  const shell = data.Shell ?? from.Shell;
  if (shell !== undefined) config.Shell = shell;
  return config;
}

/**
 * `{{VAR}}` in history text from the image's own Env, so `like` entries show their own versions
 * (`ENV NODE_VERSION={{NODE_VERSION}}`). Not `${VAR}`: RUN text keeps the shell's own `${...}`.
 */
const expand = (text: string, env: readonly string[]): string =>
  text.replace(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g, (whole, name: string) => {
    const entry = env.find((e) => envName(e) === name);
    return entry === undefined ? whole : entry.slice(name.length + 1);
  });

function imageHistory(base: readonly HistoryEntry[], own: readonly HistoryData[], size: number, env: readonly string[], label: string): HistoryEntry[] {
  const known = base.reduce((sum, h) => sum + h.size, 0) + own.reduce((sum, h) => sum + (typeof h.size === 'number' ? h.size : 0), 0);
  const rest = size - known;
  const rests = own.filter((h) => h.size === 'rest').length;
  if (rests > 1) throw new Error(`image data: ${label} has ${rests} history entries sized "rest"`);
  const hasRest = rests === 1;
  if (rest < 0 || (!hasRest && rest !== 0)) throw new Error(`image data: ${label} history sums to ${known} bytes, size is ${size}`);
  const entries = own.map((h): HistoryEntry => {
    const entry: HistoryEntry = {
      createdBy: expand(h.createdBy, env),
      emptyLayer: h.emptyLayer === true,
      size: h.size === 'rest' ? rest : h.size ?? 0,
    };
    const source = h.size === 'rest' ? 'the image size less its base and its other layers' : h.source;
    if (source !== undefined) entry.sizeSource = source;
    return entry;
  });
  return [...base, ...entries];
}

/** Loads and caches catalogue images. One loader per catalogue; images are shared between callers. */
export interface ImageLoader {
  resolve(input: string): Result<{ ref: ImageRef; entry: CatalogueEntry | null }, ImageRefError>;
  load(input: string): Result<BaseImage, ImageRefError>;
}

/** Loaded images are shared by every caller; freezing makes an accidental edit fail loudly. */
function deepFreeze(value: object): void {
  Object.freeze(value);
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null && !Object.isFrozen(inner)) deepFreeze(inner);
}

export function createImageLoader(catalogue: Catalogue): ImageLoader {
  const built = new Map<CatalogueEntry, Omit<BaseImage, 'ref' | 'imageRef'>>();
  const building = new Set<CatalogueEntry>();

  function resolve(input: string): Result<{ ref: ImageRef; entry: CatalogueEntry | null }, ImageRefError> {
    const parsed = parseImageRef(input);
    if (!parsed.ok) return { ok: false, error: { code: 'InvalidReference', message: parsed.error.message, suggestions: [] } };
    const ref = parsed.value;
    if (ref === scratchRef) return { ok: true, value: { ref, entry: null } };
    const found = lookup(catalogue, ref);
    if (found.ok) return { ok: true, value: { ref, entry: found.value } };
    const familiarName = catalogue.familiar.get(ref.name) ?? ref.familiar.replace(/[:@].*$/, '');
    return { ok: false, error: unknownImageError(catalogue, ref, found.error.kind, found.error.suggestionsFrom, familiarName) };
  }

  function build(entry: CatalogueEntry): Omit<BaseImage, 'ref' | 'imageRef'> {
    const cached = built.get(entry);
    if (cached !== undefined) return cached;
    const { data } = entry;
    const label = `${entry.name}:${entry.primaryTag}`;
    if (building.has(entry)) throw new Error(`image data: ${label} is its own base`);
    building.add(entry);
    let base: Omit<BaseImage, 'ref' | 'imageRef'> | null = null;
    if (data.base !== undefined) {
      const parent = resolve(data.base);
      if (!parent.ok) throw new Error(`image data: ${label} base ${data.base}: ${parent.error.message}`);
      base = parent.value.entry === null ? scratchImage() : build(parent.value.entry);
    }
    const size = data.size ?? 0;
    const config = imageConfig(base?.config ?? null, data.config ?? {}, data.setEnv ?? {});
    const image = {
      config,
      rootfs: buildRootfs(base?.rootfs ?? emptyTree(), {
        dirs: data.dirs ?? {}, files: data.files ?? {}, symlinks: data.symlinks ?? {}, applets: data.applets ?? [], bulk: data.bulk ?? {},
      }, size, label),
      history: imageHistory(base?.history ?? [], data.history ?? [], size, config.Env, label),
      size,
      sizeSource: data.sizeSource ?? '',
    };
    deepFreeze(image.config);
    deepFreeze(image.history);
    built.set(entry, image);
    building.delete(entry);
    return image;
  }

  return {
    resolve,
    load(input) {
      const resolved = resolve(input);
      if (!resolved.ok) return resolved;
      const { ref, entry } = resolved.value;
      if (entry === null) return { ok: true, value: scratchImage() };
      return { ok: true, value: { ref: ref.canonical, imageRef: ref, ...build(entry) } };
    },
  };
}
