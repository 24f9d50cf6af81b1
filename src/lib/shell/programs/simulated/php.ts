/**
 * `php`, simulated: Stagecraft does not execute PHP. It knows a few scripts by what they are: the
 * HydePHP console (`php hyde build`, hyde.ts), Composer's installer (composer-setup.php, or piped in
 * as `curl … | php`) and composer.phar; `php -v`; `php -r` with `echo` of literals, `copy()` of a URL
 * (a simulated download) and `unlink()`. A missing script fails with PHP's real text; a script that
 * requires vendor/autoload.php before `composer install` made it fails as PHP does. Any other
 * script is reported as not simulated.
 */
import { NOT_SIMULATED_STATUS, type Command, type CommandContext } from '../../command.ts';
import { composerCatalogue } from './catalogues.ts';
import { saveDownload } from './download.ts';
import { exists, parentOf, putFile, readText, removeIfPresent } from './fs-steps.ts';
import { hydeBuild } from './hyde.ts';
import { installerVersion, pharOrigin } from './composer-release.ts';
import { runComposer } from './composer.ts';
import { phpVersion } from './php-version.ts';
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

const COMPOSER_INSTALLER = 'https://getcomposer.org/installer';

/** A PHP string literal's value, or undefined when `text` is not one. */
function literal(text: string): string | undefined {
  const match = /^(['"])(.*)\1$/s.exec(text.trim());
  if (match === null) return undefined;
  return match[1] === '"' ? (match[2] as string).replace(/\\n/g, '\n').replace(/\\t/g, '\t') : (match[2] as string);
}

/** `copy('https://…', 'file')` downloads (simulated); `unlink('file')` removes. Returns undefined for other calls. */
function fileCall(ctx: CommandContext, statement: string): number | undefined {
  const call = /^(copy|unlink)\s*\((.*)\)$/s.exec(statement);
  if (call === null) return undefined;
  const args = (call[2] as string).split(',').map(literal);
  if (args.some((a) => a === undefined)) return undefined;
  const [first = '', second = ''] = args as string[];
  if (call[1] === 'unlink') {
    const removed = removeIfPresent(ctx.access, ctx.resolve(first))(ctx.fs);
    if (removed.ok) ctx.fs = removed.value;
    return 0;
  }
  if (!/^https?:\/\//.test(first)) return undefined;
  return saveDownload(ctx, 'php copy', first, ctx.resolve(second)).ok ? 0 : 1;
}

/**
 * Composer's installer: writes composer.phar (or --filename) into --install-dir, as the real one
 * does after checking the platform and downloading the release its options name (simulated: no
 * network); the phar remembers that release for `composer --version`.
 */
function composerInstaller(ctx: CommandContext, args: readonly string[]): number {
  const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const dir = ctx.resolve(option('install-dir') ?? '.');
  const path = `${dir === '/' ? '' : dir}/${option('filename') ?? 'composer.phar'}`;
  const version = installerVersion(args);
  const written = putFile(ctx.access, path, { size: composerCatalogue.phar.bytes, mode: 0o755, origin: pharOrigin(version) })(ctx.fs);
  if (!written.ok) {
    ctx.stdout.write(`The installation directory "${dir}" is not writable\n`);
    return 1;
  }
  ctx.fs = written.value;
  if (!args.includes('--quiet')) ctx.stdout.write(`All settings correct for using Composer\nDownloading...\n\nComposer (version ${version}) successfully installed to: ${path}\nUse it: php ${path}\n\n`);
  ctx.simulate({ by: 'php composer-setup.php', summary: `installed Composer ${version} to ${path} (no network; size estimated) (simulated)`, paths: [path], bytes: composerCatalogue.phar.bytes });
  return 0;
}

/** `php -r`: `echo` of literals, PHP_VERSION and PHP_EOL; `copy()` of a URL; `unlink()`. */
function evaluate(ctx: CommandContext, code: string): number {
  const statements = code.split(/;(?=(?:[^'"]*['"][^'"]*['"])*[^'"]*$)/).map((s) => s.trim()).filter((s) => s !== '');
  let out = '';
  for (const statement of statements) {
    const called = fileCall(ctx, statement);
    if (called !== undefined) {
      if (called !== 0) return called;
      continue;
    }
    const echo = /^echo\s+(.+)$/s.exec(statement);
    if (echo === null) return notSimulated(ctx, `php -r '${code}'`);
    for (const part of (echo[1] as string).split(/\s*[.,]\s*(?=(?:[^'"]*['"][^'"]*['"])*[^'"]*$)/)) {
      const value = literal(part);
      if (value !== undefined) out += value;
      else if (part === 'PHP_VERSION') out += phpVersion(ctx);
      else if (part === 'PHP_EOL') out += '\n';
      else return notSimulated(ctx, `php -r '${code}'`);
    }
  }
  ctx.stdout.write(out);
  return 0;
}

function runScript(ctx: CommandContext, name: string, args: readonly string[]): number {
  const script = ctx.resolve(name);
  if (!exists(ctx.fs, ctx.access, script)) {
    ctx.stdout.write(`Could not open input file: ${name}\n`);
    return 1;
  }
  // A downloaded script has only a size: it has no text to look into.
  const text = readText(ctx.fs, ctx.access, script) ?? '';
  const base = script.slice(script.lastIndexOf('/') + 1);
  const failed = missingAutoload(ctx, script, text);
  if (failed !== undefined) return failed;
  if (base === 'composer-setup.php') return composerInstaller(ctx, args);
  if (base === 'composer.phar' || base === 'composer') return runComposer(ctx, args, script);
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
        ctx.stdout.write(`PHP ${phpVersion(ctx)} (cli) (NTS)\nCopyright (c) The PHP Group\nZend Engine v4.4.${phpVersion(ctx).split('.')[2] ?? '0'}, Copyright (c) Zend Technologies\n`);
        return 0;
      case '-r':
        return rest[0] === undefined ? notSimulated(ctx, 'php -r without code') : evaluate(ctx, rest[0]);
      case '--':
      case undefined:
        // A script piped in: `curl -sS https://getcomposer.org/installer | php -- --install-dir=…`.
        if (ctx.stdin.includes(COMPOSER_INSTALLER)) return composerInstaller(ctx, rest);
        return notSimulated(ctx, ctx.stdin === '' ? 'the interactive PHP shell' : 'a PHP script read from standard input');
      case '-a':
        return notSimulated(ctx, 'the interactive PHP shell');
      default:
        if (first.startsWith('-')) return notSimulated(ctx, `php ${first}`);
        return runScript(ctx, first, rest);
    }
  },
};
