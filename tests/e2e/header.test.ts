/**
 * Browser tests of the site header (`node tests/e2e/header.test.ts` after `astro build`): below 40rem
 * the links fold behind a "Menu" disclosure button so brand, Menu and the theme toggle share one
 * row; wide screens show the links in the header; without JS there is no Menu button and the links
 * wrap below the brand.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, sitePaths, useSite } from './harness.ts';

const site = useSite();
const { url } = site;

/** The header's links in order; the playground joins them once the site has one. */
const labels = ['Lessons', 'Quizzes', 'Exercises', ...(sitePaths().includes('/playground/') ? ['Playground'] : [])];
const firstLesson = '/lessons/01-images-and-layers/';

const menu = (page: Page) => page.getByRole('button', { name: 'Menu' });
// CSS locators for the links: role locators skip what is hidden, and hidden is what some tests check.
const nav = (page: Page) => page.locator('nav#site-nav');
const brand = (page: Page) => page.getByRole('link', { name: 'Stagecraft' });
const themeToggle = (page: Page) => page.getByRole('button', { name: 'Dark theme' });
const navLink = (page: Page, label: string) => nav(page).locator('a').filter({ hasText: new RegExp(`^${label}$`) });

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  assert.ok(found, `${String(locator)} is laid out`);
  return found;
}

/** The boxes sit side by side, left to right, each overlapping the others vertically: one row. */
function assertOneRow(boxes: Record<string, Box>, width: number): void {
  const entries = Object.entries(boxes);
  for (const [i, [name, b]] of entries.entries()) {
    assert.ok(b.x >= 0 && b.x + b.width <= width, `${name} (${b.x}–${b.x + b.width}) is inside the ${width} px screen`);
    const next = entries[i + 1];
    if (!next) continue;
    const [nextName, n] = next;
    assert.ok(n.x >= b.x + b.width, `${nextName} starts right of ${name}`);
    assert.ok(n.y < b.y + b.height && b.y < n.y + n.height, `${nextName} is on the same line as ${name}`);
  }
}

