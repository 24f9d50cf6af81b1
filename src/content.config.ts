import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { exerciseSchema, lessonSchema, misconceptionSchema, quizSchema } from './content/schemas/index.ts';
import { exampleSchema } from './content/schemas/example.ts';

// Schemas are strict: an unknown or misspelt key fails the build. Cross-references between
// collections (lesson → misconception, quiz → lesson, ...) are checked in ./content/references.ts.

/** src/content/lessons/<id>.mdx — the file name (without .mdx) is the lesson id and URL. */
const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './src/content/lessons' }),
  schema: lessonSchema,
});

/** src/content/quizzes/<id>.yaml — one quiz per lesson, named by its `lesson` field. */
const quizzes = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './src/content/quizzes' }),
  schema: quizSchema,
});

/** src/content/exercises/<id>/index.mdx — the statement; the folder name is the exercise id. */
const exercises = defineCollection({
  loader: glob({
    pattern: '*/index.mdx',
    base: './src/content/exercises',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  }),
  schema: exerciseSchema,
});

/** src/content/misconceptions.yaml — a list of { id, belief, truth }. */
const misconceptions = defineCollection({
  loader: file('src/content/misconceptions.yaml'),
  schema: misconceptionSchema,
});

/** src/content/examples/<lesson>/<example>/claims.yaml — id "<lesson>/<example>"; Dockerfile and context/ beside it. */
const examples = defineCollection({
  loader: glob({
    pattern: '*/*/claims.yaml',
    base: './src/content/examples',
    generateId: ({ entry }) => entry.split('/').slice(0, 2).join('/'),
  }),
  schema: exampleSchema,
});

export const collections = { lessons, quizzes, exercises, misconceptions, examples };
