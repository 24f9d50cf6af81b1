/**
 * node-semver's `satisfies` for the ranges package manifests write in `engines` (`>=18`, `^20.19.0 ||
 * >=22.12.0`, `>= 10.x`, `1.2 - 2.3`, `~1.2`, `*`): release versions only, as npm checks the image's
 * Node against an optional package's engines before installing it.
 */

type Version = readonly [number, number, number];

/** A version or partial version (`22`, `22.20`, `10.x`): its numbers, and how many were given. */
interface Partial {
  parts: number[];
  version: Version;
}

function parsePartial(text: string): Partial | undefined {
  const match = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/.exec(text);
  if (match === null) return undefined;
  const parts: number[] = [];
  for (const part of match.slice(1)) {
    if (part === undefined || !/^\d+$/.test(part)) break;
    parts.push(Number(part));
  }
  return { parts, version: [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0] };
}

const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The first version above every version that `partial` names (`1.2` → 1.3.0, `1` → 2.0.0). */
function nextAfter({ parts, version }: Partial): Version {
  if (parts.length === 1) return [version[0] + 1, 0, 0];
  if (parts.length === 2) return [version[0], version[1] + 1, 0];
  return [version[0], version[1], version[2] + 1];
}

/** Whether `v` passes one comparator; undefined when the comparator is not one npm would parse. */
function accepts(v: Version, comparator: string): boolean | undefined {
  const match = /^(\^|~>?|>=|<=|>|<|=)?(.*)$/.exec(comparator);
  const partial = parsePartial(match?.[2] ?? '');
  if (match === null || partial === undefined) return undefined;
  const low = partial.version;
  const { parts } = partial;
  if (parts.length === 0) return match[1] !== '<' && match[1] !== '>';
  switch (match[1]) {
    case '>=':
      return compare(v, low) >= 0;
    case '>':
      return compare(v, nextAfter(partial)) >= 0;
    case '<=':
      return compare(v, nextAfter(partial)) < 0;
    case '<':
      return compare(v, low) < 0;
    case '^': {
      // ^ lets the leftmost non-zero part stay; with fewer parts given, the missing ones are free
      const fixed = low[0] !== 0 || parts.length === 1 ? 1 : low[1] !== 0 || parts.length === 2 ? 2 : 3;
      return compare(v, low) >= 0 && compare(v, nextAfter({ parts: parts.slice(0, fixed), version: low })) < 0;
    }
    case '~':
    case '~>':
      return compare(v, low) >= 0 && compare(v, nextAfter({ parts: parts.slice(0, Math.min(parts.length, 2)), version: low })) < 0;
    default:
      return compare(v, low) >= 0 && compare(v, nextAfter(partial)) < 0;
  }
}

/** Whether `version` (a release, e.g. `22.23.2`) satisfies `range`; false for a range npm could not parse. */
export function satisfiesRange(version: string, range: string): boolean {
  const parsed = parsePartial(version);
  if (parsed === undefined || parsed.parts.length !== 3) return false;
  const v = parsed.version;
  return range.split('||').some((set) => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(set);
    const comparators = hyphen !== null ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : set.trim().replace(/(\^|~>?|>=|<=|>|<|=)\s+/g, '$1').split(/\s+/);
    return comparators.every((comparator) => comparator === '' || accepts(v, comparator) === true);
  });
}
