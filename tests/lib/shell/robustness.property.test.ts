/** Whatever a user types, the shell answers with a result: errors are values, never exceptions or hangs. */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { parseScript } from '../../../src/lib/shell/index.ts';
import { sh } from './fixtures.ts';

const token = fc.constantFrom(
  'echo', 'ls', 'cd', 'if', 'then', 'fi', 'for', 'do', 'done', 'while', 'case', 'esac', 'in', '{', '}', '(', ')', ';', ';;', '&&', '||',
  '|', '>', '>>', '<', '2>&1', '<<', 'EOF', '\n', ' ', '"', "'", '`', '$', '${', '}', '$(', '$((', '))', '*', '?', '[', ']', '\\', '#',
  'x', '=', 'a=1', '$x', '/tmp', '-rf', 'rm', 'mkdir', 'cat', 'sed', 's/a/b/', 'grep', 'find', '!', '&', '~', 'exit', 'set', '-e', '1',
);
const script = fc.array(token, { maxLength: 25 }).map((tokens) => tokens.join(' '));

test('parseScript returns a value for any input', () => {
  fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
    const r = parseScript(text);
    expect(typeof r.ok).toBe('boolean');
  }), { numRuns: 500 });
});

test('runShell returns a result for any script made of shell tokens', () => {
  fc.assert(fc.property(script, (text) => {
    const r = sh(text, { limits: { maxCommands: 200, maxLoopIterations: 200 } });
    expect(Number.isInteger(r.exitCode)).toBe(true);
    expect(r.exitCode).toBeGreaterThanOrEqual(0);
    expect(r.exitCode).toBeLessThan(256);
  }), { numRuns: 400 });
});

const awkToken = fc.constantFrom(
  '{', '}', '(', ')', ';', '\n', '$', '1', '0', 'NF', 'NR', 'x', 'a[1]', '"s"', '/re/', '+', '-', '*', '/', '%', '^', '=', '+=', '++', '--',
  '==', '<', '>', '!', '~', '&&', '||', '?', ':', ',', 'print', 'printf', 'if', 'else', 'while', 'for', 'in', 'next', 'exit', 'BEGIN',
  'END', 'length', 'substr(', 'split(', 'gsub(', 'delete', ' ',
);

test('awk answers any program with a status', () => {
  fc.assert(fc.property(fc.array(awkToken, { maxLength: 20 }), (tokens) => {
    const program = tokens.join(' ').replace(/'/g, '');
    const r = sh(`printf 'a b\\nc d\\n' | awk '${program}'`, { limits: { maxLoopIterations: 100 } });
    expect(Number.isInteger(r.exitCode)).toBe(true);
  }), { numRuns: 400 });
});
