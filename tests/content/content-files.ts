/**
 * Reads src/content straight from disk the way the collections in src/content.config.ts see it,
 * so vitest can check schemas and cross-references without Astro (no `astro:content` here).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const contentDir = join(import.meta.dirname, '..', '..', 'src', 'content');

/** `src/content/...` path of a file, as Astro names it in entries and in our error messages. */
export const sitePath = (...parts: string[]) => ['src', 'content', ...parts].join('/');

/** The YAML frontmatter of an MDX file, unvalidated. */
export function frontmatter(file: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'));
  if (!match?.[1]) throw new Error(`${file}: no frontmatter`);
  return parse(match[1]);
}

export function yamlFile(file: string): unknown {
  return parse(readFileSync(file, 'utf8'));
}

export const lessonFiles = () => readdirSync(join(contentDir, 'lessons')).filter((f) => f.endsWith('.mdx')).sort();
export const quizFiles = () => readdirSync(join(contentDir, 'quizzes')).filter((f) => f.endsWith('.yaml')).sort();
export const exerciseIds = () =>
  readdirSync(join(contentDir, 'exercises'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
