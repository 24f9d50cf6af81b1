/** A `docker` subcommand: its usage line, flags, argument count and what it does. */
import type { FlagSpec, ParsedFlags } from './flags.ts';
import type { DockerDaemon, DockerIo } from './daemon.ts';
import type { CommandLine } from './messages.ts';
import type { ContainerShell } from './container-shell.ts';
import type { RealRunPlan } from '../../realrun/types.ts';

export interface DockerOutcome {
  status: number;
  /** `docker run -it IMAGE sh`: the shell now attached to the terminal. */
  shell?: ContainerShell;
  /** `docker run --real`: what the page should run in a WebContainer; its exit code is the command's. */
  real?: RealRunPlan;
}

export interface DockerContext {
  daemon: DockerDaemon;
  io: DockerIo;
}

export interface DockerCommand extends CommandLine {
  /** The word after `docker` (or after `docker image`). */
  name: string;
  summary: string;
  flags: readonly FlagSpec[];
  /** false: flags end at the first argument (`docker run IMAGE ls -l`). Default true. */
  interspersed?: boolean;
  args: { min: number; max?: number };
  run(flags: ParsedFlags, ctx: DockerContext): DockerOutcome | Promise<DockerOutcome>;
}

export const status = (code: number): DockerOutcome => ({ status: code });
