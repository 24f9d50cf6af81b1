/**
 * `sass` (Dart Sass from npm, node_modules/.bin/sass), simulated: compiles SCSS with the small
 * compiler in scss.ts into real CSS text. One-to-one (`sass in.scss [out.css]`) and many-to-many
 * (`sass in.scss:out.css`, `sass src/:dist/`) modes, `--style`, `--no-source-map`, `--load-path`.
 * A source map is written next to each output as Dart Sass does, with empty mappings (simulated).
 */
import type { Command, CommandContext } from '../../command.ts';
import { stat, walk } from '../../../vfs/index.ts';
import { toolchainCatalogue } from './catalogues.ts';
import { putFile, readText, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { relativePath } from './npm-install.ts';
import { joinPath } from './npm-project.ts';
import { satisfiesRange } from './npm-semver.ts';
import { compileScss, formatScssError } from './scss.ts';
import type { SassStyle, ScssLoader } from './scss.ts';
import { toolVersion } from './tool-version.ts';

const ORIGIN = { simulated: true as const, by: 'sass' };

interface Options {
  style: SassStyle;
  sourceMap: boolean;
  /** On an error, write a stylesheet that shows it in the page (Dart Sass's default for file output). */
  errorCss: boolean;
  loadPaths: string[];
  pairs: { input: string; output: string | undefined }[];
}

/** Dart Sass's usage error: the message, then (in the real tool) the usage text; exit 64. */
function usage(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${message}\n\nUsage: sass <input.scss> [output.css]\n       sass <input.scss>:<output.css> <input/>:<output/> <dir/>\n\nSee https://sass-lang.com/documentation/cli/dart-sass for the options.\n`);
  return 64;
}

function parseOptions(args: readonly string[]): Options | string {
  const options: Options = { style: 'expanded', sourceMap: true, errorCss: true, loadPaths: [], pairs: [] };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => inline ?? args[++i] ?? '';
    if (flag === '--style' || flag === '-s') {
      const style = value();
      if (style !== 'expanded' && style !== 'compressed') return `"${style}" is not an allowed value for option "style".`;
      options.style = style;
    } else if (flag === '--no-source-map') options.sourceMap = false;
    else if (flag === '--source-map') options.sourceMap = true;
    else if (flag === '--load-path' || flag === '-I') options.loadPaths.push(value());
    else if (flag === '--no-error-css') options.errorCss = false;
    else if (['--no-charset', '--charset', '--error-css', '--quiet', '-q', '--update', '--no-color', '--color', '--trace', '--quiet-deps'].includes(flag)) continue;
    else if (flag.startsWith('-')) return `Could not find an option named "${flag.replace(/^-+/, '')}".`;
    else positional.push(arg);
  }
  if (positional.some((p) => p.includes(':'))) {
    for (const p of positional) {
      const cut = p.indexOf(':');
      if (cut === -1) return `Positional and ":" arguments may not both be used.`;
      options.pairs.push({ input: p.slice(0, cut), output: p.slice(cut + 1) });
    }
  } else if (positional.length > 2) return 'Only two positional args may be passed.';
  else if (positional[0] !== undefined) options.pairs.push({ input: positional[0], output: positional[1] });
  return options;
}

const dirname = (path: string): string => path.slice(0, Math.max(1, path.lastIndexOf('/')));
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Sass's resolution of `@use 'x'`: x.scss, _x.scss, x/_index.scss, relative to the file, then the load paths. */
export function scssLoader(ctx: CommandContext, loadPaths: readonly string[]): ScssLoader {
  return (url, from) => {
    const bases = [dirname(ctx.resolve(from)), ...loadPaths.map((p) => ctx.resolve(p))];
    for (const base of bases) {
      const target = joinPath(base, url);
      const dir = dirname(target);
      const name = basename(target).replace(/\.scss$/, '');
      for (const candidate of [`${dir}/${name}.scss`, `${dir}/_${name}.scss`, `${target}/_index.scss`, `${target}/index.scss`]) {
        const text = readText(ctx.fs, ctx.access, candidate);
        if (text !== undefined) return { path: candidate.startsWith(`${ctx.cwd}/`) ? candidate.slice(ctx.cwd.length + 1) : candidate, text };
      }
    }
    return undefined;
  };
}

/** The (input, output) files of a pair: a file, or every non-partial .scss of a folder. */
function expandPair(ctx: CommandContext, input: string, output: string | undefined): { input: string; output: string | undefined }[] {
  const node = stat(ctx.fs, ctx.access, ctx.resolve(input));
  if (!node.ok || node.value.kind !== 'dir' || output === undefined) return [{ input, output }];
  const root = ctx.resolve(input);
  const files: { input: string; output: string | undefined }[] = [];
  for (const entry of walk(ctx.fs, root)) {
    if (entry.node.kind !== 'file' || !/\.s[ac]ss$/.test(entry.path) || basename(entry.path).startsWith('_')) continue;
    const rel = entry.path.slice(root.length + 1);
    files.push({ input: joinPath(input, rel), output: joinPath(output, rel.replace(/\.s[ac]ss$/, '.css')) });
  }
  return files;
}