async function assertNoSidewaysScroll(page: Page, width: number): Promise<void> {
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, 'nothing scrolls sideways');
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()} ${el.textContent?.trim()}`;
  });

async function assertMenu(page: Page, open: boolean): Promise<void> {
  assert.equal(await menu(page).getAttribute('aria-expanded'), String(open), `aria-expanded is ${open}`);
  for (const label of labels) assert.equal(await navLink(page, label).isVisible(), open, `${label} is ${open ? 'shown' : 'hidden'}`);
}

for (const width of [320, 375]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    describe(`${width} px, ${colorScheme} theme`, () => {
      const narrow = { width, colorScheme };

      test('brand, Menu and the theme toggle share one row; the links wait behind Menu', async () => {
        await site.page(narrow, async (page) => {
          await page.goto(url('/'));
          assert.equal(await menu(page).getAttribute('aria-controls'), await nav(page).getAttribute('id'));
          await assertMenu(page, false);
          assertOneRow({ brand: await box(brand(page)), Menu: await box(menu(page)), 'theme toggle': await box(themeToggle(page)) }, width);
          await assertNoSidewaysScroll(page, width);

          await menu(page).click();
          await assertMenu(page, true);
          const toggleBox = await box(themeToggle(page));
          let previous = toggleBox.y + toggleBox.height;
          for (const label of labels) {
            const link = await box(navLink(page, label));
            assert.ok(link.y >= previous, `${label} is below the row above it`);
            assert.ok(link.height >= 24, `${label} is at least 24 px tall to tap`);
            previous = link.y + link.height;
          }
          assertOneRow({ brand: await box(brand(page)), Menu: await box(menu(page)), 'theme toggle': toggleBox }, width);
          await assertNoSidewaysScroll(page, width);
          assert.deepEqual(await axeViolations(page), [], 'axe with the menu open');
        });
      });

      test('keyboard only: Tab to Menu, Enter and Space toggle it, its links follow it, Escape closes', async () => {
        await site.page(narrow, async (page) => {
          await page.goto(url('/'));
          const tabs: string[] = [];
          for (let i = 0; i < 3; i++) {
            await page.keyboard.press('Tab');
            tabs.push(await focused(page));
          }
          assert.deepEqual(tabs, ['a Skip to content', 'a Stagecraft', 'button Menu']);

          await page.keyboard.press('Enter');
          await assertMenu(page, true);
          await page.keyboard.press('Space');
          await assertMenu(page, false);
          await page.keyboard.press('Space');
          await assertMenu(page, true);

          const order: string[] = [];
          for (let i = 0; i <= labels.length; i++) {
            await page.keyboard.press('Tab');
            order.push(await focused(page));
          }
          assert.deepEqual(order, [...labels.map((label) => `a ${label}`), 'button Dark theme']);

          // Escape from a link inside the menu: it closes and focus goes back to Menu.
          await page.keyboard.press('Shift+Tab');
          assert.equal(await focused(page), `a ${labels.at(-1)}`);
          await page.keyboard.press('Escape');
          await assertMenu(page, false);
          assert.equal(await focused(page), 'button Menu');

          // A second Escape with the menu closed changes nothing.
          await page.keyboard.press('Escape');
          await assertMenu(page, false);
          assert.equal(await focused(page), 'button Menu');

          await page.keyboard.press('Enter');
          await page.keyboard.press('Tab');
          assert.equal(await focused(page), 'a Lessons');
          await Promise.all([page.waitForURL(url('/lessons/')), page.keyboard.press('Enter')]);
          assert.equal(await page.locator('h1').textContent(), 'Lessons');
          await assertMenu(page, false);
        });
      });

      test('the current section is marked: aria-current="page" on its index, "true" inside it', async () => {
        await site.page(narrow, async (page) => {
          const current = () => Promise.all(labels.map((label) => navLink(page, label).getAttribute('aria-current')));
          const none = labels.map(() => null);
          await page.goto(url('/'));
          assert.deepEqual(await current(), none);
          await page.goto(url('/lessons/'));
          assert.deepEqual(await current(), ['page', ...none.slice(1)]);
          await page.goto(url(firstLesson));
          assert.deepEqual(await current(), ['true', ...none.slice(1)]);
          await menu(page).click();
          const marked = await navLink(page, 'Lessons').evaluate((a) => getComputedStyle(a).backgroundColor);
          const plain = await navLink(page, 'Quizzes').evaluate((a) => getComputedStyle(a).backgroundColor);
          assert.notEqual(marked, plain, 'the current section looks different');
        });
      });

      test('a click outside leaves the menu open (a disclosure, not a popup); Menu closes it', async () => {
        await site.page(narrow, async (page) => {
          await page.goto(url(firstLesson));
          await menu(page).click();
          await page.locator('h1').click();
          await assertMenu(page, true);
          await menu(page).click();
          await assertMenu(page, false);
        });
      });

      test('the theme toggle works with the menu open, and Escape from it closes the menu', async () => {
        await site.page(narrow, async (page) => {
          await page.goto(url('/'));
          await menu(page).click();
          const dark = colorScheme === 'dark';
          assert.equal(await themeToggle(page).getAttribute('aria-pressed'), String(dark));
          await themeToggle(page).click();
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), dark ? 'light' : 'dark');
          assert.equal(await themeToggle(page).getAttribute('aria-pressed'), String(!dark));
          await assertMenu(page, true);
          assert.deepEqual(await axeViolations(page), [], 'axe with the menu open in the other theme');

          await themeToggle(page).focus();
          await page.keyboard.press('Escape');
          await assertMenu(page, false);
          assert.equal(await focused(page), 'button Menu');
        });
      });
    });
  }
}

describe('1280 px', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${colorScheme}: no Menu button; brand, links and theme toggle in one row`, async () => {
      await site.page({ width: 1280, colorScheme }, async (page) => {
        await page.goto(url(firstLesson));
        assert.equal(await menu(page).isVisible(), false);
        assert.equal(await page.getByRole('navigation', { name: 'Main' }).getAttribute('id'), 'site-nav');
        assert.equal(await page.locator('[data-nav-toggle]').isVisible(), false, 'not even under another name');
        const row: Record<string, Box> = { brand: await box(brand(page)) };
        for (const label of labels) row[label] = await box(navLink(page, label));
        row['theme toggle'] = await box(themeToggle(page));
        assertOneRow(row, 1280);
        assert.equal(await navLink(page, 'Lessons').getAttribute('aria-current'), 'true');
        const tabs: string[] = [];
        for (let i = 0; i < labels.length + 3; i++) {
          await page.keyboard.press('Tab');
          tabs.push(await focused(page));
        }
        assert.deepEqual(tabs, ['a Skip to content', 'a Stagecraft', ...labels.map((label) => `a ${label}`), 'button Dark theme']);
        await assertNoSidewaysScroll(page, 1280);
        assert.deepEqual(await axeViolations(page), []);
      });
    });
  }
});

