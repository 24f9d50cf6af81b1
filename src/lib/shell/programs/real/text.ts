/** Text filters: cat, wc, head, tail, sort, uniq, tr, cut, tee, xargs. */
import type { FsError } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { badOption, busybox, complain, lines, parseOptions, q, readInputs, writeText } from './support.ts';

/** `cat: x: No such file or directory` (GNU) / `cat: can't open 'x': ...` (BusyBox). */
const cannotOpen = (ctx: CommandContext) => (path: string, error: FsError): void => {
  complain(ctx, busybox(ctx) ? `can't open ${q(path)}: ${error.message}` : `${path}: ${error.message}`);
};

const plainReport = (ctx: CommandContext) => (path: string, error: FsError): void => {
  complain(ctx, `${path}: ${error.message}`);
};

export const cat: Command = {
  name: 'cat',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'nbAsuvetE', long: { number: 'n' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const { texts, failed } = readInputs(ctx, opts.operands, cannotOpen(ctx));
    const all = texts.map((t) => t.text).join('');
    if (opts.flags.has('n')) {
      const numbered = lines(all).map((l, i) => `${String(i + 1).padStart(6)}\t${l}`).join('\n');
      ctx.stdout.write(all === '' ? '' : `${numbered}${all.endsWith('\n') ? '\n' : ''}`);
    } else ctx.stdout.write(all);
    return failed ? 1 : 0;
  },
};

export const wc: Command = {
  name: 'wc',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const { texts, failed } = readInputs(ctx, opts.operands, plainReport(ctx));
    const chosen = ['l', 'w', 'm', 'c'].filter((f) => opts.flags.has(f));
    const fields = chosen.length === 0 ? ['l', 'w', 'c'] : chosen;
    const count = (text: string): Record<string, number> => ({
      l: (text.match(/\n/g) ?? []).length,
      w: text.split(/\s+/).filter((w) => w !== '').length,
      c: new TextEncoder().encode(text).length,
      m: [...text].length,
    });
    const rows = texts.map((t) => ({ name: t.path === '-' ? '' : t.path, counts: count(t.text) }));
    if (rows.length > 1) {
      const total: Record<string, number> = { l: 0, w: 0, c: 0, m: 0 };
      for (const r of rows) for (const f of fields) total[f] = (total[f] ?? 0) + (r.counts[f] ?? 0);
      rows.push({ name: 'total', counts: total });
    }
    // One count prints bare; several are columns: BusyBox 9 wide, GNU as wide as the widest (7 for stdin).
    const single = fields.length === 1;
    const widest = Math.max(1, ...rows.flatMap((r) => fields.map((f) => String(r.counts[f]).length)));
    const fromStdin = rows.some((r) => r.name === '');
    const width = single ? 0 : busybox(ctx) ? 9 : fromStdin ? Math.max(7, widest) : widest;
    for (const r of rows) {
      const cols = fields.map((f) => String(r.counts[f]).padStart(width)).join(' ');
      ctx.stdout.write(`${cols}${r.name === '' ? '' : ` ${r.name}`}\n`);
    }
    return failed ? 1 : 0;
  },
};

/** `-n N`, `-N` (old style), `-c N`, `-n +N` / `-n -N`. */
function countOption(args: readonly string[]): { args: string[]; n?: string; c?: string } {
  const rest: string[] = [];
  let n: string | undefined;
  let c: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (/^-[0-9]+$/.test(a)) n = a.slice(1);
    else if (a === '-n' || a === '--lines') n = args[++i];
    else if (a.startsWith('-n')) n = a.slice(2);
    else if (a.startsWith('--lines=')) n = a.slice(8);
    else if (a === '-c' || a === '--bytes') c = args[++i];
    else if (a.startsWith('-c')) c = a.slice(2);
    else if (a === '-q' || a === '-f' || a === '-F') continue;
    else rest.push(a);
  }
  const out: { args: string[]; n?: string; c?: string } = { args: rest };
  if (n !== undefined) out.n = n;
  if (c !== undefined) out.c = c;
  return out;
}

