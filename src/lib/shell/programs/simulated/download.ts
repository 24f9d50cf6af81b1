/**
 * `curl` and `wget` without a network: a download writes a file of the size listed for that URL in
 * downloads.json (or the labelled default), marked as a simulated download. Output to stdout is a
 * one-line comment, so `curl ... | sh` runs nothing.
 */
import type { Command, CommandContext } from '../../command.ts';
import { downloadCatalogue } from './catalogues.ts';
import { putFile } from './fs-steps.ts';
import { joinPath } from './npm-project.ts';

function sizeOf(url: string): { bytes: number; known: boolean } {
  const known = downloadCatalogue.urls[url];
  return known === undefined ? { bytes: downloadCatalogue.unknown.bytes, known: false } : { bytes: known.bytes, known: true };
}

const remoteName = (url: string): string => {
  const path = url.replace(/[?#].*$/, '').replace(/^[a-z]+:\/\/[^/]*/i, '');
  return path.split('/').filter(Boolean).pop() ?? '';
};

const hostOf = (url: string): string => /^[a-z]+:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? url;

/** Writes the file of the URL's catalogue size and labels the download; returns its bytes, or not ok when the write failed. */
export function saveDownload(ctx: CommandContext, by: string, url: string, path: string): { ok: true; bytes: number } | { ok: false } {
  const { bytes, known } = sizeOf(url);
  const written = putFile(ctx.access, path, { size: bytes, origin: { simulated: true, by } })(ctx.fs);
  if (!written.ok) return { ok: false };
  ctx.fs = written.value;
  ctx.simulate({
    by,
    summary: `downloaded ${url} to ${path} (${known ? 'size from the table of well-known URLs' : 'unknown URL: size is the default estimate'}; no network) (simulated)`,
    paths: [path],
    bytes,
  });
  return { ok: true, bytes };
}

function toStdout(ctx: CommandContext, by: string, url: string): void {
  const { bytes } = sizeOf(url);
  ctx.stdout.write(`# simulated download of ${url} (${bytes} bytes): Stagecraft has no network\n`);
  ctx.simulate({ by, summary: `downloaded ${url} to standard output (a placeholder line; no network) (simulated)` });
}

const CURL_VALUED = new Set(['-H', '--header', '-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '-u', '--user', '-A', '--user-agent', '--retry', '--retry-delay', '--max-time', '-m', '--connect-timeout', '-w', '--write-out', '-e', '--referer', '--proto', '--tlsv1.2', '-b', '--cookie', '-c', '--cookie-jar', '--cacert', '-x', '--proxy']);

export const curl: Command = {
  name: 'curl',
  run(args, ctx) {
    const urls: string[] = [];
    const outputs: (string | 'remote')[] = [];
    let silent = false;
    let showErrors = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      if (arg === '-o' || arg === '--output') outputs.push(args[++i] ?? '');
      else if (arg === '-O' || arg === '--remote-name') outputs.push('remote');
      else if (arg === '--silent') silent = true;
      else if (arg === '--show-error') showErrors = true;
      else if (CURL_VALUED.has(arg)) i++;
      else if (/^-[a-zA-Z]+$/.test(arg)) {
        if (arg.includes('s')) silent = true;
        if (arg.includes('S')) showErrors = true;
        // Bundled short flags such as -fsSL, -sSLo FILE, -LO. (--fail never triggers: every simulated download succeeds.)
        if (arg.endsWith('o')) outputs.push(args[++i] ?? '');
        else if (arg.includes('O')) outputs.push('remote');
      } else if (!arg.startsWith('-')) urls.push(arg);
    }
    if (urls.length === 0) {
      ctx.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    for (const [i, url] of urls.entries()) {
      const output = outputs[i];
      if (output === undefined || output === '-') {
        toStdout(ctx, 'curl', url);
        continue;
      }
      const name = output === 'remote' ? remoteName(url) : output;
      if (name === '') {
        ctx.stderr.write('curl: Remote file name has no length\n');
        return 23;
      }
      const path = ctx.resolve(name);
      if (!saveDownload(ctx, 'curl', url, path).ok) {
        // -s hides the warning (and, without -S, the error line too).
        if (!silent) ctx.stderr.write(`Warning: Failed to open the file ${name}: Permission denied\n`);
        if (!silent || showErrors) ctx.stderr.write('curl: (23) Failure writing output to destination\n');
        return 23;
      }
    }
    return 0;
  },
};

export const wget: Command = {
  name: 'wget',
  run(args, ctx) {
    let output: string | undefined;
    let prefix: string | undefined;
    let quiet = false;
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      if (arg === '-O' || arg === '--output-document') output = args[++i];
      else if (arg.startsWith('-O') && arg.length > 2) output = arg.slice(2);
      else if (arg === '-P' || arg === '--directory-prefix') prefix = args[++i];
      else if (arg === '-q' || arg === '--quiet' || arg === '-nv' || arg === '-qO-') {
        quiet = true;
        if (arg === '-qO-') output = '-';
      } else if (arg === '-U' || arg === '--user-agent' || arg === '-T' || arg === '--header' || arg === '-t') i++;
      else if (!arg.startsWith('-')) urls.push(arg);
    }
    if (urls.length === 0) {
      ctx.stderr.write(ctx.flavor === 'busybox' ? 'BusyBox wget: no URL given\n' : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
      return 1;
    }
    for (const url of urls) {
      if (output === '-') {
        toStdout(ctx, 'wget', url);
        continue;
      }
      const name = output ?? (remoteName(url) || 'index.html');
      const path = ctx.resolve(prefix === undefined || output !== undefined ? name : joinPath(prefix, name));
      const busybox = ctx.flavor === 'busybox';
      const stamp = new Date(ctx.now).toISOString().slice(0, 19).replace('T', ' ');
      if (!quiet) ctx.stderr.write(busybox ? `Connecting to ${hostOf(url)} (${hostOf(url)}:443)\nsaving to '${name}'\n` : `--${stamp}--  ${url}\nSaving to: ‘${name}’\n\n`);
      const saved = saveDownload(ctx, 'wget', url, path);
      if (!saved.ok) {
        ctx.stderr.write(busybox ? `wget: can't open '${name}': Permission denied\n` : `${name}: Permission denied\n`);
        return busybox ? 1 : 3;
      }
      if (!quiet) {
        ctx.stderr.write(
          busybox
            ? `${name.padEnd(18)} 100% |********************************| ${saved.bytes}  0:00:00 ETA\n'${name}' saved\n`
            : `${stamp} (simulated, no network) - ‘${name}’ saved [${saved.bytes}/${saved.bytes}]\n\n`,
        );
      }
    }
    return 0;
  },
};
