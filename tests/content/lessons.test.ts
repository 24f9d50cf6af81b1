import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/lib/dockerfile/index.ts';
import { buildExample, readExampleFiles } from '../../src/components/example/example-files.ts';
import { exampleSchema } from '../../src/content/schemas/example.ts';
import { contentDir, lessonFiles, yamlFile } from './content-files.ts';
import { checkClaim, type LoadedExample } from './lessons-claims.ts';

/** Languages a lesson's code blocks may use: shiki's `docker` grammar for Dockerfiles. */
const languages = new Set(['docker', 'sh', 'text']);

const lessonText = (file: string) => readFileSync(join(contentDir, 'lessons', file), 'utf8');

/** Fenced blocks with their language and meta (```docker broken → lang docker, meta "broken"). */
function codeBlocks(file: string): Array<{ lang: string; meta: string; code: string }> {
  return [...lessonText(file).matchAll(/^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    lang: match[1] ?? '',
    meta: (match[2] ?? '').trim(),
    code: match[3] ?? '',
  }));
}

/** The example ids a lesson embeds with <Example id="..." />. */
const embeddedExamples = (file: string) => [...lessonText(file).matchAll(/<Example\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1] ?? '');

const examplesDir = join(contentDir, 'examples');

function loadExamples(): LoadedExample[] {
  if (!existsSync(examplesDir)) return [];
  const dirs = (path: string) => readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return dirs(examplesDir).flatMap((lesson) =>
    dirs(join(examplesDir, lesson)).map((name) => {
      const dir = join(examplesDir, lesson, name);
      const id = `${lesson}/${name}`;
      const parsed = exampleSchema.safeParse(yamlFile(join(dir, 'claims.yaml')));
      if (!parsed.success) throw new Error(`${id}/claims.yaml: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const files = readExampleFiles(dir);
      if (!files.ok) throw new Error(files.error);
      return { id, data: parsed.data, files: files.value };
    }),
  );
}

const examples = loadExamples();
const builds = new Map(examples.map((example) => [example.id, buildExample(example.files, example.data)]));

describe.each(lessonFiles())('lesson %s', (file) => {
  test('every code block names a known language', () => {
    const blocks = codeBlocks(file);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.map((block) => block.lang).filter((lang) => !languages.has(lang))).toEqual([]);
  });

  test('every Dockerfile is highlighted as `docker`', () => {
    // A Dockerfile starts with FROM after any comments (a shell heredoc holding one is a shell block).
    const dockerfiles = codeBlocks(file).filter((block) => /^(?:(?:#.*)?\n)*FROM /.test(block.code));
    expect(dockerfiles.map((block) => block.lang)).toEqual(dockerfiles.map(() => 'docker'));
  });

  test('every `docker` block parses without errors, unless marked `broken`', () => {
    const errors = codeBlocks(file)
      .filter((block) => block.lang === 'docker' && !/\bbroken\b/.test(block.meta))
      .flatMap((block) =>
        parseDockerfile(block.code)
          .diagnostics.filter((d) => d.severity === 'error')
          .map((d) => `${block.code.split('\n')[0]}…: line ${d.range?.line ?? '?'}: ${d.message}`),
      );
    expect(errors).toEqual([]);
  });

  test('its id starts with its two-digit order', () => {
    const order = /^order: (\d+)$/m.exec(lessonText(file))?.[1];
    expect(file.slice(0, 3)).toBe(`${String(order).padStart(2, '0')}-`);
  });

  test('it embeds at least two examples of its own, and each exists', () => {
    const lesson = file.replace(/\.mdx$/, '');
    const ids = embeddedExamples(file);
    expect(ids.filter((id) => !builds.has(id))).toEqual([]);
    expect(ids.filter((id) => !id.startsWith(`${lesson}/`))).toEqual([]);
    expect(new Set(ids).size).toBeGreaterThanOrEqual(2);
  });

  test('it has a "predict, then check" moment and key points', () => {
    expect(lessonText(file)).toMatch(/<Example\b[^>]*\bpredict="[^"]{10,}"/);
    expect(lessonText(file)).toMatch(/^## Key points$/m);
  });
});

test('every example is embedded by its lesson', () => {
  const used = new Set(lessonFiles().flatMap(embeddedExamples));
  expect(examples.map((e) => e.id).filter((id) => !used.has(id))).toEqual([]);
});

describe.each(examples.map((e) => [e.id, e] as const))('example %s', (_id, example) => {
  const built = builds.get(example.id);
  const sizeOf = (id: string) => builds.get(id)?.result.image?.size ?? null;
  test.each(example.data.claims.map((claim) => [JSON.stringify(claim), claim] as const))('claim %s', (_text, claim) => {
    if (built === undefined) throw new Error('not built');
    expect(checkClaim(claim, { example, result: built.result, rebuild: built.rebuild, sizeOf })).toBeNull();
  });
  test('every path it shows is in the final image', () => {
    const paths = built?.result.image?.files.map((f) => f.path) ?? [];
    expect(example.data.show.filter((p) => !paths.includes(p))).toEqual([]);
  });
});

describe('a false claim fails, saying what the simulator saw', () => {
  const example = examples.find((e) => e.id === '02-stages-and-copy-from/two-stages');
  const built = builds.get('02-stages-and-copy-from/two-stages');
  const sizeOf = (id: string) => builds.get(id)?.result.image?.size ?? null;
  test.each([
    [{ user: 'root' }, 'User is "nobody"'],
    [{ absent: ['/usr/local/bin/hello'] }, 'present: /usr/local/bin/hello'],
    [{ present: ['/usr/local/go/bin/go'] }, 'missing: /usr/local/go/bin/go'],
    [{ layers: 3 }, '2 layers'],
    [{ stages: { built: ['stage-1'], skipped: ['build'] } }, 'built ["build","stage-1"], skipped []'],
    [{ 'smaller-than': '07-size-and-security/scratch' }, `${built?.result.image?.size} bytes, not smaller than ${sizeOf('07-size-and-security/scratch')}`],
    [{ 'after-edit': { cached: [2], rebuilt: [] } }, 'the example has no `edit` to rebuild after'],
    [{ fails: 'anything' }, 'the build succeeded'],
    [{ diagnostics: ['SecretsUsedInArgOrEnv'] }, 'diagnostics: []'],
  ] as const)('%j', (claim, seen) => {
    if (example === undefined || built === undefined) throw new Error('example missing');
    expect(checkClaim(claim as never, { example, result: built.result, rebuild: built.rebuild, sizeOf })).toBe(seen);
  });
});