function compileOne(ctx: CommandContext, options: Options, input: string, output: string | undefined): { status: number; steps: Step[]; written: string[] } {
  const text = readText(ctx.fs, ctx.access, ctx.resolve(input));
  if (text === undefined) {
    ctx.stderr.write(`Error reading ${input}: no such file or directory.\n`);
    return { status: 66, steps: [], written: [] };
  }
  const compiled = compileScss({ path: input, text }, options.style, scssLoader(ctx, options.loadPaths));
  if (!compiled.ok) {
    if (compiled.error.unsupported) {
      ctx.stderr.write(`sass: ${input}:${compiled.error.line}:${compiled.error.column}: ${compiled.error.message}\n`);
      return { status: 65, steps: [], written: [] };
    }
    const report = formatScssError(compiled.error);
    ctx.stderr.write(report);
    if (output === undefined || !options.errorCss) return { status: 65, steps: [], written: [] };
    // The error stylesheet is written even though the run fails, so the caller's steps must apply it.
    return { status: 65, steps: [putFile(ctx.access, ctx.resolve(output), { content: errorCss(report), origin: ORIGIN })], written: [ctx.resolve(output)] };
  }
  if (output === undefined) {
    ctx.stdout.write(compiled.value === '' ? '' : `${compiled.value}\n`);
    return { status: 0, steps: [], written: [] };
  }
  const path = ctx.resolve(output);
  const mapName = `${basename(path)}.map`;
  const separator = options.style === 'compressed' ? '' : '\n\n';
  const css = `${compiled.value}${options.sourceMap ? `${compiled.value === '' ? '' : separator}/*# sourceMappingURL=${mapName} */` : ''}\n`;
  const steps: Step[] = [putFile(ctx.access, path, { content: css, origin: ORIGIN })];
  const written = [path];
  if (options.sourceMap) {
    const source = relativePath(dirname(path), ctx.resolve(input));
    const map = JSON.stringify({ version: 3, sourceRoot: '', sources: [source], names: [], mappings: '', file: basename(path) });
    steps.push(putFile(ctx.access, `${path}.map`, { content: map, origin: ORIGIN }));
    written.push(`${path}.map`);
  }
  return { status: 0, steps, written };
}

/** Dart Sass's error stylesheet: the report in a comment and, through body::before, on the page. */
function errorCss(report: string): string {
  const lines = report.trimEnd().split('\n');
  const content = lines.map((line) => line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\a ');
  return `/* ${lines.join('\n * ')} */\n\nbody::before {\n  font-family: "Source Code Pro", "SF Mono", Monaco, Inconsolata, "Fira Mono", "Droid Sans Mono", monospace, monospace;\n  white-space: pre;\n  display: block;\n  padding: 1em;\n  margin-bottom: 1em;\n  border-bottom: 2px solid black;\n  content: "${content}";\n}\n`;
}

/** Applies what the run wrote (also the error stylesheet of a failed run) and labels it. */
function finish(ctx: CommandContext, steps: readonly Step[], written: readonly string[], options: Options, status: number): number {
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stderr.write(`Error: EACCES: permission denied, open '${done.error.path}'\n`);
    return 66;
  }
  ctx.fs = done.value;
  if (written.length > 0) {
    const what = status === 0 ? `compiled ${options.pairs.map((p) => p.input).join(', ')} to CSS (${options.style}; source maps without mappings)` : 'wrote the error stylesheet';
    ctx.simulate({ by: 'sass', summary: `${what} (simulated)`, paths: written });
  }
  return status;
}

/**
 * `sass --version`: the release and the dart2js release it was compiled with (recorded per release;
 * one not recorded gets the dart2js of the nearest recorded release before it, or of the oldest).
 */
function versionText(version: string): string {
  const newer = (a: string, b: string): boolean => satisfiesRange(a, `>${b}`);
  const recorded = Object.entries(toolchainCatalogue.sass.dart2js.versions).sort(([a], [b]) => (newer(a, b) ? 1 : newer(b, a) ? -1 : 0));
  const nearest = recorded.filter(([release]) => satisfiesRange(version, `>=${release}`)).at(-1) ?? recorded[0];
  return `${version} compiled with dart2js ${nearest?.[1] ?? ''}\n`;
}

export const sass: Command = {
  name: 'sass',
  run(args, ctx) {
    if (args.includes('--version')) {
      ctx.stdout.write(versionText(toolVersion(ctx, 'sass')));
      return 0;
    }
    if (args.includes('--watch') || args.includes('-w') || args.includes('--interactive') || args.includes('--stdin')) {
      ctx.stderr.write('sass: --watch, --interactive and --stdin are not simulated by Stagecraft (compiling files is)\n');
      return 1;
    }
    const options = parseOptions(args);
    if (typeof options === 'string') return usage(ctx, options);
    if (options.pairs.length === 0) return usage(ctx, 'Compile Sass to CSS.');
    const steps: Step[] = [];
    const written: string[] = [];
    for (const pair of options.pairs.flatMap((p) => expandPair(ctx, p.input, p.output))) {
      const one = compileOne(ctx, options, pair.input, pair.output);
      steps.push(...one.steps);
      written.push(...one.written);
      if (one.status !== 0) return finish(ctx, steps, written, options, one.status);
    }
    return finish(ctx, steps, written, options, 0);
  },
};
