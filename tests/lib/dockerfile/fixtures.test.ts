import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../src/lib/dockerfile/index.ts';
import { parseJson } from '../../../src/lib/cli/parse-output.ts';

const dir = join(import.meta.dirname, 'fixtures');
const cases = readdirSync(dir).sort();

describe('golden fixtures', () => {
  test('there are at least 60 parsing and 20 failing cases', () => {
    expect(cases.filter((c) => c.startsWith('ok-')).length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.startsWith('err-')).length).toBeGreaterThanOrEqual(20);
  });

  for (const name of cases) {
    test(name, () => {
      const source = readFileSync(join(dir, name, 'Dockerfile'), 'utf8');
      const expected = readFileSync(join(dir, name, 'expected'), 'utf8');
      const result = parseDockerfile(source);
      expect(parseJson(result)).toBe(expected);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (name.startsWith('ok-')) expect(errors).toEqual([]);
      else {
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) expect(e.range?.line).toBeGreaterThan(0);
      }
    });
  }
});
