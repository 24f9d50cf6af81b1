/**
 * `astro` (node_modules/.bin/astro), simulated: `astro build` turns each page under src/pages into
 * dist/<route>/index.html, copies public/ and writes one dist/_astro bundle whose size is estimated
 * from the sources; `astro check`, `--version` and the help. No page code runs, so dynamic `[param]` routes
 * (their paths come from getStaticPaths()) and endpoints are skipped with a labelled line.
 */
import type { Command, CommandContext } from '../../command.ts';
import { walk } from '../../../vfs/index.ts';
import { toolchainCatalogue } from './catalogues.ts';
import { contentHash } from './content-hash.ts';
import { putFile, removeIfPresent, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { copyPublic } from './public-files.ts';
import { joinPath } from './npm-project.ts';
import { satisfiesRange } from './npm-semver.ts';
import { toolVersion } from './tool-version.ts';

/** Astro's commands and global flags as its help lists them (recorded from astro 7.3.5). */
const COMMANDS: readonly (readonly [string, string])[] = [
  ['add', 'Add an integration.'],
  ['build', 'Build your project and write it to disk.'],
  ['check', 'Check your project for errors.'],
  ['create-key', 'Create a cryptography key'],
  ['dev', 'Start the development server.'],
  ['docs', 'Open documentation in your web browser.'],
  ['info', 'List info about your current Astro setup.'],
  ['preview', 'Preview your build locally.'],
  ['sync', 'Generate content collection types.'],
  ['preferences', 'Configure user preferences.'],
  ['telemetry', 'Configure telemetry settings.'],
];
const FLAGS: readonly (readonly [string, string])[] = [
  ['--config <path>', 'Specify your config file.'],
  ['--root <path>', 'Specify your project root folder.'],
  ['--site <url>', 'Specify your project site.'],
  ['--base <pathname>', 'Specify your project base.'],
  ['--verbose', 'Enable verbose logging.'],
  ['--silent', 'Disable all logging.'],
  ['--version', 'Show the version number and exit.'],
  ['--help', 'Show this help message.'],
  ['--json', 'Enables JSON logging.'],
];

const rows = (table: readonly (readonly [string, string])[]): string => table.map(([name, what]) => `${name.padStart(19)}  ${what}\n`).join('');
const helpText = (version: string): string =>
  `\n   astro  v${version} Build faster websites.\n\n  astro [command] [...flags]\n\n   Commands \n${rows(COMMANDS)}\n   Global Flags \n${rows(FLAGS)}\n`;

/** The file a page renders to, as Astro's default `build.format: 'directory'` names it. */
function routeFile(page: string): string {
  const route = page.replace(/\.(astro|mdx?|html)$/, '');
  if (route === 'index' || route === '404' || route === '500') return `${route}.html`;
  return route.endsWith('/index') ? `${route}.html` : `${route}/index.html`;
}

const isPage = (page: string): boolean => /\.(astro|mdx?|html)$/.test(page);
// Files and folders whose name starts with `_` are not routes (Astro's convention for partials).
const isPrivate = (page: string): boolean => page.split('/').some((part) => part.startsWith('_'));

function build(ctx: CommandContext): number {
  const root = ctx.cwd;
  const pagesDir = joinPath(root, 'src/pages');
  const outDir = joinPath(root, 'dist');
  const origin = { simulated: true as const, by: 'astro build' };
  ctx.stdout.write(`[build] output: "static"\n[build] directory: ${outDir}/\n[build] Collecting build info...\n`);
  const pages: string[] = [];
  const skipped: string[] = [];
  for (const entry of walk(ctx.fs, pagesDir)) {
    if (entry.node.kind !== 'file') continue;
    const page = entry.path.slice(pagesDir.length + 1);
    if (isPrivate(page)) continue;
    if (isPage(page) && !page.includes('[')) pages.push(page);
    else skipped.push(page);
  }
  if (pages.length === 0 && skipped.length === 0) {
    ctx.stderr.write(`[build] Missing pages directory: src/pages\n`);
    return 1;
  }
  let sourceBytes = 0;
  for (const entry of walk(ctx.fs, joinPath(root, 'src'))) {
    if (entry.node.kind === 'file' && /\.(astro|m?[jt]sx?|css|scss)$/.test(entry.path)) sourceBytes += entry.node.size;
  }
  const bundleBytes = Math.round(sourceBytes * toolchainCatalogue.vite.minifyRatio.value);
  const bundle = `_astro/index.${contentHash(`${pages.join('\n')}:${bundleBytes}`)}.js`;
  const steps: Step[] = [removeIfPresent(ctx.access, outDir), ...copyPublic(ctx.fs, ctx.access, root, outDir)];
  const written: string[] = [];
  let pageBytes = 0;
  for (const page of pages) {
    const file = routeFile(page);
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><script type="module" src="/${bundle}"></script></head><body><!-- src/pages/${page}, rendered by a simulated astro build --></body></html>\n`;
    steps.push(putFile(ctx.access, `${outDir}/${file}`, { content: html, origin }));
    written.push(file);
    pageBytes += html.length;
  }
  steps.push(putFile(ctx.access, `${outDir}/${bundle}`, { size: bundleBytes, origin }));
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stderr.write(`[ERROR] EACCES: permission denied, mkdir '${done.error.path}'\n`);
    return 1;
  }
  ctx.fs = done.value;
  ctx.stdout.write(`[build] Building static entrypoints...\n[vite] ✓ built (simulated: ${bundle}, ${bundleBytes} bytes estimated)\n\n generating static routes \n`);
  for (const [i, page] of pages.entries()) ctx.stdout.write(`▶ src/pages/${page}\n  └─ /${written[i] ?? ''}\n`);
  for (const page of skipped) {
    const why = isPage(page) ? 'dynamic route: its paths come from getStaticPaths(), which the simulator cannot run' : 'endpoint: its code would have to run';
    ctx.stdout.write(`▶ src/pages/${page} (simulated: skipped, ${why})\n`);
  }
  ctx.stdout.write(`[build] ${pages.length} page(s) built (simulated)\n[build] Complete!\n`);
  ctx.simulate({
    by: 'astro build',
    summary: `rendered ${pages.length} page(s) into dist/, skipped ${skipped.length} dynamic route(s) or endpoint(s), bundle size estimated (simulated)`,
    paths: [...written.map((file) => `${outDir}/${file}`), `${outDir}/${bundle}`],
    bytes: bundleBytes + pageBytes,
  });
  return 0;
}

export const astro: Command = {
  name: 'astro',
  run(args, ctx) {
    // as Astro's resolveCommand: --version anywhere wins, the first positional names the command,
    // anything else (no command, `-v`, `version`, `--help`, a typo) shows the help
    if (args.includes('--version')) {
      const version = toolVersion(ctx, 'astro');
      // Astro before 6 printed an empty line first (printVersion's console.log())
      ctx.stdout.write(`${satisfiesRange(version, '<6.0.0') ? '\n' : ''}   astro  v${version}\n`);
      return 0;
    }
    const sub = args.find((arg) => !arg.startsWith('-'));
    if (sub === 'build') return build(ctx);
    if (sub === 'check') {
      ctx.stdout.write('Result (simulated: no type checking ran):\n- 0 errors\n- 0 warnings\n- 0 hints\n');
      ctx.simulate({ by: 'astro check', summary: 'reported 0 errors without type checking (simulated)' });
      return 0;
    }
    if (sub === undefined || !COMMANDS.some(([name]) => name === sub)) {
      ctx.stdout.write(helpText(toolVersion(ctx, 'astro')));
      return 0;
    }
    ctx.stderr.write(`astro: only \`astro build\`, \`astro check\` and \`astro --version\` are simulated in Stagecraft\n`);
    return 1;
  },
};
