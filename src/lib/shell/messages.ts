/** The shell's own error texts (not a program's), in dash's or BusyBox ash's words. */
import type { FsError } from '../vfs/index.ts';
import type { Flavor } from './command.ts';

/** `/bin/sh: 1: ` (dash, with the line) or `/bin/sh: ` (ash). */
export const shellPrefix = (flavor: Flavor, name: string, line: number): string =>
  flavor === 'busybox' ? `${name}: ` : `${name}: ${line}: `;

/** Opening a redirection target for writing failed. */
export function cannotCreate(flavor: Flavor, path: string, error: FsError): string {
  if (flavor === 'busybox') return `can't create ${path}: ${error.code === 'ENOENT' ? 'nonexistent directory' : error.message}`;
  return `cannot create ${path}: ${error.code === 'ENOENT' ? 'Directory nonexistent' : error.message}`;
}

/** Opening a redirection source for reading failed. */
export function cannotOpen(flavor: Flavor, path: string, error: FsError): string {
  if (flavor === 'busybox') return `can't open ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`;
  return `cannot open ${path}: ${error.code === 'ENOENT' ? 'No such file' : error.message}`;
}

/** Status of a failed redirection: dash 2, ash 1. */
export const redirectFailureStatus = (flavor: Flavor): number => (flavor === 'busybox' ? 1 : 2);

export const notSimulated = (name: string, path: string): string =>
  `${name}: not simulated by Stagecraft (${path} is in the image, but the simulator has no implementation of it)`;

/** Why a program could not be started. */
export type ExecFailure = { kind: 'not-found' | 'denied'; name: string } | { kind: 'not-simulated'; name: string; path: string };

/** The shell's words: `go: not found`, `./x: Permission denied`. */
export function shellExecFailure(failure: ExecFailure): string {
  if (failure.kind === 'not-simulated') return notSimulated(failure.name, failure.path);
  return `${failure.name}: ${failure.kind === 'not-found' ? 'not found' : 'Permission denied'}`;
}

/** A program's words when the program it runs cannot start (env, xargs, find -exec). */
export function execFailure(failure: ExecFailure, flavor: Flavor): string {
  if (failure.kind === 'not-simulated') return notSimulated(failure.name, failure.path);
  const reason = failure.kind === 'not-found' ? 'No such file or directory' : 'Permission denied';
  return flavor === 'busybox' ? `can't execute '${failure.name}': ${reason}` : `'${failure.name}': ${reason}`;
}
