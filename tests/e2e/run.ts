/**
 * Browser tests against the built site (`npm run test:e2e` after `astro build`), on node:test.
 * Keyboard navigation, the theme toggle, axe-core on every page in both themes, console errors,
 * the 404 page, and lessons that load no heavy code up front and remember being read.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, missingPath, sitePaths, useSite } from './harness.ts';

const paths = sitePaths();
const site = useSite();
const { url } = site;

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`no element matching ${selector} received focus after ${limit} Tab presses`);
}

describe('keyboard', () => {
  test('home → first lesson → next lesson, by keyboard only', async () => {
    await site.page({}, async (page) => {
      await page.goto(url('/'));
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to content');
      assert.ok(await page.locator('.skip-link').isVisible(), 'the skip link is visible when focused');

      await tabTo(page, 'a.button');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Start the first lesson');
      await Promise.all([page.waitForURL(url('/lessons/01-images-and-layers/')), page.keyboard.press('Enter')]);
      assert.equal(await page.locator('h1').textContent(), 'Images, layers and base images');

      await tabTo(page, 'a[rel="next"]', 200);
      await Promise.all([page.waitForURL(url('/lessons/02-stages-and-copy-from/')), page.keyboard.press('Enter')]);
      assert.equal(await page.locator('h1').textContent(), 'Build in one stage, ship from another');
      assert.equal(await page.locator('a[rel="prev"]').getAttribute('href'), '/lessons/01-images-and-layers/');
    });
  });

  test('the skip link moves focus to the main landmark', async () => {
    await site.page({}, async (page) => {
      await page.goto(url('/lessons/01-images-and-layers/'));
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    });
  });
});

describe('theme', () => {
  const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  test('the toggle switches the theme and the choice survives a reload', async () => {
    await site.page({ colorScheme: 'light' }, async (page) => {
      await page.goto(url('/'));
      const toggle = page.getByRole('button', { name: 'Dark theme' });
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      assert.equal(await bodyBackground(page), 'rgb(251, 250, 247)');

      await toggle.click();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      assert.equal(await bodyBackground(page), 'rgb(20, 22, 27)');

      await page.reload();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
      assert.equal(await bodyBackground(page), 'rgb(20, 22, 27)');

      await page.goto(url('/lessons/'));
      assert.equal(await bodyBackground(page), 'rgb(20, 22, 27)', 'the choice applies on other pages too');
      await page.getByRole('button', { name: 'Dark theme' }).click();
      assert.equal(await page.evaluate(() => localStorage.getItem('stagecraft-theme')), 'light');
      assert.equal(await bodyBackground(page), 'rgb(251, 250, 247)');
    });
  });

  test('the stored theme is applied before first paint', async () => {
    await site.page({ colorScheme: 'light' }, async (page, context) => {
      await context.addInitScript(() => localStorage.setItem('stagecraft-theme', 'dark'));
      // Record the theme the moment <body> exists, before any layout or paint.
      await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          (window as unknown as { themeAtBody: string | undefined }).themeAtBody = document.documentElement.dataset.theme;
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(url('/'));
      assert.equal(await page.evaluate(() => (window as unknown as { themeAtBody: string | undefined }).themeAtBody), 'dark');
    });
  });

  test('without a stored choice the site follows the system', async () => {
    await site.page({ colorScheme: 'dark' }, async (page) => {
      await page.goto(url('/'));
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
      assert.equal(await bodyBackground(page), 'rgb(20, 22, 27)');
      assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
    });
  });
});

describe('every page', () => {
  test('the pages are found in dist/ (later pages join this list)', () => {
    const expected = [
      '/',
      '/exercises/',
      '/exercises/split-go-build/',
      '/lessons/',
      '/lessons/01-images-and-layers/',
      '/lessons/02-stages-and-copy-from/',
      missingPath,
    ];
    assert.deepEqual(paths.filter((path) => expected.includes(path)), expected);
  });

  for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['light', 375], ['dark', 375]] as const) {
    test(`no serious or critical axe-core violations (${colorScheme} theme, ${width} px)`, async () => {
      const found: string[] = [];
      await site.page({ colorScheme, width }, async (page) => {
        for (const path of paths) {
          await page.goto(url(path));
          // Check the answers and hints behind <details> too.
          await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
          found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
        }
      });
      assert.deepEqual(found, []);
    });
  }

  test('nothing scrolls sideways at 360 px (code blocks scroll inside themselves)', async () => {
    const wide: string[] = [];
    await site.page({ width: 360 }, async (page) => {
      for (const path of paths) {
        await page.goto(url(path));
        await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > 360) wide.push(`${path}: ${scrollWidth} px`);
      }
    });
    assert.deepEqual(wide, []);
  });

  test('every link to this site leads to one of its pages (no dead links)', async () => {
    const dead: string[] = [];
    await site.page({}, async (page) => {
      for (const path of paths) {
        await page.goto(url(path));
        const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
        for (const href of hrefs) {
          const target = new URL(href);
          // Other sites and in-page anchors (the skip link, the table of contents) are not pages.
          if (target.origin !== site.origin || target.pathname === path) continue;
          if (!paths.includes(target.pathname) || target.pathname === missingPath) dead.push(`${path} → ${target.pathname}`);
        }
      }
    });
    assert.deepEqual(dead, []);
  });

  test('no console errors, page errors or failed requests', async () => {
    const problems: string[] = [];
    await site.page({}, async (page) => {
      let current = '';
      page.on('console', (message) => {
        // The 404 page's own document is the one expected "failed" load.
        const expected = current === missingPath && message.text().includes('status of 404');
        if ((message.type() === 'error' || message.type() === 'warning') && !expected) {
          problems.push(`${current}: console ${message.type()}: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`${current}: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`${current}: request failed ${request.url()} (${request.failure()?.errorText})`));
      page.on('response', (response) => {
        if (response.status() >= 400 && !response.url().endsWith(missingPath)) problems.push(`${current}: ${response.status()} ${response.url()}`);
      });
      for (const path of paths) {
        current = path;
        await page.goto(url(path), { waitUntil: 'networkidle' });
      }
    });
    assert.deepEqual(problems, []);
  });
});

describe('pages', () => {
  test('an unknown address gets the 404 page with status 404', async () => {
    await site.page({}, async (page) => {
      const response = await page.goto(url(missingPath));
      assert.equal(response?.status(), 404);
      assert.equal(await page.locator('h1').textContent(), 'This page is not in the image');
      assert.equal(await page.getByRole('link', { name: 'Go to the home page' }).getAttribute('href'), '/');
      assert.equal(await page.title(), 'Page not found · Stagecraft');
    });
  });

  test('a lesson page loads no playground, editor or terminal code up front, and reaching its end marks it read', async () => {
    await site.page({}, async (page) => {
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      await page.goto(url('/lessons/01-images-and-layers/'));
      await page.waitForLoadState('networkidle');
      assert.deepEqual(scripts.filter((path) => /xterm|codemirror|playground|worker/i.test(path)), []);
      const read = () => page.evaluate(() => JSON.parse(localStorage.getItem('stagecraft-progress') ?? '{}').lessons ?? {});
      assert.deepEqual(await read(), {});
      await page.locator('sc-lesson-read').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => localStorage.getItem('stagecraft-progress')?.includes('01-images-and-layers'));
      assert.deepEqual(await read(), { '01-images-and-layers': { read: true } });
    });
  });

  test('a lesson page shows objectives, a table of contents linking to its sections, and highlighted Dockerfiles', async () => {
    await site.page({}, async (page) => {
      await page.goto(url('/lessons/01-images-and-layers/'));
      assert.equal(await page.locator('.objectives li').count(), 5);
      const tocTargets = await page.locator('.toc a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.ok(tocTargets.length >= 5, `expected at least 5 sections, got ${tocTargets.length}`);
      for (const href of tocTargets) {
        assert.equal(await page.locator(`h2${href}`).count(), 1, `the table of contents links to an h2 ${href}`);
      }
      assert.ok((await page.locator('pre[data-language="docker"] span[style*="--shiki-dark"]').count()) > 20, 'Dockerfiles are highlighted at build time');
      assert.equal(await page.locator('.quiz-question').count(), 7);
    });
  });
});
