/** grep: -q -v -i -E -F -r -n -c -l -o -w -x -h -H -s -e. */
import { stat } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { compilePosix } from './regex.ts';
import { badOption, complain, lines, parseOptions, readText, walkFrom } from './support.ts';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The files under a directory operand of `grep -r`, in walk order. */
function filesUnder(ctx: CommandContext, path: string): string[] {
  const node = stat(ctx.fs, ctx.access, path);
  if (!node.ok || node.value.kind !== 'dir') return [path];
  return walkFrom(node.value, path).filter((e) => e.node.kind === 'file').map((e) => e.path);
}

export const grep: Command = {
  name: 'grep',
  run(args, ctx) {
    const opts = parseOptions(args, {
      flags: 'qviEFrRnclLowxhHsIZ',
      values: 'em',
      long: {
        quiet: 'q', silent: 'q', 'invert-match': 'v', 'ignore-case': 'i', 'extended-regexp': 'E', 'fixed-strings': 'F',
        recursive: 'r', 'line-number': 'n', count: 'c', 'files-with-matches': 'l', 'files-without-match': 'L',
        'only-matching': 'o', 'word-regexp': 'w', 'line-regexp': 'x', 'no-filename': 'h', 'with-filename': 'H',
        'no-messages': 's', regexp: 'e', 'max-count': 'm',
      },
    });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const f = opts.flags;
    const patterns = opts.values.get('e') ?? (opts.operands.length > 0 ? [opts.operands.shift() as string] : undefined);
    if (patterns === undefined) return complain(ctx, 'usage: grep [OPTION]... PATTERNS [FILE]...', 2);
    const sources = patterns.flatMap((p) => p.split('\n')).map((p) => {
      let src = f.has('F') ? escapeRegex(p) : p;
      if (!f.has('F')) {
        const compiled = compilePosix(src, f.has('E'), '');
        if (typeof compiled === 'string') return undefined;
        src = compiled.source;
      }
      if (f.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
      if (f.has('x')) src = `^(?:${src})$`;
      return src;
    });
    if (sources.some((s) => s === undefined)) return complain(ctx, 'Invalid regular expression', 2);
    const regex = new RegExp(sources.map((s) => `(?:${s as string})`).join('|'), f.has('i') ? 'gi' : 'g');
    const recursive = f.has('r') || f.has('R');
    // `grep -r x` with no operand searches '.' and names files without the './'.
    const defaulted = opts.operands.length === 0;
    const operands = defaulted ? (recursive ? ['.'] : ['-']) : opts.operands;
    const files = recursive ? operands.flatMap((p) => filesUnder(ctx, p)) : operands;
    const showNames = !f.has('h') && (f.has('H') || files.length > 1 || recursive);
    const maxCount = opts.values.get('m')?.[0];
    let matched = false;
    let error = false;
    for (const file of files) {
      const read = readText(ctx, file);
      const shown = file === '-' ? '(standard input)' : defaulted && recursive ? file.replace(/^\.\//, '') : file;
      if (!read.ok) {
        if (!f.has('s')) complain(ctx, `${file}: ${read.error.code === 'EISDIR' ? 'Is a directory' : read.error.message}`);
        error = true;
        continue;
      }
      let count = 0;
      for (const [index, line] of lines(read.text).entries()) {
        if (maxCount !== undefined && count >= Number(maxCount)) break;
        regex.lastIndex = 0;
        const hit = regex.test(line) !== f.has('v');
        if (!hit) continue;
        count++;
        matched = true;
        if (f.has('q')) return 0;
        if (f.has('c') || f.has('l') || f.has('L')) continue;
        const prefix = `${showNames ? `${shown}:` : ''}${f.has('n') ? `${index + 1}:` : ''}`;
        if (f.has('o') && !f.has('v')) {
          regex.lastIndex = 0;
          for (const m of line.matchAll(regex)) if (m[0] !== '') ctx.stdout.write(`${prefix}${m[0]}\n`);
        } else ctx.stdout.write(`${prefix}${line}\n`);
      }
      if (f.has('c')) ctx.stdout.write(`${showNames ? `${shown}:` : ''}${count}\n`);
      if (f.has('l') && count > 0) ctx.stdout.write(`${shown}\n`);
      if (f.has('L') && count === 0) ctx.stdout.write(`${shown}\n`);
    }
    if (error && !(f.has('q') && matched)) return 2;
    return matched ? 0 : 1;
  },
};
