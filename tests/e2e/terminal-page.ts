/**
 * Driving the playground and a terminal as a person does: open the playground (optionally an
 * example), wait for its build, open its terminal, type commands and read the screen. Shared by the
 * playground, terminal and real-run browser tests.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Waits until the playground's build that follows the last change has answered; returns the status line. */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['ok', 'failed'].includes(document.querySelector('.pg')?.getAttribute('data-build') ?? ''), undefined, { timeout: 30_000 });
  return (await page.locator('.pg-status').textContent()) ?? '';
}

/** Picks an example from the playground's menu, opens it and waits for its build. */
export async function openExample(page: Page, title: string): Promise<void> {
  await page.getByLabel('Example').selectOption({ label: title });
  await page.getByRole('button', { name: 'Open example' }).click();
  await page.waitForFunction(() => document.querySelector('.pg')?.getAttribute('data-build') === 'running');
  await settled(page);
}

export async function openPlayground(page: Page, origin: string, example?: string): Promise<void> {
  await page.goto(`${origin}/playground/`);
  await settled(page);
  if (example !== undefined) await openExample(page, example);
}

export const HOST_PROMPT = 'learner@stagecraft:~/project$';

/** The terminal's visible rows as text (xterm draws spaces as no-break spaces), trailing blank rows dropped. */
export async function screen(page: Page, scope: string): Promise<string[]> {
  const rows = await page.locator(`${scope} .xterm-rows > div`).evaluateAll((divs) => divs.map((d) => (d.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
  while (rows.length > 0 && rows.at(-1) === '') rows.pop();
  return rows;
}

/** Opens the terminal in `scope` and waits for its first prompt. */
export async function openTerminal(page: Page, scope: string): Promise<void> {
  await page.locator(scope).getByRole('button', { name: 'Open the terminal' }).click();
  await page.locator(`${scope} .xterm-rows`).waitFor();
  await waitForScreen(page, scope, (rows) => rows.at(-1) === HOST_PROMPT);
}

/** Polls the screen every 50 ms until `done` holds; `polls` × 50 ms is the patience (15 s by default). */
export async function waitForScreen(page: Page, scope: string, done: (rows: string[]) => boolean, polls = 300): Promise<string[]> {
  for (let i = 0; i < polls; i++) {
    const rows = await screen(page, scope);
    if (done(rows)) return rows;
    await page.waitForTimeout(50);
  }
  assert.fail(`the terminal did not get there; it shows:\n${(await screen(page, scope)).join('\n')}`);
}

/** A prompt with nothing typed after it: the host's, or a container shell's (`$ `, `/app # `). */
export const atPrompt = (row: string | undefined) => row === HOST_PROMPT || /(^|\s)[$#]$/.test(row ?? '');

/** Ctrl-L, then waits for the screen to hold only the prompt (keys reach the program asynchronously). */
export async function clear(page: Page, scope: string): Promise<void> {
  await page.keyboard.press('Control+l');
  await waitForScreen(page, scope, (r) => r.length === 1 && atPrompt(r[0]));
}

/**
 * Clears the screen (Ctrl-L), runs `command` and returns what it printed: the rows between the
 * command's line (when it has not scrolled away) and the next prompt.
 */
export async function run(page: Page, scope: string, command: string): Promise<string[]> {
  await clear(page, scope);
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  // At least the command's line and a prompt: a lone prompt is the cleared screen before the echo.
  const rows = await waitForScreen(page, scope, (r) => r.length >= 2 && atPrompt(r.at(-1)));
  return rows.slice(rows[0]?.endsWith(command) === true ? 1 : 0, -1);
}
