/**
 * "did you mean" suggestions as BuildKit's util/suggest: the closest option within Levenshtein
 * distance 2; an exact match means the mistake was elsewhere, so no suggestion.
 */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

function matchCase(option: string, original: string): string {
  if (original === original.toLowerCase()) return option.toLowerCase();
  if (original === original.toUpperCase()) return option.toUpperCase();
  return option;
}

/** The suggestion for `value` among `options`, or null. Ties go to the first option in the given order. */
export function suggest(value: string, options: readonly string[], caseSensitive: boolean): string | null {
  const val = caseSensitive ? value : value.toLowerCase();
  let best: string | null = null;
  let min = 3;
  for (const raw of options) {
    const opt = caseSensitive ? raw : raw.toLowerCase();
    if (opt === val) return null;
    const d = levenshtein(val, opt);
    if (d < min) {
      best = caseSensitive ? opt : matchCase(opt, value);
      min = d;
    }
  }
  return best;
}

/** `message` + ` (did you mean X?)` when there is a suggestion. */
export function withSuggestion(message: string, value: string, options: readonly string[], caseSensitive: boolean): string {
  const s = suggest(value, options, caseSensitive);
  return s === null ? message : `${message} (did you mean ${s}?)`;
}
