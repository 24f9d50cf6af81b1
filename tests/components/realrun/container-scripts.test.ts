/** The scripts the page runs inside the WebContainer, run here with real Node on a temporary folder. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { COPY_SCRIPT, LIST_SCRIPT } from '../../../src/components/realrun/container-scripts.ts';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-scripts-'));
  mkdirSync(join(dir, 'build/app/dist/lib'), { recursive: true });
  writeFileSync(join(dir, 'build/app/dist/server.js'), 'console.log(1)\n');
  writeFileSync(join(dir, 'build/app/dist/lib/util.js'), 'export {}\n');
  mkdirSync(join(dir, 'build/app/node_modules/.bin'), { recursive: true });
  symlinkSync('../typescript/bin/tsc', join(dir, 'build/app/node_modules/.bin/tsc'));
  mkdirSync(join(dir, 'runtime/app/dist'), { recursive: true });
  writeFileSync(join(dir, 'runtime/app/dist/old.js'), 'old\n');
  return dir;
}

const node = (dir: string, script: string, ...args: string[]): string => execFileSync(process.execPath, ['-e', script, ...args], { cwd: dir, encoding: 'utf8' });

test("a folder's contents merge into the destination folder, symlinks kept as links", () => {
  const dir = folder();
  node(dir, COPY_SCRIPT, 'build/app/dist', 'runtime/app/dist');
  node(dir, COPY_SCRIPT, 'build/app/node_modules', 'runtime/app/node_modules');
  expect(JSON.parse(node(dir, LIST_SCRIPT, 'runtime/app'))).toEqual([
    { path: 'dist/lib/util.js', size: 10 },
    { path: 'dist/old.js', size: 4 },
    { path: 'dist/server.js', size: 15 },
  ]);
  expect(readlinkSync(join(dir, 'runtime/app/node_modules/.bin/tsc'))).toBe('../typescript/bin/tsc');
});

test('a file lands at the destination path, its folders created', () => {
  const dir = folder();
  node(dir, COPY_SCRIPT, 'build/app/dist/server.js', 'runtime/srv/main.js');
  expect(readFileSync(join(dir, 'runtime/srv/main.js'), 'utf8')).toBe('console.log(1)\n');
});

test('listing a missing folder prints an empty list; copying a missing source fails', () => {
  const dir = folder();
  expect(node(dir, LIST_SCRIPT, 'nowhere')).toBe('[]\n');
  expect(() => execFileSync(process.execPath, ['-e', COPY_SCRIPT, 'nowhere', 'x'], { cwd: dir, stdio: 'pipe' })).toThrow(/ENOENT/);
});
