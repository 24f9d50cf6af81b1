/**
 * HydePHP's `php hyde build`, simulated: the project folder is the one holding the `hyde` script;
 * _pages/*.md become _site/<name>.html, _posts/*.md _site/posts/<name>.html, _docs/*.md
 * _site/docs/<name>.html (Markdown converted by markdown.ts, in a minimal layout that says it is
 * simulated), _pages/*.html are copied and _media/ goes to _site/media/. Blade pages are beyond the
 * simulation and are reported. Hyde's own console wording is approximated.
 */
import type { CommandContext } from '../../command.ts';
import { readdir, walk } from '../../../vfs/index.ts';
import { putFile, readText, removeIfPresent, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { renderMarkdown } from './markdown.ts';
import { fsFailure, plural } from './messages.ts';

const ORIGIN = { simulated: true as const, by: 'php hyde build' };
const SITE_NAME = 'HydePHP';

interface Source {
  folder: string;
  /** Where its pages go under _site ('' for the root). */
  output: string;
  label: string;
}

const SOURCES: readonly Source[] = [
  { folder: '_pages', output: '', label: 'Markdown Pages' },
  { folder: '_posts', output: 'posts', label: 'Markdown Posts' },
  { folder: '_docs', output: 'docs', label: 'Documentation Pages' },
];

function files(ctx: CommandContext, dir: string): string[] {
  const list = readdir(ctx.fs, ctx.access, dir);
  if (!list.ok) return [];
  return list.value.filter((entry) => entry.node.kind === 'file').map((entry) => entry.name);
}

function page(title: string, body: string, depth: number): string {
  const up = '../'.repeat(depth);
  return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${SITE_NAME} - ${title.replace(/</g, '&lt;')}</title>
    <link rel="stylesheet" href="${up}media/app.css">
</head>
<body>
<!-- Written by Stagecraft's simulated HydePHP build: Hyde's real Blade layout adds navigation and styles -->
<main>
${body}</main>
</body>
</html>
`;
}

/** Runs the build for the project in `root`; returns the exit status. */
export function hydeBuild(ctx: CommandContext, root: string): number {
  const site = `${root}/_site`;
  const steps: Step[] = [removeIfPresent(ctx.access, site)];
  const written: string[] = [];
  ctx.stdout.write('Building your static site!\n\n');
  const media = `${root}/_media`;
  const mediaFiles: string[] = [];
  for (const entry of walk(ctx.fs, media)) {
    if (entry.node.kind !== 'file') continue;
    const target = `${site}/media${entry.path.slice(media.length)}`;
    steps.push(putFile(ctx.access, target, entry.node.content === undefined ? { size: entry.node.size } : { content: entry.node.content }));
    mediaFiles.push(target);
  }
  if (mediaFiles.length > 0) ctx.stdout.write(`Transferring Media Assets...\n ${mediaFiles.length}/${mediaFiles.length} [============================] 100%\n\n`);
  written.push(...mediaFiles);
  for (const source of SOURCES) {
    const dir = `${root}/${source.folder}`;
    const names = files(ctx, dir).filter((name) => /\.(md|html|blade\.php)$/.test(name));
    if (names.length === 0) continue;
    ctx.stdout.write(`Creating ${source.label}...\n`);
    let made = 0;
    for (const name of names) {
      const text = readText(ctx.fs, ctx.access, `${dir}/${name}`) ?? '';
      const base = name.replace(/\.(md|html|blade\.php)$/, '');
      const outDir = source.output === '' ? site : `${site}/${source.output}`;
      const target = `${outDir}/${base}.html`;
      if (name.endsWith('.blade.php')) {
        ctx.stderr.write(`  Skipped ${source.folder}/${name}: Blade templates are not simulated by Stagecraft\n`);
        continue;
      }
      const html = name.endsWith('.html') ? text : renderPage(text, base, source.output === '' ? 0 : 1);
      steps.push(putFile(ctx.access, target, { content: html, origin: ORIGIN }));
      written.push(target);
      made++;
    }
    ctx.stdout.write(` ${made}/${names.length} [============================] 100%\n\n`);
  }
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) return fsFailure(ctx, 'php', done.error);
  ctx.fs = done.value;
  ctx.stdout.write(`Your static site has been built!\nSite files are saved in ${site}\n`);
  ctx.simulate({ by: 'php hyde build', summary: `rendered ${plural(written.length - mediaFiles.length, 'page')} into ${site} with a minimal layout (simulated)`, paths: written });
  return 0;
}

function renderPage(markdown: string, name: string, depth: number): string {
  const rendered = renderMarkdown(markdown);
  const title = rendered.matter['title'] ?? rendered.heading ?? name.replace(/[-_]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  return page(title, rendered.html, depth);
}
