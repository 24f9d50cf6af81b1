import { describe, expect, test } from 'vitest';
import { runShell } from '../../../../src/lib/shell/index.ts';
import { AS_ROOT, chmod, symlink } from '../../../../src/lib/vfs/index.ts';
import type { DirNode } from '../../../../src/lib/vfs/index.ts';
import { makeTree, nodeAt, run, textAt } from './harness.ts';

const siteFiles: Record<string, string | number> = {
  '/app/package.json': JSON.stringify({
    name: 'site',
    version: '1.0.0',
    scripts: { build: 'astro build', check: 'astro check' },
    devDependencies: { astro: '^7.3.5' },
  }),
  '/app/src/pages/index.astro': '---\n---\n<h1>Home</h1>\n',
  '/app/src/pages/404.astro': '<h1>Not found</h1>\n',
  '/app/src/pages/about.md': '# About\n',
  '/app/src/pages/lessons/index.astro': '<ul></ul>\n',
  '/app/src/pages/lessons/intro.mdx': '# Intro\n',
  '/app/src/pages/lessons/[id].astro':
    '---\nexport function getStaticPaths() { return []; }\n---\n',
  '/app/src/pages/feed.xml.ts': 'export const GET = () => new Response("");\n',
  '/app/src/pages/_partial.astro': '<p></p>\n',
  '/app/src/components/Nav.astro': 'x'.repeat(1000),
  '/app/public/favicon.svg': '<svg/>',
  '/app/public/fonts/a.woff2': 2048,
  '/app/dist/stale.html': 'old',
};
const site = (): DirNode => makeTree({ files: siteFiles });

describe('astro build (simulated)', () => {
  const r = run(site(), ['astro', 'build'], { cwd: '/app' });
  const bundle = r.effects[0]?.paths?.at(-1) ?? '';

  test('renders each static page to its route, skips dynamic routes and endpoints with a labelled line', () => {
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(bundle).toMatch(
      /^\/app\/dist\/_astro\/index\.[0-9A-Za-z_-]{8}\.js$/,
    );
    const name = bundle.slice('/app/dist/'.length);
    const bytes = nodeAt(r.fs, bundle);
    expect(bytes?.kind).toBe('file');
    expect(r.stdout).toBe(
      [
        '[build] output: "static"',
        '[build] directory: /app/dist/',
        '[build] Collecting build info...',
        '[build] Building static entrypoints...',
        `[vite] ✓ built (simulated: ${name}, ${bytes?.kind === 'file' ? bytes.size : -1} bytes estimated)`,
        '',
        ' generating static routes ',
        '▶ src/pages/404.astro',
        '  └─ /404.html',
        '▶ src/pages/about.md',
        '  └─ /about/index.html',
        '▶ src/pages/index.astro',
        '  └─ /index.html',
        '▶ src/pages/lessons/index.astro',
        '  └─ /lessons/index.html',
        '▶ src/pages/lessons/intro.mdx',
        '  └─ /lessons/intro/index.html',
        '▶ src/pages/feed.xml.ts (simulated: skipped, endpoint: its code would have to run)',
        '▶ src/pages/lessons/[id].astro (simulated: skipped, dynamic route: its paths come from getStaticPaths(), which the simulator cannot run)',
        '[build] 5 page(s) built (simulated)',
        '[build] Complete!',
        '',
      ].join('\n'),
    );
  });

  test('writes the pages, copies public/, replaces the old dist/ and labels the effect simulated', () => {
    for (const page of [
      'index.html',
      '404.html',
      'about/index.html',
      'lessons/index.html',
      'lessons/intro/index.html',
    ]) {
      expect(nodeAt(r.fs, `/app/dist/${page}`)).toMatchObject({
        kind: 'file',
        origin: { simulated: true, by: 'astro build' },
      });
    }
    expect(textAt(r.fs, '/app/dist/index.html')).toContain(
      '<!-- src/pages/index.astro, rendered by a simulated astro build -->',
    );
    expect(nodeAt(r.fs, '/app/dist/lessons/[id]/index.html')).toBeUndefined();
    expect(nodeAt(r.fs, '/app/dist/_partial/index.html')).toBeUndefined();
    expect(nodeAt(r.fs, '/app/dist/stale.html')).toBeUndefined();
    expect(textAt(r.fs, '/app/dist/favicon.svg')).toBe('<svg/>');
    expect(nodeAt(r.fs, '/app/dist/fonts/a.woff2')).toMatchObject({
      kind: 'file',
      size: 2048,
    });
    expect(r.effects).toEqual([
      {
        by: 'astro build',
        summary:
          'rendered 5 page(s) into dist/, skipped 2 dynamic route(s) or endpoint(s), bundle size estimated (simulated)',
        paths: [
          '/app/dist/404.html',
          '/app/dist/about/index.html',
          '/app/dist/index.html',
          '/app/dist/lessons/index.html',
          '/app/dist/lessons/intro/index.html',
          bundle,
        ],
        bytes: expect.any(Number),
      },
    ]);
  });

  test('no src/pages: the build fails', () => {
    const empty = run(
      makeTree({ files: { '/app/package.json': '{}' } }),
      ['astro', 'build'],
      { cwd: '/app' },
    );
    expect([
      empty.status,
      empty.stdout.endsWith('[build] Collecting build info...\n'),
      empty.stderr,
    ]).toEqual([1, true, '[build] Missing pages directory: src/pages\n']);
  });
});

