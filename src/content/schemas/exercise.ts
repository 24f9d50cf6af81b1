import { z } from 'astro/zod';
import type { Goal } from '../../lib/checks/goals/index.ts';

const description = z.string().min(10).describe('The goal in words, as shown to the learner (inline `code` allowed).');
const imagePath = z.string().regex(/^\//, 'an absolute path in the image, e.g. /usr/local/bin/app');
const stageName = z.string().regex(/^[a-z][a-z0-9-_.]*$/, 'a stage name as BuildKit stores it (lowercase)');
const goal = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({ kind: z.literal(kind), ...shape, description });

/**
 * What a solution must achieve (or, in a misconception's demonstration, what the simulator shows),
 * stored as data and judged by src/lib/checks/goals on the BuildResult: never on the Dockerfile's
 * text, so every correct Dockerfile passes. Mirrors the `Goal` type there (checked below).
 */
export const exerciseGoalSchema = z
  .discriminatedUnion('kind', [
    // The final image has something at `path` (symlinked folders are followed).
    goal('has-path', { path: imagePath.describe('Absolute path that must exist in the final image.') }),
    // The final image has nothing at `path` (no compiler, no sources, no secret file).
    goal('lacks-path', { path: imagePath.describe('Absolute path that must NOT exist in the final image.') }),
    // The Dockerfile has at least `count` stages.
    goal('min-stages', { count: z.int().min(1).describe('Minimum number of stages (FROM lines).') }),
    // The final image ultimately starts from one of these images (`scratch` allowed).
    goal('final-base', { images: z.array(z.string().min(1)).min(1).describe('Accepted base images of the final stage, e.g. [alpine:3.20].') }),
    // The final image is smaller than `bytes` (all layers count, deleted files included).
    goal('max-size', { bytes: z.int().positive().describe('Size limit in bytes (decimal, as docker prints sizes).') }),
    // The final image is at least `bytes` big (to show what does not make it smaller).
    goal('min-size', { bytes: z.int().positive().describe('Lower bound in bytes.') }),
    // The final user resolves to a uid other than 0 through the image's /etc/passwd.
    goal('non-root-user', {}),
    // The final user is this name or uid.
    goal('final-user', { user: z.string().min(1).describe('Expected user name or numeric uid.') }),
    // `docker build --target <target>` succeeds, building `builds` and skipping `skips`.
    goal('target-builds', {
      target: stageName.describe('The --target stage.'),
      builds: z.array(stageName).default([]).describe('Stages that must be built for that target.'),
      skips: z.array(stageName).default([]).describe('Stages that must be skipped for that target.'),
    }),
    // Build, edit one context file, rebuild: the steps writing at or below `writes` are `expect`.
    goal('cache-after-edit', {
      edit: z
        .strictObject({ path: z.string().min(1).describe('Context path to change.'), content: z.string().describe('Its new text.') })
        .describe('The change made to the build context between the two builds.'),
      writes: imagePath.describe('Selects the steps that write at or below this path.'),
      expect: z.enum(['cached', 'rebuilt']).describe('What those steps must do in the rebuild.'),
    }),
    // No diagnostic (lint hint or error) with this id, e.g. SecretsUsedInArgOrEnv, DL3002.
    goal('no-diagnostic', { code: z.string().min(2).describe('Diagnostic id that must not be reported.') }),
    // A diagnostic with this id is reported (to demonstrate a warning).
    goal('has-diagnostic', { code: z.string().min(2).describe('Diagnostic id that must be reported.') }),
    // The image config's Env has / lacks this variable.
    goal('has-env', { name: z.string().min(1).describe('Variable that must be in the image config Env.') }),
    goal('lacks-env', { name: z.string().min(1).describe('Variable that must not be in the image config Env.') }),
    // The final image has this file with exactly this text.
    goal('file-content', { path: imagePath, content: z.string().describe('The exact expected text.') }),
    // The final image has this path owned by this uid.
    goal('file-owner', { path: imagePath, uid: z.int().min(0).describe('Expected owner uid.') }),
    // Some / no `docker history` CREATED BY line contains `text`.
    goal('history-has', { text: z.string().min(1).describe('Text some history line must contain.') }),
    goal('history-lacks', { text: z.string().min(1).describe('Text no history line may contain.') }),
    // The image has exactly `count` filesystem layers, the base image's included.
    goal('layers', { count: z.int().min(0).describe('Expected number of non-empty layers.') }),
    // The build fails with an error containing `message`.
    goal('build-fails', { message: z.string().min(3).describe('Text the first error message must contain.') }),
  ])
  .describe('One goal, judged by src/lib/checks/goals on the simulated build.');

// The content schema and the checker must agree on the shape of a goal.
type GoalData = z.infer<typeof exerciseGoalSchema>;
const sameShape: [GoalData, Goal] extends [Goal, GoalData] ? true : never = true;
void sameShape;

/**
 * The frontmatter of an exercise statement, src/content/exercises/<id>/index.mdx. The folder also
 * holds context/ (the build context), starter.Dockerfile and solution.Dockerfile; the folder name is
 * the exercise id. The starter must fail at least one goal and the solution pass all of them
 * (tests/content/practice-exercises.test.ts builds both).
 */
export const exerciseSchema = z
  .strictObject({
    // Shown as the page heading and in the exercise list.
    title: z.string().min(3).describe('Page heading and list entry.'),
    // How much the learner should already know.
    level: z.enum(['beginner', 'intermediate', 'advanced']).describe('How much the learner should already know.'),
    // Position in the exercise list, 1-based.
    order: z.int().positive().describe('1-based position in the exercise list.'),
    // Context files the learner edits besides the Dockerfile (e.g. .dockerignore); the starter text is
    // the file in context/ (empty when absent), the solution text is given here.
    editable: z
      .array(
        z.strictObject({
          path: z.string().regex(/^[^/]/, 'a path relative to the build context').describe('Context path the learner edits.'),
          solution: z.string().describe('Its text in the solution.'),
        }),
      )
      .default([])
      .describe('Context files the learner edits besides the Dockerfile.'),
    // What a solution must achieve.
    goals: z.array(exerciseGoalSchema).min(1).describe('What a solution must achieve.'),
    // Nudges revealed one at a time, gentlest first.
    hints: z.array(z.string().min(10)).describe('Nudges revealed one at a time, gentlest first.'),
  })
  .describe('Frontmatter of an exercise statement (MDX).');

export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseGoal = z.infer<typeof exerciseGoalSchema>;
