/**
 * `docker run --real` in the terminal: the docker CLI plans the run, the session hands the plan to
 * whoever owns the screen (the page) and takes its exit code; without a page it says so.
 */
import { describe, expect, test } from 'vitest';
import type { RealRunPlan } from '../../../src/lib/realrun/index.ts';
import { PROMPT, startHarness } from './fixtures.ts';

const NODE_APP = {
  Dockerfile: {
    content: ['FROM node:22-slim', 'WORKDIR /app', 'COPY package.json server.js ./', 'USER node', 'CMD ["node", "server.js"]', ''].join('\n'),
  },
  'package.json': { content: '{ "name": "app", "private": true }\n' },
  'server.js': { content: 'console.log("hello from node");\n' },
};

describe('docker run --real', () => {
  test('hands the plan of a built Node image to the page and returns its exit code', async () => {
    const plans: RealRunPlan[] = [];
    const h = startHarness(NODE_APP, 120, {
      realRun: async (plan) => {
        plans.push(plan);
        return 3;
      },
    });
    await h.enter('docker build -q -t app .', 'docker run --rm --real app || echo exited');
    expect(plans).toHaveLength(1);
    const plan = plans[0] as RealRunPlan;
    expect(plan.image).toBe('app:latest');
    expect(plan.files).toEqual({
      'stage-0/': '',
      'stage-0/app/': '',
      'stage-0/app/package.json': '{ "name": "app", "private": true }\n',
      'stage-0/app/server.js': 'console.log("hello from node");\n',
    });
    expect(plan.start).toEqual({ command: 'node', args: ['server.js'], cwd: 'stage-0/app', env: {} });
    expect(h.term.screen().split('\n').slice(-3)).toEqual([`${PROMPT}docker run --rm --real app || echo exited`, 'exited', PROMPT.trimEnd()]);
  });

  test('overrides reach the plan: the command, -e and -w', async () => {
    const plans: RealRunPlan[] = [];
    const h = startHarness(NODE_APP, 120, { realRun: async (plan) => (plans.push(plan), 0) });
    await h.enter('docker build -q -t app .', 'docker run --real -e GREETING=hi -w /app app node -e "console.log(1)"');
    expect(plans[0]?.start).toEqual({ command: 'node', args: ['-e', 'console.log(1)'], cwd: 'stage-0/app', env: { GREETING: 'hi' } });
  });

  test('an image that does not run Node is refused with one sentence and exit 125', async () => {
    const h = startHarness(NODE_APP, 120, { realRun: async () => 0 });
    await h.enter('docker run --real alpine:3.20 || echo refused');
    const screen = h.term.screen();
    expect(screen).toContain('docker: alpine:3.20 runs `/bin/sh`, not Node: the real mode runs only Node programs (node, npm, npx).');
    expect(screen).toContain('refused');
  });

  test('--real with --detach is refused', async () => {
    const h = startHarness(NODE_APP, 120, { realRun: async () => 0 });
    await h.enter('docker build -q -t app .', 'docker run -d --real app');
    expect(h.term.screen()).toContain('docker: --real runs in the foreground of this terminal; it cannot be combined with --detach.');
  });

  test('without a page to run it on, the terminal says so', async () => {
    const h = startHarness(NODE_APP);
    await h.enter('docker build -q -t app .', 'docker run --real app || echo no-page');
    expect(h.term.screen().split('\n').slice(-3)).toEqual([
      'docker: --real needs the browser: it runs the image in a WebContainer on the page, which this terminal has not got.',
      'no-page',
      PROMPT.trimEnd(),
    ]);
  });
});
