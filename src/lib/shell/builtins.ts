/**
 * The builtins that need the shell itself: cd, export, set, exit, read, eval, `.` and friends.
 * (echo, printf, test, true, false and pwd are builtins too, but share their implementation with
 * /bin/echo etc. in programs/real; the interpreter runs those without a PATH lookup.)
 */
import { mayAccess, readFile, stat, X_OK } from '../vfs/index.ts';
import type { IO } from './io.ts';
import type { Shell } from './interpreter.ts';
import { FLAG_LETTERS, OPTION_NAMES } from './sh-args.ts';
import { findProgram } from './program.ts';
import { parseScript } from './parser.ts';
import { ExitSignal, LoopSignal, ReturnSignal } from './signals.ts';
import { normalizePath } from '../vfs/index.ts';
import { syntaxErrorText } from './syntax-error.ts';
import { shellExecFailure, shellPrefix, type ExecFailure } from './messages.ts';

/** Programs that are also regular builtins (dash and ash build these in, so no file is needed). */
export const BUILTIN_PROGRAMS: ReadonlySet<string> = new Set(['echo', 'printf', 'test', '[', 'true', 'false', 'pwd']);

export type Builtin = (shell: Shell, args: readonly string[], io: IO) => number;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Single-quoted as `export -p` and `set` print values. */
const quoted = (value: string): string => `'${value.replace(/'/g, `'"'"'`)}'`;

const number = (text: string | undefined, fallback: number): number | undefined => {
  if (text === undefined) return fallback;
  return /^[0-9]+$/.test(text) ? Number(text) : undefined;
};

/** A builtin's own error: `sh: 1: cd: ...` (dash) or `sh: cd: line 0: ...` (ash, whose -c lines count from 0). */
function builtinError(shell: Shell, io: IO, name: string, message: string): void {
  if (shell.dialect === 'ash') io.stderr.write(`${shell.name}: ${name}: line ${shell.line - 1}: ${message}\n`);
  else shell.error(io, `${name}: ${message}`);
}

const cd: Builtin = (shell, args, io) => {
  const operand = args.find((a) => a !== '-L' && a !== '-P');
  let target = operand ?? shell.getVar('HOME') ?? '/';
  if (operand === '-') {
    target = shell.getVar('OLDPWD') ?? shell.cwd;
    io.stdout.write(`${target}\n`);
  }
  const path = normalizePath(target, shell.cwd);
  const node = stat(shell.session.fs, shell.access, path);
  let reason: string | undefined;
  if (!node.ok) reason = node.error.message;
  else if (node.value.kind !== 'dir') reason = 'Not a directory';
  else if (!mayAccess(shell.session.cred, node.value, X_OK)) reason = 'Permission denied';
  if (reason !== undefined) {
    if (shell.dialect === 'bash') {
      builtinError(shell, io, 'cd', `${target}: ${reason}`);
      return 1;
    }
    builtinError(shell, io, 'cd', shell.dialect === 'ash' ? `can't cd to ${target}: ${reason}` : `can't cd to ${target}`);
    return 2;
  }
  shell.setVar('OLDPWD', shell.cwd);
  shell.cwd = path;
  shell.setVar('PWD', path);
  return 0;
};

function assign(shell: Shell, io: IO, args: readonly string[], exported: boolean, command: string): number {
  if (args.length === 0 || args[0] === '-p') {
    const keyword = exported ? 'export' : 'readonly';
    for (const [name, v] of [...shell.vars].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (exported && v.exported) io.stdout.write(`${keyword} ${name}=${quoted(v.value)}\n`);
    }
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) {
      builtinError(shell, io, command, `${name}: bad variable name`);
      status = 2;
      continue;
    }
    const current = shell.vars.get(name);
    const value = eq === -1 ? current?.value : arg.slice(eq + 1);
    // `export X` of an unset X: nothing to pass on until X gets a value.
    if (value === undefined) continue;
    shell.setVar(name, value, exported ? true : undefined);
  }
  return status;
}

const set: Builtin = (shell, args, io) => {
  if (args.length === 0) {
    for (const [name, v] of [...shell.vars].sort(([a], [b]) => (a < b ? -1 : 1))) io.stdout.write(`${name}=${quoted(v.value)}\n`);
    return 0;
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      shell.positional = args.slice(i + 1);
      return 0;
    }
    if (arg === '-o' || arg === '+o') {
      const name = args[++i];
      const flag = name === undefined ? undefined : OPTION_NAMES[name];
      // dash has no pipefail: the classic reason for SHELL ["/bin/bash", "-o", "pipefail", "-c"].
      if (flag === undefined || (flag === 'pipefail' && shell.dialect === 'dash')) {
        builtinError(shell, io, 'set', `Illegal option -o ${name ?? ''}`);
        throw new ExitSignal(2);
      }
      shell.flags = { ...shell.flags, [flag]: arg === '-o' };
      continue;
    }
    if (!/^[-+]/.test(arg)) {
      shell.positional = args.slice(i);
      return 0;
    }
    for (const letter of arg.slice(1)) {
      const flag = FLAG_LETTERS[letter];
      if (flag === undefined) {
        builtinError(shell, io, 'set', `Illegal option ${arg[0]}${letter}`);
        return 2;
      }
      shell.flags = { ...shell.flags, [flag]: arg.startsWith('-') };
    }
  }
  return 0;
};

