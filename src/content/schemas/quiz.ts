import { z } from 'astro/zod';
import { predictChoices } from '../../lib/predict/index.ts';
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

const contextEdit = z.strictObject({
  path: z.string().min(1).describe('Context path to change.'),
  content: z.string().describe('Its new text.'),
});

/** What the learner predicts about the build; the simulator computes the answer (src/lib/predict). */
export const predictAskSchema = z
  .discriminatedUnion('kind', [
    // How many filesystem layers the image has, the base image's included.
    z.strictObject({ kind: z.literal('layers') }),
    // Which stages are built for `target` (default: the last stage).
    z.strictObject({ kind: z.literal('stages-built'), target: z.string().optional().describe('The --target stage.') }),
    // Which user the container runs as.
    z.strictObject({ kind: z.literal('final-user') }),
    // After editing one context file and rebuilding, which steps come from the cache.
    z.strictObject({ kind: z.literal('cached-after-edit'), edit: contextEdit.describe('The change before the rebuild.') }),
    // Whether `path` is in the final image.
    z.strictObject({ kind: z.literal('path-in-image'), path: z.string().regex(/^\//).describe('Absolute path in the image.') }),
  ])
  .describe('What to predict about the build.');

/**
 * A question whose choices the simulator computes: build this Dockerfile, then answer `ask`. The
 * right answers and every explanation come from the BuildResult, never from the author.
 */
export const quizPredictSchema = z
  .strictObject({
    // The Dockerfile the simulator builds; it is also shown with the question.
    dockerfile: z.string().min(5).describe('Dockerfile the simulator builds, shown with the question.'),
    // The build context: relative path → text.
    context: z.record(z.string(), z.string()).default({}).describe('Build context files: relative path → text.'),
    // What the learner predicts.
    ask: predictAskSchema,
  })
  .describe('A prediction question answered by the simulator.');

/**
 * One question: either hand-written `choices` (with `kind`), or a `predict` block whose `kind` and
 * choices the simulator computes when the content is loaded. After loading, every question has
 * `kind` and `choices`, and a predict question shows its Dockerfile as `dockerfile`.
 */
export const quizQuestionSchema = z
  .strictObject({
    // Unique within its quiz; used as the HTML id of the question.
    id: contentId.describe('Unique within the quiz; used as the HTML id.'),
    // The question. Inline `code` is allowed.
    prompt: z.string().min(10).describe('The question; inline `code` in backticks is allowed.'),
    // Optional Dockerfile shown under the prompt, highlighted like the lessons' examples.
    dockerfile: z.string().min(1).optional().describe('Optional Dockerfile shown with the prompt (predict questions show theirs).'),
    // single: exactly one choice is correct; multiple: one or more are, and the learner picks all.
    kind: z.enum(['single', 'multiple']).optional().describe('single: exactly one correct choice; multiple: pick every correct choice. Computed for predict questions.'),
    // The answers, in display order (hand-written questions only).
    choices: z.array(quizChoiceSchema).min(2).optional().describe('The answers, in display order; omitted for predict questions.'),
    // The misconception (id in src/content/misconceptions.yaml) a wrong answer reveals.
    misconception: contentId.describe('Id in src/content/misconceptions.yaml of the belief a wrong answer reveals.'),
    // A question the simulator answers; see quizPredictSchema.
    predict: quizPredictSchema.optional(),
  })
  .superRefine((question, ctx) => {
    if (question.predict !== undefined) {
      for (const key of ['choices', 'kind', 'dockerfile'] as const) {
        if (question[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a predict question computes its ${key}; remove it` });
      }
      return;
    }
    if (question.kind === undefined) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'a hand-written question needs a kind' });
    if (question.choices === undefined) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a hand-written question needs choices (or a predict block)' });
      return;
    }
    const correct = question.choices.filter((choice) => choice.correct).length;
    if (question.kind === 'single' && correct !== 1) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `a "single" question needs exactly one correct choice, found ${correct}` });
    }
    if (question.kind === 'multiple' && correct < 1) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a "multiple" question needs at least one correct choice' });
    }
  })
  .transform((question, ctx) => {
    const { predict, kind, choices, dockerfile, ...rest } = question;
    if (predict === undefined) return { ...rest, ...(dockerfile === undefined ? {} : { dockerfile }), kind: kind ?? 'single', choices: choices ?? [], predicted: false };
    const answer = predictChoices(predict);
    if (!answer.ok) {
      ctx.addIssue({ code: 'custom', path: ['predict'], message: answer.error });
      return z.NEVER;
    }
    return { ...rest, dockerfile: predict.dockerfile, kind: answer.value.kind, choices: answer.value.choices, predicted: true };
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
/** A question as loaded: `kind` and `choices` always present (computed for predict questions). */
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
