/**
 * The page's way into the build module: view-api.ts carries the result types and formatters without
 * the engine, and the playground's and terminal's page modules take values from lib/build only
 * through it (importing a value from index.ts would bundle the parser, images and shell into the page).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProgress, humanSize } from '../../../src/lib/build/view-api.ts';
import * as engine from '../../../src/lib/build/index.ts';

const src = join(import.meta.dirname, '../../../src');
const buildDir = join(src, 'lib/build');

/** The modules a file loads at run time: every import or re-export but `import type` / `export type`. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)]
    .filter((m) => m[2] === undefined)
    .map((m) => resolve(dirname(file), m[3] ?? ''));
}

function pageModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pageModules(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.worker.ts') ? [path] : [];
  });
}

describe('view-api.ts, the light entry point', () => {
  test('loads nothing but progress.ts, which loads nothing', () => {
    const entry = join(buildDir, 'view-api.ts');
    expect(valueImports(entry).map((f) => relative(buildDir, f))).toEqual(['progress.ts']);
    expect(valueImports(join(buildDir, 'progress.ts'))).toEqual([]);
  });

  test('its formatters are the ones index.ts exports', () => {
    expect(humanSize).toBe(engine.humanSize);
    expect(formatProgress).toBe(engine.formatProgress);
  });

  test('page modules take values from lib/build only through it (workers may load the engine)', () => {
    const modules = [...pageModules(join(src, 'components/playground')), ...pageModules(join(src, 'components/terminal'))];
    expect(modules.length).toBeGreaterThan(10);
    const offenders = modules.flatMap((file) =>
      valueImports(file)
        .filter((target) => target.startsWith(`${buildDir}/`) && target !== join(buildDir, 'view-api.ts'))
        .map((target) => `${relative(src, file)} → ${relative(src, target)}`),
    );
    expect(offenders).toEqual([]);
  });
});
