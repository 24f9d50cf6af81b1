/**
 * The site's own Dockerfile (repository root), built by the simulator over the repository as the
 * build context, the way `docker build .` would send it. Lesson 8 walks through this file.
 */
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, createBuildCache, type BuildResult, type ContextInput } from '../../src/lib/build/index.ts';
import { isolationHeaders } from '../../src/integrations/cross-origin-isolation.ts';

const root = join(import.meta.dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

// Folders too big to read that .dockerignore excludes anyway (the engine applies the real file).
const unread = new Set(['node_modules', '.git', 'dist', '.astro', 'screenshots', 'test-results']);

function repositoryContext(): ContextInput {
  const context: Record<string, { content: string }> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (unread.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) context[relative(root, path).split('\\').join('/')] = { content: readFileSync(path, 'utf8') };
    }
  };
  walk(root);
  return context;
}

const context = repositoryContext();
const result = build({ dockerfile, context });

const stepOn = (r: BuildResult, text: string) => r.stages.flatMap((s) => s.steps).find((s) => s.instruction.startsWith(text));
const fileAt = (r: BuildResult, path: string) => r.image?.files.find((f) => f.path === path);

describe('the site Dockerfile', () => {
  test('parses with no diagnostics and has a build stage and a site stage that copies from it', () => {
    expect(result.diagnostics.filter((d) => d.phase === 'parse')).toEqual([]);
    expect(result.plan.stages.map((s) => [s.name, s.base, s.willBuild])).toEqual([
      ['build', 'node:24-slim', true],
      ['site', 'nginx:1.31-alpine', true],
    ]);
    expect(result.plan.stages[1]?.dependsOn.map((d) => [d.kind, d.stage])).toEqual([['copy-from', 0]]);
  });

  test('.dockerignore keeps dependencies, output, tests and git history out of the context', () => {
    const copied = stepOn(result, 'COPY . .');
    expect(copied?.status).toBe('done');
    const paths = copied?.changes.map((c) => c.path) ?? [];
    expect(paths).toContain('/app/src/content.config.ts');
    for (const prefix of ['/app/node_modules/', '/app/dist/', '/app/tests/', '/app/.git/', '/app/bench/']) {
      expect(paths.filter((p) => p.startsWith(prefix))).toEqual([]);
    }
  });

  test('npm ci runs before the sources are copied, and stays cached when only a source changes', () => {
    const cache = createBuildCache();
    build({ dockerfile, context }, cache);
    const edited = build({ dockerfile, context: { ...context, 'src/pages/index.astro': { content: '---\n---\n<p>changed</p>\n' } } }, cache);
    expect(stepOn(edited, 'RUN npm ci')?.cached).toBe(true);
    expect(stepOn(edited, 'COPY . .')?.cached).toBe(false);
  });

  test('RUN npm run build runs the simulated astro build, which renders the pages into dist/', () => {
    const step = stepOn(result, 'RUN npm run build');
    expect(step?.status).toBe('done');
    expect(step?.stdout).toContain('▶ src/pages/index.astro\n  └─ /index.html\n');
    expect(step?.stdout).toContain('[build] Complete!\n');
    const dist = step?.changes.map((c) => c.path).filter((p) => p.startsWith('/app/dist/')) ?? [];
    expect(dist).toContain('/app/dist/index.html');
    expect(dist).toContain('/app/dist/404.html');
  });

  test('serves dist/ from nginx as the non-root nginx user, with no Node or sources', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.image?.config.User).toBe('nginx');
    const passwd = fileAt(result, '/etc/passwd')?.content ?? '';
    expect(passwd).toMatch(/^nginx:x:101:101:/m);
    // EXPOSE adds to the base image's list; nginx's own 80 stays in it (EXPOSE only documents).
    expect(result.image?.config.ExposedPorts).toEqual(['80/tcp', '8080/tcp']);
    expect(result.image?.config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(fileAt(result, '/usr/share/nginx/html/index.html')?.type).toBe('file');
    expect(fileAt(result, '/usr/share/nginx/html/404.html')?.type).toBe('file');
    const conf = fileAt(result, '/etc/nginx/nginx.conf')?.content ?? '';
    expect(conf).toContain('listen 8080;');
    // The same cross-origin isolation headers as the dev server and the static hosts' files.
    for (const [name, value] of Object.entries(isolationHeaders)) expect(conf).toContain(`add_header ${name} ${value} always;`);
    // The builder stage is left behind: nothing of Node, npm or the dependencies reaches the image.
    for (const path of ['/app', '/usr/local/bin/node', '/usr/local/bin/npm', '/usr/local/lib/node_modules', '/usr/share/nginx/html/node_modules']) {
      expect(fileAt(result, path)).toBeUndefined();
    }
    expect(result.image?.files.filter((f) => /(^|\/)(node|npm|node_modules)(\/|$)/.test(f.path)).map((f) => f.path)).toEqual([]);
    expect(result.stages.map((s) => [s.name, s.status])).toEqual([
      ['build', 'built'],
      ['site', 'built'],
    ]);
  });
});
