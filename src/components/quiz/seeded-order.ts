/** A seeded shuffle, so a "misconception check" order can be shared as a URL (`?seed=42`). */

/** mulberry32: a small 32-bit PRNG; the same seed always gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the seeded PRNG; returns a new array. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The seed in a URL's `seed` parameter, if it is a whole number. */
export function seedFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('seed');
  return raw !== null && /^\d{1,10}$/.test(raw) ? Number(raw) % 4294967296 : null;
}