const unset: Builtin = (shell, args) => {
  const functions = args[0] === '-f';
  for (const name of args.filter((a) => a !== '-f' && a !== '-v')) {
    if (functions) shell.functions.delete(name);
    else shell.vars.delete(name);
  }
  return 0;
};

const exit: Builtin = (shell, args, io) => {
  const status = number(args[0], shell.status);
  if (status === undefined) {
    builtinError(shell, io, 'exit', `Illegal number: ${args[0] ?? ''}`);
    throw new ExitSignal(2);
  }
  throw new ExitSignal(status & 255);
};

/** Ends the function or `.` file being run; outside both, dash and ash end the shell, bash refuses. */
const returnBuiltin: Builtin = (shell, args, io) => {
  if (shell.dialect === 'bash' && shell.returnScopes === 0) {
    builtinError(shell, io, 'return', "can only `return' from a function or sourced script");
    return 1;
  }
  throw new ReturnSignal((number(args[0], shell.status) ?? 2) & 255);
};

const loopControl = (kind: 'break' | 'continue'): Builtin => (shell, args, io) => {
  const levels = number(args[0], 1);
  if (levels === undefined || levels < 1) {
    builtinError(shell, io, kind, `Illegal number: ${args[0] ?? ''}`);
    return 2;
  }
  throw new LoopSignal(kind, levels);
};

const shift: Builtin = (shell, args, io) => {
  const n = number(args[0], 1);
  if (n === undefined || n > shell.positional.length) {
    if (shell.flavor === 'busybox') return 1;
    builtinError(shell, io, 'shift', "can't shift that many");
    throw new ExitSignal(2);
  }
  shell.positional = shell.positional.slice(n);
  return 0;
};

/** Runs text in the current shell (eval, `.`): a syntax error is sh's usual message and status 2. */
function runHere(shell: Shell, source: string, io: IO): number {
  const parsed = parseScript(source);
  if (!parsed.ok) {
    shell.error(io, syntaxErrorText(parsed.error.problem, shell.flavor));
    return 2;
  }
  return shell.runList(parsed.script, io);
}

const evalBuiltin: Builtin = (shell, args, io) => runHere(shell, args.join(' '), io);

const dot: Builtin = (shell, args, io) => {
  const file = args[0];
  if (file === undefined) return 0;
  // `. name` without a slash searches PATH (dash and ash both do).
  const path = file.includes('/')
    ? file
    : ((shell.getVar('PATH') ?? '').split(':').map((dir) => `${dir}/${file}`).find((p) => stat(shell.session.fs, shell.access, p).ok) ?? file);
  const read = path === '/dev/null' ? { ok: true as const, value: { content: '' } } : readFile(shell.session.fs, shell.access, path);
  if (!read.ok) {
    shell.error(io, shell.flavor === 'busybox' ? `.: can't open '${file}': ${read.error.message}` : `.: cannot open ${file}: ${read.error.code === 'ENOENT' ? 'No such file' : read.error.message}`);
    throw new ExitSignal(2);
  }
  const saved = shell.positional;
  if (args.length > 1) shell.positional = args.slice(1);
  shell.returnScopes++;
  try {
    return runHere(shell, read.value.content ?? '', io);
  } catch (e) {
    // `return` in the file ends the file (not the function that sourced it).
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    shell.returnScopes--;
    if (args.length > 1) shell.positional = saved;
  }
};

const read: Builtin = (shell, args, io) => {
  let raw = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-r') raw = true;
    else if (arg === '-p') i++;
    else names.push(arg);
  }
  const got = io.stdin.readLine();
  if (got === undefined) {
    for (const name of names) shell.setVar(name, '');
    return 1;
  }
  let line = got.line;
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = shell.getVar('IFS') ?? ' \t\n';
  const targets = names.length === 0 ? ['REPLY'] : names;
  const fields = ifs === '' ? [line] : splitForRead(line, ifs, targets.length);
  targets.forEach((name, i) => shell.setVar(name, fields[i] ?? ''));
  return got.complete ? 0 : 1;
};

