import { z } from 'astro/zod';

const imagePath = z.string().regex(/^\//, 'an absolute path in the image, e.g. /usr/local/bin/app');
const stageName = z.string().regex(/^[a-z][a-z0-9-_.]*$/, 'a stage name as BuildKit stores it (lowercase, or stage-<n>)');
const exampleId = z.string().regex(/^\d\d-[a-z0-9-]+\/[a-z0-9-]+$/, 'an example id: "<lesson id>/<example folder>"');
const line = z.int().positive();

/**
 * One fact a lesson states about its example, checked by tests/content/lessons.test.ts against what
 * the simulator built. Each claim is an object with a single key naming what it is about.
 */
export const exampleClaimSchema = z
  .union([
    // The build succeeds, or fails with an error containing this text.
    z.strictObject({ builds: z.literal(true).describe('The build succeeds.') }),
    z.strictObject({ fails: z.string().min(3).describe('Text the first error message contains.') }),
    // The same build without the example's `secrets` (a forgotten --secret; the playground, which has none).
    z.strictObject({ 'fails-without-secrets': z.string().min(3).describe('Text the first error contains when built without `secrets`.') }),
    // Paths that exist / do not exist in the final image.
    z.strictObject({ present: z.array(imagePath).min(1).describe('Paths the final image has.') }),
    z.strictObject({ absent: z.array(imagePath).min(1).describe('Paths the final image does not have.') }),
    // The final image config.
    z.strictObject({ user: z.string().describe('The image config User exactly ("" when none is set).') }),
    z.strictObject({ workdir: z.string().describe('The image config WorkingDir exactly.') }),
    z.strictObject({ cmd: z.array(z.string()).describe('The image config Cmd exactly.') }),
    z.strictObject({ 'env-has': z.array(z.string().min(1)).min(1).describe('Variables the image config Env sets.') }),
    z.strictObject({ 'env-lacks': z.array(z.string().min(1)).min(1).describe('Variables the image config Env does not set.') }),
    // Owner and permission bits of one path in the final image.
    z.strictObject({
      owner: z.strictObject({ path: imagePath, uid: z.int().min(0), gid: z.int().min(0) }).describe('Owner of a path in the final image.'),
    }),
    z.strictObject({ mode: z.strictObject({ path: imagePath, mode: z.string().regex(/^0[0-7]{3,4}$/) }).describe('Permission bits, e.g. "0755".') }),
    // Which stages run, for the example's own target or another one, with BuildKit or the legacy builder.
    z.strictObject({
      stages: z
        .strictObject({
          target: stageName.optional().describe('The --target (default: the example\'s own).'),
          builder: z.enum(['buildkit', 'legacy']).optional().describe('The builder (default: the example\'s own).'),
          built: z.array(stageName).describe('Stages that run (or come from the cache).'),
          skipped: z.array(stageName).describe('Stages that are skipped.'),
        })
        .describe('Every stage of the Dockerfile, built or skipped.'),
    }),
    // Number of filesystem layers of the final image, the base image's included.
    z.strictObject({ layers: z.int().min(0).describe('Non-empty layers of the final image.') }),
    // The final image of this example is smaller than the final image of another one.
    z.strictObject({ 'smaller-than': exampleId.describe('Id of an example whose final image is bigger.') }),
    // The layer of the step on this Dockerfile line, as docker history prints its size ("52.4MB").
    z.strictObject({ 'step-layer': z.strictObject({ line, size: z.string().regex(/^\d+(\.\d+)?(B|kB|MB|GB)$/) }).describe('Size of one step\'s layer.') }),
    // The image's total size lies within these bounds (bytes, decimal as docker prints).
    z.strictObject({ size: z.strictObject({ min: z.int().min(0), max: z.int().positive() }).describe('Bounds of the total size.') }),
    // `docker history` lines: how many, and what they say.
    z.strictObject({ 'history-count': z.int().min(0).describe('Number of `docker history` lines, the base image\'s included.') }),
    z.strictObject({ 'history-has': z.string().min(1).describe('Text some CREATED BY line contains.') }),
    z.strictObject({ 'history-lacks': z.string().min(1).describe('Text no CREATED BY line contains.') }),
    // Text (a secret) that no layer holds: no file of any built step's filesystem, in any stage,
    // deleted later or not, has it in its content or path.
    z.strictObject({ 'layers-lack-text': z.string().min(3).describe('Text no file in any layer contains.') }),
    // After applying the example's `edit` and rebuilding with the same cache: the steps on these
    // Dockerfile lines are cached / run again.
    z.strictObject({
      'after-edit': z
        .strictObject({ cached: z.array(line).describe('Lines of steps that hit the cache.'), rebuilt: z.array(line).describe('Lines of steps that run again.') })
        .describe('Cache outcome of the rebuild after `edit`.'),
    }),
    // What the RUN on this Dockerfile line printed (stdout and stderr) contains this text.
    z.strictObject({ output: z.strictObject({ line, contains: z.string().min(1) }).describe('Text a RUN step printed.') }),
    // The build log (`--progress=plain`) contains this text.
    z.strictObject({ 'log-has': z.string().min(1).describe('Text the plain progress output contains.') }),
    // ... does not contain this text (a secret: neither the command lines nor what they printed).
    z.strictObject({ 'log-lacks': z.string().min(1).describe('Text the plain progress output does not contain.') }),
    // Steps that hit the cache in the example's own (first) build: a step another stage already ran.
    z.strictObject({ 'cached-first': z.array(line).min(1).describe('Lines of steps cached in the first build.') }),
    // Diagnostics (lint hints or errors) by code.
    z.strictObject({ diagnostics: z.array(z.string().min(2)).describe('Codes of every diagnostic the build reports, sorted (empty: none).') }),
  ])
  .describe('One fact the lesson states about the example.');

/**
 * src/content/examples/<lesson id>/<example>/claims.yaml. The folder also holds `Dockerfile` and a
 * `context/` folder (the build context, dotfiles such as .dockerignore included). Lessons embed the
 * example with <Example id="<lesson id>/<example>" />; the content tests build it and check every claim.
 */
export const exampleSchema = z
  .strictObject({
    // Caption above the example.
    title: z.string().min(3).describe('Caption shown above the example.'),
    // `docker build --target`.
    target: stageName.optional().describe('The --target stage, if the example builds one.'),
    // The builder; the legacy one only for lessons about the difference.
    builder: z.enum(['buildkit', 'legacy']).optional().describe('The builder (default: BuildKit).'),
    // `docker build --build-arg`.
    buildArgs: z.record(z.string(), z.string()).optional().describe('--build-arg values.'),
    // `docker build --secret id=<id>,src=$HOME/.<id>`: what the file on the builder's machine holds.
    secrets: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a secret id: letters, digits, ".", "_" or "-"'), z.string())
      .optional()
      .describe('Build secrets by id: the content of the file `--secret id=<id>,src=$HOME/.<id>` passes (never in the context).'),
    // A change to one context file before a second build with the same cache (caching lessons).
    edit: z
      .strictObject({ path: z.string().min(1).describe('Context path to change.'), content: z.string().describe('Its new text.') })
      .optional()
      .describe('A context change followed by a rebuild, shown by the example and used by `after-edit` claims.'),
    // Paths of the final image the example lists with owner, mode and size.
    show: z.array(imagePath).default([]).describe('Paths of the final image to list with owner, mode and size.'),
    // The facts the lesson states about this example.
    claims: z.array(exampleClaimSchema).min(1).describe('Facts the lesson states; every one is checked.'),
  })
  .describe('A lesson example: a Dockerfile, its build context and the facts the lesson states about its build.');

export type LessonExample = z.infer<typeof exampleSchema>;
export type ExampleClaim = z.infer<typeof exampleClaimSchema>;
