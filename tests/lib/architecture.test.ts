/**
 * The boundary rules of DESIGN.md, checked on the source text: src/lib runs the same in Node and in
 * the browser, so it may not reach for the DOM, Astro, Node-only modules (except the Node host of the
 * CLI), the clock or randomness.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../../src/lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Files that are hosts, not library: they adapt the library to Node. */
const nodeHosts = new Set(['cli/node-main.ts', 'cli/node-io.ts']);

const forbidden: { what: string; pattern: RegExp; hostsMay?: boolean }[] = [
  { what: 'DOM globals', pattern: /\b(document|window|localStorage|navigator)\s*\./ },
  { what: 'Astro imports', pattern: /from\s+['"]astro(:|\/|['"])/ },
  { what: 'the real clock', pattern: /\bDate\.now\b|new Date\(\s*\)/, hostsMay: true },
  { what: 'unseeded randomness', pattern: /\bMath\.random\(/ },
  { what: 'Node built-in modules', pattern: /from\s+['"]node:/, hostsMay: true },
];

describe('src/lib stays host-independent', () => {
  const files = sourceFiles(root);
  test('there is library code to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const rule of forbidden) {
    test(`no ${rule.what}`, () => {
      const offenders = files
        .filter((file) => !(rule.hostsMay && nodeHosts.has(relative(root, file))))
        .filter((file) => rule.pattern.test(readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')))
        .map((file) => relative(root, file));
      expect(offenders).toEqual([]);
    });
  }
});