/** `read a b`: the last name takes the rest of the line. */
function splitForRead(line: string, ifs: string, count: number): string[] {
  const isSep = (c: string): boolean => ifs.includes(c);
  const fields: string[] = [];
  let i = 0;
  const skip = (): void => {
    while (i < line.length && isSep(line[i] as string) && /\s/.test(line[i] as string)) i++;
  };
  skip();
  while (i < line.length) {
    if (fields.length === count - 1) {
      fields.push(line.slice(i).replace(new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+$`), ''));
      break;
    }
    let field = '';
    while (i < line.length && !isSep(line[i] as string)) field += line[i++];
    fields.push(field);
    if (i < line.length) i++;
    skip();
  }
  return fields;
}

const local: Builtin = (shell, args) => {
  const frame = shell.locals[shell.locals.length - 1];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (frame !== undefined && !frame.has(name)) frame.set(name, shell.vars.get(name));
    shell.setVar(name, eq === -1 ? (shell.vars.get(name)?.value ?? '') : arg.slice(eq + 1));
  }
  return 0;
};

const exec: Builtin = (shell, args, io) => {
  if (args.length === 0) return 0;
  throw new ExitSignal(shell.dispatch(args, [], io, true, (failure) => execFailed(shell, io, failure)));
};

/**
 * exec's words for a program it cannot start: `sh: 1: exec: nope: not found` (dash), `sh: exec:
 * line 0: nope: not found` (ash). bash says `exec: nope: not found`, but names the file it found
 * when execve fails: `/app/myapp: cannot execute: required file not found`.
 */
function execFailed(shell: Shell, io: IO, failure: ExecFailure): void {
  // A simulator limit is said the same way wherever it happens.
  if (failure.kind === 'not-simulated') {
    shell.error(io, shellExecFailure(failure, shell.dialect));
    return;
  }
  if (shell.dialect === 'bash' && failure.kind === 'missing-interpreter') {
    shell.error(io, `${normalizePath(failure.path, shell.cwd)}: cannot execute: required file not found`);
    return;
  }
  if (shell.dialect === 'bash' && failure.kind === 'denied') {
    const path = normalizePath(failure.name, shell.cwd);
    shell.error(io, `${path}: Permission denied\n${shellPrefix('bash', shell.name, shell.line)}exec: ${path}: cannot execute: Permission denied`);
    return;
  }
  builtinError(shell, io, 'exec', shellExecFailure(failure, shell.dialect === 'bash' ? 'dash' : shell.dialect));
}

/** How `command -v` / `type` describe a name. */
function describe(shell: Shell, name: string): { kind: 'function' | 'builtin' | 'program'; path?: string } | undefined {
  if (shell.functions.has(name)) return { kind: 'function' };
  if (BUILTINS.has(name) || BUILTIN_PROGRAMS.has(name)) return { kind: 'builtin' };
  const found = findProgram(shell.session.fs, shell.access, shell.session.registry, name, shell.getVar('PATH'));
  if (found.kind === 'not-found' || found.kind === 'denied') return undefined;
  return { kind: 'program', path: found.path };
}

const command: Builtin = (shell, args, io) => {
  if (args[0] === '-v' || args[0] === '-V') {
    const name = args[1];
    if (name === undefined) return 0;
    const what = describe(shell, name);
    if (what === undefined) return 1;
    io.stdout.write(`${what.path ?? name}\n`);
    return 0;
  }
  if (args.length === 0) return 0;
  return shell.dispatch(args, [], io, true);
};

const type: Builtin = (shell, args, io) => {
  let status = 0;
  for (const name of args) {
    const what = describe(shell, name);
    if (what === undefined) {
      io.stdout.write(`${name}: not found\n`);
      status = 127;
    } else if (what.kind === 'program') io.stdout.write(`${name} is ${what.path ?? name}\n`);
    else if (what.kind === 'function') io.stdout.write(`${name} is a ${shell.flavor === 'busybox' ? 'function' : 'shell function'}\n`);
    else io.stdout.write(`${name} is a shell builtin\n`);
  }
  return status;
};

const umask: Builtin = (_shell, args, io) => {
  if (args.length === 0) io.stdout.write('0022\n');
  return 0;
};

const noop: Builtin = () => 0;

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  [':', noop],
  ['cd', cd],
  ['export', (shell, args, io) => assign(shell, io, args, true, 'export')],
  ['readonly', (shell, args, io) => assign(shell, io, args, false, 'readonly')],
  ['set', set],
  ['unset', unset],
  ['exit', exit],
  ['return', returnBuiltin],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['shift', shift],
  ['eval', evalBuiltin],
  ['.', dot],
  ['source', dot],
  ['read', read],
  ['local', local],
  ['exec', exec],
  ['command', command],
  ['type', type],
  ['umask', umask],
  ['trap', noop],
  ['wait', noop],
  ['ulimit', noop],
  ['hash', noop],
  ['alias', noop],
  ['unalias', noop],
]);
