/**
 * The base-image catalogue: image references parsed as Docker parses them, and for each catalogue
 * image its config, filesystem tree (vfs) and history, built from the data files in ./data.
 */
import type { Result } from '../diagnostics.ts';
import { createCatalogue, listEntries } from './catalogue.ts';
import { createImageLoader } from './load.ts';
import type { ImageRef } from './reference.ts';
import type { BaseImage, CatalogueListing, ImageRefError } from './types.ts';
import alpine from './data/alpine.json' with { type: 'json' };
import buildpackDeps from './data/buildpack-deps.json' with { type: 'json' };
import busybox from './data/busybox.json' with { type: 'json' };
import composer from './data/composer.json' with { type: 'json' };
import debian from './data/debian.json' with { type: 'json' };
import distrolessBase from './data/distroless-base.json' with { type: 'json' };
import distrolessStatic from './data/distroless-static.json' with { type: 'json' };
import eclipseTemurin from './data/eclipse-temurin.json' with { type: 'json' };
import golang from './data/golang.json' with { type: 'json' };
import httpd from './data/httpd.json' with { type: 'json' };
import nginx from './data/nginx.json' with { type: 'json' };
import node from './data/node.json' with { type: 'json' };
import php from './data/php.json' with { type: 'json' };
import python from './data/python.json' with { type: 'json' };
import rust from './data/rust.json' with { type: 'json' };
import ubuntu from './data/ubuntu.json' with { type: 'json' };

export type { BaseImage, CatalogueListing, HistoryEntry, ImageConfig, ImageRefError } from './types.ts';
export type { ImageRef, ReferenceError } from './reference.ts';
export { parseImageRef, familiarName, scratchRef, SCRATCH, DEFAULT_DOMAIN } from './reference.ts';
export { DEFAULT_PATH, scratchImage } from './load.ts';
export { validateFamilyData } from './schema.ts';
export type { FamilyData, ImageData } from './schema.ts';
export { createCatalogue } from './catalogue.ts';
export { createImageLoader } from './load.ts';

/** The data files, by file name (the validator names problems by file). */
export const CATALOGUE_DATA: Readonly<Record<string, unknown>> = {
  'alpine.json': alpine,
  'buildpack-deps.json': buildpackDeps,
  'busybox.json': busybox,
  'composer.json': composer,
  'debian.json': debian,
  'distroless-base.json': distrolessBase,
  'distroless-static.json': distrolessStatic,
  'eclipse-temurin.json': eclipseTemurin,
  'golang.json': golang,
  'httpd.json': httpd,
  'nginx.json': nginx,
  'node.json': node,
  'php.json': php,
  'python.json': python,
  'rust.json': rust,
  'ubuntu.json': ubuntu,
};

const catalogue = createCatalogue(CATALOGUE_DATA);
const loader = createImageLoader(catalogue);

/** Parse a reference and check the catalogue has it: `node:20-alpine` → docker.io/library/node:20-alpine. */
export function resolveImageRef(ref: string): Result<ImageRef, ImageRefError> {
  const resolved = loader.resolve(ref);
  return resolved.ok ? { ok: true, value: resolved.value.ref } : resolved;
}

/** The image a `FROM` names: config, rootfs tree, history and size. Trees are built once and shared. */
export function loadBaseImage(ref: string): Result<BaseImage, ImageRefError> {
  return loader.load(ref);
}

/** Every catalogue image (one row per image, its tags together), for the reference page. */
export function listImages(): CatalogueListing[] {
  return listEntries(catalogue);
}
