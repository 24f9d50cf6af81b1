import { z } from 'astro/zod';
import { contentId } from './id.ts';

/** The frontmatter of a lesson, an MDX file in src/content/lessons/. The file name is its id. */
export const lessonSchema = z
  .strictObject({
    // Shown as the page heading and in the lesson index.
    title: z.string().min(3).describe('Page heading, also used in the lesson index and the browser tab.'),
    // One or two sentences: what the lesson is about (index, home page, meta description).
    description: z.string().min(20).describe('One or two sentences on what the lesson covers; used in lists and the meta description.'),
    // Position in the course, 1-based; decides the index order and previous/next links. Unique.
    order: z.int().positive().describe('1-based position in the course; orders the index and the previous/next links. Must be unique.'),
    // What a learner can do after the lesson, each starting with a verb.
    objectives: z.array(z.string().min(10)).min(1).describe('What the learner can do afterwards; each starts with a verb.'),
    // Ids from src/content/misconceptions.yaml that this lesson corrects.
    misconceptions: z.array(contentId).describe('Ids from src/content/misconceptions.yaml that this lesson sets right.'),
    // Estimated reading and trying time, in whole minutes.
    minutes: z.int().positive().max(120).describe('Estimated time to read and try the lesson, in whole minutes.'),
  })
  .describe('Frontmatter of a lesson (MDX).');

export type Lesson = z.infer<typeof lessonSchema>;
