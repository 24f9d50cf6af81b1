/**
 * sed with the commands Dockerfiles use: s///[gpNI], d, p, q, a/i/c text, =, y; addresses (N, $,
 * /re/, ranges); -n, -e, -E/-r, -i[SUFFIX] (in place, through the vfs with the user's permissions).
 */
import { chown, rename, stat } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { compilePosix } from './regex.ts';
import { busybox, complain, lines, readText, writeText } from './support.ts';

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp };

interface SedCommand {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: string;
  /** s: the regex, replacement and flags; a/i/c: the text; y: the two sets. */
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  print?: boolean;
  occurrence?: number;
  text?: string;
  /** Block `{ ... }` nesting: index of the matching `}` for `{`. */
  blockEnd?: number;
}

class SedSyntax {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

function parseSed(script: string, extended: boolean): SedCommand[] {
  const commands: SedCommand[] = [];
  const blocks: number[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < script.length && /[ \t;\n]/.test(script[i] as string)) i++;
  };
  const delimited = (delim: string): string => {
    let out = '';
    for (; i < script.length; i++) {
      const c = script[i] as string;
      if (c === '\\' && i + 1 < script.length) {
        const n = script[i + 1] as string;
        out += n === delim ? n : n === 'n' ? '\n' : `\\${n}`;
        i++;
        continue;
      }
      if (c === delim) {
        i++;
        return out;
      }
      out += c;
    }
    throw new SedSyntax(`unterminated \`s' command`);
  };
  const regex = (source: string, flags: string): RegExp => {
    const re = compilePosix(source, extended, flags);
    if (typeof re === 'string') throw new SedSyntax(`-e expression #1, char ${i}: ${re}`);
    return re;
  };
  const address = (): Address | undefined => {
    const c = script[i];
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    const num = /^[0-9]+/.exec(script.slice(i));
    if (num !== null) {
      i += num[0].length;
      return { kind: 'line', n: Number(num[0]) };
    }
    if (c === '/' || c === '\\') {
      const delim = c === '\\' ? (script[i + 1] as string) : '/';
      i += c === '\\' ? 2 : 1;
      const source = delimited(delim);
      let flags = '';
      if (script[i] === 'I') {
        flags = 'i';
        i++;
      }
      return { kind: 'regex', re: regex(source, flags) };
    }
    return undefined;
  };
  const text = (): string => {
    // `a\` newline text, `a\text` and GNU's one-liner `a text`.
    if (script[i] === '\\') {
      i++;
      if (script[i] === '\n') i++;
    } else while (script[i] === ' ' || script[i] === '\t') i++;
    let out = '';
    for (; i < script.length && script[i] !== '\n'; i++) {
      if (script[i] === '\\' && i + 1 < script.length) {
        i++;
        out += script[i] === 'n' ? '\n' : script[i];
      } else out += script[i];
    }
    return out;
  };
  for (skipSpace(); i < script.length; skipSpace()) {
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const cmd: SedCommand = { negate: false, name: '' };
    const from = address();
    if (from !== undefined) {
      cmd.from = from;
      if (script[i] === ',') {
        i++;
        const to = address();
        if (to === undefined) throw new SedSyntax('unexpected `,\'');
        cmd.to = to;
      }
    }
    while (script[i] === ' ') i++;
    if (script[i] === '!') {
      cmd.negate = true;
      i++;
      while (script[i] === ' ') i++;
    }
    const name = script[i++];
    if (name === undefined) throw new SedSyntax('missing command');
    cmd.name = name;
    switch (name) {
      case 's': {
        const delim = script[i++];
        if (delim === undefined) throw new SedSyntax(`unterminated \`s' command`);
        const source = delimited(delim);
        cmd.replacement = delimited(delim);
        let flags = '';
        for (; i < script.length && /[gpiI0-9]/.test(script[i] as string); i++) {
          const f = script[i] as string;
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I') flags += 'i';
          else cmd.occurrence = (cmd.occurrence ?? 0) * 10 + Number(f);
        }
        cmd.re = regex(source, `${flags}g`);
        break;
      }
      case 'y': {
        const delim = script[i++] as string;
        const a = delimited(delim);
        const b = delimited(delim);
        if ([...a].length !== [...b].length) throw new SedSyntax("strings for `y' command are different lengths");
        cmd.text = a;
        cmd.replacement = b;
        break;
      }
      case 'a': case 'i': case 'c':
        cmd.text = text();
        break;
      case '{':
        blocks.push(commands.length);
        break;
      case '}': {
        const open = blocks.pop();
        if (open === undefined) throw new SedSyntax('unexpected `}\'');
        (commands[open] as SedCommand).blockEnd = commands.length;
        break;
      }
      case 'd': case 'p': case 'q': case '=': case 'n': case 'D': case 'P': case 'h': case 'H': case 'g': case 'G': case 'x': case 'l':
        break;
      default:
        throw new SedSyntax(`-e expression #1, char ${i}: unknown command: \`${name}'`);
    }
    commands.push(cmd);
  }
  if (blocks.length > 0) throw new SedSyntax('unmatched `{\'');
  return commands;
}

