/** test / [: file tests against the vfs (with the running user's permissions), strings, integers. */
import { checkAccess, lstat, R_OK, stat, W_OK, X_OK } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { busybox, complain } from './support.ts';

class TestFailure {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const UNARY = new Set(['-e', '-f', '-d', '-L', '-h', '-r', '-w', '-x', '-s', '-z', '-n', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-t', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>']);

function fileTest(op: string, path: string, ctx: CommandContext): boolean {
  const { fs, access } = ctx;
  switch (op) {
    case '-e': return stat(fs, access, path).ok;
    case '-f': { const n = stat(fs, access, path); return n.ok && n.value.kind === 'file'; }
    case '-d': { const n = stat(fs, access, path); return n.ok && n.value.kind === 'dir'; }
    case '-L': case '-h': { const n = lstat(fs, access, path); return n.ok && n.value.kind === 'symlink'; }
    case '-r': return checkAccess(fs, access, path, R_OK).ok;
    case '-w': return checkAccess(fs, access, path, W_OK).ok;
    case '-x': return checkAccess(fs, access, path, X_OK).ok;
    case '-s': {
      const n = stat(fs, access, path);
      if (!n.ok) return false;
      return n.value.kind === 'file' ? n.value.size > 0 : true;
    }
    case '-u': { const n = stat(fs, access, path); return n.ok && (n.value.mode & 0o4000) !== 0; }
    case '-g': { const n = stat(fs, access, path); return n.ok && (n.value.mode & 0o2000) !== 0; }
    case '-k': { const n = stat(fs, access, path); return n.ok && (n.value.mode & 0o1000) !== 0; }
    case '-O': { const n = stat(fs, access, path); return n.ok && n.value.uid === ctx.cred.uid; }
    case '-G': { const n = stat(fs, access, path); return n.ok && n.value.gid === ctx.cred.gid; }
    default: return false;
  }
}

function integer(text: string, ctx: CommandContext): number {
  if (!/^\s*[-+]?[0-9]+\s*$/.test(text)) {
    throw new TestFailure(busybox(ctx) ? `${text}: bad number` : `Illegal number: ${text}`);
  }
  return Number(text);
}

/** Evaluates test's expression grammar: ! , -a, -o, ( ), unary and binary primaries. */
function evaluate(args: readonly string[], ctx: CommandContext): boolean {
  let pos = 0;
  const peek = (): string | undefined => args[pos];
  const orExpr = (): boolean => {
    let value = andExpr();
    while (peek() === '-o') {
      pos++;
      const right = andExpr();
      value = value || right;
    }
    return value;
  };
  const andExpr = (): boolean => {
    let value = notExpr();
    while (peek() === '-a') {
      pos++;
      const right = notExpr();
      value = value && right;
    }
    return value;
  };
  const notExpr = (): boolean => {
    if (peek() === '!' && args.length - pos > 1) {
      pos++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = args[pos];
    if (a === undefined) throw new TestFailure('argument expected');
    const b = args[pos + 1];
    const c = args[pos + 2];
    if (a === '(' && args.length - pos > 2) {
      pos++;
      const value = orExpr();
      if (args[pos] !== ')') throw new TestFailure("closing paren expected");
      pos++;
      return value;
    }
    if (b !== undefined && BINARY.has(b) && c !== undefined) {
      pos += 3;
      switch (b) {
        case '=': case '==': return a === c;
        case '!=': return a !== c;
        case '<': return a < c;
        case '>': return a > c;
        case '-eq': return integer(a, ctx) === integer(c, ctx);
        case '-ne': return integer(a, ctx) !== integer(c, ctx);
        case '-lt': return integer(a, ctx) < integer(c, ctx);
        case '-le': return integer(a, ctx) <= integer(c, ctx);
        case '-gt': return integer(a, ctx) > integer(c, ctx);
        case '-ge': return integer(a, ctx) >= integer(c, ctx);
        default: return false;
      }
    }
    if (UNARY.has(a) && b !== undefined) {
      pos += 2;
      if (a === '-z') return b === '';
      if (a === '-n') return b !== '';
      if (a === '-t') return false;
      return fileTest(a, b, ctx);
    }
    pos++;
    return a !== '';
  };
  const value = orExpr();
  if (pos < args.length) throw new TestFailure(busybox(ctx) ? `${args[pos] ?? ''}: unknown operand` : `${args[pos] ?? ''}: unexpected operator`);
  return value;
}

function runTest(args: readonly string[], ctx: CommandContext): number {
  if (args.length === 0) return 1;
  try {
    return evaluate(args, ctx) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestFailure) return complain(ctx, e.message, 2);
    throw e;
  }
}

export const test: Command = { name: 'test', run: runTest };

export const bracket: Command = {
  name: '[',
  run(args, ctx) {
    if (args[args.length - 1] !== ']') return complain(ctx, 'missing ]', 2);
    return runTest(args.slice(0, -1), ctx);
  },
};
