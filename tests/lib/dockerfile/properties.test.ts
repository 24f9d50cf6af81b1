import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandWord, parseDockerfile } from '../../../src/lib/dockerfile/index.ts';
import type { SourceRange } from '../../../src/lib/diagnostics.ts';

const dir = join(import.meta.dirname, 'fixtures');
const valid = readdirSync(dir)
  .filter((c) => c.startsWith('ok-'))
  .map((c) => readFileSync(join(dir, c, 'Dockerfile'), 'utf8'));

/** Every range found anywhere in a value (diagnostics, nodes, instructions, stages). */
function ranges(value: unknown, out: SourceRange[] = [], seen = new Set<unknown>()): SourceRange[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  const v = value as Record<string, unknown>;
  if (typeof v['line'] === 'number' && typeof v['endColumn'] === 'number') out.push(v as unknown as SourceRange);
  for (const child of Object.values(v)) ranges(child, out, seen);
  return out;
}

function assertRangesInside(text: string): void {
  const lines = text.split('\n');
  const r = parseDockerfile(text);
  for (const range of ranges(r)) {
    expect(range.line).toBeGreaterThanOrEqual(1);
    expect(range.endLine).toBeGreaterThanOrEqual(range.line);
    expect(range.endLine).toBeLessThanOrEqual(Math.max(lines.length, 1));
    expect(range.column).toBeGreaterThanOrEqual(1);
    const endText = lines[range.endLine - 1] ?? '';
    expect(range.endColumn).toBeLessThanOrEqual(endText.length + 1);
    if (range.line === range.endLine) expect(range.endColumn).toBeGreaterThanOrEqual(range.column);
  }
}

const alphabet = fc.constantFrom(
  'FROM ', 'RUN ', 'COPY ', 'ENV ', 'ARG ', 'ONBUILD ', 'HEALTHCHECK ', 'AS ', 'a', 'b', ' ', '\t', '\n', '\r\n',
  '\\', '`', '#', '"', "'", '$', '{', '}', ':', '-', '=', '[', ']', ',', '<<', 'EOF', '--from=', '--mount=', '\ufeff', 'é',
);
const dockerish = fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join(''));

describe('parseDockerfile properties', () => {
  test('never throws on random text, and every range lies inside it', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => assertRangesInside(text)), { numRuns: 300 });
  });

  test('never throws on Dockerfile-like token soup', () => {
    fc.assert(fc.property(dockerish, (text) => assertRangesInside(text)), { numRuns: 500 });
  });

  test('never throws on mutations of valid Dockerfiles', () => {
    const mutation = fc.record({
      file: fc.integer({ min: 0, max: valid.length - 1 }),
      at: fc.nat(),
      cut: fc.nat({ max: 8 }),
      insert: fc.oneof(fc.string({ maxLength: 6 }), alphabet),
    });
    fc.assert(
      fc.property(mutation, ({ file, at, cut, insert }) => {
        const src = valid[file] as string;
        const pos = src.length === 0 ? 0 : at % src.length;
        assertRangesInside(src.slice(0, pos) + insert + src.slice(pos + cut));
      }),
      { numRuns: 500 },
    );
  });
});

describe('expandWord properties', () => {
  const piece = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.constantFrom('$', '${', '}', ':', '-', '+', '?', '#', '##', '%', '%%', '/', '//', '\\', '"', "'", '*', 'V', '`'),
  );
  const word = fc.array(piece, { maxLength: 20 }).map((p) => p.join(''));
  test('never throws, whatever the word, variables or options', () => {
    fc.assert(
      fc.property(word, fc.string({ unit: 'binary', maxLength: 5 }), fc.boolean(), fc.boolean(), (w, value, rawQuotes, skip) => {
        const r = expandWord(w, { V: value }, { rawQuotes, skipUnsetEnv: skip, escapeToken: skip ? '`' : '\\' });
        if (r.ok) expect(typeof r.value.value).toBe('string');
        else expect(r.error.message.startsWith('failed to process ')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