describe('every width from 320 to 1280 px', () => {
  test('the header keeps one row: brand, then Menu or the links, then the theme toggle', async () => {
    await site.page({}, async (page) => {
      await page.goto(url(firstLesson));
      const ragged: string[] = [];
      for (let width = 320; width <= 1280; width += 8) {
        await page.setViewportSize({ width, height: 900 });
        // Everything shown in the header's first row must share the brand's line.
        const offLine = await page.evaluate(() => {
          const shown = [...document.querySelectorAll<HTMLElement>('.brand, [data-nav-toggle], #site-nav a, [data-theme-toggle]')].filter(
            (el) => el.getClientRects().length > 0,
          );
          const brandBox = shown[0]?.getBoundingClientRect();
          if (!brandBox) return ['no brand'];
          return shown
            .filter((el) => {
              const b = el.getBoundingClientRect();
              return b.top >= brandBox.bottom || b.bottom <= brandBox.top;
            })
            .map((el) => el.textContent?.trim() ?? '');
        });
        if (offLine.length > 0) ragged.push(`${width} px: ${offLine.join(', ')} below the brand's line`);
        if ((await page.evaluate(() => document.documentElement.scrollWidth)) > width) ragged.push(`${width} px: scrolls sideways`);
      }
      assert.deepEqual(ragged, []);
    });
  });
});

describe('without JavaScript', () => {
  for (const width of [320, 375, 768, 1280]) {
    test(`${width} px: no Menu button, the links are visible and work`, async () => {
      const context = await site.session.browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(url('/'));
        assert.equal(await page.locator('[data-nav-toggle]').isVisible(), false);
        assert.equal(await page.locator('[data-theme-toggle]').isVisible(), false, 'the theme toggle needs JS too');
        const brandBox = await box(brand(page));
        const links = await Promise.all(labels.map((label) => box(navLink(page, label))));
        if (width <= 896) {
          for (const [i, link] of links.entries()) assert.ok(link.y >= brandBox.y + brandBox.height, `${labels[i]} wraps below the brand`);
        } else {
          assertOneRow({ brand: brandBox, ...Object.fromEntries(links.map((link, i) => [labels[i], link])) }, width);
        }
        for (const link of links) assert.ok(link.x >= 0 && link.x + link.width <= width, 'each link is on screen');
        await assertNoSidewaysScroll(page, width);
        await Promise.all([page.waitForURL(url('/lessons/')), navLink(page, 'Lessons').click()]);
        assert.equal(await page.locator('h1').textContent(), 'Lessons');
        assert.equal(await navLink(page, 'Lessons').getAttribute('aria-current'), 'page');
      } finally {
        await context.close();
      }
    });
  }
});
