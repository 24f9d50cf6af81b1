/**
 * Browser tests of /playground (`node tests/e2e/playground.test.ts` after `astro build`): editing
 * rebuilds in the worker and the views follow; diagnostics land on their line; targets grey skipped
 * stages; the cache reacts to context edits; share links restore (or explain why not); keyboard-only
 * use; axe; the 375 px layout; and the initial JavaScript budget read from dist/.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { FakeWorker, fakeWorkers } from './fake-worker.ts';
import { axeViolations, useSite } from './harness.ts';
import { openExample, settled } from './terminal-page.ts';
import { createBuildClient, type BuildOutcome } from '../../src/components/playground/build-client.ts';
import type { BuildRequest, BuildResponse } from '../../src/components/playground/build-protocol.ts';
import type { BuildResult } from '../../src/lib/build/index.ts';

const root = join(import.meta.dirname, '..', '..');
const site = useSite();

async function open(page: Page, hash = ''): Promise<void> {
  await page.goto(`${site.origin}/playground/${hash}`);
  await settled(page);
}

/** Puts the caret at the end of the Dockerfile and types `text`. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await page.waitForFunction(() => document.querySelector('.pg')?.getAttribute('data-build') === 'running');
  await settled(page);
}

const stepRows = (page: Page, stage: string) =>
  page.locator('.pg-stage', { has: page.locator('h4', { hasText: `Stage ${stage}` }) }).locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
  );

describe('playground', () => {
  test('builds the default example and shows every view', async () => {
    await site.page({}, async (page) => {
      await open(page);
      assert.match(await page.locator('.pg-status').textContent() ?? '', /^Built in \d+ ms \(worker round trip \d+ ms\)\.$/);
      const headings = await page.locator('.pg-view h2').allTextContents();
      assert.deepEqual(headings, ['Stage graph', 'Steps and cache', 'Final image', 'Build log', 'Hints']);
      assert.deepEqual(await page.locator('.pg-graph-stage').evaluateAll((gs) => gs.map((g) => g.getAttribute('class'))), [
        'pg-graph-stage pg-graph-built',
        'pg-graph-stage pg-graph-built pg-graph-target',
      ]);
      assert.match(await page.locator('.pg-log').textContent() ?? '', /#\d+ \[builder 5\/5\] RUN CGO_ENABLED=0 go build -o \/out\/hello \./);
      assert.equal(await page.locator('.pg-file-own code', { hasText: 'hello' }).count(), 1);
      assert.deepEqual(await page.locator('.pg-context .pg-tree-item').allTextContents(), ['.dockerignore', 'go.mod', 'main.go', 'README.md']);
    });
  });

  test('every example in the menu opens and builds, or fails where it is meant to', async () => {
    await site.page({}, async (page) => {
      await open(page);
      const titles = await page.locator('.pg-toolbar select option').allTextContents();
      const outcomes: string[] = [];
      for (const title of titles) {
        await openExample(page, title);
        const build = await page.locator('.pg').getAttribute('data-build');
        const error = await page.locator('.pg-hint-error').first().textContent({ timeout: 500 }).catch(() => '');
        outcomes.push(`${title} → ${build}${build === 'failed' ? `: ${error}` : ''}`);
      }
      assert.deepEqual(outcomes, [
        'Go: build in golang, ship on Debian slim → ok',
        'Node builds a static site, nginx serves it → ok',
        'TypeScript API with a non-root runner → ok',
        'Three stages: styles, pages, web server → ok',
        'One Dockerfile, three targets: dev, test, prod → ok',
        'Broken: a typo in an instruction → failed: error unknown-instruction line 3: unknown instruction: COPPY (did you mean COPY?)Each line must start with one of the 18 Dockerfile instructions (FROM, RUN, COPY, ...).',
        'Broken: COPY --from a later stage → failed: error stage-defined-later line 2: cannot copy from stage "builder", it needs to be defined before current stage "runtime"A stage can only copy from stages above it. Move the stage you copy from higher up in the file.',
        'Broken: go build in the runtime stage → failed: error run-failed line 8: process "/bin/sh -c go build -o /usr/local/bin/hello ." did not complete successfully: exit code: 127/bin/sh: go: not foundThe command exited with a non-zero status, so the step and the build stop. Its output above says why.',
      ]);
    });
  });

  test('typing into the editor changes the final image', async () => {
    await site.page({}, async (page) => {
      await open(page);
      assert.equal(await page.locator('.pg-config dd', { hasText: 'GREETING=hello' }).count(), 0);
      await typeAtEnd(page, 'ENV GREETING=hello');
      console.log(`after typing: ${await page.locator('.pg-status').textContent()}`);
      assert.equal(await page.locator('.pg-config dd li', { hasText: 'GREETING=hello' }).count(), 1);
      assert.deepEqual((await stepRows(page, 'stage-1')).at(-1), ['13', 'ENV GREETING=hello', 'no layer', 'rebuilt']);
    });
  });

  test('an image-level hint with a line shows in the editor and in the hints view', async () => {
    await site.page({}, async (page) => {
      await open(page);
      // As nobody, rm would be refused (and the build would fail): the file belongs to root.
      await typeAtEnd(page, 'USER root\nRUN rm /usr/local/bin/hello');
      const inline = await page.locator('.cm-line').evaluateAll((ls) => ls.map((l, i) => [i + 1, l.querySelector('.pg-inline-message')?.textContent ?? null]).filter(([, m]) => m !== null));
      // The binary's simulated size follows its sources, so only its form is checked.
      const deleted = /^\/usr\/local\/bin\/hello is deleted on line 14, but its 2,\d{3},\d{3} bytes are still shipped in an earlier layer\.$/;
      assert.deepEqual(inline[0], [13, 'Last USER should not be root']);
      assert.equal(inline[1]?.[0], 14);
      assert.match(String(inline[1]?.[1]), deleted);
      const hints = await page.locator('.pg-hints li.pg-hint-warning p:first-child').allTextContents();
      assert.ok(hints.includes('warning RunsAsRoot: The container runs as root (USER is "root").'), hints.join('\n'));
      assert.ok(hints.some((h) => h.startsWith('warning DeletedButShipped line 14: ') && deleted.test(h.slice('warning DeletedButShipped line 14: '.length))), hints.join('\n'));
    });
  });

  test('a typo shows a diagnostic on its line, with the message and hint', async () => {
    await site.page({}, async (page) => {
      await open(page);
      await openExample(page, 'Broken: a typo in an instruction');
      assert.equal(await page.locator('.pg').getAttribute('data-build'), 'failed');
      const lines = await page.locator('.cm-line').evaluateAll((ls) => ls.map((l, i) => (l.querySelector('.cm-lintRange-error') ? i + 1 : 0)).filter(Boolean));
      assert.deepEqual(lines, [3]);
      const hint = page.locator('.pg-hint-error').first();
      assert.match(await hint.textContent() ?? '', /line 3: unknown instruction: COPPY \(did you mean copy\?\)/i);
      assert.equal(await page.locator('.cm-gutter-lint .cm-lint-marker-error').count(), 1);
      const inline = await page.locator('.cm-line').evaluateAll((ls) => ls.map((l, i) => [i + 1, l.querySelector('.pg-inline-message')?.textContent ?? null]).filter(([, m]) => m !== null));
      assert.deepEqual(inline, [[3, 'unknown instruction: COPPY (did you mean COPY?)']]);
    });
  });

  test('choosing a target greys the stages it does not need', async () => {
    await site.page({}, async (page) => {
      await open(page);
      await openExample(page, 'One Dockerfile, three targets: dev, test, prod');
      await page.getByLabel('Target stage').selectOption('dev');
      await page.waitForFunction(() => document.querySelector('.pg')?.getAttribute('data-build') === 'running');
      await settled(page);
      const stages = await page.locator('.pg-graph-stage').evaluateAll((gs) => gs.map((g) => `${g.textContent} | ${g.getAttribute('class')}`));
      assert.deepEqual(stages, [
        // Opening the example built the default target (prod) first, which also needed base.
        'baseFROM python:3.13-slim | pg-graph-stage pg-graph-cached',
        '★ devFROM base | pg-graph-stage pg-graph-built pg-graph-target',
        'test (skipped)FROM dev | pg-graph-stage pg-graph-skipped',
        'prod (skipped)FROM base | pg-graph-stage pg-graph-skipped',
      ]);
      assert.deepEqual(await page.locator('.pg-reasons li').allTextContents(), ['test skipped: not needed by target "dev"', 'prod skipped: not needed by target "dev"']);
    });
  });

  test('editing a context file rebuilds from the COPY that reads it; earlier steps stay cached', async () => {
    await site.page({}, async (page) => {
      await open(page);
      await page.getByRole('button', { name: 'main.go', exact: true }).click();
      await page.getByLabel('Contents of main.go').fill('package main\n\nfunc main() { println("changed") }\n');
      await page.waitForFunction(() => document.querySelector('.pg')?.getAttribute('data-build') === 'running');
      await settled(page);
      const rows = (await stepRows(page, 'builder')).map((r) => [r[0], r[3]]);
      assert.deepEqual(rows, [
        ['3', 'cached'],
        ['4', 'cached'],
        ['5', 'rebuilt: copied files changed'],
        ['6', 'rebuilt: parent missed'],
      ]);
    });
  });

  test('a share link restores the same state in a new page', async () => {
    const link = await site.page({}, async (page) => {
      await open(page);
      await typeAtEnd(page, 'LABEL shared=yes');
      await page.getByLabel('Legacy builder').check();
      await page.getByRole('button', { name: 'Add file' }).waitFor();
      await page.getByLabel('New path').fill('notes/todo.txt');
      await page.getByRole('button', { name: 'Add file' }).click();
      await settled(page);
      await page.getByRole('button', { name: 'Copy link' }).click();
      return page.getByLabel('Share link').inputValue();
    });
    assert.match(link, /\/playground\/#state=v1\.[A-Za-z0-9_-]+$/);
    await site.page({}, async (page) => {
      await page.goto(link);
      await settled(page);
      assert.match(await page.locator('.cm-content').textContent() ?? '', /LABEL shared=yes$/);
      assert.equal(await page.getByLabel('Legacy builder').isChecked(), true);
      assert.deepEqual(await page.locator('.pg-context .pg-tree-item').allTextContents(), ['▸ notes (folder)', 'todo.txt', '.dockerignore', 'go.mod', 'main.go', 'README.md']);
      assert.equal(await page.locator('.pg-notice').textContent(), 'Restored the playground from the link.Dismiss');
    });
  });

  test('a corrupt or future link opens the default example with a clear message', async () => {
    await site.page({}, async (page) => {
      await open(page, '#state=v1.this-is-not-a-state');
      assert.equal(await page.getByRole('alert').locator('p').first().textContent(), 'This link is damaged: its playground state could not be read.');
      assert.match(await page.locator('.cm-content').textContent() ?? '', /^# The toolchain image compiles the program\./);
      await page.goto(`${site.origin}/playground/#state=v7.AAAA`);
      await settled(page);
      assert.equal(
        await page.getByRole('alert').locator('p').first().textContent(),
        'This link was made by a newer version of Stagecraft (format v7; this page reads up to v1).',
      );
    });
  });

  test('the last state is kept in localStorage', async () => {
    await site.page({}, async (page) => {
      await open(page);
      await typeAtEnd(page, 'EXPOSE 8080');
      await page.reload();
      await settled(page);
      assert.match(await page.locator('.cm-content').textContent() ?? '', /EXPOSE 8080$/);
    });
  });

  test('keyboard only: edit, leave the editor with Tab, open an example, step through the build', async () => {
    await site.page({}, async (page) => {
      await open(page);
      await page.locator('.pg-toolbar select').focus();
      await page.keyboard.press('End'); // the last example
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Open example');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('.cm-content')?.textContent?.includes('FROM alpine:3.20'));
      await settled(page);
      for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))); i++) await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cm-content')), 'Tab reaches the editor');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nUSER nobody');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('cm-content')), false, 'Tab leaves the editor');
      await settled(page);
      await page.locator('.pg-step button').first().focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('.pg-stepper span').textContent(), 'Step 1 of 5');
      await page.getByRole('button', { name: 'Forward ▶' }).focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('.pg-stepper span').textContent(), 'Step 2 of 5');
      assert.match(await page.locator('.pg-step-detail h4').textContent() ?? '', /^builder, line 3: COPY go\.mod main\.go \.\/$/);
      assert.deepEqual(await page.locator('.pg-step-detail tbody tr td:first-child').allTextContents(), ['/src/go.mod', '/src/main.go']);
    });
  });

  for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['light', 375], ['dark', 375]] as const) {
    test(`axe clean with a step and a file selected, nothing scrolls sideways (${colorScheme}, ${width} px)`, async () => {
      await site.page({ colorScheme, width }, async (page) => {
        await open(page);
        await page.locator('.pg-step button').nth(1).click();
        await page.getByRole('button', { name: 'go.mod', exact: true }).click();
        await page.evaluate(() => document.querySelectorAll('.pg details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
        assert.deepEqual(await axeViolations(page), []);
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width);
      });
    });
  }
});

describe('build client (no browser: a fake worker)', () => {
  class BuildWorker extends FakeWorker<BuildRequest> {
    answer(id: number, result: Partial<BuildResult>) {
      const data: BuildResponse = { kind: 'result', id, result: result as BuildResult, buildMs: 1, runsNode: false };
      this.say(data);
    }
    ready() {
      this.say({ kind: 'ready' });
    }
    crash(message: string) {
      this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
    }
  }
  const state = (dockerfile: string) => ({ dockerfile, files: {}, options: { target: null, buildArgs: {}, builder: 'buildkit' as const, noCache: false } });

  test('a runaway build is stopped after the limit (counted from the worker being ready) and the next request gets a fresh worker', async () => {
    const { workers, create } = fakeWorkers(() => new BuildWorker());
    const outcomes: BuildOutcome[] = [];
    const client = createBuildClient(create, (o) => outcomes.push(o), 50);
    client.request(state('FROM alpine\nRUN forever'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(outcomes.length, 0, 'a worker still loading is not a runaway build');
    assert.deepEqual(workers[0]?.sent, []);
    workers[0]?.ready();
    assert.equal(workers[0]?.sent.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.deepEqual([...outcomes], [{ kind: 'timeout', limitMs: 50 }]);
    assert.equal(workers[0]?.terminated, true);
    client.request(state('FROM alpine'));
    assert.equal(workers.length, 2);
    workers[1]?.ready();
    workers[1]?.answer(2, { ok: true });
    assert.deepEqual(outcomes.map((o) => o.kind), ['timeout', 'done']);
    client.dispose();
  });

  test('while a build runs, only the newest request is sent next and answered; a reset survives being replaced', () => {
    const worker = new BuildWorker();
    const outcomes: BuildOutcome[] = [];
    const client = createBuildClient(() => worker as unknown as Worker, (o) => outcomes.push(o), 10_000);
    client.request(state('a'));
    worker.ready();
    client.request(state('b'), { resetCache: true });
    client.request(state('c'));
    assert.deepEqual(worker.sent.map((r) => [r.id, r.state.dockerfile, r.resetCache]), [[1, 'a', false]]);
    worker.answer(1, { ok: true });
    assert.deepEqual(outcomes, [], 'the answer for "a" is stale: "c" is waiting');
    assert.deepEqual(worker.sent.map((r) => [r.id, r.state.dockerfile, r.resetCache]), [[1, 'a', false], [3, 'c', true]]);
    worker.answer(3, { ok: false });
    assert.equal(outcomes.length, 1);
    client.dispose();
  });

  test('a worker that crashes is reported and replaced', () => {
    const { workers, create } = fakeWorkers(() => new BuildWorker());
    const outcomes: BuildOutcome[] = [];
    const client = createBuildClient(create, (o) => outcomes.push(o), 10_000);
    client.request(state('a'));
    workers[0]?.ready();
    workers[0]?.crash('TypeError: x is undefined');
    assert.deepEqual(outcomes, [{ kind: 'crashed', message: 'TypeError: x is undefined' }]);
    assert.equal(workers[0]?.terminated, true);
    client.request(state('b'));
    assert.equal(workers.length, 2);
    client.dispose();
  });
});

describe('budget', () => {
  /** Every script the page loads at first: its module scripts, the island's component and renderer, and their static imports. */
  function initialScripts(html: string): string[] {
    const entries = [...html.matchAll(/(?:src|component-url|renderer-url)="(\/_astro\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
    const seen = new Set<string>();
    const visit = (url: string) => {
      if (seen.has(url)) return;
      seen.add(url);
      const code = readFileSync(join(root, 'dist', url), 'utf8');
      for (const m of code.matchAll(/(?:import|from)\s*["'](\.\/[^"']+\.js)["']/g)) visit(`/_astro/${(m[1] ?? '').slice(2)}`);
    };
    entries.forEach(visit);
    return [...seen];
  }

  test('/playground ships at most 150 KB of gzipped JavaScript at first, editor included', () => {
    const html = readFileSync(join(root, 'dist', 'playground', 'index.html'), 'utf8');
    const scripts = initialScripts(html);
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    const bytes = [...scripts.map((s) => readFileSync(join(root, 'dist', s))), ...inline.map((s) => Buffer.from(s))].reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0);
    console.log(`/playground initial JS: ${(bytes / 1024).toFixed(1)} KB gzip in ${scripts.length} files + ${inline.length} inline scripts`);
    assert.ok(scripts.some((s) => s.includes('Playground')), 'the island is among the initial scripts');
    assert.ok(!scripts.some((s) => s.includes('worker')), 'the build worker is not loaded at first');
    assert.ok(bytes <= 150 * 1024, `${bytes} bytes gzip`);
  });
});

