import { z } from 'astro/zod';
import { contentId } from './id.ts';

/**
 * A wrong belief about Docker builds that learners commonly hold, and the truth that replaces it.
 * All of them live in one file, src/content/misconceptions.yaml; lessons and quiz questions name
 * them by id, so one correction is written once and reused wherever it is taught.
 */
export const misconceptionSchema = z
  .strictObject({
    // Stable id other entries use to name this misconception.
    id: contentId.describe('Stable id that lessons and quiz questions use to name this misconception.'),
    // The wrong belief, phrased the way a learner would say it.
    belief: z.string().min(10).describe('The wrong belief, phrased the way a learner would say it.'),
    // What actually happens, per BuildKit's behaviour (shared/BUILDKIT-SEMANTICS.md).
    truth: z.string().min(10).describe("What actually happens, in BuildKit's behaviour."),
  })
  .describe('A common wrong belief about Docker builds and the truth that replaces it.');

export type Misconception = z.infer<typeof misconceptionSchema>;
