import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { quizSchema } from '../../src/content/schemas/quiz.ts';
import { predictChoices } from '../../src/lib/predict/index.ts';
import { contentDir, lessonFiles, quizFiles, yamlFile } from './content-files.ts';

const raw = quizFiles().map((file) => ({ file, data: yamlFile(join(contentDir, 'quizzes', file)) as { questions: Array<{ id: string; predict?: unknown }> } }));

describe('quizzes', () => {
  test('lessons 1 and 2 have a quiz, and every quiz is named after a lesson', () => {
    const lessons = lessonFiles().map((f) => f.replace(/\.mdx$/, ''));
    const quizzes = quizFiles().map((f) => f.replace(/\.yaml$/, ''));
    expect(quizzes).toEqual(expect.arrayContaining(['01-images-and-layers', '02-stages-and-copy-from']));
    for (const quiz of quizzes) expect(lessons).toContain(quiz);
  });

  test('every predict answer is computed by the simulator, with an explanation for every choice', () => {
    let predicted = 0;
    for (const { file, data } of raw) {
      const quiz = quizSchema.parse(data);
      data.questions.forEach((question, i) => {
        const loaded = quiz.questions[i]!;
        expect(loaded.choices.length, `${file} ${question.id}`).toBeGreaterThanOrEqual(2);
        for (const choice of loaded.choices) expect(choice.explanation.length).toBeGreaterThan(10);
        if (question.predict === undefined) return;
        predicted++;
        // Recompute from the raw YAML: the loaded choices must be exactly the simulator's.
        const computed = predictChoices({ context: {}, ...(question.predict as Omit<Parameters<typeof predictChoices>[0], 'context'>) });
        if (!computed.ok) throw new Error(computed.error);
        expect(loaded.choices).toEqual(computed.value.choices);
        expect(loaded.kind).toBe(computed.value.kind);
      });
    }
    expect(predicted).toBeGreaterThanOrEqual(13);
  });
});
