import { z } from 'astro/zod';
import { exerciseGoalSchema } from './exercise.ts';
import { contentId } from './id.ts';

/**
 * A live demonstration of a misconception's truth: a small Dockerfile and build context that the
 * simulator builds, what to look at in the result, and the facts it must show, written as goals
 * (src/lib/checks/goals) so the tests prove that the demonstration really shows the truth.
 */
export const misconceptionDemoSchema = z
  .strictObject({
    // The Dockerfile to build; short, and about this one belief.
    dockerfile: z.string().min(5).describe('Dockerfile the simulator builds.'),
    // Build context: path → text. Empty when the Dockerfile copies nothing.
    context: z.record(z.string(), z.string()).default({}).describe('Build context files: relative path → text.'),
    // `--target`, when the demonstration is about one.
    target: z.string().optional().describe('The --target stage, if any.'),
    // `--build-arg` values.
    buildArgs: z.record(z.string(), z.string()).optional().describe('--build-arg values.'),
    // Where to look in the simulator's result, in words for the learner.
    look: z.string().min(20).describe("What to look at in the simulator's result (the stage graph, history, a file...)."),
    // The facts the result shows; the content tests build the demo and check every one.
    shows: z.array(exerciseGoalSchema).min(1).describe('Facts the build shows, checked by the content tests.'),
  })
  .describe('A demonstration the simulator runs.');

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
    // A build that shows the truth.
    demo: misconceptionDemoSchema,
  })
  .describe('A common wrong belief about Docker builds, the truth that replaces it, and a build that shows it.');

export type Misconception = z.infer<typeof misconceptionSchema>;
export type MisconceptionDemo = z.infer<typeof misconceptionDemoSchema>;
