/**
 * Runs the syntax tree: lists, and-or chains, pipelines (stage by stage, each in a subshell, its
 * output the next one's input), compound commands, simple commands with their expansions and
 * redirections, `set -e`/`-x`/`-u`/`-o pipefail`. Programs are found through PATH in the session's
 * filesystem (program.ts); builtins live in builtins.ts.
 */
import { normalizePath, readFile, writeFile, type Access } from '../vfs/index.ts';
import type { CommandNode, List, Pipeline, Redirect, Script, SimpleCommand, AndOr } from './ast.ts';
import { NOT_SIMULATED_STATUS, type Command, type CommandContext, type ExecOptions, type Flavor, type Writer } from './command.ts';
import { expandFields, expandPattern, expandString, type ExpandHost } from './expand.ts';
import { emptyInput, InputStream, NULL_WRITER, type IO } from './io.ts';
import { cannotCreate, cannotOpen, execFailure, redirectFailureStatus, shellExecFailure, shellPrefix, type Dialect, type ExecFailure } from './messages.ts';
import { expandBraces } from './braces.ts';
import { globPaths } from './glob.ts';
import { matchPattern } from './pattern.ts';
import { findProgram } from './program.ts';
import { parseScript } from './parser.ts';
import { parseShArgs } from './sh-args.ts';
import { BufferWriter, countCommand, countLoop, CountingWriter, SHELL_NAMES, type Session } from './session.ts';
import { ExitSignal, LimitSignal, LoopSignal, ReturnSignal } from './signals.ts';
import { bashSyntaxError, syntaxErrorText } from './syntax-error.ts';
import { BUILTIN_PROGRAMS, BUILTINS } from './builtins.ts';
import { dashEcho } from './programs/real/index.ts';
import { findApplet } from './programs/real/shells.ts';

export interface ShellFlags {
  errexit: boolean;
  xtrace: boolean;
  nounset: boolean;
  pipefail: boolean;
  noglob: boolean;
}

/** Where and how a program runs; `executable` is the file it was found at, when it was. */
interface Where {
  env: Record<string, string>;
  cwd: string;
  io: IO;
  flavor: Flavor;
  executable?: string;
}

interface Var {
  value: string;
  exported: boolean;
}

export interface ShellInit {
  env: Readonly<Record<string, string>>;
  cwd: string;
  /** $0 */
  name: string;
  positional: readonly string[];
  flavor: Flavor;
  depth: number;
  flags?: Partial<ShellFlags>;
  /** Which shell this is: its error wording, and dash has no `pipefail`. Default: ash for BusyBox, else dash. */
  dialect?: Dialect;
}

export class Shell {
  readonly session: Session;
  readonly flavor: Flavor;
  readonly dialect: Dialect;
  readonly vars: Map<string, Var>;
  readonly functions: Map<string, CommandNode>;
  flags: ShellFlags;
  cwd: string;
  name: string;
  positional: string[];
  status = 0;
  line = 1;
  /** Inside an if/while condition, a non-final part of && / ||, or a negated pipeline: set -e is off. */
  conditional = 0;
  /** Saved variables of the functions being run (`local`). */
  readonly locals: Map<string, Var | undefined>[] = [];
  /** Functions and `.` files being run, counting those of the parent shell: where bash allows `return`. */
  returnScopes = 0;
  readonly depth: number;

  constructor(session: Session, init: ShellInit) {
    if (init.depth > session.limits.maxDepth) throw new LimitSignal('maxDepth');
    this.session = session;
    this.flavor = init.flavor;
    this.dialect = init.dialect ?? (init.flavor === 'busybox' ? 'ash' : 'dash');
    this.vars = new Map(Object.entries(init.env).map(([k, v]) => [k, { value: v, exported: true }]));
    this.functions = new Map();
    this.flags = { errexit: false, xtrace: false, nounset: false, pipefail: false, noglob: false, ...init.flags };
    this.cwd = init.cwd;
    this.name = init.name;
    this.positional = [...init.positional];
    this.depth = init.depth;
    // A shell sets PWD to where it starts, whatever its environment said.
    this.vars.set('PWD', { value: this.cwd, exported: true });
  }

