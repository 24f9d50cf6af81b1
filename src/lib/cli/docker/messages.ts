/** The docker CLI's own words (docker/cli 28-29, cobra + pflag) for usage errors and daemon errors. */

export interface CommandLine {
  /** `docker run` */
  path: string;
  /** `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]` */
  use: string;
}

/** A bad flag: pflag's message, the usage line, and where help is; exit status 125. */
export const flagError = (cmd: CommandLine, error: string): string =>
  `${error}\n\nUsage:  ${cmd.use}\n\nRun '${cmd.path} --help' for more information\n`;

const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');

export const requiresAtLeast = (cmd: CommandLine, n: number): string =>
  `docker: '${cmd.path}' requires at least ${n} ${plural(n)}\n\nUsage:  ${cmd.use}\n\nSee '${cmd.path} --help' for more information\n`;

export const requiresExactly = (cmd: CommandLine, n: number): string =>
  `docker: '${cmd.path}' requires ${n} ${plural(n)}\n\nUsage:  ${cmd.use}\n\nRun '${cmd.path} --help' for more information\n`;

export const requiresAtMost = (cmd: CommandLine, n: number): string =>
  `docker: '${cmd.path}' requires at most ${n} ${plural(n)}\n\nUsage:  ${cmd.use}\n\nRun '${cmd.path} --help' for more information\n`;

export const acceptsNoArguments = (cmd: CommandLine): string =>
  `docker: '${cmd.path}' accepts no arguments\n\nUsage:  ${cmd.use}\n\nRun '${cmd.path} --help' for more information\n`;

export const unknownCommand = (parent: string, name: string): string =>
  `docker: unknown command: ${parent} ${name}\n\nRun '${parent} --help' for more information\n`;

/** `docker run`'s wrapping of an error from the daemon (withHelp in docker/cli). */
export const runDaemonError = (message: string): string =>
  `docker: Error response from daemon: ${message}\n\nRun 'docker run --help' for more information\n`;

/** runc's words when the container's first process cannot start. */
export const ociStartError = (exec: string): string =>
  `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${exec}: unknown`;

export const noSuchImage = (ref: string): string => `Error response from daemon: No such image: ${ref}\n`;

/** There is no registry behind this terminal: say what Docker would try, and that it cannot here. */
export const offlinePull = (ref: string): string =>
  `Unable to find image '${ref}' locally\n` +
  runDaemonError(`pull access denied for ${ref.replace(/:[^:/]*$/, '')}, repository does not exist or may require 'docker login'`) +
  `(Stagecraft: this terminal is offline and has no registry; only images built here can run. Try: docker build -t ${ref.replace(/:latest$/, '')} .)\n`;
