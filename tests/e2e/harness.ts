/**
 * What the browser tests and the screenshot script share: the built site served on a free localhost
 * port by the harness's own static server (not `astro preview`: Astro allows only one of those at a
 * time, so two test runs would collide), Debian's Chromium driven by playwright-core, and the list of
 * pages found in dist/. Run `astro build` first; nothing here builds.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startStaticServer } from './static-server.ts';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

/** A path that no page has, to see the 404 page the way a visitor does. */
export const missingPath = '/no-such-page/';

export interface Preview {
  origin: string;
  stop(): Promise<void>;
}

export interface PreviewOptions {
  /** Extra headers on every response, e.g. COOP/COEP for cross-origin isolation. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * A private copy of dist/, so an `astro build` started during the run (which empties dist/ first)
 * cannot change the files under the test. The copy takes about 50 ms.
 */
async function snapshotDist(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'stagecraft-e2e-dist-'));
  try {
    await cp(dist, copy, { recursive: true });
  } catch (error) {
    await rm(copy, { recursive: true, force: true });
    throw new Error(`dist/ changed while it was being copied (is \`astro build\` running?): ${String(error)}`);
  }
  if (!existsSync(join(copy, 'index.html'))) {
    await rm(copy, { recursive: true, force: true });
    throw new Error('dist/index.html vanished while dist/ was being copied: is `astro build` running?');
  }
  return copy;
}

/** Serves a snapshot of dist/ on a free port of 127.0.0.1, as `astro preview` would. */
export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('dist/index.html is missing: run `npx astro build` before the browser tests');
  }
  const copy = await snapshotDist();
  try {
    const server = await startStaticServer({ ...options, root: copy });
    let stopped: Promise<void> | undefined;
    return {
      origin: server.origin,
      // Idempotent, so a second stop() from an after() hook is harmless.
      stop: () => (stopped ??= server.close().finally(() => rm(copy, { recursive: true, force: true }))),
    };
  } catch (error) {
    await rm(copy, { recursive: true, force: true });
    throw error;
  }
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