describe('astro check and --version (simulated)', () => {
  test('check reports 0 errors, labelled simulated', () => {
    const r = run(site(), ['astro', 'check'], { cwd: '/app' });
    expect([r.status, r.stdout]).toEqual([
      0,
      'Result (simulated: no type checking ran):\n- 0 errors\n- 0 warnings\n- 0 hints\n',
    ]);
    expect(r.effects).toEqual([
      {
        by: 'astro check',
        summary: 'reported 0 errors without type checking (simulated)',
      },
    ]);
  });

  // recorded: astro 7.3.5 (npm install astro@7.3.5, Node 24), stdout, exit 0
  test('--version, anywhere among the arguments, prints the version (the catalogue\'s when not run from an installed package)', () => {
    for (const args of [['--version'], ['build', '--version']]) {
      expect(run(site(), ['astro', ...args])).toMatchObject({ status: 0, stdout: '   astro  v7.3.5\n', stderr: '' });
    }
  });

  test('no command, -v, `version`, --help or a name that is no command: the help (recorded)', () => {
    const help = [
      '',
      '   astro  v7.3.5 Build faster websites.',
      '',
      '  astro [command] [...flags]',
      '',
      '   Commands ',
      '                add  Add an integration.',
      '              build  Build your project and write it to disk.',
      '              check  Check your project for errors.',
      '         create-key  Create a cryptography key',
      '                dev  Start the development server.',
      '               docs  Open documentation in your web browser.',
      '               info  List info about your current Astro setup.',
      '            preview  Preview your build locally.',
      '               sync  Generate content collection types.',
      '        preferences  Configure user preferences.',
      '          telemetry  Configure telemetry settings.',
      '',
      '   Global Flags ',
      '    --config <path>  Specify your config file.',
      '      --root <path>  Specify your project root folder.',
      '       --site <url>  Specify your project site.',
      '  --base <pathname>  Specify your project base.',
      '          --verbose  Enable verbose logging.',
      '           --silent  Disable all logging.',
      '          --version  Show the version number and exit.',
      '             --help  Show this help message.',
      '             --json  Enables JSON logging.',
      '',
      '',
    ].join('\n');
    for (const args of [[], ['-v'], ['version'], ['--help'], ['-h'], ['biuld']]) {
      expect(run(site(), ['astro', ...args]), args.join(' ')).toMatchObject({ status: 0, stdout: help, stderr: '' });
    }
  });

  test('other subcommands are not simulated', () => {
    const r = run(site(), ['astro', 'dev']);
    expect([r.status, r.stderr]).toEqual([
      1,
      'astro: only `astro build`, `astro check` and `astro --version` are simulated in Stagecraft\n',
    ]);
  });
});

describe('astro through the shell', () => {
  const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const must = (
    r: { ok: true; value: DirNode } | { ok: false; error: { message: string } },
  ): DirNode => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const image = (): DirNode => {
    let tree = makeTree({
      files: { ...siteFiles, '/bin/dash': 125000, '/usr/local/bin/npm': 4096 },
    });
    tree = must(chmod(tree, AS_ROOT, '/bin/dash', 0o755));
    tree = must(chmod(tree, AS_ROOT, '/usr/local/bin/npm', 0o755));
    return must(symlink(tree, AS_ROOT, 'dash', '/bin/sh'));
  };
  const sh = (fs: DirNode, script: string) =>
    runShell(script, {
      fs,
      cred: { uid: 0, gid: 0, groups: [] },
      user: 'root',
      cwd: '/app',
      env: { PATH, HOME: '/root' },
    });

  test('npm install puts astro in node_modules/.bin, and npm run build runs it', () => {
    const r = sh(image(), 'npm install && npm run build');
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(
      '\n> site@1.0.0 build\n> astro build\n\n[build] output: "static"\n',
    );
    expect(r.effects.map((e) => e.by)).toEqual(['npm install', 'astro build']);
    expect(nodeAt(r.fs, '/app/dist/index.html')?.kind).toBe('file');
  });

  test('without astro installed: sh: astro: not found', () => {
    const r = sh(image(), 'astro build');
    expect([r.exitCode, r.stderr]).toEqual([127, '/bin/sh: 1: astro: not found\n']);
  });
});