/** What the browser's accessibility tree gives a screen reader as the element's description. */
async function accessibleDescription(page: Page, selector: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root: doc } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    return String(nodes[0]?.description?.value ?? '');
  } finally {
    await cdp.detach();
  }
}

describe('playground: the context tree marks what .dockerignore leaves out', () => {
  const marked = (page: Page) => page.locator('.pg-context li.pg-tree-ignored > .pg-tree-item').allTextContents();
  const note = 'Ignored by .dockerignore: not sent to the builder, so COPY and ADD cannot see it.';

  test('the default example marks README.md (*.md); editing .dockerignore moves the marks', async () => {
    await site.page({}, async (page) => {
      await open(page);
      assert.deepEqual(await marked(page), ['README.md']);
      assert.deepEqual(await page.locator('.pg-context .pg-tree-mark').allTextContents(), ['ignored']);
      assert.equal(await accessibleDescription(page, '.pg-tree-ignored > .pg-tree-item'), note);
      assert.equal(await page.getByRole('button', { name: 'main.go', exact: true }).getAttribute('aria-describedby'), null);

      await page.getByLabel('New path').fill('notes/todo.txt');
      await page.getByRole('button', { name: 'Add file' }).click();
      await settled(page);
      await page.getByRole('button', { name: '.dockerignore', exact: true }).click();
      await page.getByLabel('Contents of .dockerignore').fill('*.md\n!README.md\nnotes\n');
      await page.waitForFunction(() => document.querySelector('.pg')?.getAttribute('data-build') === 'running');
      assert.equal(await settled(page).then(() => page.locator('.pg').getAttribute('data-build')), 'ok');
      assert.deepEqual(await marked(page), ['▸ notes (folder)', 'todo.txt']);
      assert.equal(await page.locator('.pg-context .pg-tree-mark').count(), 2);
      assert.equal(await accessibleDescription(page, '.pg-tree-ignored .pg-tree-ignored > .pg-tree-item'), note);

      await page.getByRole('button', { name: 'todo.txt', exact: true }).click();
      assert.equal(await page.locator('.pg-file-edit > p').textContent(), '.dockerignore leaves notes/todo.txt out of the build context.');
      assert.deepEqual(await axeViolations(page), []);
    });
  });

  test('the marks stay when the Dockerfile does not parse', async () => {
    await site.page({}, async (page) => {
      await open(page);
      await typeAtEnd(page, 'COPPY . /x');
      assert.equal(await page.locator('.pg').getAttribute('data-build'), 'failed');
      assert.deepEqual(await marked(page), ['README.md']);
    });
  });
});

describe('playground: a Dockerfile taller than the editor', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`at 375 px the editor scrolls and axe finds nothing serious (${colorScheme})`, async () => {
      const { encodeState, defaultOptions } = await import('../../src/lib/share/index.ts');
      const lines = ['FROM alpine:3.20 AS build', ...Array.from({ length: 70 }, (_, i) => `# step ${i + 1}: a comment long enough to wrap on a phone's narrow screen`), 'RUN echo done'];
      const hash = await encodeState({ dockerfile: `${lines.join('\n')}\n`, files: {}, options: defaultOptions() });
      await site.page({ colorScheme, width: 375 }, async (page) => {
        await open(page, hash);
        assert.equal(await page.locator('.pg').getAttribute('data-build'), 'ok');
        // CodeMirror gives the scroller tabindex="-1": focusable by the mouse, not a tab stop of its own.
        const scroller = await page.locator('.cm-scroller').evaluate((e) => ({ overflows: e.scrollHeight > e.clientHeight + 200, tabStop: (e as HTMLElement).tabIndex >= 0 }));
        assert.deepEqual(scroller, { overflows: true, tabStop: false }, 'the scroller overflows and is not an extra tab stop');
        assert.deepEqual(await axeViolations(page), []);
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
      });
    });
  }
});
