import { expect, test } from 'vitest';
import { seedFromSearch, seededRandom, seededShuffle } from '../../src/components/quiz/seeded-order.ts';

test('the same seed gives the same order, another seed another order', () => {
  const items = Array.from({ length: 30 }, (_, i) => i);
  const a = seededShuffle(items, 42);
  expect(seededShuffle(items, 42)).toEqual(a);
  expect(seededShuffle(items, 43)).not.toEqual(a);
  expect([...a].sort((x, y) => x - y)).toEqual(items);
  expect(items).toEqual(Array.from({ length: 30 }, (_, i) => i));
});

test('mulberry32 gives its known first values', () => {
  const random = seededRandom(1);
  expect([random(), random()].map((x) => Math.floor(x * 1e9))).toEqual([627073940, 2735721]);
});

test('the seed comes from ?seed= when it is a whole number', () => {
  expect(seedFromSearch('?seed=42')).toBe(42);
  expect(seedFromSearch('?seed=abc')).toBeNull();
  expect(seedFromSearch('')).toBeNull();
});
