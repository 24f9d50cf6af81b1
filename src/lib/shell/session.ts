/**
 * What one run of the shell shares across subshells, pipelines and child programs: the filesystem
 * (a subshell's writes are real writes), the effects, the counters behind the limits.
 */
import type { Cred, DirNode } from '../vfs/index.ts';
import type { Registry, SimulatedEffect, Terminal, Writer } from './command.ts';
import type { Limits } from './limits.ts';
import { LimitSignal } from './signals.ts';

export interface Session {
  fs: DirNode;
  readonly cred: Cred;
  readonly user: string;
  readonly registry: Registry;
  readonly limits: Readonly<Limits>;
  readonly now: number;
  readonly hostname: string;
  readonly effects: SimulatedEffect[];
  readonly counters: { commands: number; loops: number; output: number };
}

export function countCommand(session: Session): void {
  if (++session.counters.commands > session.limits.maxCommands) throw new LimitSignal('maxCommands');
}

export function countLoop(session: Session): void {
  if (++session.counters.loops > session.limits.maxLoopIterations) throw new LimitSignal('maxLoopIterations');
}

function countOutput(session: Session, text: string): void {
  session.counters.output += text.length;
  if (session.counters.output > session.limits.maxOutputBytes) throw new LimitSignal('maxOutputBytes');
}

/** Collects text (the script's stdout/stderr, a pipe, a command substitution), counting it against the limit. */
export class BufferWriter implements Writer {
  text = '';
  private readonly session: Session;
  readonly terminal: Terminal | undefined;
  /** With `terminal`, the buffer stands for the terminal's screen (the shell's own stdout or stderr). */
  constructor(session: Session, terminal?: Terminal) {
    this.session = session;
    this.terminal = terminal;
  }
  write(text: string): void {
    countOutput(this.session, text);
    this.text += text;
  }
}

/** Forwards to another writer, counting on the way (used for files and /dev/null too). */
export class CountingWriter implements Writer {
  private readonly session: Session;
  private readonly sink: (text: string) => void;
  constructor(session: Session, sink: (text: string) => void) {
    this.session = session;
    this.sink = sink;
  }
  write(text: string): void {
    countOutput(this.session, text);
    this.sink(text);
  }
}

/** The shell programs: run inside the current session rather than as opaque commands. */
export const SHELL_NAMES: ReadonlySet<string> = new Set(['sh', 'ash', 'dash', 'bash']);