/** The replacement text of `s` for one match: `&`, `\1`..`\9`, `\n`. */
function substitute(replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] as string;
    if (c === '&') out += match[0];
    else if (c === '\\' && i + 1 < replacement.length) {
      const n = replacement[++i] as string;
      out += /[0-9]/.test(n) ? (match[Number(n)] ?? '') : n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else out += c;
  }
  return out;
}

function runSed(commands: readonly SedCommand[], input: string, quiet: boolean): string {
  const all = lines(input);
  const endsWithNewline = input.endsWith('\n');
  let out = '';
  const active = new Map<number, boolean>();
  let hold = '';
  const matches = (a: Address, line: string, n: number): boolean =>
    a.kind === 'line' ? n === a.n : a.kind === 'last' ? n === all.length : (a.re.lastIndex = 0, a.re.test(line));
  for (let index = 0; index < all.length; index++) {
    let line = all[index] as string;
    const n = index + 1;
    let deleted = false;
    let quit = false;
    const appended: string[] = [];
    const selected = (cmd: SedCommand, k: number): boolean => {
      let hit: boolean;
      if (cmd.from === undefined) hit = true;
      else if (cmd.to === undefined) hit = matches(cmd.from, line, n);
      else if (active.get(k) === true) {
        hit = true;
        const to = cmd.to;
        if (to.kind === 'line' ? n >= to.n : matches(to, line, n)) active.set(k, false);
      } else if (matches(cmd.from, line, n)) {
        hit = true;
        const to = cmd.to;
        active.set(k, !(to.kind === 'line' && n >= to.n) && !(to.kind === 'last' && n === all.length));
      } else hit = false;
      return hit !== cmd.negate;
    };
    for (let k = 0; k < commands.length && !deleted && !quit; k++) {
      const cmd = commands[k] as SedCommand;
      if (!selected(cmd, k)) {
        if (cmd.name === '{') k = cmd.blockEnd ?? k;
        continue;
      }
      switch (cmd.name) {
        case 's': {
          const re = cmd.re as RegExp;
          re.lastIndex = 0;
          let result = '';
          let last = 0;
          let count = 0;
          let changed = false;
          for (let m = re.exec(line); m !== null; m = re.exec(line)) {
            count++;
            if (cmd.occurrence === undefined || count >= cmd.occurrence) {
              result += line.slice(last, m.index) + substitute(cmd.replacement ?? '', m);
              last = m.index + m[0].length;
              changed = true;
              if (!cmd.global) break;
            }
            if (m[0] === '') re.lastIndex++;
          }
          if (changed) {
            line = result + line.slice(last);
            if (cmd.print) out += `${line}\n`;
          }
          break;
        }
        case 'y': {
          const from = [...(cmd.text ?? '')];
          const to = [...(cmd.replacement ?? '')];
          line = [...line].map((ch) => (from.includes(ch) ? (to[from.indexOf(ch)] as string) : ch)).join('');
          break;
        }
        case 'd': deleted = true; break;
        case 'p': out += `${line}\n`; break;
        case '=': out += `${n}\n`; break;
        case 'q': quit = true; break;
        case 'a': appended.push(cmd.text ?? ''); break;
        case 'i': out += `${cmd.text ?? ''}\n`; break;
        case 'c':
          if (cmd.to === undefined || active.get(k) !== true) out += `${cmd.text ?? ''}\n`;
          deleted = true;
          break;
        case 'h': hold = line; break;
        case 'H': hold = `${hold}\n${line}`; break;
        case 'g': line = hold; break;
        case 'G': line = `${line}\n${hold}`; break;
        case 'x': [line, hold] = [hold, line]; break;
        default: break;
      }
    }
    const newline = index < all.length - 1 || endsWithNewline ? '\n' : '';
    if (!deleted && !quiet) out += `${line}${newline}`;
    for (const a of appended) out += `${a}\n`;
    if (quit) break;
  }
  return out;
}

