/**
 * The seed articles' examples, built by the real engine (parser, images, shell): each final image
 * holds what a reader of the article expects and nothing from the build stages.
 */
import { describe, expect, test } from 'vitest';
import { build, createBuildCache, type BuildResult } from '../../../src/lib/build/index.ts';
import { SEED_EXAMPLES, type SeedExample } from './seeds/index.ts';

function seed(name: string): SeedExample {
  const found = SEED_EXAMPLES.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no seed ${name}`);
  return found;
}

function buildSeed(s: SeedExample, target = s.target): BuildResult {
  return build({ dockerfile: s.dockerfile, context: s.context, ...(target === undefined ? {} : { target }) }, createBuildCache());
}

/** What the build stages added to the image: `path type size uid:gid mode <- stage`. */
const added = (r: BuildResult): string[] =>
  (r.image?.files ?? []).filter((f) => f.fromStage !== null).map((f) => `${f.path} ${f.type} ${f.size} ${f.uid}:${f.gid} ${f.mode} <- ${f.fromStage}`);

const has = (r: BuildResult, prefix: string): boolean => (r.image?.files ?? []).some((f) => f.path === prefix || f.path.startsWith(`${prefix}/`));

describe('seed examples', () => {
  test('Go: compiled with golang, shipped on debian:bullseye-slim with only the binary', () => {
    const r = buildSeed(seed('go-builder-to-debian-slim'));
    expect(r.ok).toBe(true);
    expect(added(r)).toEqual(['/usr/local/bin/myapp file 2202009 0:0 0755 <- builder']);
    expect([has(r, '/usr/local/go'), has(r, '/app'), has(r, '/go')]).toEqual([false, false, false]);
    expect([r.image?.base, r.image?.config.Entrypoint, r.image?.config.Cmd]).toEqual(['debian:bullseye-slim', ['myapp'], null]);
    expect(r.leftBehind.map((l) => [l.stage, l.notableTools.includes('go'), l.bytes > 500_000_000])).toEqual([['builder', true, true]]);
  });

  test('Node to nginx: only the built dist reaches the web root; .dockerignore kept node_modules and logs out', () => {
    const r = buildSeed(seed('node-build-to-nginx'));
    expect(r.ok).toBe(true);
    expect(added(r).map((l) => l.replace(/index-\w+\.js/, 'index-HASH.js'))).toEqual([
      '/usr/share/nginx/html/assets dir 0 0:0 0755 <- builder',
      '/usr/share/nginx/html/assets/index-HASH.js file 29 0:0 0644 <- builder',
      '/usr/share/nginx/html/index.html file 111 0:0 0644 <- builder',
    ]);
    const copyAll = r.stages[0]?.steps.find((s) => s.instruction === 'COPY . .');
    // .dockerignore itself is sent (it does not list itself); node_modules and debug.log are not; the
    // package files copied again are in this layer too.
    expect(copyAll?.changes.map((c) => c.path)).toEqual([
      '/app/.dockerignore',
      '/app/index.html',
      '/app/package-lock.json',
      '/app/package.json',
      '/app/src',
      '/app/src/main.js',
    ]);
    expect([has(r, '/usr/local/bin/node'), has(r, '/app'), r.image?.config.Cmd]).toEqual([false, false, ['nginx', '-g', 'daemon off;']]);
  });

  test('TypeScript API: the runner has the compiled JS and production deps, runs as nodejs, no sources', () => {
    const r = buildSeed(seed('typescript-api-non-root-runner'));
    expect(r.ok).toBe(true);
    expect(r.stages.map((s) => [s.name, s.status])).toEqual([['base', 'built'], ['builder', 'built'], ['runner', 'built']]);
    const app = (r.image?.files ?? []).filter((f) => f.path.startsWith('/home/app/')).map((f) => f.path);
    expect(app).toEqual([
      '/home/app/dist',
      '/home/app/dist/index.js',
      '/home/app/node_modules',
      '/home/app/node_modules/.package-lock.json',
      '/home/app/node_modules/express',
      '/home/app/node_modules/express/package.json',
      '/home/app/package-lock.json',
      '/home/app/package.json',
    ]);
    const passwd = r.image?.files.find((f) => f.path === '/etc/passwd')?.content ?? '';
    expect(passwd.split('\n').filter((l) => l.startsWith('nodejs:'))).toEqual(['nodejs:x:1001:65533:Linux User,,,:/home/nodejs:/sbin/nologin']);
    expect([r.image?.config.User, r.image?.config.Cmd, r.image?.config.ExposedPorts, r.image?.config.Env.at(-1)]).toEqual([
      'nodejs',
      ['npm', 'start'],
      ['8000/tcp'],
      'PORT=8000',
    ]);
    expect(r.leftBehind.map((l) => l.stage)).toEqual(['builder']);
  });

  test('sass/hyde/httpd: httpd serves the generated pages and the compiled stylesheet, and nothing of the builders', () => {
    const r = buildSeed(seed('sass-hyde-httpd-site'));
    expect(r.ok).toBe(true);
    expect(r.stages.map((s) => [s.name, s.status])).toEqual([['sass', 'built'], ['hyde', 'built'], ['httpd', 'built']]);
    expect(added(r)).toEqual([
      '/usr/local/apache2/htdocs/index.html file 466 0:0 0644 <- hyde',
      '/usr/local/apache2/htdocs/posts dir 0 0:0 0755 <- hyde',
      '/usr/local/apache2/htdocs/posts/first.html file 435 0:0 0644 <- hyde',
      '/usr/local/apache2/htdocs/styles.css file 88 0:0 0644 <- sass',
    ]);
    const text = (path: string): string | null | undefined => r.image?.files.find((f) => f.path === `/usr/local/apache2/htdocs/${path}`)?.content;
    // Real CSS from the SCSS (variable substituted, nesting flattened), with the map comment Dart Sass adds.
    expect(text('styles.css')).toBe('body {\n  margin: 0;\n}\nbody a {\n  color: #0a7;\n}\n\n/*# sourceMappingURL=styles.css.map */\n');
    // The generated page replaced httpd's "It works!" index.html.
    expect(text('index.html')).toContain('<title>HydePHP - Welcome</title>');
    expect(text('index.html')).toContain('<main>\n<h1>Welcome</h1>\n<p>Built with <strong>HydePHP</strong> in a multi-stage image.</p>\n</main>');
    expect(text('posts/first.html')).toContain('<title>HydePHP - First post</title>');
    expect(text('posts/first.html')).toContain('<p>Hello from the <code>hyde</code> stage.</p>');
    // None of the builders' tools, sources or dependencies reached the server image.
    const builderPaths = ['/usr/local/bin/php', '/usr/bin/composer', '/usr/local/bin/node', '/usr/bin/git', '/app', '/site', '/var/www/html'];
    expect(builderPaths.filter((p) => has(r, p))).toEqual([]);
    expect((r.image?.files ?? []).filter((f) => /node_modules|\/vendor\/|\.scss$|\.md$|styles\.css\.map/.test(f.path)).map((f) => f.path)).toEqual([]);
    expect([r.image?.base, r.image?.config.Cmd]).toEqual(['httpd:alpine', ['httpd-foreground']]);
    expect(r.leftBehind.map((l) => [l.stage, l.notableTools.includes('php') || l.notableTools.includes('node')])).toEqual([['sass', true], ['hyde', true]]);
    // The builder stages did the work the simulated programs report.
    const hyde = r.stages.find((s) => s.name === 'hyde');
    const build = hyde?.steps.find((s) => s.instruction === 'RUN php hyde build');
    expect(build?.changes.map((c) => c.path)).toEqual(['/site/_site', '/site/_site/index.html', '/site/_site/posts', '/site/_site/posts/first.html']);
    const install = hyde?.steps.find((s) => s.instruction === 'RUN composer install');
    expect(install?.stderr).toContain('Package operations: 5 installs, 0 updates, 0 removals\n');
  });

  test('sass/hyde/httpd without `composer install`: hyde cannot load its framework and the build stops', () => {
    const s = seed('sass-hyde-httpd-site');
    const r = build({ dockerfile: s.dockerfile.replace('RUN composer install\n', ''), context: s.context }, createBuildCache());
    expect([r.ok, r.diagnostics.map((d) => d.message)]).toEqual([false, ['process "/bin/sh -c php hyde build" did not complete successfully: exit code: 255']]);
    const step = r.stages.find((st) => st.name === 'hyde')?.steps.find((st) => st.instruction === 'RUN php hyde build');
    expect(step?.stderr.split('\n')[0]).toBe('PHP Warning:  require(/site/vendor/autoload.php): Failed to open stream: No such file or directory in /site/hyde on line 5');
  });

  test('dev/test/prod: prod skips dev and test, and ships no tests and no dev command', () => {
    const r = buildSeed(seed('dev-test-prod-targets'));
    expect(r.stages.map((s) => [s.name, s.status, s.reason])).toEqual([
      ['base', 'built', null],
      ['dev', 'skipped', 'not needed by target "prod"'],
      ['test', 'skipped', 'not needed by target "prod"'],
      ['prod', 'built', null],
    ]);
    expect([has(r, '/app/server.test.js'), has(r, '/app/server.js'), r.image?.config.User, r.image?.config.Cmd]).toEqual([
      false,
      true,
      'node',
      ['node', 'server.js'],
    ]);
    const dev = buildSeed(seed('dev-test-prod-targets'), 'dev');
    expect([dev.plan.order, dev.image?.config.Cmd, has(dev, '/app/server.test.js')]).toEqual([[0, 1], ['npm', 'run', 'dev'], true]);
  });
});
