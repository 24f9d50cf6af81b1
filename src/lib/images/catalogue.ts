/**
 * The catalogue index: every data file validated, `like` templates resolved, and every
 * repository:tag mapped to its image entry. Built once per catalogue; the data never changes.
 */
import type { Result } from '../diagnostics.ts';
import { parseImageRef, type ImageRef } from './reference.ts';
import type { FamilyData, ImageData } from './schema.ts';
import { validateFamilyData } from './schema.ts';
import type { CatalogueListing } from './types.ts';

/** An image entry with its `like` template applied: what the loader builds. */
export interface CatalogueEntry {
  /** `docker.io/library/node` etc.: the first repository of the family. */
  name: string;
  /** The entry's first tag: the cache key with `name`. */
  primaryTag: string;
  family: FamilyData;
  data: ImageData;
}

export interface Catalogue {
  /** Entries by full name (`docker.io/library/node`), then by tag. */
  repositories: ReadonlyMap<string, ReadonlyMap<string, CatalogueEntry>>;
  /** Familiar repository names (`node`, `gcr.io/distroless/static`) by full name. */
  familiar: ReadonlyMap<string, string>;
  entries: readonly CatalogueEntry[];
}

function mergeLike(liked: ImageData, self: ImageData): ImageData {
  const merged: ImageData = { ...liked, ...self };
  merged.config = { ...liked.config, ...self.config };
  merged.setEnv = { ...liked.setEnv, ...self.setEnv };
  merged.dirs = { ...liked.dirs, ...self.dirs };
  merged.files = { ...liked.files, ...self.files };
  merged.symlinks = { ...liked.symlinks, ...self.symlinks };
  merged.bulk = { ...liked.bulk, ...self.bulk };
  delete merged.like;
  return merged;
}

function resolveLike(family: FamilyData, image: ImageData, file: string, seen: readonly string[] = []): ImageData {
  if (image.like === undefined) return image;
  const likeTag = image.like;
  if (seen.includes(likeTag)) throw new Error(`${file}: "like" cycle through ${likeTag}`);
  const liked = family.images.find((other) => other.tags.includes(likeTag));
  if (liked === undefined) throw new Error(`${file}: "like": no tag ${likeTag} in this family`);
  return mergeLike(resolveLike(family, liked, file, [...seen, likeTag]), image);
}

function fullName(familiarRepository: string, file: string): string {
  const parsed = parseImageRef(familiarRepository);
  if (!parsed.ok) throw new Error(`${file}: repository ${familiarRepository}: ${parsed.error.message}`);
  return parsed.value.name;
}

/** Index validated families. Invalid data is a bug in a shipped file, so it throws with every problem. */
export function createCatalogue(files: Readonly<Record<string, unknown>>): Catalogue {
  const repositories = new Map<string, Map<string, CatalogueEntry>>();
  const familiar = new Map<string, string>();
  const entries: CatalogueEntry[] = [];
  for (const [file, json] of Object.entries(files)) {
    const checked = validateFamilyData(json, file);
    if (!checked.ok) throw new Error(`invalid image data:\n${checked.error.join('\n')}`);
    const family = checked.value;
    const names = family.repositories.map((repository) => fullName(repository, file));
    for (const image of family.images) {
      const [primaryTag] = image.tags;
      if (primaryTag === undefined) throw new Error(`${file}: an image without tags`);
      const entry: CatalogueEntry = { name: names[0] ?? '', primaryTag, family, data: resolveLike(family, image, file) };
      entries.push(entry);
      names.forEach((name, i) => {
        familiar.set(name, family.repositories[i] ?? name);
        const tags = repositories.get(name) ?? new Map<string, CatalogueEntry>();
        for (const tag of image.tags) {
          if (tags.has(tag)) throw new Error(`${file}: tag ${tag} listed twice`);
          tags.set(tag, entry);
        }
        repositories.set(name, tags);
      });
    }
  }
  return { repositories, familiar, entries };
}

export type LookupResult = Result<CatalogueEntry, { kind: 'repository' | 'tag'; suggestionsFrom: readonly string[] }>;

/** The entry a parsed reference names, or which list of names to suggest from. */
export function lookup(catalogue: Catalogue, ref: ImageRef): LookupResult {
  const tags = catalogue.repositories.get(ref.name);
  if (tags === undefined) return { ok: false, error: { kind: 'repository', suggestionsFrom: [...catalogue.familiar.values()] } };
  const entry = ref.tag === null ? undefined : tags.get(ref.tag);
  if (entry === undefined) return { ok: false, error: { kind: 'tag', suggestionsFrom: [...tags.keys()] } };
  return { ok: true, value: entry };
}

/** One row per image entry, for the reference page: repository, its tags, size, the size's source and the snapshot month. */
export function listEntries(catalogue: Catalogue): CatalogueListing[] {
  return catalogue.entries.map((entry) => ({
    repository: catalogue.familiar.get(entry.name) ?? entry.name,
    tags: entry.data.tags,
    size: entry.data.size ?? 0,
    sizeSource: entry.data.sizeSource ?? '',
    description: entry.data.description ?? entry.family.description,
    asOf: entry.family.asOf,
  }));
}
