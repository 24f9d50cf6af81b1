/**
 * What the browser tests and the screenshot script share: the built site served by
 * `astro preview` on a free localhost port, Debian's Chromium driven by playwright-core, and the
 * list of pages found in dist/. Run `astro build` first; nothing here builds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

/** A path that no page has, to see the 404 page the way a visitor does. */
export const missingPath = '/no-such-page/';

export interface Preview {
  origin: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilServing(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`astro preview exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(origin);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`astro preview did not answer on ${origin} within 15 s:\n${output()}`);
}

/** Serves dist/ with `astro preview` (same Node as this process) on a free port. */
export async function startPreview(): Promise<Preview> {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('dist/index.html is missing: run `npx astro build` before the browser tests');
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'preview', '--host', '127.0.0.1', '--port', String(port)],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilServing(origin, child, () => output);
  return {
    origin,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface BrowserSession {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Debian's headless Chromium with no background traffic. The throwaway profile is Playwright's:
 * `launch()` refuses a --user-data-dir argument and instead passes its own temporary one
 * (playwright_chromiumdev_profile-*), deleted when the browser closes.
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** Every page of the built site as a URL path (`/`, `/lessons/`, ...); the 404 as `missingPath`. */
export function sitePaths(): string[] {
  return htmlFiles(dist)
    .map((file) => relative(dist, file).split(sep).join('/'))
    .map((file) => (file === '404.html' ? missingPath : `/${file.replace(/index\.html$/, '')}`))
    .sort();
}

/** A file-system-safe name for a page path, e.g. `/lessons/x/` → `lessons-x`. */
export function pageName(path: string): string {
  if (path === missingPath) return '404';
  return path.split('/').filter(Boolean).join('-') || 'home';
}
