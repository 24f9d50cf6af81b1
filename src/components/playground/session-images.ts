/**
 * The playground's builds in the session's image store, where the terminal sees them: each
 * successful build is tagged `playground:latest` (PLAYGROUND_TAG). Docker would keep the image it replaces as a
 * dangling `<none>`; the playground rebuilds on every pause in typing, so it drops the one it
 * replaced instead (unless the terminal tagged it meanwhile), or `docker images` would fill up.
 */
import type { BuildInput, ImageResult } from '../../lib/build/index.ts';
import { addImage, type StateStore } from '../../lib/cli/state/store.ts';
import { PLAYGROUND_TAG } from './build-protocol.ts';

export function storePlaygroundImage(store: StateStore, image: ImageResult, created: number, recipe: Omit<BuildInput, 'secrets'>): void {
  const previous = store.images.find((i) => i.repoTags.includes(PLAYGROUND_TAG));
  const stored = addImage(store, image, PLAYGROUND_TAG, created, recipe);
  if (previous !== undefined && previous !== stored && previous.repoTags.length === 0) store.images.splice(store.images.indexOf(previous), 1);
}
