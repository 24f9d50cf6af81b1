/** The standard streams of a command inside the interpreter. */
import type { Terminal, Writer } from './command.ts';

/** Standard input, consumed as it is read: `while read l; do ...; done < file` reads a line per turn. */
export class InputStream {
  private readonly text: string;
  private pos = 0;
  /** Set when standard input is a terminal. */
  readonly terminal: Terminal | undefined;
  constructor(text: string, terminal?: Terminal) {
    this.text = text;
    this.terminal = terminal;
  }
  /** Everything not read yet. */
  readAll(): string {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }
  /** The next line without its newline; undefined at the end. `complete` is false for a last line without newline. */
  readLine(): { line: string; complete: boolean } | undefined {
    if (this.pos >= this.text.length) return undefined;
    const end = this.text.indexOf('\n', this.pos);
    const line = this.text.slice(this.pos, end === -1 ? undefined : end);
    this.pos = end === -1 ? this.text.length : end + 1;
    return { line, complete: end !== -1 };
  }
}

export interface IO {
  stdin: InputStream;
  stdout: Writer;
  stderr: Writer;
}

export const NULL_WRITER: Writer = { write: () => undefined };

export const emptyInput = (): InputStream => new InputStream('');
