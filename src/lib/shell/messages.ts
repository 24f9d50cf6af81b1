/** The shell's own error texts (not a program's), in dash's, BusyBox ash's or bash's words. */
import type { FsError } from '../vfs/index.ts';
import type { Flavor } from './command.ts';

/** Which shell is speaking: dash (Debian's /bin/sh), BusyBox ash (Alpine's), or bash. */
export type Dialect = 'dash' | 'ash' | 'bash';

/** `/bin/sh: 1: ` (dash, with the line), `/bin/sh: ` (ash), `bash: line 1: ` (bash). */
export function shellPrefix(dialect: Dialect, name: string, line: number): string {
  if (dialect === 'ash') return `${name}: `;
  return dialect === 'bash' ? `${name}: line ${line}: ` : `${name}: ${line}: `;
}

/** Opening a redirection target for writing failed. */
export function cannotCreate(dialect: Dialect, path: string, error: FsError): string {
  if (dialect === 'bash') return `${path}: ${error.message}`;
  if (dialect === 'ash') return `can't create ${path}: ${error.code === 'ENOENT' ? 'nonexistent directory' : error.message}`;
  return `cannot create ${path}: ${error.code === 'ENOENT' ? 'Directory nonexistent' : error.message}`;
}

/** Opening a redirection source for reading failed. */
export function cannotOpen(dialect: Dialect, path: string, error: FsError): string {
  if (dialect === 'bash') return `${path}: ${error.message}`;
  if (dialect === 'ash') return `can't open ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`;
  return `cannot open ${path}: ${error.code === 'ENOENT' ? 'No such file' : error.message}`;
}

/** Status of a failed redirection: dash 2, ash and bash 1. */
export const redirectFailureStatus = (dialect: Dialect): number => (dialect === 'dash' ? 2 : 1);

export const notSimulated = (name: string, path: string): string =>
  `${name}: not simulated by Stagecraft (${path} is in the image, but the simulator has no implementation of it)`;

/**
 * Why a program could not be started. `missing-interpreter`: the file is there but execve fails with
 * ENOENT, because the ELF loader or the `#!` interpreter it names is not (see program.ts).
 */
export type ExecFailure =
  | { kind: 'not-found' | 'denied'; name: string }
  | { kind: 'not-simulated' | 'missing-interpreter'; name: string; path: string };

/**
 * The shell's words: `go: not found` (bash: `go: command not found`), `./x: Permission denied`. A file
 * execve cannot start for a missing interpreter reads like a missing file in dash and ash; bash 5.2
 * names the path it found and says `cannot execute: required file not found`.
 */
export function shellExecFailure(failure: ExecFailure, dialect: Dialect): string {
  if (failure.kind === 'not-simulated') return notSimulated(failure.name, failure.path);
  if (failure.kind === 'denied') return `${failure.name}: Permission denied`;
  if (failure.kind === 'missing-interpreter' && dialect === 'bash') return `${failure.path}: cannot execute: required file not found`;
  return `${failure.name}: ${dialect === 'bash' ? 'command not found' : 'not found'}`;
}

/** A program's words when the program it runs cannot start (env, xargs, find -exec). */
export function execFailure(failure: ExecFailure, flavor: Flavor): string {
  if (failure.kind === 'not-simulated') return notSimulated(failure.name, failure.path);
  const reason = failure.kind === 'denied' ? 'Permission denied' : 'No such file or directory';
  return flavor === 'busybox' ? `can't execute '${failure.name}': ${reason}` : `'${failure.name}': ${reason}`;
}
