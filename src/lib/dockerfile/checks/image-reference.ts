/**
 * Whether text is a valid image reference (distribution/reference grammar, simplified to what a
 * check needs: [domain/]path[:tag][@digest], lower-case path components).
 */
const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domain = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/|localhost(?::[0-9]+)?/)';
const reference = new RegExp(
  `^(?:${domain})?${component}(?:/${component})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

export function isValidReference(text: string): boolean {
  return text.length > 0 && text.length <= 255 + 128 && reference.test(text);
}

/** The tag of a reference (`node:20` → `20`), '' when untagged; a digest counts as pinned. */
export function referenceTag(text: string): { tag: string; digest: boolean } {
  const at = text.indexOf('@');
  const digest = at >= 0;
  const name = digest ? text.slice(0, at) : text;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return { tag: colon > slash ? name.slice(colon + 1) : '', digest };
}
