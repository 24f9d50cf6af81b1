import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { exerciseSchema, lessonSchema, misconceptionSchema, quizSchema } from '../../src/content/schemas/index.ts';
import { contentDir, exerciseIds, frontmatter, lessonFiles, quizFiles, yamlFile } from './content-files.ts';

/** zod's issues as `path: message` lines, so a failing test shows exactly what is wrong. */
function issues(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }): string[] {
  return result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
}

describe('the real content matches its schemas', () => {
  test.each(lessonFiles())('lesson %s', (file) => {
    expect(issues(lessonSchema.safeParse(frontmatter(join(contentDir, 'lessons', file))))).toEqual([]);
  });
  test.each(quizFiles())('quiz %s', (file) => {
    expect(issues(quizSchema.safeParse(yamlFile(join(contentDir, 'quizzes', file))))).toEqual([]);
  });
  test.each(exerciseIds())('exercise %s', (id) => {
    expect(issues(exerciseSchema.safeParse(frontmatter(join(contentDir, 'exercises', id, 'index.mdx'))))).toEqual([]);
  });
  test('misconceptions.yaml', () => {
    const list = yamlFile(join(contentDir, 'misconceptions.yaml'));
    expect(Array.isArray(list)).toBe(true);
    const all = (list as unknown[]).flatMap((entry, i) => issues(misconceptionSchema.safeParse(entry)).map((m) => `[${i}] ${m}`));
    expect(all).toEqual([]);
    expect((list as unknown[]).length).toBeGreaterThanOrEqual(8);
  });
});

const lesson = {
  title: 'A lesson',
  description: 'What this lesson is about, in a sentence.',
  order: 1,
  objectives: ['Explain one thing clearly.'],
  misconceptions: ['two-froms-merge'],
  minutes: 10,
};

const choice = (correct: boolean) => ({ text: correct ? 'Right' : 'Wrong', correct, explanation: 'Because this is why.' });
const question = (kind: 'single' | 'multiple', correct: boolean[], id = 'q-one') => ({
  id,
  prompt: 'What happens here?',
  kind,
  misconception: 'two-froms-merge',
  choices: correct.map(choice),
});

describe('schemas are strict', () => {
  test('a valid lesson passes', () => {
    expect(issues(lessonSchema.safeParse(lesson))).toEqual([]);
  });
  test('an unknown key in a lesson fails and is named', () => {
    expect(issues(lessonSchema.safeParse({ ...lesson, minuts: 10 }))).toEqual([': Unrecognized key: "minuts"']);
  });
  test('a missing field fails', () => {
    const { minutes: _minutes, ...withoutMinutes } = lesson;
    expect(issues(lessonSchema.safeParse(withoutMinutes))).toEqual(['minutes: Invalid input: expected number, received undefined']);
  });
  test('ids must be lowercase words joined by dashes', () => {
    expect(issues(lessonSchema.safeParse({ ...lesson, misconceptions: ['Two FROMs'] }))).toEqual([
      'misconceptions.0: use lowercase letters, digits and single dashes, e.g. "two-froms-merge"',
    ]);
  });
  test('a single-choice question needs exactly one correct choice', () => {
    expect(issues(quizSchema.safeParse({ lesson: 'x', questions: [question('single', [true, true])] }))).toEqual([
      'questions.0.choices: a "single" question needs exactly one correct choice, found 2',
    ]);
    expect(issues(quizSchema.safeParse({ lesson: 'x', questions: [question('single', [false, true])] }))).toEqual([]);
  });
  test('a multiple-choice question needs at least one correct choice', () => {
    expect(issues(quizSchema.safeParse({ lesson: 'x', questions: [question('multiple', [false, false])] }))).toEqual([
      'questions.0.choices: a "multiple" question needs at least one correct choice',
    ]);
  });
  test('question ids are unique within a quiz', () => {
    const quiz = { lesson: 'x', questions: [question('single', [true, false]), question('single', [true, false])] };
    expect(issues(quizSchema.safeParse(quiz))).toEqual(['questions.1.id: duplicate question id "q-one"']);
  });
  test('an unknown key in a choice fails', () => {
    const quiz = { lesson: 'x', questions: [{ ...question('single', [true, false]), choices: [{ ...choice(true), hint: 'no' }, choice(false)] }] };
    expect(issues(quizSchema.safeParse(quiz))).toEqual(['questions.0.choices.0: Unrecognized key: "hint"']);
  });
  test('a predict question takes dockerfile, context and ask; the simulator computes its kind and choices', () => {
    const base = { id: 'q-one', prompt: 'How many layers does this image have?', misconception: 'x' };
    const parsed = quizSchema.safeParse({ lesson: 'x', questions: [{ ...base, predict: { dockerfile: 'FROM alpine:3.20\nRUN touch /a\n', ask: { kind: 'layers' } } }] });
    expect(issues(parsed)).toEqual([]);
    expect(parsed.data?.questions[0]?.kind).toBe('single');
    expect(parsed.data?.questions[0]?.choices.find((c) => c.correct)?.text).toBe('2');
    expect(issues(quizSchema.safeParse({ lesson: 'x', questions: [{ ...base, predict: { dockerfile: 'FROM alpine', ask: { kind: 'layers' }, answer: 1 } }] }))).toEqual([
      'questions.0.predict: Unrecognized key: "answer"',
    ]);
    expect(issues(quizSchema.safeParse({ lesson: 'x', questions: [{ ...question('single', [true, false]), predict: { dockerfile: 'FROM alpine:3.20', ask: { kind: 'layers' } } }] }))).toEqual([
      'questions.0.choices: a predict question computes its choices; remove it',
      'questions.0.kind: a predict question computes its kind; remove it',
    ]);
  });
  test('exercise goals are a closed set of kinds with their own parameters', () => {
    const exercise = { title: 'An exercise', level: 'beginner', order: 1, hints: [], goals: [{ kind: 'lacks-path', path: '/src', description: 'No sources in the image.' }] };
    expect(issues(exerciseSchema.safeParse(exercise))).toEqual([]);
    expect(issues(exerciseSchema.safeParse({ ...exercise, goals: [{ kind: 'lacks-path', path: 'src', description: 'No sources in the image.' }] }))).toEqual([
      'goals.0.path: an absolute path in the image, e.g. /usr/local/bin/app',
    ]);
    expect(issues(exerciseSchema.safeParse({ ...exercise, goals: [{ kind: 'lacks-path', path: '/src', count: 2, description: 'No sources in the image.' }] }))).toEqual([
      'goals.0: Unrecognized key: "count"',
    ]);
    expect(issues(exerciseSchema.safeParse({ ...exercise, goals: [{ kind: 'smaller-than', bytes: 5, description: 'A small image, please.' }] }))).toEqual([
      "goals.0.kind: Invalid discriminator value. Expected 'has-path' | 'lacks-path' | 'min-stages' | 'final-base' | 'max-size' | 'min-size' | 'non-root-user' | 'final-user' | 'target-builds' | 'cache-after-edit' | 'no-diagnostic' | 'has-diagnostic' | 'has-env' | 'lacks-env' | 'file-content' | 'file-owner' | 'history-has' | 'history-lacks' | 'layers' | 'build-fails'",
    ]);
  });
});
