/**
 * What `npm ci` asks of a package-lock.json before it installs anything, as a list of problems (empty:
 * npm would install it): lockfileVersion 3, a root entry in sync with package.json, and every package
 * pinned (version, registry tarball, integrity) with each dependency it declares locked where Node
 * will find it, at a version its range accepts.
 */

export interface PackageManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface LockEntry extends PackageManifest {
  version?: string;
  resolved?: string;
  integrity?: string;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface LockFile {
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

type Version = readonly [number, number, number];

function parseVersion(text: string): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * node-semver's `satisfies` for the range forms package manifests use (`*`, `^`, `~`, `>=`, `<`, exact
 * or partial versions, `||`); release versions only. Any other form throws, so a lock that needs more
 * fails loudly instead of passing unchecked.
 */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (v === undefined) throw new Error(`not a release version: ${version}`);
  return range.split('||').some((set) =>
    set
      .trim()
      .replace(/([<>=~^]+)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => comparatorAccepts(v, comparator, range)),
  );
}

function comparatorAccepts(v: Version, comparator: string, range: string): boolean {
  if (comparator === '*' || comparator === '') return true;
  const match = /^(\^|~|>=|<)?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(comparator);
  if (!match) throw new Error(`unsupported range: ${range}`);
  const [, op = '', ...rest] = match;
  const parts = rest.filter((part) => part !== undefined).map(Number);
  const [major = 0, minor = 0, patch = 0] = parts;
  const low: Version = [major, minor, patch];
  if (op === '>=') return compare(v, low) >= 0;
  if (op === '<') return compare(v, low) < 0;
  if (op === '' && parts.length === 3) return compare(v, low) === 0;
  // ^ lets everything right of the leftmost non-zero part move; ~ and partial versions only the patch (the minor too when only a major is given)
  const high: Version = op === '^' ? caretCeiling(parts) : parts.length === 1 ? [major + 1, 0, 0] : [major, minor + 1, 0];
  return compare(v, low) >= 0 && compare(v, high) < 0;
}

function caretCeiling(parts: readonly number[]): Version {
  const [major = 0, minor = 0, patch = 0] = parts;
  if (major > 0 || parts.length === 1) return [major + 1, 0, 0];
  if (minor > 0 || parts.length === 2) return [0, minor + 1, 0];
  return [0, 0, patch + 1];
}

/** The lock key Node's lookup reaches for `name` required from the package at `from` ('' is the root). */
function lookup(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const key = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (packages[key] !== undefined) return key;
    if (dir === '') return undefined;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent === -1 ? '' : dir.slice(0, parent);
  }
}

/** The dependencies npm must install for the entry at `key`: optional peers are left to the user. */
function requiredBy(key: string, entry: LockEntry): [string, string][] {
  const peers = Object.entries(entry.peerDependencies ?? {}).filter(([name]) => entry.peerDependenciesMeta?.[name]?.optional !== true);
  return [
    ...Object.entries(entry.dependencies ?? {}),
    ...Object.entries(entry.optionalDependencies ?? {}),
    ...(key === '' ? Object.entries(entry.devDependencies ?? {}) : []),
    ...peers,
  ];
}

const sameRecord = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);

const tarballOf = (name: string, version: string): string => `https://registry.npmjs.org/${name}/-/${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;

/** Why `npm ci` would refuse (or install something else than) this lock for this package.json. */
export function lockProblems(manifest: PackageManifest, lock: LockFile): string[] {
  const problems: string[] = [];
  if (lock.lockfileVersion !== 3) problems.push(`lockfileVersion is ${String(lock.lockfileVersion)}, not 3`);
  const packages = lock.packages ?? {};
  const root = packages[''];
  if (root === undefined) return [...problems, 'no root entry ("")'];
  for (const field of DEPENDENCY_FIELDS) {
    if (!sameRecord(root[field] ?? {}, manifest[field] ?? {})) problems.push(`root ${field} differ from package.json`);
  }
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '') continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!key.startsWith('node_modules/')) problems.push(`${key}: not a node_modules entry`);
    if (entry.version === undefined || parseVersion(entry.version) === undefined) problems.push(`${key}: no release version`);
    else if (entry.resolved !== tarballOf(name, entry.version)) problems.push(`${key}: resolved is ${String(entry.resolved)}, not ${tarballOf(name, entry.version)}`);
    if (!/^sha512-[A-Za-z0-9+/]{86}==$/.test(entry.integrity ?? '')) problems.push(`${key}: no sha512 integrity`);
  }
  for (const [key, entry] of Object.entries(packages)) {
    for (const [name, range] of requiredBy(key, entry)) {
      const found = lookup(packages, key, name);
      const locked = found === undefined ? undefined : packages[found]?.version;
      if (locked === undefined) problems.push(`${key || 'root'} needs ${name}@${range}: not in the lock`);
      else if (parseVersion(locked) !== undefined && !satisfies(locked, range)) problems.push(`${key || 'root'} needs ${name}@${range}: ${found} is ${locked}`);
    }
  }
  return problems;
}
