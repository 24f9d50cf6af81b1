/**
 * `php`, simulated: Stagecraft does not execute PHP. It knows a few scripts by what they are: the
 * HydePHP console (`php hyde build`, hyde.ts) and Laravel's `artisan` (reported as not simulated);
 * `php -v` and `php -r` with `echo` of literals. A missing script fails with PHP's real
 * text; a script that requires vendor/autoload.php before `composer install` made it fails as PHP does.
 * Any other script is reported as not simulated.
 */
import { NOT_SIMULATED_STATUS, type Command, type CommandContext } from '../../command.ts';
import { exists, parentOf, readText } from './fs-steps.ts';
import { hydeBuild } from './hyde.ts';

const version = (ctx: CommandContext): string => ctx.env['PHP_VERSION'] ?? '8.4.23';
const INCLUDE_PATH = '.:/usr/local/lib/php';

/**
 * PHP's report of an error in the docker-library images, which ship no php.ini: display_errors
 * prints it on stdout and log_errors repeats it on stderr with a `PHP ` prefix.
 */
function phpError(ctx: CommandContext, kind: 'Warning' | 'Fatal error', text: string): void {
  ctx.stderr.write(`PHP ${kind}:  ${text}\n`);
  ctx.stdout.write(`\n${kind}: ${text}\n`);
}

/** `require __DIR__.'/vendor/autoload.php'` with no vendor folder: a warning, then a fatal error (status 255). */
function missingAutoload(ctx: CommandContext, script: string, text: string): number | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => /^\s*require(_once)?\b.*vendor\/autoload\.php/.test(line));
  if (index === -1) return undefined;
  const required = `${parentOf(script)}/vendor/autoload.php`;
  if (exists(ctx.fs, ctx.access, required)) return undefined;
  const line = index + 1;
  const call = /require_once/.test(lines[index] ?? '') ? 'require_once' : 'require';
  phpError(ctx, 'Warning', `${call}(${required}): Failed to open stream: No such file or directory in ${script} on line ${line}`);
  phpError(ctx, 'Fatal error', `Uncaught Error: Failed opening required '${required}' (include_path='${INCLUDE_PATH}') in ${script}:${line}\nStack trace:\n#0 {main}\n  thrown in ${script} on line ${line}`);
  return 255;
}

function notSimulated(ctx: CommandContext, what: string): number {
  ctx.stderr.write(`php: ${what} is not simulated by Stagecraft (it does not execute PHP; \`php hyde build\`, \`php -r 'echo …;'\` and \`php -v\` are simulated)\n`);
  return NOT_SIMULATED_STATUS;
}

/** `php -r`: only a sequence of `echo` statements with string literals, PHP_VERSION and PHP_EOL. */
function evaluate(ctx: CommandContext, code: string): number {
  const statements = code.split(';').map((s) => s.trim()).filter((s) => s !== '');
  let out = '';
  for (const statement of statements) {
    const echo = /^echo\s+(.+)$/s.exec(statement);
    if (echo === null) return notSimulated(ctx, `php -r '${code}'`);
    for (const part of (echo[1] as string).split(/\s*[.,]\s*(?=(?:[^'"]*['"][^'"]*['"])*[^'"]*$)/)) {
      const literal = /^(['"])(.*)\1$/s.exec(part);
      if (literal !== null) out += literal[1] === '"' ? (literal[2] as string).replace(/\\n/g, '\n').replace(/\\t/g, '\t') : (literal[2] as string);
      else if (part === 'PHP_VERSION') out += version(ctx);
      else if (part === 'PHP_EOL') out += '\n';
      else return notSimulated(ctx, `php -r '${code}'`);
    }
  }
  ctx.stdout.write(out);
  return 0;
}

function runScript(ctx: CommandContext, name: string, args: readonly string[]): number {
  const script = ctx.resolve(name);
  const text = readText(ctx.fs, ctx.access, script);
  if (text === undefined) {
    ctx.stdout.write(`Could not open input file: ${name}\n`);
    return 1;
  }
  const base = script.slice(script.lastIndexOf('/') + 1);
  const failed = missingAutoload(ctx, script, text);
  if (failed !== undefined) return failed;
  if (base === 'hyde') {
    if (args[0] === 'build') return hydeBuild(ctx, parentOf(script));
    return notSimulated(ctx, `php hyde ${args.join(' ')}`.trim());
  }
  return notSimulated(ctx, `php ${[name, ...args].join(' ')}`);
}

export const php: Command = {
  name: 'php',
  run(args, ctx) {
    const [first, ...rest] = args;
    switch (first) {
      case '-v':
      case '--version':
        ctx.stdout.write(`PHP ${version(ctx)} (cli) (NTS)\nCopyright (c) The PHP Group\nZend Engine v4.4.${version(ctx).split('.')[2] ?? '0'}, Copyright (c) Zend Technologies\n`);
        return 0;
      case '-r':
        return rest[0] === undefined ? notSimulated(ctx, 'php -r without code') : evaluate(ctx, rest[0]);
      case undefined:
      case '-a':
        return notSimulated(ctx, 'the interactive PHP shell');
      default:
        if (first.startsWith('-')) return notSimulated(ctx, `php ${first}`);
        return runScript(ctx, first, rest);
    }
  },
};
