/**
 * Browser tests of the lessons (`node tests/e2e/lessons.test.ts` after `astro build`): every lesson
 * shows at least two examples with the simulator's result, its "predict, then check" answers wait
 * behind <details>, one example per lesson opens and builds in the playground, and /reference lists
 * the catalogues. Axe and the narrow-screen checks run on every page in run.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, sitePaths, useSite } from './harness.ts';
import { listImages } from '../../src/lib/images/index.ts';
import { INSTRUCTION_FLAGS, KEYWORDS } from '../../src/lib/dockerfile/index.ts';

const lessons = sitePaths().filter((path) => /^\/lessons\/\d\d-[^/]+\/$/.test(path));

const site = useSite();

describe('lessons', () => {
  test('all eight lessons are built', () => {
    assert.equal(lessons.length, 8);
  });

  for (const path of lessons) {
    test(`${path}: every example shows the simulator's result, answers wait behind <details>`, async () => {
      await site.page({}, async (page) => {
        await page.goto(`${site.origin}${path}`);
        const examples = page.locator('figure.example');
        assert.ok((await examples.count()) >= 2, 'at least two examples');
        for (const example of await examples.all()) {
          assert.match((await example.locator('pre.astro-code').first().textContent()) ?? '', /FROM /);
          const result = example.locator('.result');
          assert.match((await result.locator('.result-head').textContent()) ?? '', /^Simulated (DOCKER_BUILDKIT=0 )?docker build /);
          assert.ok((await result.locator('.stage').count()) >= 1, 'the stages are listed');
          const failed = (await result.locator('.result-error').count()) > 0;
          if (!failed) assert.match((await result.locator('.image-facts').textContent()) ?? '', /Runs as/);
        }
        const checks = page.locator('details.example-check');
        assert.ok((await checks.count()) >= 1, 'a "predict, then check" moment');
        for (const details of await checks.all()) {
          assert.equal(await details.locator('.result').isVisible(), false, 'the answer is hidden at first');
          await details.locator('summary').click();
          assert.equal(await details.locator('.result').isVisible(), true, 'opening shows the answer');
        }
      });
    });

    test(`${path}: its first example opens and builds in the playground`, async (t) => {
      await site.page({}, async (page) => {
        await page.goto(`${site.origin}${path}`);
        const link = page.locator('figure.example .example-open a').first();
        if ((await link.count()) === 0) return t.skip('this site has no playground yet');
        const firstLine = ((await page.locator('figure.example pre.astro-code').first().textContent()) ?? '').split('\n')[0] ?? '';
        await link.click();
        await page.waitForFunction(() => {
          const build = document.querySelector('.pg')?.getAttribute('data-build');
          return build === 'ok' || build === 'failed';
        }, undefined, { timeout: 30_000 });
        assert.match(new URL(page.url()).pathname, /^\/playground\/$/);
        assert.ok(((await page.locator('.cm-content').textContent()) ?? '').includes(firstLine), `the editor holds "${firstLine}"`);
      });
    });
  }
});

describe('reference', () => {
  test('lists every instruction, every catalogue image and the simulated programs', async () => {
    await site.page({}, async (page) => {
      await page.goto(`${site.origin}/reference/`);
      const keywords = await page.locator('table.flags tbody th').allTextContents();
      assert.deepEqual(keywords, [...KEYWORDS]);
      const copyFlags = (await page.locator('table.flags tbody tr', { hasText: /^COPY/ }).locator('td').textContent()) ?? '';
      for (const flag of Object.keys(INSTRUCTION_FLAGS.COPY)) assert.ok(copyFlags.includes(`--${flag}`), flag);
      assert.equal(await page.locator('.image-list > li').count(), listImages().length);
      const text = (await page.locator('main').textContent()) ?? '';
      for (const word of ['apk', 'npm', 'gcr.io/distroless/static-debian12', 'Size from:']) assert.ok(text.includes(word), word);
    });
  });
});

describe('the smallest phones (320 px)', () => {
  test('a table wider than the screen can be reached and scrolled from the keyboard; axe agrees', async () => {
    await site.page({ width: 320 }, async (page) => {
      await page.goto(`${site.origin}/lessons/01-images-and-layers/`);
      const tables = page.locator('main table');
      const states = await tables.evaluateAll((all) => all.map((t) => [t.scrollWidth > t.clientWidth, t.getAttribute('tabindex')]));
      assert.ok(states.some(([scrolls]) => scrolls), 'lesson 1 has a table that scrolls at 320 px');
      for (const [scrolls, tabindex] of states) assert.equal(tabindex, scrolls ? '0' : null);
      assert.deepEqual(await axeViolations(page), []);
      // Wide enough again: the tab stop goes.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.waitForFunction(() => [...document.querySelectorAll('main table')].every((t) => !t.hasAttribute('tabindex')));
    });
  });
});
