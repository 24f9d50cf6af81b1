/** "Did you mean" for names, like BuildKit's util/suggest: the closest option within distance 2. */

export function closest(value: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  const v = value.toLowerCase();
  for (const option of options) {
    const d = levenshtein(v, option.toLowerCase());
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}
