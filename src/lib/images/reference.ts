/**
 * Image references parsed and normalised the way Docker does it (github.com/distribution/reference,
 * `ParseNormalizedNamed` + `TagNameOnly`): `node` → `docker.io/library/node:latest`.
 * Error texts are distribution/reference's own, because BuildKit shows them verbatim
 * (wrapped as `failed to parse stage name "<name>": <err>` by the build engine).
 */
import type { Result } from '../diagnostics.ts';

export interface ImageRef {
  /** Registry host, e.g. `docker.io`, `gcr.io`; empty for `scratch`. */
  domain: string;
  /** Repository path inside the registry, e.g. `library/node`, `distroless/static-debian12`. */
  path: string;
  /** The tag; `latest` when neither a tag nor a digest was written. Null for a digest-only reference. */
  tag: string | null;
  /** `sha256:<hex>` when one was written. */
  digest: string | null;
  /** `domain/path`, e.g. `docker.io/library/node`. */
  name: string;
  /** Fully qualified: `docker.io/library/node:20-alpine` (plus `@digest` when given). */
  canonical: string;
  /** What `docker images` shows: `node:20-alpine`, `gcr.io/distroless/static-debian12:nonroot`. */
  familiar: string;
}

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const NAME_TOTAL_LENGTH_MAX = 255;

// The grammar of distribution/reference regexp.go, composed the same way.
const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainName}|${ipv6})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const namePattern = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;
const referenceRegexp = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredIdentifier = /^[a-f0-9]{64}$/;

/** go-digest: the algorithms Docker accepts and their hex lengths. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export const SCRATCH = 'scratch';

export interface ReferenceError {
  message: string;
}

const fail = (message: string): Result<never, ReferenceError> => ({ ok: false, error: { message } });

/** distribution/reference splitDockerDomain: the first component is a registry only if it looks like a host. */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = slash === -1 ? '' : name.slice(0, slash);
  if (slash === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(slash + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

function validateDigest(digest: string): string | null {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) return 'unsupported digest algorithm';
  if (hex.length !== length) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
  return null;
}

/** `docker.io/library/node` → `node`; `docker.io/bitnami/x` → `bitnami/x`; other registries unchanged. */
export function familiarName(domain: string, path: string): string {
  if (domain !== DEFAULT_DOMAIN) return `${domain}/${path}`;
  return path.startsWith(OFFICIAL_REPO_PREFIX) && !path.slice(OFFICIAL_REPO_PREFIX.length).includes('/')
    ? path.slice(OFFICIAL_REPO_PREFIX.length)
    : path;
}

function makeRef(domain: string, path: string, tag: string | null, digest: string | null): ImageRef {
  const name = `${domain}/${path}`;
  const suffix = (tag === null ? '' : `:${tag}`) + (digest === null ? '' : `@${digest}`);
  return { domain, path, tag, digest, name, canonical: name + suffix, familiar: familiarName(domain, path) + suffix };
}

/** The reference BuildKit uses for `FROM scratch`: no registry, no layers. */
export const scratchRef: ImageRef = {
  domain: '', path: SCRATCH, tag: null, digest: null, name: SCRATCH, canonical: SCRATCH, familiar: SCRATCH,
};

/**
 * Parse an image reference as `docker pull` / `FROM` do. A missing tag becomes `latest` unless a
 * digest is given. `scratch` (exactly, as BuildKit compares it) is the empty image.
 */
export function parseImageRef(input: string): Result<ImageRef, ReferenceError> {
  if (input === SCRATCH) return { ok: true, value: scratchRef };
  if (anchoredIdentifier.test(input)) {
    return fail(`invalid repository name (${input}), cannot specify 64-byte hexadecimal strings`);
  }
  const { domain, remainder } = splitDockerDomain(input);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep === -1 ? remainder : remainder.slice(0, tagSep);
  if (remoteName.toLowerCase() !== remoteName) {
    return fail(`invalid reference format: repository name (${remoteName}) must be lowercase`);
  }
  const full = `${domain}/${remainder}`;
  const match = referenceRegexp.exec(full);
  if (match === null) {
    if (referenceRegexp.test(full.toLowerCase())) return fail('repository name must be lowercase');
    return fail('invalid reference format');
  }
  const [, name = '', tag, digest] = match;
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return fail(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  if (digest !== undefined) {
    const problem = validateDigest(digest);
    if (problem !== null) return fail(problem);
  }
  const path = name.slice(domain.length + 1);
  const effectiveTag = tag ?? (digest === undefined ? 'latest' : null);
  return { ok: true, value: makeRef(domain, path, effectiveTag, digest ?? null) };
}
