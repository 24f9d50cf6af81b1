import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentDir, lessonFiles } from './content-files.ts';

/** Languages a lesson's code blocks may use: shiki's `docker` grammar for Dockerfiles. */
const languages = new Set(['docker', 'sh', 'text']);

function codeBlocks(file: string): Array<{ lang: string; code: string }> {
  const text = readFileSync(join(contentDir, 'lessons', file), 'utf8');
  return [...text.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1] ?? '', code: match[2] ?? '' }));
}

describe.each(lessonFiles())('lesson %s', (file) => {
  test('every code block names a known language', () => {
    const blocks = codeBlocks(file);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.map((block) => block.lang).filter((lang) => !languages.has(lang))).toEqual([]);
  });

  test('every Dockerfile is highlighted as `docker`', () => {
    const dockerfiles = codeBlocks(file).filter((block) => /^FROM /m.test(block.code) && !/^(CREATED BY|\s*=>)/m.test(block.code));
    expect(dockerfiles.map((block) => block.lang)).toEqual(dockerfiles.map(() => 'docker'));
  });

  test('its id starts with its two-digit order', () => {
    const order = /^order: (\d+)$/m.exec(readFileSync(join(contentDir, 'lessons', file), 'utf8'))?.[1];
    expect(file.slice(0, 3)).toBe(`${String(order).padStart(2, '0')}-`);
  });
});
