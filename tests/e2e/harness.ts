/**
 * What the browser tests and the screenshot script share: the built site served on a free localhost
 * port by the harness's own static server (not `astro preview`: Astro allows only one of those at a
 * time, so two test runs would collide), Debian's Chromium driven by playwright-core, a page per
 * test with axe-core at hand, and the list of pages found in dist/. Run `astro build` first; nothing
 * here builds. A test file calls `useSite()` once to get all of that for its tests.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer } from './static-server.ts';
import { isolationHeaders } from '../../src/integrations/cross-origin-isolation.ts';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

/** A path that no page has, to see the 404 page the way a visitor does. */
export const missingPath = '/no-such-page/';

export interface Preview {
  origin: string;
  stop(): Promise<void>;
}

export interface PreviewOptions {
  /** Extra headers on every response; by default the site's cross-origin isolation headers, as every host of the site sends them. */
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
    const server = await startStaticServer({ headers: isolationHeaders, ...options, root: copy });
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

export interface PageOptions {
  colorScheme?: 'light' | 'dark';
  /** Viewport width in CSS px; 1280 unless given. The height is 900. */
  width?: number;
  acceptDownloads?: boolean;
  /** Uncaught page errors fail the call unless this is true. */
  allowPageErrors?: boolean;
}

/**
 * Runs `use` on a page in a fresh browser context (so no storage leaks between tests) and closes the
 * context afterwards. Uncaught errors in the page fail it, once `use` itself has succeeded.
 */
export async function withPage<T>(
  session: BrowserSession,
  options: PageOptions,
  use: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await session.browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const result = await use(page, context);
    if (!options.allowPageErrors) assert.deepEqual(errors, [], 'no uncaught errors in the page');
    return result;
  } finally {
    await context.close();
  }
}

export interface Site {
  /** The preview's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly session: BrowserSession;
  /** A path on the preview as a full URL. */
  url(path: string): string;
  /** `withPage` on this site's browser, with `options` over the defaults given to `useSite`. */
  page<T>(options: PageOptions, use: (page: Page, context: BrowserContext) => Promise<T>): Promise<T>;
}

/**
 * Registers node:test hooks, in the scope it is called from, that start the preview and the browser
 * before the tests and close both after them; the returned accessors work from the first test on.
 */
export function useSite(pageDefaults: PageOptions = {}): Site {
  let preview: Preview | undefined;
  let session: BrowserSession | undefined;
  before(async () => {
    preview = await startPreview();
    session = await launchBrowser();
  });
  after(async () => {
    await session?.close();
    await preview?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the site is used before its before() hook has run');
    return value;
  };
  return {
    get origin() {
      return started(preview).origin;
    },
    get session() {
      return started(session);
    },
    url: (path) => `${started(preview).origin}${path}`,
    page: (options, use) => withPage(started(session), { ...pageDefaults, ...options }, use),
  };
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now, one line each:
 * `rule (impact) at selector, selector`. Open any <details> first to check what they hide.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
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
