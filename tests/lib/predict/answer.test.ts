import { describe, expect, test } from 'vitest';
import { predictChoices, type PredictSpec } from '../../../src/lib/predict/index.ts';

const answer = (spec: PredictSpec) => {
  const result = predictChoices(spec);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('predict questions are answered by the simulator', () => {
  test('layers: the base image\'s plus one per RUN/COPY, config instructions add none', () => {
    expect(answer({ dockerfile: 'FROM alpine:3.20\nENV A=1\nRUN touch /a\nCOPY a.txt /a.txt\nCMD ["sh"]\n', context: { 'a.txt': 'a' }, ask: { kind: 'layers' } })).toEqual({
      kind: 'single',
      choices: [
        { text: '2', correct: false, explanation: 'The simulator counts 3, not 2: 1 layer comes with the base image alpine:3.20, then one for each of `RUN touch /a`, `COPY a.txt /a.txt`. ENV, CMD only change the configuration and add none.' },
        { text: '3', correct: true, explanation: 'Right: 1 layer comes with the base image alpine:3.20, then one for each of `RUN touch /a`, `COPY a.txt /a.txt`. ENV, CMD only change the configuration and add none.' },
        { text: '4', correct: false, explanation: 'The simulator counts 3, not 4: 1 layer comes with the base image alpine:3.20, then one for each of `RUN touch /a`, `COPY a.txt /a.txt`. ENV, CMD only change the configuration and add none.' },
        { text: '5', correct: false, explanation: 'The simulator counts 3, not 5: 1 layer comes with the base image alpine:3.20, then one for each of `RUN touch /a`, `COPY a.txt /a.txt`. ENV, CMD only change the configuration and add none.' },
      ],
    });
  });

  test('stages-built: the target and what it depends on; the rest is skipped', () => {
    const dockerfile = 'FROM alpine:3.20 AS base\nRUN touch /b\n\nFROM base AS test\nRUN touch /t\n\nFROM alpine:3.20 AS assets\nRUN touch /a\n\nFROM base AS prod\nCOPY --from=assets /a /a\n';
    const q = answer({ dockerfile, context: {}, ask: { kind: 'stages-built', target: 'prod' } });
    expect(q.kind).toBe('multiple');
    expect(q.choices).toEqual([
      { text: '`base`', correct: true, explanation: 'Built: stage `prod` needs it (FROM on line 10).' },
      { text: '`test`', correct: false, explanation: 'Skipped (not needed by target "prod"): nothing the target needs depends on it, so BuildKit never runs it.' },
      { text: '`assets`', correct: true, explanation: 'Built: stage `prod` needs it (COPY --from on line 11).' },
      { text: '`prod`', correct: true, explanation: 'Built: it is the target, so it becomes the image.' },
    ]);
  });

  test('final-user: USER of another stage does not carry over', () => {
    const q = answer({ dockerfile: 'FROM alpine:3.20 AS build\nUSER nobody\nRUN touch /tmp/x\n\nFROM alpine:3.20\nCOPY --from=build /tmp/x /x\n', context: {}, ask: { kind: 'final-user' } });
    expect(q).toEqual({
      kind: 'single',
      choices: [
        { text: '`root`', correct: true, explanation: 'Right: the image config sets no User, so the container runs as root.' },
        { text: '`nobody`', correct: false, explanation: '`USER nobody` is set in stage `build`, and USER does not carry into another stage: the image config sets no User, so the container runs as root.' },
      ],
    });
  });

  test('cached-after-edit: steps before the changed COPY stay cached, the rest runs again', () => {
    const q = answer({
      dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN echo built > /built\n',
      context: { 'package.json': '{"name":"a","version":"1.0.0","dependencies":{"express":"^4.19.2"}}', 'index.js': 'console.log(1)' },
      ask: { kind: 'cached-after-edit', edit: { path: 'index.js', content: 'console.log(2)' } },
    });
    expect(q.choices.map((c) => [c.text, c.correct, c.explanation.split(':')[0]])).toEqual([
      ['`WORKDIR /app` (line 2)', true, 'Cached'],
      ['`COPY package.json ./` (line 3)', true, 'Cached'],
      ['`RUN npm install` (line 4)', true, 'Cached'],
      ['`COPY . .` (line 5)', false, 'Runs again'],
      ['`RUN echo built > /built` (line 6)', false, 'Runs again'],
    ]);
    expect(q.choices[3]?.explanation).toBe('Runs again: the files it copies changed.');
    expect(q.choices[4]?.explanation).toBe('Runs again: an earlier step missed, and a miss invalidates every later step.');
  });

  test('path-in-image says where the path comes from', () => {
    const spec = (path: string): PredictSpec => ({ dockerfile: 'FROM golang:1.22 AS build\nRUN mkdir /out && touch /out/app\n\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n', context: {}, ask: { kind: 'path-in-image', path } });
    expect(answer(spec('/app')).choices).toEqual([
      { text: 'Yes', correct: true, explanation: 'Right. `/app` is in the image, copied from stage `build` on line 5.' },
      { text: 'No', correct: false, explanation: '`/app` is in the image, copied from stage `build` on line 5.' },
    ]);
    expect(answer(spec('/usr/local/go')).choices.map((c) => c.correct)).toEqual([false, true]);
    const deleted = answer({ dockerfile: 'FROM alpine:3.20\nRUN touch /big\nRUN rm /big\n', context: {}, ask: { kind: 'path-in-image', path: '/big' } });
    expect(deleted.choices[1]).toEqual({ text: 'No', correct: true, explanation: 'Right. `/big` was deleted on line 3, so the image\'s filesystem does not show it, though the bytes stay in the layer that added it.' });
  });

  test('a Dockerfile the simulator cannot build is an error, not a question', () => {
    expect(predictChoices({ dockerfile: 'FROM alpine:3.20\nRUN exit 3\n', context: {}, ask: { kind: 'layers' } })).toEqual({
      ok: false,
      error: 'the simulator could not build the question\'s Dockerfile: line 2: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
    });
  });
});
