/** The error for a reference the catalogue does not hold: the registry's words plus close names. */
import type { Catalogue } from './catalogue.ts';
import type { ImageRef } from './reference.ts';
import { closest } from './suggest.ts';
import type { ImageRefError } from './types.ts';

/** The registry's words for a missing image or tag, plus the catalogue's closest names. */
export function unknownImageError(catalogue: Catalogue, ref: ImageRef, kind: 'repository' | 'tag', names: readonly string[], familiarName: string): ImageRefError {
  if (kind === 'repository') {
    const lastPart = (name: string): string => name.split('/').pop() ?? name;
    const repositories = closest(familiarName, names, 5, Math.max(2, Math.floor(familiarName.length / 3)))
      .concat(names.filter((n) => lastPart(n) === lastPart(familiarName) && n !== familiarName))
      .filter((n, i, all) => all.indexOf(n) === i);
    // `nod:20-alpine` → `node:20-alpine` when that repository has the tag asked for.
    const suggestions = repositories.map((name) => {
      const full = [...catalogue.familiar].find(([, familiar]) => familiar === name)?.[0];
      const hasTag = ref.tag !== null && full !== undefined && catalogue.repositories.get(full)?.has(ref.tag) === true;
      return hasTag ? `${name}:${ref.tag ?? ''}` : name;
    });
    return {
      code: 'UnknownImage',
      message: `failed to resolve source metadata for ${ref.canonical}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      hint: suggestions.length > 0
        ? `Stagecraft's image catalogue has no ${familiarName}. Did you mean ${suggestions.join(', ')}?`
        : `Stagecraft's image catalogue has no ${familiarName}; see the list of available images.`,
      suggestions,
    };
  }
  const wantedTag = ref.tag ?? '';
  const tags = ref.tag === null ? [] : closest(wantedTag, names, 6, Math.max(3, Math.floor(wantedTag.length / 2)));
  const suggestions = (tags.length > 0 ? tags : names.slice(0, 6)).map((tag) => `${familiarName}:${tag}`);
  return {
    code: 'UnknownTag',
    message: `failed to resolve source metadata for ${ref.canonical}: ${ref.canonical}: not found`,
    hint: ref.tag === null
      ? `Stagecraft's catalogue knows images by tag, not by digest: name a tag, e.g. ${suggestions[0] ?? familiarName}.`
      : `Stagecraft's catalogue has no ${familiarName}:${wantedTag}. Close tags: ${suggestions.join(', ')}.`,
    suggestions,
  };
}
