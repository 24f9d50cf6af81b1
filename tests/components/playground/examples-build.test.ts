/**
 * Every example in the playground's menu, built the way the playground builds it: each folder read
 * from disk (example.json; the Dockerfile and context/ through the lesson pages' reader, kept as text
 * like index.ts's raw imports) and turned into a build input by the worker's own toBuildInput. A
 * working example must build; a broken one must stop at its expected error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../../../src/lib/build/index.ts';
import { readExampleFiles } from '../../../src/components/example/example-files.ts';
import { toBuildInput } from '../../../src/components/playground/build-input.ts';
import type { PlaygroundState } from '../../../src/lib/share/index.ts';

const examplesDir = join(import.meta.dirname, '..', '..', '..', 'src', 'components', 'playground', 'examples');

interface ExampleMeta {
  title: string;
  broken: boolean;
  target?: string;
}

function loadExample(folder: string): { meta: ExampleMeta; state: PlaygroundState } {
  const dir = join(examplesDir, folder);
  const meta = JSON.parse(readFileSync(join(dir, 'example.json'), 'utf8')) as ExampleMeta;
  const read = readExampleFiles(dir);
  if (!read.ok) throw new Error(read.error);
  // The playground keeps each file's text only (no modes), so the test does too.
  const files = Object.fromEntries(Object.entries(read.value.context).map(([path, file]) => [path, file.content ?? '']));
  return {
    meta,
    state: { dockerfile: read.value.dockerfile, files, options: { target: meta.target ?? null, buildArgs: {}, builder: 'buildkit', noCache: false } },
  };
}

const folders = readdirSync(examplesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const buildExample = (folder: string): BuildResult => build(toBuildInput(loadExample(folder).state));

/** The first error each broken example must stop at: `code line N: message`. */
const expectedErrors: Record<string, string> = {
  '06-broken-typo': 'unknown-instruction line 3: unknown instruction: COPPY (did you mean COPY?)',
  '07-broken-copy-from-later-stage': 'stage-defined-later line 2: cannot copy from stage "builder", it needs to be defined before current stage "runtime"',
  '08-broken-build-in-runtime': 'run-failed line 8: process "/bin/sh -c go build -o /usr/local/bin/hello ." did not complete successfully: exit code: 127',
};

describe('playground examples', () => {
  test('the menu has working and broken examples, and every broken one has its expected error here', () => {
    const broken = folders.filter((folder) => loadExample(folder).meta.broken);
    expect(broken).toEqual(Object.keys(expectedErrors));
    expect(folders.length - broken.length).toBeGreaterThan(0);
  });

  for (const folder of folders) {
    const { meta } = loadExample(folder);
    if (meta.broken) {
      test(`${folder} fails where it is meant to`, () => {
        const result = buildExample(folder);
        const error = result.diagnostics.find((d) => d.severity === 'error');
        expect(result.ok).toBe(false);
        expect(error === undefined ? 'no error' : `${error.code} line ${error.line}: ${error.message}`).toBe(expectedErrors[folder]);
      });
    } else {
      test(`${folder} builds`, () => {
        const result = buildExample(folder);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.ok).toBe(true);
        expect(result.image).not.toBeNull();
      });
    }
  }
});

describe('the three-stage site', () => {
  const result = buildExample('04-three-stage-site');
  const htdocs = '/usr/local/apache2/htdocs';
  const stage = (name: string) => result.stages.find((s) => s.name === name);

  test('two independent builder stages feed the web stage, which is the image', () => {
    expect(result.stages.map((s) => `${s.name}: ${s.status}`)).toEqual(['styles: built', 'pages: built', 'web: built']);
    expect(stage('styles')?.dependsOn).toEqual([]);
    expect(stage('pages')?.dependsOn).toEqual([{ kind: 'copy-from', stage: null, image: 'composer:2', line: 13 }]);
    expect(stage('web')?.dependsOn).toEqual([
      { kind: 'copy-from', stage: 1, image: null, line: 25 },
      { kind: 'copy-from', stage: 0, image: null, line: 26 },
    ]);
    expect(result.image?.stage).toBe('web');
    expect(result.image?.base).toBe('httpd:alpine');
  });

  test('composer installs HydePHP from the lock, and hyde renders the two Markdown pages', () => {
    const steps = stage('pages')?.steps ?? [];
    const install = steps.find((s) => s.instruction === 'RUN composer install --no-dev');
    expect(install?.stderr.split('\n').slice(0, 4)).toEqual([
      'Do not run Composer as root/super user! See https://getcomposer.org/root for details',
      'Installing dependencies from lock file',
      'Verifying lock file contents can be installed on current platform.',
      'Package operations: 14 installs, 0 updates, 0 removals',
    ]);
    const hyde = steps.find((s) => s.instruction === 'RUN php hyde build');
    expect(hyde?.stdout).toBe(
      'Building your static site!\n\nCreating Markdown Pages...\n 2/2 [============================] 100%\n\nYour static site has been built!\nSite files are saved in /work/_site\n',
    );
    expect(hyde?.stderr).toBe('');
  });

  test('the image adds only the pages and the stylesheet under htdocs', () => {
    const added = (result.image?.files ?? []).filter((f) => f.fromStage !== null).map((f) => `${f.path} (${f.type}, from ${f.fromStage})`);
    expect(added).toEqual([
      `${htdocs}/index.html (file, from pages)`,
      `${htdocs}/media (dir, from styles)`,
      `${htdocs}/media/app.css (file, from styles)`,
      `${htdocs}/stages.html (file, from pages)`,
    ]);
    const page = result.image?.files.find((f) => f.path === `${htdocs}/index.html`)?.content ?? '';
    expect(page).toContain('<link rel="stylesheet" href="media/app.css">');
    expect(page).toContain('<h1>Three stages, one small image</h1>');
    expect(result.image?.files.find((f) => f.path === `${htdocs}/media/app.css`)?.content).toBe(
      'body {\n  margin: 0 auto;\n  max-width: 40rem;\n  padding: 2rem 1rem;\n  color: #1c2230;\n  background: #fbfaf7;\n  font-family: system-ui, sans-serif;\n}\nbody a {\n  color: #2a6f97;\n}\nbody code {\n  font-size: 0.9em;\n}\n',
    );
  });

  test('nothing of either builder reaches the image: no node, sass, php, composer or vendor', () => {
    const paths = (result.image?.files ?? []).map((f) => f.path);
    const toolchain = paths.filter((p) => /\/(node|npm|npx|node_modules|sass|php|composer|vendor|_pages|_site)(\/|$)/.test(p));
    expect(toolchain).toEqual([]);
    expect(result.leftBehind.map((l) => [l.stage, l.notableTools])).toEqual([
      ['styles', ['node', 'npm', 'npx', 'yarn']],
      ['pages', ['gcc', 'g++', 'cc', 'make', 'php', 'composer', 'curl', 'apt-get']],
    ]);
  });
});
