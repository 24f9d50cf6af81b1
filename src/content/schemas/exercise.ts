import { z } from 'astro/zod';

const goalDescription = z.string().min(10).describe('The goal in words, as shown to the learner.');
const imagePath = z.string().regex(/^\//, 'an absolute path in the image, e.g. /usr/local/bin/app');

/**
 * What a solution must achieve, stored as data. The checks that evaluate a goal against a
 * BuildResult come in a later issue (src/lib/checks); every kind is checked on the final image.
 */
export const exerciseGoalSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      // The final image has a file (or folder) at `path`.
      kind: z.literal('has-path'),
      path: imagePath.describe('Absolute path that must exist in the final image.'),
      description: goalDescription,
    }),
    z.strictObject({
      // The final image has nothing at `path` (e.g. no compiler, no sources).
      kind: z.literal('lacks-path'),
      path: imagePath.describe('Absolute path that must NOT exist in the final image.'),
      description: goalDescription,
    }),
    z.strictObject({
      // The Dockerfile has at least `count` stages.
      kind: z.literal('min-stages'),
      count: z.int().min(1).describe('Minimum number of stages (FROM lines).'),
      description: goalDescription,
    }),
    z.strictObject({
      // The final stage starts FROM this image (name:tag as written, e.g. alpine:3.20).
      kind: z.literal('final-base'),
      image: z.string().min(1).describe('Image the final stage must start FROM, e.g. alpine:3.20.'),
      description: goalDescription,
    }),
  ])
  .describe('One goal of an exercise; its checker comes in a later issue.');

/**
 * The frontmatter of an exercise statement, src/content/exercises/<id>/index.mdx. The folder also
 * holds context/ (the build context), starter.Dockerfile and solution.Dockerfile; the folder name is
 * the exercise id.
 */
export const exerciseSchema = z
  .strictObject({
    // Shown as the page heading and in the exercise list.
    title: z.string().min(3).describe('Page heading and list entry.'),
    // How much the learner should already know.
    level: z.enum(['beginner', 'intermediate', 'advanced']).describe('How much the learner should already know.'),
    // Position in the exercise list, 1-based.
    order: z.int().positive().describe('1-based position in the exercise list.'),
    // What a solution must achieve.
    goals: z.array(exerciseGoalSchema).min(1).describe('What a solution must achieve.'),
    // Nudges revealed one at a time, gentlest first.
    hints: z.array(z.string().min(10)).describe('Nudges revealed one at a time, gentlest first.'),
  })
  .describe('Frontmatter of an exercise statement (MDX).');

export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseGoal = z.infer<typeof exerciseGoalSchema>;
