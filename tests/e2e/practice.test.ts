/**
 * Browser tests of the practice pages (`node tests/e2e/practice.test.ts` after `astro build`):
 * answering a quiz (keyboard only), solving an exercise with the in-browser checker, progress that
 * survives a reload, export then import, a corrupt save, the seeded misconception check, an
 * assignment hand-in opened on the review page, and axe on the answered pages in both themes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, useSite } from './harness.ts';

const root = join(import.meta.dirname, '..', '..');
const solution = readFileSync(join(root, 'src', 'content', 'exercises', 'split-go-build', 'solution.Dockerfile'), 'utf8');

// The export and hand-in tests save files.
const site = useSite({ acceptDownloads: true });
const { url } = site;

const firstQuestion = (page: Page) => page.locator('sc-quiz-question').first();

async function solveExercise(page: Page): Promise<void> {
  await page.goto(url('/exercises/split-go-build/'));
  // The CodeMirror editor replaces the textarea once the page is idle: type into it, not into the fallback.
  await page.locator('.cm-content').waitFor();
  await page.getByLabel('Dockerfile', { exact: true }).fill(solution);
  await page.getByRole('button', { name: 'Check the goals' }).click();
  await page.locator('.check-status', { hasText: 'Solved' }).waitFor();
}

describe('quiz', () => {
  test('keyboard only: commit to an answer, then every explanation shows and the result is announced; a reload keeps it', async () => {
    await site.page({}, async (page) => {
      await page.goto(url('/quizzes/01-images-and-layers/'));
      const q = firstQuestion(page);
      assert.equal(await q.locator('details.quiz-fallback').isVisible(), false, 'the no-JS answers are hidden once enhanced');
      assert.equal(await q.locator('.choice-explanation:visible').count(), 0, 'no explanation before answering');
      assert.equal(await q.locator('fieldset legend').count(), 1);
      assert.equal(await q.locator('input[type="radio"]').count(), 4);

      await q.getByRole('button', { name: 'Check my answer' }).focus();
      await page.keyboard.press('Enter');
      assert.match(await q.locator('[role="status"]').textContent() ?? '', /^Pick an answer first/);
      assert.equal(await q.locator('.choice-explanation:visible').count(), 0);

      // Focus lands on the first radio; the arrow key picks the second, Enter submits the form.
      assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), '0');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      assert.equal(await q.locator('[role="status"]').textContent(), 'Right! Each choice now shows why.');
      assert.equal(await q.locator('.choice-explanation:visible').count(), 4, 'an explanation for every choice');
      assert.equal(await q.locator('input:disabled').count(), 4);
      assert.equal(await q.getAttribute('data-state'), 'right');

      const second = page.locator('sc-quiz-question').nth(1);
      for (const i of [0, 3]) await second.locator('input[type="checkbox"]').nth(i).check();
      await second.getByRole('button', { name: 'Check my answer' }).click();
      assert.match(await second.locator('[role="status"]').textContent() ?? '', /^Not quite: the right answers are A, B, C\./);
      assert.equal(await second.locator('.myth').isVisible(), true, 'a wrong answer shows the belief behind it');

      await page.reload();
      assert.match(await firstQuestion(page).locator('[role="status"]').textContent() ?? '', /^You answered this before\. Right!/);
      assert.equal(await firstQuestion(page).locator('input:checked').getAttribute('value'), '1');
      await firstQuestion(page).getByRole('button', { name: 'Try again' }).click();
      assert.equal(await firstQuestion(page).locator('.choice-explanation:visible').count(), 0);
    });
  });

  test('predict questions show the Dockerfile the simulator built', async () => {
    await site.page({}, async (page) => {
      await page.goto(url('/quizzes/02-stages-and-copy-from/'));
      const predicted = page.locator('sc-quiz-question', { has: page.locator('.predict-badge') });
      assert.ok((await predicted.count()) >= 4);
      assert.ok((await predicted.first().locator('pre[data-language="docker"]').count()) === 1);
    });
  });

  test('the misconception check is ordered by the seed in the URL', async () => {
    await site.page({}, async (page) => {
      const order = async (path: string) => {
        await page.goto(url(path));
        return page.locator('sc-quiz-question').evaluateAll((qs) => qs.map((q) => q.id));
      };
      const a = await order('/quizzes/misconceptions/?seed=42');
      assert.deepEqual(await order('/quizzes/misconceptions/?seed=42'), a);
      assert.notDeepEqual(await order('/quizzes/misconceptions/?seed=7'), a);
      assert.equal(await page.locator('.q-number').first().textContent(), '1.');
      await order('/quizzes/misconceptions/');
      assert.match(new URL(page.url()).search, /^\?seed=\d+$/, 'a seed is written into the URL');
      assert.ok(a.length >= 24);
    });
  });
});

test('every belief links to its demonstration in the playground', async () => {
  await site.page({}, async (page) => {
    await page.goto(url('/quizzes/beliefs/'));
    assert.ok((await page.locator('section.belief').count()) >= 24);
    const first = page.locator('section.belief').first();
    const lastLine = ((await first.locator('pre[data-language="docker"]').textContent()) ?? '').trim().split('\n').at(-1) ?? '';
    assert.ok(lastLine.length > 5);
    await Promise.all([page.waitForURL(/\/playground\/#state=v1\./), first.getByRole('link', { name: 'Open this build in the playground' }).click()]);
    await page.locator('.cm-content', { hasText: lastLine }).waitFor();
  });
});

describe('exercise', () => {
  test('the starter fails with explanations, the solution passes, hints come one at a time, a reload keeps the work', async () => {
    await site.page({}, async (page) => {
      await page.goto(url('/exercises/split-go-build/'));
      await page.getByRole('button', { name: 'Check the goals' }).click();
      assert.equal(await page.locator('.check-status').textContent(), '1 of 5 goals met. The unmet ones say why.');
      assert.equal(await page.locator('.goal-result.fail').count(), 4);
      assert.match(await page.locator('.goal-result.fail .goal-explanation').first().textContent() ?? '', /Each FROM starts a new stage/);

      const hint = page.getByRole('button', { name: 'Show a hint (1 of 4)' });
      await hint.click();
      assert.equal(await page.locator('.hint-list li:visible').count(), 1);
      assert.equal(await page.locator('.hint-list li:visible').evaluate((li) => li === document.activeElement), true, 'focus moves to the new hint');

      await solveExercise(page);
      assert.equal(await page.locator('.check-status').textContent(), 'All 5 goals met. Solved! Your solution is saved in this browser.');
      assert.equal(await page.locator('.goal-result.pass').count(), 5);
      assert.equal(await page.locator('[data-solved-badge]').isVisible(), true);

      await page.reload();
      assert.equal(await page.locator('#exercise-dockerfile').inputValue(), solution);
      assert.equal(await page.locator('[data-solved-badge]').isVisible(), true);
      assert.equal(await page.locator('.hint-list li:visible').count(), 1, 'hints shown stay shown');
    });
  });

  test('an exercise with an editable .dockerignore is solved by editing that file', async () => {
    await site.page({}, async (page) => {
      await page.goto(url('/exercises/dockerignore-node-modules/'));
      await page.getByRole('textbox', { name: '.dockerignore' }).fill('node_modules\ncoverage\n');
      await page.getByRole('button', { name: 'Check the goals' }).click();
      assert.equal(await page.locator('.check-status').textContent(), 'All 4 goals met. Solved! Your solution is saved in this browser.');
    });
  });
});

describe('progress', () => {
  test('export, reset, then import brings the progress back', async () => {
    await site.page({}, async (page) => {
      await solveExercise(page);
      await page.goto(url('/exercises/'));
      const summary = page.locator('.progress-summary');
      assert.match(await summary.textContent() ?? '', /1 exercises solved/);
      assert.equal(await page.locator('[data-solved-mark="split-go-build"]').textContent(), '· solved');
      assert.equal(await page.locator('[data-solved-mark="node-non-root"]').textContent(), '');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to a file' }).click()]);
      assert.equal(download.suggestedFilename(), 'stagecraft-progress.json');
      const file = await download.path();

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Reset' }).click();
      assert.match(await summary.textContent() ?? '', /0 exercises solved/);

      await page.locator('#import-progress').setInputFiles(file);
      await page.locator('.progress-status', { hasText: 'Imported' }).waitFor();
      assert.match(await summary.textContent() ?? '', /1 exercises solved/);
      await page.goto(url('/exercises/split-go-build/'));
      assert.equal(await page.locator('#exercise-dockerfile').inputValue(), solution);
    });
  });

  test('a corrupt save is backed up and reset, with a message instead of a broken page', async () => {
    await site.page({}, async (page, context) => {
      await context.addInitScript(() => {
        if (sessionStorage.getItem('seeded') === null) {
          localStorage.setItem('stagecraft-progress', '{"version":2,"lessons":');
          sessionStorage.setItem('seeded', '1');
        }
      });
      await page.goto(url('/exercises/split-go-build/'));
      const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
      assert.equal(
        await alert.textContent(),
        'Your saved progress could not be read (the saved progress is not valid JSON), so it was reset. The old data is kept in this browser under "stagecraft-progress-corrupt-backup".',
      );
      assert.equal(await page.evaluate(() => localStorage.getItem('stagecraft-progress-corrupt-backup')), '{"version":2,"lessons":');
      await page.getByRole('button', { name: 'Check the goals' }).click();
      assert.equal(await page.locator('.check-status').textContent(), '1 of 5 goals met. The unmet ones say why.', 'the page still works');
      await page.reload();
      assert.equal(await page.getByRole('alert').filter({ hasText: 'could not be read' }).count(), 0, 'the message shows once');
    });
  });
});

describe('classroom', () => {
  test('assignment link → hand-in file → review page', async () => {
    await site.page({}, async (page) => {
      await solveExercise(page);
      await page.goto(url('/teachers/'));
      await page.getByLabel('Split a Go build into two stages').check();
      await page.getByLabel('Run a Node app as a non-root user').check();
      await Promise.all([page.waitForURL(/\/exercises\/assignment\//), page.getByRole('button', { name: 'Open the assignment link' }).click()]);
      assert.deepEqual(await page.locator('.assignment-list h3').allTextContents(), ['Split a Go build into two stages', 'Run a Node app as a non-root user']);
      assert.deepEqual(await page.locator('.assignment-list .meta').allTextContents(), ['Solved', 'Not started']);

      await page.getByRole('button', { name: 'Download my hand-in' }).click();
      assert.match(await page.locator('.hand-in-status').textContent() ?? '', /^Type your name first/);
      await page.getByLabel('Your name').fill('Ada Lovelace');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my hand-in' }).click()]);
      assert.equal(download.suggestedFilename(), 'stagecraft-hand-in-ada-lovelace.json');
      const file = await download.path();
      const handIn = JSON.parse(readFileSync(file, 'utf8'));
      assert.deepEqual(handIn.exercises.map((e: { id: string }) => e.id), ['split-go-build', 'node-non-root']);

      await page.goto(url('/teachers/review/'));
      await page.getByLabel(/Hand-in file/).setInputFiles(file);
      await page.locator('.review-status', { hasText: 'Ada Lovelace' }).waitFor();
      assert.equal(await page.locator('.review-status').textContent(), 'Ada Lovelace: 1 of 2 exercises meet every goal.');
      assert.equal(await page.locator('.review-exercise').count(), 2);
      assert.equal(await page.locator('.review-exercise').first().locator('.goal-result.pass').count(), 5);
    });
  });
});

describe('accessibility', () => {
  for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['light', 375], ['dark', 375]] as const) {
    test(`answered quiz, checked exercise, assignment and review pages have no serious axe violations (${colorScheme}, ${width} px)`, async () => {
      await site.page({ colorScheme, width }, async (page) => {
        const found: string[] = [];
        await page.goto(url('/quizzes/01-images-and-layers/'));
        await firstQuestion(page).locator('input').nth(0).check();
        await firstQuestion(page).getByRole('button', { name: 'Check my answer' }).click();
        found.push(...(await axeViolations(page)).map((v) => `quiz: ${v}`));
        await page.goto(url('/exercises/split-go-build/'));
        await page.getByRole('button', { name: 'Check the goals' }).click();
        await page.getByRole('button', { name: /Show a hint/ }).click();
        found.push(...(await axeViolations(page)).map((v) => `exercise: ${v}`));
        for (const path of ['/exercises/assignment/?set=split-go-build', '/teachers/', '/teachers/review/', '/quizzes/', '/quizzes/misconceptions/?seed=1', '/exercises/']) {
          await page.goto(url(path));
          found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
        }
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= width, `no sideways scroll (${wide} px)`);
        assert.deepEqual(found, []);
      });
    });
  }
});
