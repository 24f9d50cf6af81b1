import { z } from 'astro/zod';
import { contentId } from './id.ts';

/** One answer a learner can pick, with the reason it is right or wrong. */
export const quizChoiceSchema = z
  .strictObject({
    // The answer as shown to the learner. Inline `code` is allowed.
    text: z.string().min(1).describe('The answer as shown; inline `code` in backticks is allowed.'),
    // Whether picking this choice is right.
    correct: z.boolean().describe('Whether this choice is a right answer.'),
    // Why this choice is right or wrong; shown after answering, so it teaches rather than grades.
    explanation: z.string().min(10).describe('Why this choice is right or wrong; shown after answering.'),
  })
  .describe('One answer to a quiz question.');

/**
 * PENDING: a question whose answer the simulator computes (build this Dockerfile, then answer `ask`).
 * Only these two fields are fixed for now; the shape will grow when the simulator can answer it.
 */
export const quizPredictSchema = z
  .strictObject({
    // The Dockerfile the simulator builds before the question is asked.
    dockerfile: z.string().min(1).describe('PENDING: Dockerfile the simulator builds for this question.'),
    // What the learner has to predict about that build.
    ask: z.string().min(1).describe('PENDING: what the learner predicts about that build.'),
  })
  .describe('PENDING: a prediction question answered by the simulator (shape not final).');

export const quizQuestionSchema = z
  .strictObject({
    // Unique within its quiz; used as the HTML id of the question.
    id: contentId.describe('Unique within the quiz; used as the HTML id.'),
    // The question. Inline `code` is allowed.
    prompt: z.string().min(10).describe('The question; inline `code` in backticks is allowed.'),
    // Optional Dockerfile shown under the prompt, highlighted like the lessons' examples.
    dockerfile: z.string().min(1).optional().describe('Optional Dockerfile shown with the prompt.'),
    // single: exactly one choice is correct; multiple: one or more are, and the learner picks all.
    kind: z.enum(['single', 'multiple']).describe('single: exactly one correct choice; multiple: pick every correct choice (at least one).'),
    // The answers, in display order.
    choices: z.array(quizChoiceSchema).min(2).describe('The answers, in display order.'),
    // The misconception (id in src/content/misconceptions.yaml) a wrong answer reveals.
    misconception: contentId.describe('Id in src/content/misconceptions.yaml of the belief a wrong answer reveals.'),
    // PENDING: see quizPredictSchema.
    predict: quizPredictSchema.optional(),
  })
  .superRefine((question, ctx) => {
    const correct = question.choices.filter((choice) => choice.correct).length;
    if (question.kind === 'single' && correct !== 1) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `a "single" question needs exactly one correct choice, found ${correct}` });
    }
    if (question.kind === 'multiple' && correct < 1) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a "multiple" question needs at least one correct choice' });
    }
  })
  .describe('One quiz question with its choices.');

/** A quiz, a YAML file in src/content/quizzes/: the questions that check one lesson. */
export const quizSchema = z
  .strictObject({
    // Id of the lesson (its file name in src/content/lessons/, without .mdx) this quiz checks.
    lesson: contentId.describe('Id of the lesson this quiz checks (file name in src/content/lessons/ without .mdx).'),
    // The questions, in display order; their ids are unique.
    questions: z.array(quizQuestionSchema).min(1).describe('The questions, in display order; ids unique within the quiz.'),
  })
  .superRefine((quiz, ctx) => {
    const seen = new Set<string>();
    quiz.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `duplicate question id "${question.id}"` });
      }
      seen.add(question.id);
    });
  })
  .describe('A quiz for one lesson.');

export type Quiz = z.infer<typeof quizSchema>;
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
