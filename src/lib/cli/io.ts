/**
 * The seam between commands and their host (Node in a terminal, the browser terminal later):
 * commands only talk to a CliIo, never to process, fs or the DOM.
 */
import type { Result } from '../diagnostics.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read a text file; a relative path is relative to `cwd`. The error is a message for the user. */
  readFile(path: string): Result<string, string>;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** A `stagecraft <name> ...` command. Returns the exit status. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  run(args: readonly string[], io: CliIo): number | Promise<number>;
}

/** A CliIo that records output, for tests and for hosts that render output themselves. */
export function memoryIo(files: Readonly<Record<string, string>> = {}, cwd = '/'): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    env: {},
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readFile(path: string): Result<string, string> {
      const key = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
      const content = files[key] ?? files[path];
      return content === undefined
        ? { ok: false, error: `open ${path}: no such file or directory` }
        : { ok: true, value: content };
    },
  };
  return io;
}