function headOrTail(which: 'head' | 'tail'): Command {
  return {
    name: which,
    run(args, ctx) {
      const opts = countOption(args);
      const spec = opts.c ?? opts.n ?? '10';
      if (!/^[-+]?[0-9]+$/.test(spec)) return complain(ctx, `invalid number of ${opts.c === undefined ? 'lines' : 'bytes'}: ${q(spec)}`);
      const n = Math.abs(Number(spec));
      const fromStart = spec.startsWith('+');
      const report = (path: string, error: FsError): void => {
        complain(ctx, busybox(ctx) ? `${path}: ${error.message}` : which === 'head' ? `cannot open ${q(path)} for reading: ${error.message}` : `cannot open ${q(path)} for reading: ${error.message}`);
      };
      const { texts, failed } = readInputs(ctx, opts.args, report);
      texts.forEach((t, i) => {
        if (texts.length > 1) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${t.path === '-' ? 'standard input' : t.path} <==\n`);
        if (opts.c !== undefined) {
          ctx.stdout.write(which === 'head' ? t.text.slice(0, n) : fromStart ? t.text.slice(Math.max(0, n - 1)) : t.text.slice(-n || t.text.length));
          return;
        }
        const all = lines(t.text);
        const trailing = t.text.endsWith('\n');
        let chosen: string[];
        if (which === 'head') chosen = spec.startsWith('-') ? all.slice(0, Math.max(0, all.length - n)) : all.slice(0, n);
        else chosen = fromStart ? all.slice(Math.max(0, n - 1)) : n === 0 ? [] : all.slice(-n);
        const lastIncluded = which === 'tail' || chosen.length === all.length;
        ctx.stdout.write(chosen.length === 0 ? '' : `${chosen.join('\n')}${lastIncluded && !trailing ? '' : '\n'}`);
      });
      return failed ? 1 : 0;
    },
  };
}

export const head = headOrTail('head');
export const tail = headOrTail('tail');

export const sort: Command = {
  name: 'sort',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'rnufbV', values: 'ktoS', long: { reverse: 'r', 'numeric-sort': 'n', unique: 'u', 'ignore-case': 'f', 'version-sort': 'V' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const { texts, failed } = readInputs(ctx, opts.operands, (p, e) => complain(ctx, busybox(ctx) ? `can't open ${q(p)}: ${e.message}` : `cannot read: ${p}: ${e.message}`));
    const sep = opts.values.get('t')?.[0];
    const keySpec = opts.values.get('k')?.[0];
    const keyField = keySpec === undefined ? undefined : Number.parseInt(keySpec, 10);
    const key = (line: string): string => {
      if (keyField === undefined) return line;
      const fields = sep === undefined ? line.trim().split(/\s+/) : line.split(sep);
      return fields.slice(keyField - 1).join(sep ?? ' ');
    };
    const numeric = opts.flags.has('n');
    const fold = opts.flags.has('f');
    const compare = (a: string, b: string): number => {
      let ka = key(a);
      let kb = key(b);
      if (numeric) {
        const d = (Number.parseFloat(ka) || 0) - (Number.parseFloat(kb) || 0);
        if (d !== 0) return d;
      } else if (opts.flags.has('V')) {
        const d = ka.localeCompare(kb, 'en', { numeric: true });
        if (d !== 0) return d;
      }
      if (fold) {
        ka = ka.toUpperCase();
        kb = kb.toUpperCase();
      }
      return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    };
    let all = texts.flatMap((t) => lines(t.text)).sort(compare);
    if (opts.flags.has('r')) all.reverse();
    if (opts.flags.has('u')) all = all.filter((l, i) => i === 0 || compare(all[i - 1] as string, l) !== 0);
    const output = all.length === 0 ? '' : `${all.join('\n')}\n`;
    const outFile = opts.values.get('o')?.[0];
    if (outFile !== undefined) {
      const written = writeText(ctx, outFile, { content: output });
      if (!written.ok) return complain(ctx, `open failed: ${outFile}: ${written.error.message}`, 2);
    } else ctx.stdout.write(output);
    return failed ? 2 : 0;
  },
};

export const uniq: Command = {
  name: 'uniq',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const { texts, failed } = readInputs(ctx, opts.operands.slice(0, 1), plainReport(ctx));
    const same = (a: string, b: string): boolean => (opts.flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
    const groupsOf: { line: string; count: number }[] = [];
    for (const line of lines(texts[0]?.text ?? '')) {
      const last = groupsOf[groupsOf.length - 1];
      if (last !== undefined && same(last.line, line)) last.count++;
      else groupsOf.push({ line, count: 1 });
    }
    for (const g of groupsOf) {
      if (opts.flags.has('d') && g.count < 2) continue;
      if (opts.flags.has('u') && g.count > 1) continue;
      ctx.stdout.write(opts.flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`);
    }
    return failed ? 1 : 0;
  },
};

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = '0123456789';
const TR_CLASSES: Readonly<Record<string, string>> = {
  lower: LOWER,
  upper: UPPER,
  digit: DIGIT,
  alpha: LOWER + UPPER,
  alnum: LOWER + UPPER + DIGIT,
  space: ' \t\n\r\v\f',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

/** A tr set (`a-z`, `[:upper:]`, `\n`) as its list of characters. */
function trSet(spec: string): string[] {
  const out: string[] = [];
  const unescaped: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] as string;
    if (c === '[' && spec[i + 1] === ':') {
      const end = spec.indexOf(':]', i + 2);
      const cls = end === -1 ? undefined : TR_CLASSES[spec.slice(i + 2, end)];
      if (cls !== undefined) {
        unescaped.push(...[...cls].map((ch) => `\0${ch}`));
        i = end + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < spec.length) {
      const n = spec[++i] as string;
      unescaped.push(({ n: '\n', t: '\t', r: '\r', '\\': '\\' } as Record<string, string>)[n] ?? n);
    } else unescaped.push(c);
  }
  for (let i = 0; i < unescaped.length; i++) {
    const c = unescaped[i] as string;
    if (c.startsWith('\0')) out.push(c.slice(1));
    else if (unescaped[i + 1] === '-' && i + 2 < unescaped.length) {
      const to = (unescaped[i + 2] as string).replace(/^\0/, '');
      for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) out.push(String.fromCharCode(code));
      i += 2;
    } else out.push(c);
  }
  return out;
}

export const tr: Command = {
  name: 'tr',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'dscC', long: { delete: 'd', 'squeeze-repeats': 's', complement: 'c' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const [a, b] = opts.operands;
    if (a === undefined) return complain(ctx, 'missing operand');
    const set1 = trSet(a);
    const complement = opts.flags.has('c') || opts.flags.has('C');
    const inSet1 = (ch: string): boolean => set1.includes(ch) !== complement;
    const input = ctx.stdin;
    let out = '';
    if (opts.flags.has('d')) {
      for (const ch of input) if (!inSet1(ch)) out += ch;
      const squeeze = b === undefined ? undefined : trSet(b);
      if (opts.flags.has('s') && squeeze !== undefined) out = squeezeRuns(out, squeeze);
    } else if (b === undefined) {
      if (!opts.flags.has('s')) return complain(ctx, busybox(ctx) ? 'missing operand' : `missing operand after ${q(a)}`);
      out = squeezeRuns(input, set1);
    } else {
      const set2 = trSet(b);
      const map = new Map<string, string>();
      set1.forEach((ch, i) => map.set(ch, set2[Math.min(i, set2.length - 1)] ?? ''));
      for (const ch of input) out += complement ? (inSet1(ch) ? (set2[set2.length - 1] ?? ch) : ch) : (map.get(ch) ?? ch);
      if (opts.flags.has('s')) out = squeezeRuns(out, set2);
    }
    ctx.stdout.write(out);
    return 0;
  },
};

function squeezeRuns(text: string, set: readonly string[]): string {
  let out = '';
  for (const ch of text) if (!(set.includes(ch) && out.endsWith(ch))) out += ch;
  return out;
}

/** `1,3`, `2-`, `-4` as a predicate on 1-based positions. */
function fieldList(spec: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^([0-9]*)(-?)([0-9]*)$/.exec(part);
    if (m === null || part === '' || part === '-') return undefined;
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Command = {
  name: 'cut',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 's', values: 'dfcb', long: { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b', 'only-delimited': 's' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const fieldSpec = opts.values.get('f')?.[0];
    const charSpec = opts.values.get('c')?.[0] ?? opts.values.get('b')?.[0];
    const spec = fieldSpec ?? charSpec;
    if (spec === undefined) return complain(ctx, 'you must specify a list of bytes, characters, or fields');
    const wanted = fieldList(spec);
    if (wanted === undefined) return complain(ctx, `invalid field range`);
    const delim = opts.values.get('d')?.[0] ?? '\t';
    const { texts, failed } = readInputs(ctx, opts.operands, plainReport(ctx));
    for (const t of texts) {
      for (const line of lines(t.text)) {
        if (fieldSpec === undefined) {
          ctx.stdout.write(`${[...line].filter((_, i) => wanted(i + 1)).join('')}\n`);
          continue;
        }
        if (!line.includes(delim)) {
          if (!opts.flags.has('s')) ctx.stdout.write(`${line}\n`);
          continue;
        }
        ctx.stdout.write(`${line.split(delim).filter((_, i) => wanted(i + 1)).join(delim)}\n`);
      }
    }
    return failed ? 1 : 0;
  },
};

export const tee: Command = {
  name: 'tee',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'ai', long: { append: 'a' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const input = ctx.stdin;
    let status = 0;
    for (const path of opts.operands) {
      const written = writeText(ctx, path, { content: input, append: opts.flags.has('a') });
      if (!written.ok) status = complain(ctx, busybox(ctx) ? `${path}: ${written.error.message}` : `${path}: ${written.error.message}`);
    }
    ctx.stdout.write(input);
    return status;
  },
};

/** xargs [-n N] [-I R] [-r] [-0] [COMMAND [ARG]...]: builds command lines from stdin. */
export const xargs: Command = {
  name: 'xargs',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'rt0x', values: 'nIdLP', long: { 'no-run-if-empty': 'r', null: '0', 'max-args': 'n', replace: 'I', delimiter: 'd' } , stopAtOperand: true });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const command = opts.operands.length === 0 ? ['echo'] : opts.operands;
    const input = ctx.stdin;
    const delimiter = opts.flags.has('0') ? '\0' : opts.values.get('d')?.[0];
    const replace = opts.values.get('I')?.[0];
    const items = replace !== undefined
      ? lines(input).map((l) => l.trim()).filter((l) => l !== '')
      : delimiter !== undefined
        ? input.split(delimiter).filter((s, i, all) => !(i === all.length - 1 && (s === '' || s === '\n')))
        : splitXargs(input);
    if (items.length === 0 && (opts.flags.has('r') || replace !== undefined)) return 0;
    const perCall = replace !== undefined ? 1 : Number(opts.values.get('n')?.[0] ?? opts.values.get('L')?.[0] ?? Infinity);
    let status = 0;
    const batches: string[][] = [];
    if (items.length === 0) batches.push([]);
    for (let i = 0; i < items.length; i += perCall) batches.push(items.slice(i, i + perCall));
    for (const batch of batches) {
      const argv = replace !== undefined ? command.map((a) => a.split(replace).join(batch[0] ?? '')) : [...command, ...batch];
      if (opts.flags.has('t')) ctx.stderr.write(`${argv.join(' ')}\n`);
      const code = ctx.exec(argv);
      if (code === 127 || code === 126) return code;
      if (code !== 0) status = 123;
    }
    return status;
  },
};

/** Words of xargs input: blanks separate, quotes and backslashes protect. */
function splitXargs(input: string): string[] {
  const out: string[] = [];
  let word = '';
  let has = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (c === '"' || c === "'") {
      const end = input.indexOf(c, i + 1);
      word += input.slice(i + 1, end === -1 ? undefined : end);
      has = true;
      i = end === -1 ? input.length : end;
    } else if (c === '\\' && i + 1 < input.length) {
      word += input[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(word);
      word = '';
      has = false;
    } else {
      word += c;
      has = true;
    }
  }
  if (has) out.push(word);
  return out;
}
