/**
 * Browser tests of "Run for real" (`node tests/e2e/realrun.test.ts` after `astro build`), in this
 * offline environment: every page is cross-origin isolated; the static hosts' header files are in
 * dist/; a Node image offers the action and, when pressed without network, says in one sentence that
 * it cannot start and gives the terminal back, where the simulated run still works; an offline
 * browser, or a page served without the headers, is told why before anything starts.
 *
 * What cannot be tested here: a WebContainer actually booting, npm installing real packages, the
 * program's real output and the preview frame of its port. Those need StackBlitz's servers and the
 * npm registry from the browser (see the unit tests of src/lib/realrun for the exact files and
 * commands a run would use).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { azureConfig, isolationHeaders, netlifyHeaders } from '../../src/integrations/cross-origin-isolation.ts';
import { axeViolations, launchBrowser, startPreview, useSite, withPage } from './harness.ts';
import { HOST_PROMPT, openPlayground, run, waitForScreen } from './terminal-page.ts';

const site = useSite();
const PG = '.pg-terminal';
const TS_API = 'TypeScript API with a non-root runner';

/** The screen's text with the terminal's line wrapping undone (and all white space dropped). */
const unwrapped = (rows: string[]): string => rows.join('').replace(/\s+/g, '');
const flat = (text: string): string => text.replace(/\s+/g, '');

/** Aborts every request that leaves the preview's origin, as this machine's network does anyway. */
async function offlineBeyond(page: Page, origin: string): Promise<string[]> {
  const blocked: string[] = [];
  await page.route(
    (url) => url.origin !== origin,
    (route) => {
      blocked.push(new URL(route.request().url()).origin);
      return route.abort('internetdisconnected');
    },
  );
  return blocked;
}

describe('cross-origin isolation', () => {
  test('every kind of page is cross-origin isolated, with shared memory available', async () => {
    await site.page({}, async (page) => {
      for (const path of ['/', '/playground/', '/lessons/', '/quizzes/', '/exercises/', '/no-such-page/']) {
        await page.goto(site.url(path));
        assert.deepEqual(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer]), [true, 'function'], path);
      }
    });
  });

  test('dist/ carries the header files static hosts read, with the same headers', () => {
    const dist = join(import.meta.dirname, '..', '..', 'dist');
    assert.equal(readFileSync(join(dist, '_headers'), 'utf8'), netlifyHeaders);
    assert.equal(readFileSync(join(dist, 'staticwebapp.config.json'), 'utf8'), azureConfig);
    assert.deepEqual(JSON.parse(azureConfig), { globalHeaders: isolationHeaders });
    assert.equal(netlifyHeaders, '/*\n  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n');
  });
});

describe('Run for real in the playground', () => {
  test('a Node image offers it; an nginx image does not', async () => {
    await site.page({}, async (page) => {
      await openPlayground(page, site.origin, TS_API);
      const offer = page.locator(`${PG} .real-run-offer`);
      await offer.getByRole('button', { name: 'Run for real' }).waitFor();
      assert.match(await offer.innerText(), /WebContainer .*needs the network/s);
      await openPlayground(page, site.origin, 'Node builds a static site, nginx serves it');
      await page.waitForFunction(() => document.querySelector('.pg-terminal .real-run-offer') === null);
    });
  });

  test('without network it says why in one sentence, gives the terminal back, and the simulated run works', async () => {
    await site.page({}, async (page) => {
      const blocked = await offlineBeyond(page, site.origin);
      await openPlayground(page, site.origin, TS_API);
      await page.locator(PG).getByRole('button', { name: 'Run for real' }).click();
      // The button opens the terminal and types the command; the page then tries to boot.
      await waitForScreen(page, PG, (rows) => rows.some((r) => r.startsWith('Starting a WebContainer')));
      const rows = await waitForScreen(page, PG, (r) => r.at(-1) === HOST_PROMPT && unwrapped(r).includes(flat('did not start within')), 800);
      const text = unwrapped(rows);
      for (const line of [
        'docker run --rm --real playground:latest',
        "The WebContainer did not start within 20 seconds: running for real needs network access to StackBlitz's servers, which this browser could not reach.",
        'The simulated run still works: docker run playground:latest',
      ]) {
        assert.ok(text.includes(flat(line)), `${line}\nnot in:\n${rows.join('\n')}`);
      }
      assert.ok(blocked.includes('https://stackblitz.com'), `the boot went to StackBlitz: ${blocked.join(', ')}`);
      // The host shell has it back: the simulated run works as before.
      assert.deepEqual(await run(page, PG, 'docker run --rm playground:latest id'), ['uid=1000(node) gid=1000(node) groups=1000(node)']);
    });
  });

  test('an offline browser is told before anything starts, in the offer and in the terminal', async () => {
    await site.page({}, async (page, context) => {
      const blocked = await offlineBeyond(page, site.origin);
      await openPlayground(page, site.origin, TS_API);
      // The page and its terminal were loaded while online; then the connection goes.
      await page.locator(PG).getByRole('button', { name: 'Open the terminal' }).click();
      await waitForScreen(page, PG, (r) => r.at(-1) === HOST_PROMPT);
      await context.setOffline(true);
      const offer = page.locator(`${PG} .real-run-offer`);
      await offer.getByText('Your browser is offline').waitFor();
      assert.equal(await offer.getByRole('button', { name: 'Run for real' }).count(), 0);
      assert.match(await offer.innerText(), /Run for real is not available here\. Your browser is offline, and running for real needs the network: .*\. The simulated run works as before\./s);
      const out = unwrapped(await run(page, PG, 'docker run --rm --real playground:latest'));
      assert.ok(out.includes(flat('Your browser is offline, and running for real needs the network')), out);
      assert.ok(!out.includes(flat('Starting a WebContainer')), out);
      assert.deepEqual(blocked, [], 'nothing was fetched from another host');
      assert.deepEqual(await axeViolations(page), []);
    });
  });

  test('axe finds nothing serious with the offer shown, and a phone screen does not scroll sideways', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await site.page({ colorScheme, width: 375 }, async (page) => {
        await openPlayground(page, site.origin, TS_API);
        await page.locator(`${PG} .real-run-offer`).waitFor();
        assert.deepEqual(await axeViolations(page), [], colorScheme);
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, colorScheme);
      });
    }
  });
});

describe('a page served without the isolation headers', () => {
  test('the offer explains that the page is not cross-origin isolated; the terminal still works', async () => {
    const preview = await startPreview({ headers: {} });
    const session = await launchBrowser();
    try {
      await withPage(session, {}, async (page) => {
        await openPlayground(page, preview.origin, TS_API);
        const offer = page.locator(`${PG} .real-run-offer`);
        await offer.getByText('not cross-origin isolated').waitFor();
        assert.equal(await page.evaluate(() => crossOriginIsolated), false);
        assert.equal(await offer.getByRole('button', { name: 'Run for real' }).count(), 0);
        await page.locator(PG).getByRole('button', { name: 'Open the terminal' }).click();
        await waitForScreen(page, PG, (r) => r.at(-1) === HOST_PROMPT);
        assert.ok(unwrapped(await run(page, PG, 'docker run --rm --real playground:latest')).includes(flat('This page is not cross-origin isolated')));
        assert.deepEqual(await run(page, PG, 'docker run --rm playground:latest id'), ['uid=1000(node) gid=1000(node) groups=1000(node)']);
      });
    } finally {
      await session.close();
      await preview.stop();
    }
  });
});
