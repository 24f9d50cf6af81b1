/**
 * The real files a copy produced beside the simulated ones, compact: one row per path (or, for a
 * big or summarised copy, per top-level entry), its real and simulated size, `-` where one side
 * has nothing.
 */
// The light entry (no engine): this module ships to the page with the real run.
import { humanSize } from '../build/view-api.ts';

interface Listed {
  path: string;
  size: number;
}

/** Above this many rows, entries are grouped by their first path segment. */
const MAX_ROWS = 12;

interface Row {
  name: string;
  real: { files: number; bytes: number } | null;
  simulated: { files: number; bytes: number } | null;
}

const add = (side: Row['real'], size: number): { files: number; bytes: number } => ({ files: (side?.files ?? 0) + 1, bytes: (side?.bytes ?? 0) + size });

function rows(real: readonly Listed[], simulated: readonly Listed[], key: (path: string) => string): Row[] {
  const byName = new Map<string, Row>();
  const row = (name: string): Row => {
    let r = byName.get(name);
    if (r === undefined) byName.set(name, (r = { name, real: null, simulated: null }));
    return r;
  };
  for (const f of real) {
    const r = row(key(f.path));
    r.real = add(r.real, f.size);
  }
  for (const f of simulated) {
    const r = row(key(f.path));
    r.simulated = add(r.simulated, f.size);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * At most MAX_ROWS rows, the rest summed in one `(N more)` row (a node_modules has dozens of
 * packages). Differences come first (an entry on one side only), but fill at most half the rows, so
 * entries present on both sides still show their real and simulated sizes side by side.
 */
function capped(table: Row[]): Row[] {
  if (table.length <= MAX_ROWS) return table;
  const oneSided = table.filter((r) => r.real === null || r.simulated === null);
  const both = table.filter((r) => r.real !== null && r.simulated !== null);
  const differences = oneSided.slice(0, Math.max(Math.floor((MAX_ROWS - 1) / 2), MAX_ROWS - 1 - both.length));
  const shownRows = [...differences, ...both].slice(0, MAX_ROWS - 1);
  const shown = table.filter((r) => shownRows.includes(r));
  const rest = table.filter((r) => !shownRows.includes(r));
  const sum = (side: 'real' | 'simulated'): Row['real'] => {
    const present = rest.flatMap((r) => (r[side] === null ? [] : [r[side]]));
    return present.length === 0 ? null : { files: present.reduce((n, x) => n + x.files, 0), bytes: present.reduce((n, x) => n + x.bytes, 0) };
  };
  return [...shown, { name: `(${rest.length} more)`, real: sum('real'), simulated: sum('simulated') }];
}

export function copyListing(to: string, real: readonly Listed[], simulated: readonly Listed[]): string[] {
  const grouped = simulated.some((f) => f.path.endsWith('/')) || new Set([...real, ...simulated].map((f) => f.path)).size > MAX_ROWS;
  const key = grouped ? (path: string) => (path.includes('/') ? `${path.slice(0, path.indexOf('/'))}/` : path) : (path: string) => path;
  const table = capped(rows(real, simulated, key));
  // Only the real side is counted: a simulated summary stands for many files in one entry.
  const side = (label: string, s: Row['real'], count: boolean): string => {
    if (s === null) return `${label} -`;
    return count && grouped && s.files > 1 ? `${label} ${humanSize(s.bytes)} (${s.files} files)` : `${label} ${humanSize(s.bytes)}`;
  };
  const head = `  ${to}: real files beside the simulated ones${grouped ? ' (by top-level entry)' : ''}`;
  if (table.length === 0) return [`${head}: none on either side`];
  const cells = table.map((r) => [r.name, side('real', r.real, true), side('simulated', r.simulated, false)] as const);
  const nameWidth = Math.max(...cells.map((c) => c[0].length));
  const realWidth = Math.max(...cells.map((c) => c[1].length));
  return [head, ...cells.map(([name, real, simulated]) => `    ${name.padEnd(nameWidth)}  ${real.padEnd(realWidth)}  ${simulated}`)];
}
