/** Properties of quoting: any text survives the trip through the lexer, expansion and printf. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sh } from './fixtures.ts';

const singleQuoted = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const doubleQuoted = (s: string): string => `"${s.replace(/[$`"\\]/g, '\\$&')}"`;
const text = fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', "'", '"', '\\', '$', '`', '*', '?', '[', ']', '#', ';', '&', '|', '(', ')', '<', '>', '~', '{', '}', '=', '%', 'é') });

describe('quoting', () => {
  test('single quotes keep any text', () => {
    fc.assert(fc.property(text, (s) => {
      expect(sh(`printf %s ${singleQuoted(s)}`).stdout).toBe(s);
    }), { numRuns: 200 });
  });
  test('double quotes with \\ before $ ` " \\ keep any text, in a variable too', () => {
    fc.assert(fc.property(text, (s) => {
      expect(sh(`v=${doubleQuoted(s)}; printf %s "$v"`).stdout).toBe(s);
    }), { numRuns: 200 });
  });
  test('a quoted word is one field; unquoted, blanks split it', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 5 }), (words) => {
      const joined = words.join('  ');
      expect(sh(`v='${joined}'; set -- $v; echo $#; set -- "$v"; echo $#`).stdout).toBe(`${words.length}\n1\n`);
    }), { numRuns: 100 });
  });
});
