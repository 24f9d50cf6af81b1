import { z } from 'astro/zod';

/**
 * The id of a content entry (lesson, misconception, quiz question, exercise) as written in another
 * entry: lowercase words joined by dashes, so it is also safe in a URL and an HTML id.
 * Whether the id exists is checked across collections by `../references.ts`, not here.
 */
export const contentId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single dashes, e.g. "two-froms-merge"');
