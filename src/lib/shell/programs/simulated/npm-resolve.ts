/**
 * Which version `npm install name@spec` takes from the catalogue, and the range it saves in
 * package.json: npm-pick-manifest's choice (the `latest` version when it satisfies the spec, else the
 * highest that does) and arborist's save rule (`^version`, or the spec itself when `^version` would
 * allow versions outside it, e.g. `~2.0.0`).
 */
import { npmCatalogue } from './catalogues.ts';
import { npmPackage } from './npm-project.ts';
import { satisfiesRange } from './npm-semver.ts';

const EXACT = /^[=v]?\d+\.\d+\.\d+$/;

/** The version an exact spec names (`1.2.3`, `=1.2.3`, `v1.2.3`), else undefined. */
export const exactVersion = (spec: string): string | undefined => (EXACT.test(spec) ? spec.replace(/^[=v]/, '') : undefined);

/** A spec npm reads as the `latest` tag: none, `latest` or `*`. */
const isLatest = (spec: string): boolean => spec === '' || spec === 'latest' || spec === '*';

/**
 * The catalogued version `spec` resolves to; undefined when none satisfies it. A
 * package the catalogue lacks takes the exact version asked for, else the labelled default's.
 */
export function resolveSpec(name: string, spec: string): string | undefined {
  const pkg = npmCatalogue.packages[name];
  if (pkg === undefined) return exactVersion(spec) ?? npmPackage(name).version;
  if (isLatest(spec) || satisfiesRange(pkg.version, spec)) return pkg.version;
  const [highest] = Object.keys(pkg.versions ?? {})
    .filter((version) => satisfiesRange(version, spec))
    .sort((a, b) => compareVersions(b, a));
  return highest;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) {
    const d = (x?.[i] ?? 0) - (y?.[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The last release `^version` allows (`^2.1.3` → 2.99999999.99999999, `^0.2.1` → 0.2.99999999, `^0.0.3` → 0.0.3). */
function caretTop(version: string): string {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const far = 99999999;
  if (major > 0) return `${major}.${far}.${far}`;
  return minor > 0 ? `0.${minor}.${far}` : version;
}

/**
 * What npm writes in package.json for `spec` resolved to `version`: `^version` (`version` with
 * --save-exact) for a tag or an exact version, and for a range that contains it; the range as given otherwise.
 */
export function savedSpec(spec: string, version: string, exact: boolean): string {
  if (exact || isLatest(spec) || EXACT.test(spec) || !satisfiesRange(version, spec)) return exact ? version : `^${version}`;
  // ^version lies within one of the range's ||-sets (each an interval) when both its ends do
  const top = caretTop(version);
  const within = spec.split('||').some((set) => satisfiesRange(version, set) && satisfiesRange(top, set));
  return within ? `^${version}` : spec;
}
