import { describe, expect, test } from 'vitest';
import { build, createBuildCache, type BuildInput, type BuildResult } from '../../../../src/lib/build/index.ts';
import { checkGoals, type Attempt, type Goal } from '../../../../src/lib/checks/goals/index.ts';

const goContext = {
  'go.mod': { content: 'module example.com/app\n\ngo 1.22\n' },
  'main.go': { content: 'package main\n\nfunc main() {}\n' },
};
const twoStage = (from: string) => `FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20
COPY --from=${from} /out/app /usr/local/bin/app
USER nobody
`;
const d = (text: string) => ({ description: `goal: ${text}` });
const one = (goal: Goal, attempt: Attempt) => {
  const [result] = checkGoals([goal], attempt).results;
  if (result === undefined) throw new Error('no result');
  return { passed: result.passed, observed: result.observed, explanation: result.explanation };
};

describe('no text matching: equivalent Dockerfiles pass alike', () => {
  const goals: Goal[] = [
    { kind: 'has-path', path: '/usr/local/bin/app', ...d('the program') },
    { kind: 'lacks-path', path: '/usr/local/go', ...d('no toolchain') },
    { kind: 'min-stages', count: 2, ...d('two stages') },
    { kind: 'final-base', images: ['alpine:3.20'], ...d('alpine') },
    { kind: 'non-root-user', ...d('not root') },
    { kind: 'max-size', bytes: 20_000_000, ...d('small') },
  ];
  test.each(['build', '0', 'BUILD'])('COPY --from=%s', (from) => {
    const report = checkGoals(goals, { dockerfile: twoStage(from), context: goContext });
    expect(report.results.map((r) => [r.goal.kind, r.passed])).toEqual(goals.map((g) => [g.kind, true]));
    expect(report.passed).toBe(true);
  });
});