export const sed: Command = {
  name: 'sed',
  run(args, ctx) {
    const scripts: string[] = [];
    const files: string[] = [];
    let quiet = false;
    let extended = false;
    let inPlace: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '-e' || arg === '--expression') scripts.push(args[++i] ?? '');
      else if (arg.startsWith('--expression=')) scripts.push(arg.slice(13));
      else if (arg === '-n' || arg === '--quiet' || arg === '--silent') quiet = true;
      else if (arg === '-E' || arg === '-r' || arg === '--regexp-extended') extended = true;
      else if (arg.startsWith('-i') || arg.startsWith('--in-place')) inPlace = arg.startsWith('-i') ? arg.slice(2) : arg.slice(11);
      else if (/^-[nEr]+$/.test(arg)) {
        quiet ||= arg.includes('n');
        extended ||= /[Er]/.test(arg);
      } else if (arg.startsWith('-') && arg !== '-') return complain(ctx, `invalid option -- '${arg.slice(1)}'`);
      else files.push(arg);
    }
    if (scripts.length === 0) {
      const script = files.shift();
      if (script === undefined) return complain(ctx, busybox(ctx) ? 'no script specified' : 'no script specified', 1);
      scripts.push(script);
    }
    let commands: SedCommand[];
    try {
      commands = parseSed(scripts.join('\n'), extended);
    } catch (e) {
      if (e instanceof SedSyntax) return complain(ctx, e.message);
      throw e;
    }
    if (inPlace !== undefined) return editInPlace(ctx, commands, files, quiet, inPlace);
    let status = 0;
    let input = '';
    for (const file of files.length === 0 ? ['-'] : files) {
      const read = readText(ctx, file);
      if (!read.ok) {
        status = complain(ctx, busybox(ctx) ? `${file}: ${read.error.message}` : `can't read ${file}: ${read.error.message}`, busybox(ctx) ? 1 : 2);
        continue;
      }
      input += read.text;
    }
    ctx.stdout.write(runSed(commands, input, quiet));
    return status;
  },
};

/**
 * sed -i writes the result to a temporary file beside the original and renames it over the
 * original, so it needs write permission on the folder (not on the file); the new file belongs to
 * the user who ran sed (root keeps the original's owner), with the original's mode. Temporary names
 * are deterministic here.
 */
function editInPlace(ctx: CommandContext, commands: readonly SedCommand[], files: readonly string[], quiet: boolean, suffix: string): number {
  if (files.length === 0) return complain(ctx, 'no input files');
  let status = 0;
  for (const file of files) {
    const original = stat(ctx.fs, ctx.access, file);
    const read = readText(ctx, file);
    if (!read.ok || !original.ok) {
      const message = read.ok ? (original.ok ? '' : original.error.message) : read.error.message;
      status = complain(ctx, busybox(ctx) ? `${file}: ${message}` : `can't read ${file}: ${message}`, busybox(ctx) ? 1 : 2);
      continue;
    }
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) || '/' : '.';
    const temp = busybox(ctx) ? `${file}XXXXXX` : `${dir === '.' ? '' : `${dir}/`}sedXXXXXX`;
    const written = writeText(ctx, temp, { content: runSed(commands, read.text, quiet), mode: original.value.mode });
    if (!written.ok) {
      status = complain(ctx, busybox(ctx) ? `can't create temp file '${temp}': ${written.error.message}` : `couldn't open temporary file ${temp}: ${written.error.message}`, busybox(ctx) ? 1 : 4);
      continue;
    }
    if (suffix !== '') {
      const backup = suffix.includes('*') ? suffix.replace('*', file) : `${file}${suffix}`;
      const saved = rename(ctx.fs, ctx.access, file, backup);
      if (saved.ok) ctx.fs = saved.value;
    }
    const moved = rename(ctx.fs, ctx.access, temp, file);
    if (!moved.ok) {
      status = complain(ctx, `cannot rename ${temp}: ${moved.error.message}`, 4);
      continue;
    }
    ctx.fs = moved.value;
    // Root's sed gives the new file the original's owner back (others cannot).
    if (ctx.cred.uid === 0) {
      const owned = chown(ctx.fs, ctx.access, file, { uid: original.value.uid, gid: original.value.gid });
      if (owned.ok) ctx.fs = owned.value;
    }
  }
  return status;
}