  /** A copy for `( ... )`, a pipeline stage or `$( ... )`: own variables and cwd, the same filesystem. */
  subshell(): Shell {
    const sub = new Shell(this.session, {
      env: {}, cwd: this.cwd, name: this.name, positional: this.positional, flavor: this.flavor, dialect: this.dialect, depth: this.depth + 1, flags: this.flags,
    });
    for (const [k, v] of this.vars) sub.vars.set(k, { ...v });
    for (const [k, v] of this.functions) sub.functions.set(k, v);
    sub.status = this.status;
    sub.line = this.line;
    sub.returnScopes = this.returnScopes;
    return sub;
  }

  get access(): Access {
    return { cred: this.session.cred, cwd: this.cwd };
  }

  /** Writes a shell error (`/bin/sh: 1: ...`). */
  error(io: IO, message: string): void {
    io.stderr.write(`${shellPrefix(this.dialect, this.name, this.line)}${message}\n`);
  }

  getVar(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.status);
      case '#': return String(this.positional.length);
      case '@':
      case '*': return this.positional.join(name === '*' ? (this.vars.get('IFS')?.value ?? ' ').slice(0, 1) : ' ');
      case '$': return '1';
      case '!': return undefined;
      case '-': return (this.flags.errexit ? 'e' : '') + (this.flags.nounset ? 'u' : '') + (this.flags.xtrace ? 'x' : '');
      case '0': return this.name;
      default:
        if (/^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
        return this.vars.get(name)?.value;
    }
  }

  setVar(name: string, value: string, exported?: boolean): void {
    const old = this.vars.get(name);
    this.vars.set(name, { value, exported: exported ?? old?.exported ?? false });
  }

  /** The environment a program sees: exported variables. */
  exportedEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.exported) env[k] = v.value;
    return env;
  }

  // ---- running ----------------------------------------------------------------------------

  /**
   * Runs a list, turning `exit` into a status (for subshells, substitutions, nested shells); a
   * `return` there ends that process too, as in dash.
   */
  runCatchingExit(list: List, io: IO): number {
    try {
      return this.runList(list, io);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.status;
      throw e;
    }
  }

  runList(list: List, io: IO): number {
    let status = this.status;
    for (const item of list.items) status = this.runAndOr(item, io);
    return status;
  }

  private runAndOr(node: AndOr, io: IO): number {
    const chain = [node.first, ...node.rest.map((r) => r.pipeline)];
    let status = 0;
    let last: Pipeline = node.first;
    for (let i = 0; i < chain.length; i++) {
      if (i > 0) {
        const op = (node.rest[i - 1] as { op: string }).op;
        if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      }
      const pipeline = chain[i] as Pipeline;
      const final = i === chain.length - 1;
      last = pipeline;
      status = final ? this.runPipeline(pipeline, io) : this.conditionally(() => this.runPipeline(pipeline, io));
      this.status = status;
    }
    const lastIsFinal = last === chain[chain.length - 1];
    if (status !== 0 && this.flags.errexit && this.conditional === 0 && lastIsFinal && !last.negated) throw new ExitSignal(status);
    return status;
  }

  conditionally<T>(run: () => T): T {
    this.conditional++;
    try {
      return run();
    } finally {
      this.conditional--;
    }
  }

  private runPipeline(pipeline: Pipeline, io: IO): number {
    let status: number;
    if (pipeline.commands.length === 1) {
      const only = pipeline.commands[0] as CommandNode;
      status = pipeline.negated ? this.conditionally(() => this.runCommand(only, io)) : this.runCommand(only, io);
    } else {
      let input = io.stdin;
      const statuses: number[] = [];
      pipeline.commands.forEach((command, i) => {
        const last = i === pipeline.commands.length - 1;
        const out = last ? io.stdout : new BufferWriter(this.session);
        const sub = this.subshell();
        statuses.push(sub.runCatchingExit({ kind: 'list', items: [{ kind: 'and-or', first: { kind: 'pipeline', negated: false, commands: [command] }, rest: [] }] }, { stdin: input, stdout: out, stderr: io.stderr }));
        input = new InputStream(out instanceof BufferWriter ? out.text : '');
      });
      status = statuses.at(-1) ?? 0;
      if (this.flags.pipefail) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
    }
    return pipeline.negated ? (status === 0 ? 1 : 0) : status;
  }

  runCommand(node: CommandNode, io: IO): number {
    switch (node.kind) {
      case 'simple':
        return this.runSimple(node, io);
      case 'function':
        this.functions.set(node.name, node.body);
        return 0;
      default:
        this.line = node.line;
        return this.withRedirects(node.redirects, io, (inner) => this.runCompound(node, inner));
    }
  }

  private runCompound(node: Exclude<CommandNode, SimpleCommand | { kind: 'function' }>, io: IO): number {
    switch (node.kind) {
      case 'subshell':
        return this.subshell().runCatchingExit(node.body, io);
      case 'group':
        return this.runList(node.body, io);
      case 'if': {
        for (const clause of node.clauses) {
          if (this.conditionally(() => this.runList(clause.condition, io)) === 0) return this.runList(clause.body, io);
        }
        return node.elseBody === undefined ? 0 : this.runList(node.elseBody, io);
      }
      case 'loop': {
        let status = 0;
        for (;;) {
          countLoop(this.session);
          const condition = this.conditionally(() => this.runList(node.condition, io));
          if ((condition === 0) === node.until) break;
          const outcome = this.loopBody(node.body, io);
          status = outcome.status;
          if (outcome.stop) break;
        }
        return status;
      }
      case 'for': {
        const words = node.items === undefined ? undefined : this.dialect === 'bash' ? node.items.flatMap(expandBraces) : node.items;
        const items = words === undefined ? [...this.positional] : words.flatMap((w) => expandFields(w, this.host(io)));
        let status = 0;
        for (const item of items) {
          countLoop(this.session);
          this.setVar(node.name, item);
          const outcome = this.loopBody(node.body, io);
          status = outcome.status;
          if (outcome.stop) break;
        }
        return status;
      }
      case 'case': {
        const host = this.host(io);
        const word = expandString(node.word, host);
        for (const item of node.items) {
          if (item.patterns.some((p) => matchPattern(expandPattern(p, host), word))) return this.runList(item.body, io);
        }
        return 0;
      }
    }
  }

  /** One turn of a loop body; `stop` when `break` ends the loop. `break 2` passes on to the outer loop. */
  private loopBody(body: List, io: IO): { status: number; stop: boolean } {
    try {
      return { status: this.runList(body, io), stop: false };
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) throw new LoopSignal(e.kind, e.levels - 1);
      return { status: 0, stop: e.kind === 'break' };
    }
  }

  // ---- simple commands ----------------------------------------------------------------------

  private runSimple(node: SimpleCommand, io: IO): number {
    this.line = node.line;
    countCommand(this.session);
    const host = this.host(io);
    this.substitutionStatus = undefined;
    this.globbedBulk = new Set();
    const words = this.dialect === 'bash' ? node.words.flatMap(expandBraces) : node.words;
    const argv = words.flatMap((w) => expandFields(w, host));
    const assignments = node.assignments.map((a) => ({ name: a.name, value: expandString(a.value, host) }));
    if (this.flags.xtrace) {
      const assigned = assignments.map((a) => `${a.name}=${a.value}`);
      // bash traces a command's prefix assignments on a line of their own.
      if (this.dialect === 'bash' && assigned.length > 0 && argv.length > 0) {
        this.trace(io, assigned);
        this.trace(io, argv);
      } else this.trace(io, [...assigned, ...argv]);
    }
    if (argv.length === 0) {
      for (const a of assignments) this.setVar(a.name, a.value);
      const status = this.substitutionStatus ?? 0;
      return this.withRedirects(node.redirects, io, () => status);
    }
    return this.withRedirects(node.redirects, io, (inner) => this.dispatch(argv, assignments, inner));
  }

  private substitutionStatus: number | undefined;
  /** Folders with unlisted bulk that a wildcard of the current command matched into (see glob.ts). */
  private globbedBulk = new Set<string>();

  private trace(io: IO, words: readonly string[]): void {
    const ps4 = this.vars.get('PS4')?.value ?? '+ ';
    const shown = this.dialect === 'dash' ? words : words.map(quoteForTrace);
    io.stderr.write(`${ps4}${shown.join(' ')}\n`);
  }

  /**
   * Runs argv as a function, builtin or program (`command x` skips functions). `report` words a
   * program that cannot start (default: the shell's `x: not found`).
   */
  dispatch(
    argv: readonly string[],
    assignments: readonly { name: string; value: string }[],
    io: IO,
    skipFunctions = false,
    report: (failure: ExecFailure) => void = (failure) => this.error(io, shellExecFailure(failure, this.dialect)),
  ): number {
    const name = argv[0] as string;
    const args = argv.slice(1);
    const fn = skipFunctions ? undefined : this.functions.get(name);
    if (fn !== undefined) return this.withTemporaryVars(assignments, false, () => this.callFunction(fn, args, io));
    // dash has no `source` (only `.`); ash and bash have both.
    const builtin = name === 'source' && this.dialect === 'dash' ? undefined : BUILTINS.get(name);
    if (builtin !== undefined) return this.withTemporaryVars(assignments, false, () => builtin(this, args, io));
    const env = { ...this.exportedEnv(), ...Object.fromEntries(assignments.map((a) => [a.name, a.value])) };
    const program = BUILTIN_PROGRAMS.has(name) ? (name === 'echo' && this.dialect === 'dash' ? dashEcho : this.session.registry.get(name)) : undefined;
    if (program !== undefined) return this.runBuiltinProgram(program, name, args, env, io);
    return this.execute(argv, env, this.cwd, io, report);
  }

  /**
   * echo, printf, test... as the shell's own builtins: errors read `/bin/sh: 1: [: missing ]` in
   * dash and `/bin/sh: missing ]` in ash, so the program's `name: ` prefix is rewritten.
   */
  private runBuiltinProgram(program: Command, name: string, args: readonly string[], env: Record<string, string>, io: IO): number {
    const prefix = this.dialect === 'ash' ? `${this.name}: ` : `${shellPrefix(this.dialect, this.name, this.line)}${name}: `;
    const stderr: Writer = {
      write: (text) => io.stderr.write(text.startsWith(`${name}: `) ? prefix + text.slice(name.length + 2) : text),
    };
    return this.runCommandImpl(program, name, args, { env, cwd: this.cwd, io: { ...io, stderr }, flavor: this.flavor });
  }

  private withTemporaryVars<T>(assignments: readonly { name: string; value: string }[], keep: boolean, run: () => T): T {
    if (assignments.length === 0 || keep) {
      for (const a of assignments) this.setVar(a.name, a.value);
      return run();
    }
    const saved = assignments.map((a) => [a.name, this.vars.get(a.name)] as const);
    for (const a of assignments) this.setVar(a.name, a.value, true);
    try {
      return run();
    } finally {
      for (const [n, v] of saved) {
        if (v === undefined) this.vars.delete(n);
        else this.vars.set(n, v);
      }
    }
  }

  callFunction(body: CommandNode, args: readonly string[], io: IO): number {
    if (this.locals.length >= this.session.limits.maxDepth) throw new LimitSignal('maxDepth');
    const savedArgs = this.positional;
    this.positional = [...args];
    this.locals.push(new Map());
    this.returnScopes++;
    try {
      return this.runCommand(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.returnScopes--;
      this.positional = savedArgs;
      for (const [n, v] of this.locals.pop() ?? []) {
        if (v === undefined) this.vars.delete(n);
        else this.vars.set(n, v);
      }
    }
  }

  /**
   * Runs a program found through PATH (or by path). `report` prints "not found" and friends in the
   * caller's words (the shell's, or a program's like env/xargs).
   */
  execute(argv: readonly string[], env: Record<string, string>, cwd: string, io: IO, report: (failure: ExecFailure) => void): number {
    const name = argv[0] as string;
    const access = { cred: this.session.cred, cwd };
    const found = findProgram(this.session.fs, access, this.session.registry, name, env['PATH']);
    switch (found.kind) {
      case 'not-found':
        report({ kind: 'not-found', name });
        return 127;
      case 'denied':
        report({ kind: 'denied', name });
        return 126;
      case 'not-simulated':
        report({ kind: 'not-simulated', name, path: found.path });
        return NOT_SIMULATED_STATUS;
      case 'missing-interpreter':
        report({ kind: 'missing-interpreter', name, path: found.path });
        return 127;
      case 'script': {
        const interpreter = found.interpreter;
        return this.execute([...interpreter, found.path, ...argv.slice(1)], env, cwd, io, report);
      }
      case 'command':
        return this.runCommandImpl(found.command, name, argv.slice(1), { env, cwd, io, flavor: found.flavor, executable: normalizePath(found.path, cwd) });
    }
  }

  private runCommandImpl(
    command: Command,
    argv0: string,
    args: readonly string[],
    where: Where,
  ): number {
    if (SHELL_NAMES.has(command.name)) {
      const dialect: Dialect = command.name === 'bash' ? 'bash' : where.flavor === 'busybox' ? 'ash' : 'dash';
      return this.runShellProgram(argv0, args, { ...where, dialect });
    }
    // `busybox NAME` runs what Stagecraft implements only if the image's build has that applet
    // (`busybox npm` is `npm: applet not found` however npm is simulated); busybox's run answers the rest.
    const name = args[0];
    const applet = command.name === 'busybox' && name !== undefined ? this.session.registry.get(name) : undefined;
    if (applet !== undefined && findApplet(this.session.fs, name as string).kind !== 'not-in-build') {
      return this.runCommandImpl(applet, name as string, args.slice(1), { ...where, flavor: 'busybox' });
    }
    return command.run(args, this.context(argv0, where));
  }

  private context(argv0: string, where: Where): CommandContext {
    const { session } = this;
    const { cwd, io, env } = where;
    let stdin: string | undefined;
    const ctx: CommandContext = {
      // The filesystem is the session's: a redirection writing while the program runs and a
      // child started through exec see and make the same changes.
      get fs() {
        return session.fs;
      },
      set fs(tree) {
        session.fs = tree;
      },
      cred: session.cred,
      user: session.user,
      cwd,
      access: { cred: session.cred, cwd },
      env,
      argv0,
      executable: where.executable,
      flavor: where.flavor,
      get stdin(): string {
        stdin ??= io.stdin.readAll();
        return stdin;
      },
      stdout: io.stdout,
      stderr: io.stderr,
      stdinTerminal: io.stdin.terminal,
      limits: session.limits,
      now: session.now,
      hostname: session.hostname,
      globbedBulk: this.globbedBulk,
      simulate: (effect) => {
        session.effects.push(effect);
      },
      resolve: (path) => normalizePath(path, cwd),
      exec: (argv: readonly string[], options: ExecOptions = {}): number => {
        if (argv.length === 0) return 0;
        countCommand(session);
        const childCwd = options.cwd === undefined ? cwd : normalizePath(options.cwd, cwd);
        const childIo: IO = { stdin: options.stdin === undefined ? emptyInput() : new InputStream(options.stdin), stdout: io.stdout, stderr: io.stderr };
        const childEnv = options.clearEnv ? { ...options.env } : { ...env, ...options.env };
        return this.execute(argv, childEnv, childCwd, childIo, (failure) => io.stderr.write(`${basename(argv0)}: ${execFailure(failure, where.flavor)}\n`));
      },
    };
    return ctx;
  }

  /** `sh [-ex] -c script [name args...]`, `sh file args...`, or a script on stdin, in this session. */
  private runShellProgram(
    argv0: string,
    args: readonly string[],
    where: Where & { dialect: Dialect },
  ): number {
    const { io } = where;
    const parsed = parseShArgs(args, where.dialect !== 'dash');
    if (!parsed.ok) {
      io.stderr.write(`${argv0}: 0: ${parsed.message}\n`);
      return 2;
    }
    let script: string;
    if (parsed.source.kind === 'command') script = parsed.source.text;
    else if (parsed.source.kind === 'stdin') script = io.stdin.readAll();
    else {
      const file = parsed.source.path;
      const read = readFile(this.session.fs, { cred: this.session.cred, cwd: where.cwd }, file);
      if (!read.ok) {
        io.stderr.write(where.flavor === 'busybox' ? `${argv0}: can't open '${file}': ${read.error.message}\n` : `${argv0}: 0: cannot open ${file}: ${read.error.code === 'ENOENT' ? 'No such file' : read.error.message}\n`);
        return 2;
      }
      script = read.value.content ?? '';
    }
    const shell = new Shell(this.session, {
      env: where.env, cwd: where.cwd, name: parsed.name ?? argv0, positional: parsed.positional,
      flavor: where.flavor, dialect: where.dialect, depth: this.depth + 1, flags: parsed.flags,
    });
    return shell.runScript(script, io);
  }

  /** Parses and runs a whole script; a syntax error prints sh's message and gives 2. */
  runScript(source: string, io: IO): number {
    const parsed = parseScript(source);
    if (!parsed.ok) {
      this.line = parsed.error.line;
      if (this.dialect === 'bash') io.stderr.write(bashSyntaxError(parsed.error, this.name, source));
      else this.error(io, syntaxErrorText(parsed.error.problem, this.flavor));
      return 2;
    }
    return this.runCatchingExit(parsed.script, io);
  }

  // ---- redirections -------------------------------------------------------------------------

  private withRedirects(redirects: readonly Redirect[], io: IO, run: (io: IO) => number): number {
    if (redirects.length === 0) return run(io);
    const inner: IO = { ...io };
    const host = this.host(io);
    for (const r of redirects) {
      const target = r.heredoc === undefined ? expandString(r.target, host) : '';
      if (r.op === '<<' || r.op === '<<-') {
        const heredoc = r.heredoc;
        const body = heredoc === undefined ? '' : heredoc.expand ? expandString(heredoc.body, host) : (heredoc.body.parts[0] as { text: string }).text;
        if (r.fd === 0) inner.stdin = new InputStream(body);
        continue;
      }
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') this.setFd(inner, r.fd, NULL_WRITER);
        else if (target === '1' || target === '2') this.setFd(inner, r.fd, target === '1' ? inner.stdout : inner.stderr);
        else if (target === '0') continue;
        else if (r.op === '>&' && !/^[0-9]+$/.test(target)) {
          const opened = this.openForWriting(target, false, io);
          if (opened === undefined) return redirectFailureStatus(this.dialect);
          inner.stdout = opened;
          inner.stderr = opened;
        }
        continue;
      }
      if (r.op === '<' || r.op === '<>') {
        const text = this.openForReading(target, io);
        if (text === undefined) return redirectFailureStatus(this.dialect);
        if (r.fd === 0) inner.stdin = new InputStream(text);
        continue;
      }
      const opened = this.openForWriting(target, r.op === '>>', io);
      if (opened === undefined) return redirectFailureStatus(this.dialect);
      this.setFd(inner, r.fd, opened);
    }
    return run(inner);
  }

  private setFd(io: IO, fd: number, writer: Writer): void {
    if (fd === 1) io.stdout = writer;
    else if (fd === 2) io.stderr = writer;
  }

  private openForWriting(path: string, append: boolean, io: IO): Writer | undefined {
    const { session } = this;
    if (path === '/dev/null') return new CountingWriter(session, () => undefined);
    if (path === '/dev/stdout') return io.stdout;
    if (path === '/dev/stderr') return io.stderr;
    const access = this.access;
    // Opening checks permissions now (O_CREAT, with O_TRUNC for `>`), before the command runs.
    const opened = writeFile(session.fs, access, path, { content: '', append });
    if (!opened.ok) {
      this.error(io, cannotCreate(this.dialect, path, opened.error));
      return undefined;
    }
    session.fs = opened.value;
    return new CountingWriter(session, (text) => {
      const written = writeFile(session.fs, access, path, { content: text, append: true });
      if (!written.ok) return;
      session.fs = written.value;
      const size = readFile(session.fs, access, path);
      if (size.ok && size.value.size > session.limits.maxFileBytes) throw new LimitSignal('maxFileBytes');
    });
  }

  private openForReading(path: string, io: IO): string | undefined {
    if (path === '/dev/null' || path === '/dev/zero') return '';
    if (path === '/dev/stdin') return io.stdin.readAll();
    const read = readFile(this.session.fs, this.access, path);
    if (!read.ok) {
      this.error(io, cannotOpen(this.dialect, path, read.error));
      return undefined;
    }
    return read.value.content ?? '';
  }

  // ---- expansion ----------------------------------------------------------------------------

  host(io: IO): ExpandHost {
    return {
      getVar: (name) => this.getVar(name),
      setVar: (name, value) => this.setVar(name, value),
      positional: () => this.positional,
      nounset: this.flags.nounset,
      noglob: this.flags.noglob,
      commandSubstitution: (script: Script) => {
        const out = new BufferWriter(this.session);
        const status = this.subshell().runCatchingExit(script, { stdin: emptyInput(), stdout: out, stderr: io.stderr });
        this.status = status;
        this.substitutionStatus = status;
        return out.text.replace(/\n+$/, '');
      },
      fail: (message) => {
        this.error(io, message);
        throw new ExitSignal(2);
      },
      dialect: this.dialect,
      badSubstitution: () => {
        this.error(io, this.dialect === 'ash' ? 'syntax error: bad substitution' : this.dialect === 'bash' ? 'bad substitution' : 'Bad substitution');
        throw new ExitSignal(this.dialect === 'bash' ? 1 : 2);
      },
      unsetParameter: (name) => {
        // bash's -c shell exits 127 here; dash and ash exit 2.
        this.error(io, this.dialect === 'bash' ? `${name}: unbound variable` : `${name}: parameter not set`);
        throw new ExitSignal(this.dialect === 'bash' ? 127 : 2);
      },
      arithmeticFailed: (reason, expression) => {
        const zero = reason === 'division by zero';
        if (this.dialect === 'ash') this.error(io, zero ? 'divide by zero' : 'arithmetic syntax error');
        else if (this.dialect === 'bash') this.error(io, `${expression}: ${zero ? 'division by 0' : 'syntax error in expression'}`);
        else this.error(io, `arithmetic expression: ${reason}: "${expression}"`);
        throw new ExitSignal(this.dialect === 'bash' ? 1 : 2);
      },
      home: (user) => this.homeOf(user),
      glob: (pattern) => {
        const result = globPaths(this.session.fs, this.access, pattern, this.dialect !== 'bash');
        for (const dir of result.bulk) this.globbedBulk.add(normalizePath(dir, this.cwd));
        return result.paths;
      },
    };
  }

  private homeOf(user: string): string | undefined {
    const passwd = readFile(this.session.fs, this.access, '/etc/passwd');
    if (!passwd.ok) return undefined;
    const entry = (passwd.value.content ?? '').split('\n').map((l) => l.split(':')).find((f) => f[0] === user);
    return entry?.[5];
  }
}

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** ash and bash quote traced words that need it: `+ echo 'a b'` (dash does not). */
function quoteForTrace(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}