describe('each goal kind, met and not met, with what the simulator saw', () => {
  const single: Attempt = { dockerfile: 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN CGO_ENABLED=0 go build -o /out/app .\n', context: goContext };

  test('lacks-path names where the path comes from and how to leave it behind', () => {
    expect(one({ kind: 'lacks-path', path: '/usr/local/go', ...d('x') }, single)).toEqual({
      passed: false,
      observed: '/usr/local/go is still in the image: a folder from the base image golang:1.22.',
      explanation: 'It comes with the base image. Start the final stage FROM a smaller image that does not ship it, and copy in only what the program needs.',
    });
    expect(one({ kind: 'lacks-path', path: '/src/main.go', ...d('x') }, single)).toMatchObject({
      passed: false,
      observed: '/src/main.go is still in the image: a file of 29B from line 3 of the final stage.',
    });
  });

  test('has-path follows symlinked folders (/bin -> usr/bin on Debian)', () => {
    const debian: Attempt = { dockerfile: 'FROM debian:bookworm-slim\n', context: {} };
    expect(one({ kind: 'has-path', path: '/bin/sh', ...d('x') }, debian).passed).toBe(true);
    expect(one({ kind: 'has-path', path: '/bin/no-such-tool', ...d('x') }, debian)).toEqual({
      passed: false,
      observed: 'The final image has nothing at /bin/no-such-tool.',
      explanation: expect.stringContaining('Only the final stage (or the --target) becomes the image.'),
    });
  });

  test('min-stages and final-base', () => {
    expect(one({ kind: 'min-stages', count: 2, ...d('x') }, single)).toMatchObject({ passed: false, observed: 'The Dockerfile has 1 stage; at least 2 are wanted.' });
    expect(one({ kind: 'final-base', images: ['alpine:3.20', 'scratch'], ...d('x') }, single)).toMatchObject({
      passed: false,
      observed: 'The final image starts from golang:1.22.',
    });
    expect(one({ kind: 'final-base', images: ['docker.io/library/golang:1.22'], ...d('x') }, single).passed).toBe(true);
  });

  test('max-size lists the biggest parts', () => {
    const result = one({ kind: 'max-size', bytes: 100_000_000, ...d('x') }, single);
    expect(result.passed).toBe(false);
    expect(result.observed).toMatch(/^The image is 8\d\dMB; the limit is 100MB\. Biggest parts: the base golang:1\.22 8\d\dMB, line 4 RUN /);
  });

  test('non-root-user resolves names through the final image\'s /etc/passwd', () => {
    const alpine = (user: string): Attempt => ({ dockerfile: `FROM alpine:3.20\n${user}`, context: {} });
    expect(one({ kind: 'non-root-user', ...d('x') }, alpine(''))).toEqual({
      passed: false,
      observed: 'The image sets no USER, so it runs as root (uid 0).',
      explanation: expect.stringContaining('USER is per stage'),
    });
    expect(one({ kind: 'non-root-user', ...d('x') }, alpine('USER nobody\n'))).toMatchObject({ passed: true, observed: 'The image runs as uid 65534 (nobody).' });
    expect(one({ kind: 'non-root-user', ...d('x') }, alpine('USER 1000:1000\n'))).toMatchObject({ passed: true, observed: 'The image runs as uid 1000.' });
    expect(one({ kind: 'non-root-user', ...d('x') }, alpine('USER root\n'))).toMatchObject({ passed: false, observed: 'USER is "root", which is uid 0: root.' });
    expect(one({ kind: 'non-root-user', ...d('x') }, alpine('USER app\n'))).toMatchObject({
      passed: false,
      observed: 'USER is "app", but the user "app" is not in the image\'s /etc/passwd.',
    });
    // A user created in another stage does not exist in the final one.
    const created: Attempt = { dockerfile: 'FROM alpine:3.20 AS build\nRUN adduser -D app\n\nFROM alpine:3.20\nUSER app\n', context: {} };
    expect(one({ kind: 'non-root-user', ...d('x') }, created).passed).toBe(false);
    const here: Attempt = { dockerfile: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER app\n', context: {} };
    expect(one({ kind: 'non-root-user', ...d('x') }, here)).toMatchObject({ passed: true, observed: 'The image runs as uid 10001 (app).' });
  });

  test('target-builds checks built and skipped stages', () => {
    const targets: Attempt = {
      dockerfile: 'FROM alpine:3.20 AS base\nRUN touch /b\n\nFROM base AS test\nRUN touch /t\n\nFROM base AS prod\nRUN touch /p\n',
      context: {},
    };
    expect(one({ kind: 'target-builds', target: 'test', builds: ['base', 'test'], skips: ['prod'], ...d('x') }, targets)).toEqual({
      passed: true,
      observed: '`--target test` builds base: built, test: built, prod: skipped.',
      explanation: '',
    });
    expect(one({ kind: 'target-builds', target: 'test', builds: ['lint'], skips: ['base'], ...d('x') }, targets)).toMatchObject({
      passed: false,
      observed: '`--target test`: there is no stage named "lint"; stage "base" was built.',
    });
    expect(one({ kind: 'target-builds', target: 'tests', builds: [], skips: [], ...d('x') }, targets)).toMatchObject({
      passed: false,
      observed: expect.stringContaining('target stage "tests" could not be found'),
    });
  });

  test('cache-after-edit finds the step by what it writes and explains the first miss', () => {
    const context = {
      'package.json': { content: '{"name":"a","version":"1.0.0","dependencies":{"express":"^4.19.2"}}' },
      'index.js': { content: 'console.log(1)\n' },
    };
    const goal: Goal = { kind: 'cache-after-edit', edit: { path: 'index.js', content: 'console.log(2)\n' }, writes: '/app/node_modules', expect: 'cached', ...d('x') };
    const late: Attempt = { dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\n', context };
    expect(one(goal, late)).toEqual({ passed: true, observed: 'After editing index.js: line 4 (`RUN npm install`) was cached.', explanation: '' });
    const early: Attempt = { dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\n', context };
    expect(one(goal, early)).toEqual({
      passed: false,
      observed: 'After editing index.js: line 4 (`RUN npm install`) ran again.',
      explanation: expect.stringMatching(/^line 4 \(`RUN npm install`\) ran again because line 3 \(`COPY \. \.`\) missed first \(copied files changed\), and a miss invalidates every later step/),
    });
    expect(one({ ...goal, writes: '/nowhere' }, late)).toMatchObject({ passed: false, observed: 'No step writes at or below /nowhere.' });
  });

  test('diagnostics, env, history, files, layers and failures', () => {
    const leaky: Attempt = { dockerfile: 'FROM alpine:3.20\nARG TOKEN\nENV API_KEY=abc\nRUN echo hi > /hi.txt\n', context: {}, buildArgs: { TOKEN: 'xyz' } };
    expect(one({ kind: 'no-diagnostic', code: 'SecretsUsedInArgOrEnv', ...d('x') }, leaky)).toMatchObject({
      passed: false,
      observed: 'SecretsUsedInArgOrEnv: line 2: Do not use ARG or ENV instructions for sensitive data (ARG "TOKEN"); line 3: Do not use ARG or ENV instructions for sensitive data (ENV "API_KEY").',
    });
    expect(one({ kind: 'lacks-env', name: 'API_KEY', ...d('x') }, leaky).passed).toBe(false);
    expect(one({ kind: 'has-env', name: 'TOKEN', ...d('x') }, leaky).passed).toBe(false);
    expect(one({ kind: 'history-lacks', text: 'TOKEN=xyz', ...d('x') }, leaky)).toMatchObject({
      passed: false,
      observed: 'History entry: ARG TOKEN=xyz',
    });
    expect(one({ kind: 'file-content', path: '/hi.txt', content: 'hi\n', ...d('x') }, leaky).passed).toBe(true);
    expect(one({ kind: 'file-owner', path: '/hi.txt', uid: 0, ...d('x') }, leaky).passed).toBe(true);
    expect(one({ kind: 'layers', count: 2, ...d('x') }, leaky).passed).toBe(true);
    expect(one({ kind: 'build-fails', message: 'x', ...d('x') }, leaky)).toMatchObject({ passed: false, observed: 'The build succeeded.' });
  });

  test('a failed build fails the image goals and points at the error', () => {
    const broken: Attempt = { dockerfile: 'FROM alpine:3.20\nRUN go build .\n', context: {} };
    expect(one({ kind: 'has-path', path: '/bin/sh', ...d('x') }, broken)).toEqual({
      passed: false,
      observed: 'The build failed: line 2: process "/bin/sh -c go build ." did not complete successfully: exit code: 127.',
      explanation: expect.stringContaining('Fix that error first'),
    });
    expect(one({ kind: 'build-fails', message: 'exit code: 127', ...d('x') }, broken).passed).toBe(true);
  });
});

test('each build a report needs runs once (the main build is shared by the image goals)', () => {
  const calls: string[] = [];
  const run = (input: BuildInput, cache: ReturnType<typeof createBuildCache>): BuildResult => {
    calls.push(input.target ?? 'default');
    return build(input, cache);
  };
  const goals: Goal[] = [
    { kind: 'has-path', path: '/bin/sh', ...d('x') },
    { kind: 'lacks-path', path: '/src', ...d('x') },
    { kind: 'target-builds', target: 'stage-0', builds: [], skips: [], ...d('x') },
    { kind: 'target-builds', target: 'stage-0', builds: [], skips: [], ...d('x') },
  ];
  checkGoals(goals, { dockerfile: 'FROM alpine:3.20\n', context: {} }, run);
  expect(calls).toEqual(['default', 'stage-0']);
});
