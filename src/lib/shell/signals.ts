/**
 * Control flow inside the interpreter (exit, return, break, continue, a limit reached). These are
 * thrown and caught only within the shell module; runShell turns them into values.
 */
import type { LimitName } from './limits.ts';

export class ExitSignal {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

export class ReturnSignal {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

/** `break n` / `continue n`: `levels` loops to leave (1 = the innermost). */
export class LoopSignal {
  readonly kind: 'break' | 'continue';
  readonly levels: number;
  constructor(kind: 'break' | 'continue', levels: number) {
    this.kind = kind;
    this.levels = levels;
  }
}

export class LimitSignal {
  readonly limit: LimitName;
  constructor(limit: LimitName) {
    this.limit = limit;
  }
}
