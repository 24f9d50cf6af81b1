/**
 * find PATH... EXPRESSION: tests -name -iname -path -type -user -group -perm -empty -size,
 * operators ! -a -o ( ), options -maxdepth -mindepth, actions -print -print0 -delete -exec ... ; / +.
 */
import { checkAccess, lstat, mayAccess, R_OK, remove, W_OK, X_OK, type FsNode } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { matchPattern } from '../../pattern.ts';
import { busybox, complain, groupId, q, userId } from './support.ts';

type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'test'; test: (path: string, node: FsNode, name: string) => boolean }
  | { kind: 'print'; separator: string }
  | { kind: 'delete' }
  | { kind: 'exec'; argv: string[]; batch: boolean }
  | { kind: 'prune' | 'quit' };

class FindSyntax {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

interface Parsed {
  expr: Expr | undefined;
  maxDepth: number;
  minDepth: number;
  hasAction: boolean;
  depthFirst: boolean;
}

function parseExpression(tokens: readonly string[], ctx: CommandContext): Parsed {
  let pos = 0;
  const parsed: Parsed = { expr: undefined, maxDepth: Infinity, minDepth: 0, hasAction: false, depthFirst: false };
  const arg = (name: string): string => {
    const value = tokens[pos++];
    if (value === undefined) throw new FindSyntax(`missing argument to \`${name}'`);
    return value;
  };
  const test = (t: (path: string, node: FsNode, name: string) => boolean): Expr => ({ kind: 'test', test: t });
  const primary = (): Expr => {
    const token = tokens[pos++] as string;
    switch (token) {
      case '(': {
        const e = or();
        if (tokens[pos++] !== ')') throw new FindSyntax("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
        return e;
      }
      case '-name': case '-iname': {
        const pattern = arg(token);
        const fold = token === '-iname';
        return test((_p, _n, name) => matchPattern(fold ? pattern.toLowerCase() : pattern, fold ? name.toLowerCase() : name));
      }
      case '-path': case '-wholename': case '-ipath': {
        const pattern = arg(token);
        return test((p) => matchPattern(pattern, p));
      }
      case '-type': {
        const types = arg(token).split(',');
        return test((_p, n) => types.some((t) => (t === 'f' && n.kind === 'file') || (t === 'd' && n.kind === 'dir') || (t === 'l' && n.kind === 'symlink')));
      }
      case '-maxdepth': parsed.maxDepth = Number(arg(token)); return test(() => true);
      case '-mindepth': parsed.minDepth = Number(arg(token)); return test(() => true);
      case '-depth': parsed.depthFirst = true; return test(() => true);
      case '-xdev': case '-mount': case '-follow': return test(() => true);
      case '-user': {
        const uid = userId(ctx.fs, arg(token));
        return test((_p, n) => n.uid === uid);
      }
      case '-group': {
        const gid = groupId(ctx.fs, arg(token));
        return test((_p, n) => n.gid === gid);
      }
      case '-nouser': return test(() => false);
      case '-perm': {
        const spec = arg(token);
        const bits = parseInt(spec.replace(/^[-/]/, ''), 8);
        if (spec.startsWith('-')) return test((_p, n) => (n.mode & bits) === bits);
        if (spec.startsWith('/')) return test((_p, n) => (n.mode & bits) !== 0);
        return test((_p, n) => (n.mode & 0o7777) === bits);
      }
      case '-empty': return test((_p, n) => (n.kind === 'file' ? n.size === 0 : n.kind === 'dir' ? n.children.size === 0 && (n.summary?.files ?? 0) === 0 : false));
      case '-size': {
        const m = /^([-+]?)([0-9]+)([ckMGb]?)$/.exec(arg(token));
        if (m === null) throw new FindSyntax('invalid -size argument');
        const unit = { c: 1, k: 1024, M: 1024 ** 2, G: 1024 ** 3, b: 512, '': 512 }[m[3] as 'c'] ?? 512;
        const n = Number(m[2]);
        return test((_p, node) => {
          const size = Math.ceil((node.kind === 'file' ? node.size : 4096) / unit);
          return m[1] === '+' ? size > n : m[1] === '-' ? size < n : size === n;
        });
      }
      case '-executable': return test((p) => checkAccess(ctx.fs, ctx.access, p, X_OK).ok);
      case '-readable': return test((_p, n) => mayAccess(ctx.cred, n, R_OK));
      case '-writable': return test((_p, n) => mayAccess(ctx.cred, n, W_OK));
      case '-newer': case '-mtime': case '-mmin': case '-atime': case '-ctime': arg(token); return test(() => false);
      case '-true': return test(() => true);
      case '-false': return test(() => false);
      case '-print': parsed.hasAction = true; return { kind: 'print', separator: '\n' };
      case '-print0': parsed.hasAction = true; return { kind: 'print', separator: '\0' };
      case '-delete': parsed.hasAction = true; parsed.depthFirst = true; return { kind: 'delete' };
      case '-prune': return { kind: 'prune' };
      case '-quit': return { kind: 'quit' };
      case '-exec': case '-execdir': case '-ok': {
        parsed.hasAction = true;
        const argv: string[] = [];
        for (;;) {
          const t = tokens[pos++];
          if (t === undefined) throw new FindSyntax(`missing argument to \`${token}'`);
          if (t === ';') return { kind: 'exec', argv, batch: false };
          if (t === '+' && argv[argv.length - 1] === '{}') return { kind: 'exec', argv: argv.slice(0, -1), batch: true };
          argv.push(t);
        }
      }
      default:
        throw new FindSyntax(busybox(ctx) ? `unrecognized: ${token}` : `unknown predicate \`${token}'`);
    }
  };
  const not = (): Expr => {
    if (tokens[pos] === '!' || tokens[pos] === '-not') {
      pos++;
      return { kind: 'not', expr: not() };
    }
    return primary();
  };
  const and = (): Expr => {
    let left = not();
    while (pos < tokens.length && tokens[pos] !== '-o' && tokens[pos] !== '-or' && tokens[pos] !== ')') {
      if (tokens[pos] === '-a' || tokens[pos] === '-and') pos++;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const or = (): Expr => {
    let left = and();
    while (tokens[pos] === '-o' || tokens[pos] === '-or') {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  if (tokens.length > 0) parsed.expr = or();
  if (pos < tokens.length) throw new FindSyntax(`paths must precede expression: \`${tokens[pos] ?? ''}'`);
  return parsed;
}

export const find: Command = {
  name: 'find',
  run(args, ctx) {
    const firstExpr = args.findIndex((a) => a.startsWith('-') || a === '(' || a === '!');
    const paths = firstExpr === -1 ? [...args] : args.slice(0, firstExpr);
    let parsed: Parsed;
    try {
      parsed = parseExpression(firstExpr === -1 ? [] : args.slice(firstExpr), ctx);
    } catch (e) {
      if (e instanceof FindSyntax) return complain(ctx, e.message);
      throw e;
    }
    const batches = new Map<Expr, string[]>();
    let status = 0;
    let quit = false;
    const fail = (path: string, message: string): void => {
      status = complain(ctx, busybox(ctx) ? `${path}: ${message}` : `${q(path)}: ${message}`);
    };
    const evaluate = (e: Expr, path: string, node: FsNode, name: string, state: { prune: boolean }): boolean => {
      switch (e.kind) {
        case 'and': return evaluate(e.left, path, node, name, state) && evaluate(e.right, path, node, name, state);
        case 'or': return evaluate(e.left, path, node, name, state) || evaluate(e.right, path, node, name, state);
        case 'not': return !evaluate(e.expr, path, node, name, state);
        case 'test': return e.test(path, node, name);
        case 'print': ctx.stdout.write(`${path}${e.separator}`); return true;
        case 'prune': state.prune = true; return true;
        case 'quit': quit = true; return true;
        case 'delete': {
          const removed = remove(ctx.fs, ctx.access, path);
          if (!removed.ok) {
            status = complain(ctx, `cannot delete ${q(path)}: ${removed.error.message}`);
            return false;
          }
          ctx.fs = removed.value;
          return true;
        }
        case 'exec':
          if (e.batch) {
            batches.set(e, [...(batches.get(e) ?? []), path]);
            return true;
          }
          return ctx.exec(e.argv.map((a) => a.split('{}').join(path))) === 0;
      }
    };
    const visit = (path: string, node: FsNode, name: string, depth: number): void => {
      if (quit) return;
      const state = { prune: false };
      const check = (): void => {
        if (depth < parsed.minDepth || depth > parsed.maxDepth) return;
        const matched = parsed.expr === undefined ? true : evaluate(parsed.expr, path, node, name, state);
        if (matched && !parsed.hasAction) ctx.stdout.write(`${path}\n`);
      };
      if (!parsed.depthFirst) check();
      if (node.kind === 'dir' && depth < parsed.maxDepth && !state.prune) {
        if (!mayAccess(ctx.cred, node, R_OK | X_OK)) fail(path, 'Permission denied');
        else {
          for (const [childName, child] of [...node.children].sort(([a], [b]) => (a < b ? -1 : 1))) {
            visit(path.endsWith('/') ? `${path}${childName}` : `${path}/${childName}`, child, childName, depth + 1);
          }
        }
      }
      if (parsed.depthFirst) check();
    };
    for (const start of paths.length === 0 ? ['.'] : paths) {
      const found = lstat(ctx.fs, ctx.access, start);
      if (!found.ok) {
        fail(start, found.error.message);
        continue;
      }
      visit(start, found.value, start.replace(/\/+$/, '').split('/').pop() || start, 0);
    }
    for (const [e, files] of batches) {
      if (e.kind === 'exec' && ctx.exec([...e.argv, ...files]) !== 0) status = 1;
    }
    return status;
  },
};
