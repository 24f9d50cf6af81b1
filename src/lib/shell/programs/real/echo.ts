/** echo and printf, with the escape rules each implementation has. */
import type { Command, CommandContext } from '../../command.ts';
import { busybox, complain } from './support.ts';

/** Backslash escapes of `echo -e`, dash's echo and printf's `%b`; `stop` is set by `\c`. */
export function backslashEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i] as string;
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case 'c': return { text: out, stop: true };
      case '0': {
        const m = /^[0-7]{0,3}/.exec(text.slice(i + 1)) as RegExpExecArray;
        out += String.fromCharCode(parseInt(m[0] || '0', 8));
        i += m[0].length;
        break;
      }
      default: out += `\\${n}`;
    }
  }
  return { text: out, stop: false };
}

/** GNU coreutils and BusyBox echo: `-n`, `-e` (escapes), `-E`; escapes off by default. */
export const echo: Command = {
  name: 'echo',
  run(args, ctx) {
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < args.length; i++) {
      const arg = args[i] as string;
      if (!/^-[neE]+$/.test(arg)) break;
      for (const f of arg.slice(1)) {
        if (f === 'n') newline = false;
        else escapes = f === 'e';
      }
    }
    const text = args.slice(i).join(' ');
    if (!escapes) {
      ctx.stdout.write(newline ? `${text}\n` : text);
      return 0;
    }
    const out = backslashEscapes(text);
    ctx.stdout.write(out.stop || !newline ? out.text : `${out.text}\n`);
    return 0;
  },
};

/** dash's builtin echo: only `-n`, and escapes always on (so `echo -e "a\nb"` prints `-e a`, then `b`). */
export const dashEcho: Command = {
  name: 'echo',
  run(args, ctx) {
    const newline = args[0] !== '-n';
    const out = backslashEscapes((newline ? args : args.slice(1)).join(' '));
    ctx.stdout.write(out.stop || !newline ? out.text : `${out.text}\n`);
    return 0;
  },
};

/** printf FORMAT [ARG...]: the format is reused until the arguments are used up. */
export const printf: Command = {
  name: 'printf',
  run(args, ctx) {
    const format = args[0];
    if (format === undefined) return complain(ctx, busybox(ctx) ? 'usage: printf FORMAT [ARGUMENT...]' : 'missing operand', busybox(ctx) ? 1 : 2);
    const rest = args.slice(1);
    let status = 0;
    let used = 0;
    do {
      const pass = formatOnce(format, rest.slice(used), ctx);
      ctx.stdout.write(pass.text);
      if (pass.failed) status = 1;
      if (pass.stop || pass.consumed === 0) break;
      used += pass.consumed;
    } while (used < rest.length);
    return status;
  },
};

function formatOnce(format: string, args: readonly string[], ctx: CommandContext): { text: string; consumed: number; stop: boolean; failed: boolean } {
  let out = '';
  let consumed = 0;
  let failed = false;
  const next = (): string | undefined => {
    const a = args[consumed];
    if (a !== undefined) consumed++;
    return a;
  };
  const toNumber = (a: string | undefined, float = false): number => {
    if (a === undefined || a === '') return 0;
    const quoted = /^['"](.)/.exec(a);
    if (quoted !== null) return (quoted[1] as string).charCodeAt(0);
    const syntax = float ? /^[-+]?([0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?|0x[0-9a-f]+)$/i : /^[-+]?(0x[0-9a-f]+|[0-9]+)$/i;
    const n = syntax.test(a.trim()) ? Number(a.trim()) : NaN;
    if (Number.isNaN(n)) {
      failed = true;
      complain(ctx, busybox(ctx) ? `invalid number '${a}'` : `${a}: expected numeric value`);
      return parseInt(a, 10) || 0;
    }
    return n;
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c === '\\') {
      // In a printf format `\NNN` is octal without the leading 0 that echo -e needs.
      const m = /^\\(0[0-7]{0,3}|[1-7][0-7]{0,2}|.)/s.exec(format.slice(i)) as RegExpExecArray;
      const escaped = /^\\[1-7]/.test(m[0]) ? { text: String.fromCharCode(parseInt(m[0].slice(1), 8)), stop: false } : backslashEscapes(m[0]);
      out += escaped.text;
      i += m[0].length - 1;
      if (escaped.stop) return { text: out, consumed, stop: true, failed };
      continue;
    }
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec = /^%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]+))?([sdiuxXocbfeEgG%])/.exec(format.slice(i));
    if (spec === null) {
      out += c;
      continue;
    }
    i += spec[0].length - 1;
    const conv = spec[4] as string;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const flags = spec[1] ?? '';
    const width = spec[2] === '*' ? toNumber(next()) : spec[2] === undefined ? 0 : Number(spec[2]);
    const precision = spec[3] === '*' ? toNumber(next()) : spec[3] === undefined ? undefined : Number(spec[3]);
    const arg = next();
    let body: string;
    switch (conv) {
      case 's': body = precision === undefined ? (arg ?? '') : (arg ?? '').slice(0, precision); break;
      case 'b': {
        const b = backslashEscapes(arg ?? '');
        body = b.text;
        if (b.stop) return { text: out + body, consumed, stop: true, failed };
        break;
      }
      case 'c': body = (arg ?? '').slice(0, 1); break;
      case 'd': case 'i': case 'u': {
        const n = Math.trunc(toNumber(arg));
        body = String(Math.abs(n));
        if (precision !== undefined) body = body.padStart(precision, '0');
        body = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
        break;
      }
      case 'x': case 'X': case 'o': {
        const n = Math.trunc(toNumber(arg));
        body = (n >>> 0).toString(conv === 'o' ? 8 : 16);
        if (conv === 'X') body = body.toUpperCase();
        if (flags.includes('#') && n !== 0) body = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + body;
        break;
      }
      default: {
        const n = toNumber(arg, true);
        const p = precision ?? 6;
        // C prints at least two exponent digits: 1.000000e+03.
        body = conv === 'f' ? n.toFixed(p) : conv === 'e' || conv === 'E' ? n.toExponential(p).replace(/e([-+])(\d)$/, 'e$10$2') : String(Number(n.toPrecision(p || 1)));
        if (conv === 'E' || conv === 'G') body = body.toUpperCase();
      }
    }
    if (body.length < width) {
      if (flags.includes('-')) body = body.padEnd(width);
      else if (flags.includes('0') && /[diuxXofeEgG]/.test(conv)) {
        const sign = /^[-+ ]/.test(body) ? (body[0] as string) : '';
        body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
      } else body = body.padStart(width);
    }
    out += body;
  }
  return { text: out, consumed, stop: false, failed };
}
