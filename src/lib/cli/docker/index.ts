/**
 * The `docker` command line of the browser terminal: build, run (with an interactive shell), images,
 * history, inspect, tag, rmi, image prune, system df, over an in-memory daemon shared with the
 * playground (image store, build cache, context).
 */
export { runDocker, dockerHelp, topCommands, groups } from './docker.ts';
export { createDaemon, type DaemonOptions, type DockerDaemon, type DockerIo } from './daemon.ts';
export type { DockerCommand, DockerContext, DockerOutcome } from './command.ts';
export type { ContainerShell, ShellLineResult } from './container-shell.ts';
export { absolutePath, displayPath, entryKind, listDir, playgroundContext, PROJECT_DIR, resolveContextPath, subContext, type ContextEntry, type EntryKind } from './context-files.ts';
export { parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
export { formatTtyProgress } from './tty-progress.ts';
export { treeFromFiles } from './container-fs.ts';
