/**
 * `vite build` (node_modules/.bin/vite), simulated: reads index.html and the sources under src/,
 * writes dist/index.html pointing at hashed files in dist/assets, copies public/. Bundle sizes come
 * from the sources' sizes and the framework in package.json (toolchains.json).
 */
import type { Command, CommandContext } from '../../command.ts';
import { readFile, walk } from '../../../vfs/index.ts';
import { toolchainCatalogue } from './catalogues.ts';
import { contentHash } from './content-hash.ts';
import { putFile, removeIfPresent, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { copyPublic } from './public-files.ts';
import { joinPath, readPackageJson } from './npm-project.ts';
import { nodeVersion } from './node.ts';
import { satisfiesRange } from './npm-semver.ts';
import { toolVersion } from './tool-version.ts';

const kB = (bytes: number): string => (bytes / 1000).toFixed(2);

function build(ctx: CommandContext, outDirArg: string | undefined): number {
  const root = ctx.cwd;
  const version = toolVersion(ctx, 'vite');
  // recorded: 7.0.0 to 7.1.x build "for production", 7.2.0 on "client environment for production"
  ctx.stdout.write(`vite v${version} building ${satisfiesRange(version, '>=7.2.0') ? 'client environment ' : ''}for production...\n`);
  const html = readFile(ctx.fs, ctx.access, joinPath(root, 'index.html'));
  if (!html.ok) {
    ctx.stderr.write('error during build:\nCould not resolve entry module "index.html".\n');
    return 1;
  }
  const pkg = readPackageJson(ctx, root);
  const deps = pkg.ok ? { ...pkg.value.dependencies, ...pkg.value.devDependencies } : {};
  let js = 0;
  let css = 0;
  let modules = 1;
  const cssSources: string[] = [];
  for (const entry of walk(ctx.fs, joinPath(root, 'src'))) {
    if (entry.node.kind !== 'file') continue;
    if (/\.(m?[jt]sx?|vue|svelte)$/.test(entry.path)) {
      js += entry.node.size;
      modules++;
    } else if (/\.(css|scss|sass)$/.test(entry.path)) {
      css += entry.node.size;
      cssSources.push(entry.path);
      modules++;
    }
  }
  const { frameworks, minifyRatio, gzipRatio } = toolchainCatalogue.vite;
  const framework = Object.keys(frameworks).find((name) => name in deps);
  const jsBytes = Math.round(js * minifyRatio.value) + (framework === undefined ? 0 : (frameworks[framework]?.bytes ?? 0));
  const cssBytes = Math.round(css * minifyRatio.value);
  const text = html.value.content ?? '';
  const jsName = `assets/index-${contentHash(`${text}:${jsBytes}`)}.js`;
  const cssName = `assets/index-${contentHash(`${text}:${cssBytes}:css`)}.css`;
  let page = text.replace(/<script([^>]*)\ssrc="[^"]*"([^>]*)><\/script>/, `<script type="module" crossorigin src="/${jsName}"></script>`);
  if (cssSources.length > 0) page = page.replace('</head>', `  <link rel="stylesheet" crossorigin href="/${cssName}">\n  </head>`);
  const outDir = ctx.resolve(joinPath(root, outDirArg ?? 'dist'));
  const origin = { simulated: true as const, by: 'vite build' };
  const steps: Step[] = [removeIfPresent(ctx.access, outDir), ...copyPublic(ctx.fs, ctx.access, root, outDir)];
  steps.push(putFile(ctx.access, `${outDir}/index.html`, { content: page, origin }));
  steps.push(putFile(ctx.access, `${outDir}/${jsName}`, { size: jsBytes, origin }));
  if (cssSources.length > 0) steps.push(putFile(ctx.access, `${outDir}/${cssName}`, { size: cssBytes, origin }));
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stderr.write(`error during build:\nError: EACCES: permission denied, mkdir '${done.error.path}'\n`);
    return 1;
  }
  ctx.fs = done.value;
  const shown = outDir.startsWith(`${root}/`) ? outDir.slice(root.length + 1) : outDir;
  const rows: [string, number][] = [[`${shown}/index.html`, page.length], ...(cssSources.length > 0 ? [[`${shown}/${cssName}`, cssBytes] as [string, number]] : []), [`${shown}/${jsName}`, jsBytes]];
  const width = Math.max(...rows.map(([name]) => name.length));
  const sizeWidth = Math.max(...rows.map(([, bytes]) => kB(bytes).length));
  ctx.stdout.write(`transforming...\n✓ ${modules} modules transformed.\nrendering chunks...\ncomputing gzip size...\n`);
  for (const [name, bytes] of rows) {
    ctx.stdout.write(`${name.padEnd(width)}  ${kB(bytes).padStart(sizeWidth)} kB │ gzip: ${kB(Math.round(bytes * gzipRatio.value))} kB\n`);
  }
  // recorded: Vite 8 leaves a blank line before it
  ctx.stdout.write(`${satisfiesRange(version, '>=8') ? '\n' : ''}✓ built in 1.00s\n`);
  ctx.simulate({
    by: 'vite build',
    summary: `bundled ${modules} modules into ${shown}/ (${framework ?? 'no framework'}; sizes estimated) (simulated)`,
    paths: rows.map(([name]) => joinPath(root, name)),
    bytes: jsBytes + cssBytes + page.length,
  });
  return 0;
}

export const vite: Command = {
  name: 'vite',
  run(args, ctx) {
    const [sub] = args;
    if (sub === 'build') {
      const o = args.findIndex((arg) => arg === '--outDir');
      return build(ctx, o === -1 ? undefined : args[o + 1]);
    }
    if (args.includes('-v') || args.includes('--version')) {
      ctx.stdout.write(`vite/${toolVersion(ctx, 'vite')} linux-x64 node-v${nodeVersion(ctx)}\n`);
      return 0;
    }
    ctx.stderr.write('vite: the dev server and preview do not run in Stagecraft (only `vite build` is simulated)\n');
    return 1;
  },
};
