/**
 * `sassc` (the LibSass command line, Alpine's and Debian's `sassc` package), simulated over the same
 * SCSS compiler as `sass`: `sassc [options] input.scss [output.css]`, --style nested (LibSass's
 * default), expanded, compact or compressed, --load-path, --sourcemap. Errors in LibSass's format.
 */
import type { Command, CommandContext } from '../../command.ts';
import { apkCatalogue } from './catalogues.ts';
import { putFile, readText, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { fsFailure } from './messages.ts';
import { scssLoader } from './sass.ts';
import { compileScss } from './scss.ts';
import type { SassStyle, ScssError } from './scss.ts';

const ORIGIN = { simulated: true as const, by: 'sassc' };
const STYLES: readonly string[] = ['nested', 'expanded', 'compact', 'compressed'];

/** LibSass's report: the message, where, the line, and a dashed arrow to the column. */
function libsassError(error: ScssError): string {
  const culprit = error.lineText.slice(error.column - 1, error.column - 1 + error.length);
  const message = error.message === 'Undefined variable.' ? `Undefined variable: "${culprit}".` : error.message;
  return `Error: ${message}\n        on line ${error.line}:${error.column} of ${error.path}\n>> ${error.lineText}\n   ${'-'.repeat(error.column - 1)}^\n`;
}

export const sassc: Command = {
  name: 'sassc',
  run(args, ctx: CommandContext) {
    let style: SassStyle = 'nested';
    let sourceMap = false;
    const loadPaths: string[] = [];
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (flag === '-v' || flag === '--version') {
        const libsass = apkCatalogue.packages['libsass']?.version.replace(/-r\d+$/, '') ?? '3.6.6';
        ctx.stdout.write(`sassc: ${apkCatalogue.packages['sassc']?.version.replace(/-r\d+$/, '') ?? '3.6.2'}\nlibsass: ${libsass}\nsass2scss: 1.1.1\nsass: 3.5\n`);
        return 0;
      }
      if (flag === '-t' || flag === '--style') {
        const value = inline ?? args[++i] ?? '';
        if (!STYLES.includes(value)) {
          ctx.stderr.write(`Invalid argument for -t flag: '${value}'. Allowed arguments are: nested expanded compact compressed\n`);
          return 2;
        }
        style = value as SassStyle;
      } else if (flag === '-I' || flag === '--load-path') loadPaths.push(inline ?? args[++i] ?? '');
      else if (flag === '-m' || flag === '--sourcemap') sourceMap = true;
      else if (flag === '-s' || flag === '--stdin') {
        ctx.stderr.write('sassc: --stdin is not simulated by Stagecraft (compiling files is)\n');
        return 1;
      } else if (flag.startsWith('-') && flag !== '-M' && flag !== '--omit-map-comment' && flag !== '-l' && flag !== '--line-numbers') {
        ctx.stderr.write(`sassc: unrecognized option '${flag}'\nSee 'sassc -h'\n`);
        return 2;
      } else if (!flag.startsWith('-')) positional.push(arg);
    }
    const [input, output] = positional;
    if (input === undefined) {
      ctx.stderr.write('sassc: reading standard input is not simulated by Stagecraft; name an input file\n');
      return 1;
    }
    const text = readText(ctx.fs, ctx.access, ctx.resolve(input));
    if (text === undefined) {
      ctx.stderr.write(`Error: File to read not found or unreadable: ${input}\n`);
      return 1;
    }
    const compiled = compileScss({ path: input, text }, style, scssLoader(ctx, loadPaths));
    if (!compiled.ok) {
      ctx.stderr.write(compiled.error.unsupported ? `sassc: ${input}:${compiled.error.line}:${compiled.error.column}: ${compiled.error.message}\n` : libsassError(compiled.error));
      return 1;
    }
    const css = compiled.value === '' ? '' : `${compiled.value}\n`;
    if (output === undefined) {
      ctx.stdout.write(css);
      return 0;
    }
    const path = ctx.resolve(output);
    const name = path.slice(path.lastIndexOf('/') + 1);
    const steps: Step[] = [putFile(ctx.access, path, { content: sourceMap ? `${css}\n/*# sourceMappingURL=${name}.map */` : css, origin: ORIGIN })];
    if (sourceMap) steps.push(putFile(ctx.access, `${path}.map`, { content: JSON.stringify({ version: 3, file: name, sources: [input], names: [], mappings: '' }), origin: ORIGIN }));
    const done = runSteps(ctx.fs, steps);
    if (!done.ok) return fsFailure(ctx, 'sassc', done.error);
    ctx.fs = done.value;
    ctx.simulate({ by: 'sassc', summary: `compiled ${input} to ${output} (${style}) (simulated)`, paths: sourceMap ? [path, `${path}.map`] : [path] });
    return 0;
  },
};
