/** "Did you mean" ranking for unknown image names and tags. */

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidates closest to `wanted`, best first: those within `maxDistance` edits, or that start
 * with `wanted` or that `wanted` starts with (`node:20-alpine3.18` → `node:20-alpine`).
 */
export function closest(wanted: string, candidates: readonly string[], limit: number, maxDistance: number): string[] {
  return candidates
    .map((candidate) => {
      const distance = editDistance(wanted, candidate);
      const prefix = candidate.startsWith(wanted) || wanted.startsWith(candidate);
      return { candidate, score: prefix ? Math.min(distance, maxDistance) : distance };
    })
    .filter(({ score }) => score <= maxDistance)
    .sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
