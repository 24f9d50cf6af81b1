/**
 * Browser tests of the terminal (`node tests/e2e/terminal.test.ts` after `astro build`): in the
 * playground it shares the session (files, images, build cache) with the views; `docker run` runs
 * the built image as its user, `-it … sh` opens a shell inside it; the line editor's Tab, Ctrl-C,
 * Ctrl-L and history; a lesson's command buttons; axe with the terminal open; and screenshots of
 * it in both themes at 375 and 1280 px, saved to screenshots/ for looking at. Without a browser:
 * the build client's terminal channel, with a fake worker.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBuildClient, type BuildOutcome } from '../../src/components/playground/build-client.ts';
import { fakeWorkers, FakeWorker } from './fake-worker.ts';
import { axeViolations, useSite } from './harness.ts';
import { clear, HOST_PROMPT, openPlayground, openTerminal, run, screen, settled, waitForScreen } from './terminal-page.ts';

const shots = join(import.meta.dirname, '..', '..', 'screenshots');

const site = useSite();

const PG = '.pg-terminal';

describe('terminal', () => {
  test('xterm.js loads only when the terminal is opened', async () => {
    await site.page({}, async (page) => {
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      await openPlayground(page, site.origin);
      assert.deepEqual(scripts.filter((s) => /open-terminal|xterm/i.test(s)), []);
      await openTerminal(page, PG);
      assert.equal(scripts.filter((s) => /open-terminal/.test(s)).length, 1, scripts.join(' '));
      assert.equal(scripts.filter((s) => /terminal\.worker/.test(s)).length, 0, 'the playground’s terminal runs in its build worker');
    });
  });

  test('build, then docker run app id prints the image’s non-root user; -it sh opens a shell inside it', async () => {
    await site.page({}, async (page) => {
      await openPlayground(page, site.origin, 'TypeScript API with a non-root runner');
      await openTerminal(page, PG);
      const built = await run(page, PG, 'docker build -q -t app .');
      assert.equal(built.length, 1);
      assert.match(built[0] ?? '', /^sha256:[0-9a-f]{64}$/);
      assert.deepEqual(await run(page, PG, 'docker run app id'), ['uid=1000(node) gid=1000(node) groups=1000(node)']);

      assert.deepEqual(await run(page, PG, 'docker run -it app sh'), []);
      assert.equal((await screen(page, PG)).at(-1), '$', 'the container shell’s own prompt');
      assert.deepEqual(await run(page, PG, 'whoami'), ['node']);
      assert.deepEqual(await run(page, PG, 'pwd'), ['/app']);
      // On a terminal, GNU ls lays the names out in columns across the screen's width.
      const listing = await run(page, PG, 'ls /');
      const names = listing.join(' ').split(/\s+/);
      assert.ok(listing.length <= 3, `in columns: ${listing.join('\n')}`);
      assert.deepEqual(['etc', 'proc', 'root', 'tmp', 'usr', 'var'].filter((name) => !names.includes(name)), []);
      await page.keyboard.type('exit');
      await page.keyboard.press('Enter');
      await waitForScreen(page, PG, (rows) => rows.at(-1) === HOST_PROMPT);
      assert.deepEqual(await run(page, PG, 'pwd'), ['/home/learner/project'], 'back on the host');
    });
  });

  test('the terminal and the playground share images and the build cache', async () => {
    await site.page({}, async (page) => {
      await openPlayground(page, site.origin);
      await openTerminal(page, PG);
      const banner = await screen(page, PG);
      assert.ok(banner.some((r) => r.includes('each playground build is tagged playground:latest')), banner.join('\n'));

      const images = await run(page, PG, 'docker images');
      assert.equal(images.length, 2, images.join('\n'));
      assert.match(images[0] ?? '', /^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
      assert.match(images[1] ?? '', /^playground\s+latest\s+[0-9a-f]{12}\s+\S.*\s+\d/);
      const firstId = (images[1] ?? '').split(/\s+/)[2];

      // The terminal builds the same files with the playground's cache: every step is a hit, and
      // the image is the playground's (same id, one more tag).
      await clear(page, PG);
      await page.keyboard.type('docker build --progress plain -t app .');
      await page.keyboard.press('Enter');
      const log = await waitForScreen(page, PG, (r) => r.length > 2 && r.at(-1) === HOST_PROMPT);
      assert.ok(log.some((r) => /^#\d+ CACHED$/.test(r)), log.join('\n'));
      const both = await run(page, PG, 'docker images');
      assert.deepEqual(both.slice(1).map((r) => r.split(/\s+/).slice(0, 3)).sort(), [['app', 'latest', firstId], ['playground', 'latest', firstId]]);

      // An edit in the playground rebuilds, and the terminal sees the new playground:latest only.
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nLABEL edited=yes\n');
      await page.waitForFunction(() => document.querySelector('.pg')?.getAttribute('data-build') === 'running');
      await settled(page);
      await page.locator(`${PG} .xterm-screen`).click();
      const rows = (await run(page, PG, 'docker images')).slice(1).map((r) => r.split(/\s+/).slice(0, 3));
      assert.equal(rows.length, 2, 'the replaced playground image stays only because app still names it');
      assert.deepEqual(rows.find((r) => r[0] === 'app'), ['app', 'latest', firstId]);
      assert.notEqual(rows.find((r) => r[0] === 'playground')?.[2], firstId, 'the playground’s new build is playground:latest');
      // And the terminal's context follows the editor at once.
      assert.equal((await run(page, PG, 'cat Dockerfile')).at(-1), 'LABEL edited=yes');
    });
  });

  test('Tab completes, Ctrl-C abandons a line, arrow up recalls history', async () => {
    await site.page({}, async (page) => {
      await openPlayground(page, site.origin);
      await openTerminal(page, PG);
      await page.keyboard.type('docker hist');
      await page.keyboard.press('Tab');
      await page.keyboard.type('pl');
      await page.keyboard.press('Tab');
      await waitForScreen(page, PG, (rows) => rows.at(-1) === `${HOST_PROMPT} docker history playground`);

      await page.keyboard.press('Control+c');
      const rows = await waitForScreen(page, PG, (r) => r.at(-1) === HOST_PROMPT);
      assert.equal(rows.at(-2), `${HOST_PROMPT} docker history playground ^C`);

      assert.deepEqual(await run(page, PG, 'pwd'), ['/home/learner/project']);
      await clear(page, PG);
      await page.keyboard.type('echo nothing');
      await page.keyboard.press('Control+c');
      await page.keyboard.press('ArrowUp');
      await waitForScreen(page, PG, (r) => r.at(-1) === `${HOST_PROMPT} pwd`);
      await page.keyboard.press('Enter');
      const again = await waitForScreen(page, PG, (r) => r.at(-1) === HOST_PROMPT && r.includes('/home/learner/project'));
      assert.equal(again.at(-2), '/home/learner/project');
    });
  });

  test('a lesson’s command buttons type and run their commands in the lesson example', async () => {
    await site.page({}, async (page) => {
      await page.goto(`${site.origin}/lessons/06-non-root/`);
      const scope = '.terminal-island';
      // The island hydrates when scrolled into view; a click before that would do nothing.
      await page.locator(scope).scrollIntoViewIfNeeded();
      await page.locator(`astro-island:not([ssr]) ${scope}`).waitFor();
      await page.getByRole('button', { name: 'docker build -t app-nonroot .' }).click();
      await page.locator(`${scope} .xterm-rows`).waitFor();
      await waitForScreen(page, scope, (r) => r.at(-1) === HOST_PROMPT && r.some((row) => row.includes('naming to docker.io/library/app-nonroot:latest')));
      await page.getByRole('button', { name: 'docker run --rm app-nonroot id' }).click();
      const id = await waitForScreen(page, scope, (r) => r.at(-1) === HOST_PROMPT && r.at(-3)?.endsWith('docker run --rm app-nonroot id') === true);
      assert.equal(id.at(-2), 'uid=100(app) gid=101(app) groups=101(app)');
      await page.getByRole('button', { name: 'docker run --rm app-nonroot', exact: true }).click();
      const app = await waitForScreen(page, scope, (r) => r.at(-1) === HOST_PROMPT && r.at(-3)?.endsWith('docker run --rm app-nonroot') === true);
      assert.equal(app.at(-2), 'running as app');
      mkdirSync(shots, { recursive: true });
      await page.locator(scope).screenshot({ path: join(shots, 'terminal-lesson-06-1280-light.png') });
    });
  });

  for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['light', 375], ['dark', 375]] as const) {
    test(`axe clean with the terminal open, nothing scrolls sideways; screenshot (${colorScheme}, ${width} px)`, async () => {
      await site.page({ colorScheme, width }, async (page) => {
        await openPlayground(page, site.origin);
        await openTerminal(page, PG);
        await run(page, PG, 'docker build -t app .');
        await run(page, PG, 'docker run app id');
        assert.deepEqual(await axeViolations(page), []);
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width);
        // A table too, for the screenshot: wide output on a narrow screen wraps.
        await page.keyboard.type('docker images');
        await page.keyboard.press('Enter');
        await waitForScreen(page, PG, (r) => r.at(-1) === HOST_PROMPT && r.some((row) => row.startsWith('REPOSITORY')));
        mkdirSync(shots, { recursive: true });
        await page.locator(PG).screenshot({ path: join(shots, `terminal-playground-${width}-${colorScheme}.png`) });
      });
    });
  }
});

describe('the playground’s terminal channel (no browser: a fake worker)', () => {
  const state = { dockerfile: 'FROM alpine', files: {}, options: { target: null, buildArgs: {}, builder: 'buildkit' as const, noCache: false } };

  test('keys go to the build worker, its screen output to the terminal; a stopped build restarts the terminal on the next worker', async () => {
    const { workers, create } = fakeWorkers(() => new FakeWorker());
    const outcomes: BuildOutcome[] = [];
    const client = createBuildClient(create, (o) => outcomes.push(o), 30);
    const channel = client.terminal();
    const screen: unknown[] = [];
    let restarts = 0;
    channel.onMessage((m) => screen.push(m));
    channel.onRestart(() => {
      restarts++;
      channel.post({ kind: 'data', data: 'again' });
    });
    channel.post({ kind: 'data', data: 'ls\r' });
    assert.equal(workers.length, 1, 'the terminal starts the worker if no build has');
    assert.deepEqual(workers[0]?.sent, [{ kind: 'data', data: 'ls\r' }], 'keys need not wait for ready');
    workers[0]?.say({ kind: 'write', data: 'Dockerfile\r\n' });
    workers[0]?.say({ kind: 'ready' });
    assert.deepEqual(screen, [{ kind: 'write', data: 'Dockerfile\r\n' }]);

    client.request(state);
    assert.equal((workers[0]?.sent.at(-1) as { kind: string }).kind, 'build');
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(outcomes, [{ kind: 'timeout', limitMs: 30 }]);
    assert.equal(workers[0]?.terminated, true);
    assert.equal(restarts, 1);
    assert.equal(workers.length, 2);
    assert.deepEqual(workers[1]?.sent, [{ kind: 'data', data: 'again' }], 'the restarted terminal talks to the new worker');

    channel.dispose();
    workers[1]?.say({ kind: 'write', data: 'ignored' });
    assert.equal(screen.length, 1, 'a disposed channel hears nothing');
    client.dispose();
  });
});
