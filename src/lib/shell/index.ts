/**
 * The RUN shell: /bin/sh semantics (lexer → AST → interpreter) over the vfs, programs resolved
 * through PATH in the image's own filesystem, real coreutils and simulated toolchains.
 */
export { runShell, runArgv, shellDialect, DEFAULT_NOW, LIMIT_STATUS } from './run.ts';
export type { ShellRunOptions, ShellResult, ShellError } from './run.ts';
export { openShell } from './interactive.ts';
export type { InteractiveShell, LineResult } from './interactive.ts';
export { createRegistry, NOT_SIMULATED_STATUS } from './command.ts';
export type { Command, CommandContext, ExecOptions, Flavor, Registry, SimulatedEffect, Terminal, Writer } from './command.ts';
export { DEFAULT_LIMITS } from './limits.ts';
export type { Limits, LimitName } from './limits.ts';
export { defaultRegistry } from './programs/index.ts';
export { realCommands } from './programs/real/index.ts';
export { parseScript } from './parser.ts';
export type { Redirect, SimpleCommand, Word } from './ast.ts';
/** sh's glob matching (fnmatch), for callers that must match as the shell does. */
export { hasWildcard, matchPattern } from './pattern.ts';
export type { ParseResult } from './parser.ts';
export type { SyntaxError, SyntaxProblem } from './syntax-error.ts';
export { bashSyntaxError, syntaxErrorText } from './syntax-error.ts';
export type { Dialect } from './messages.ts';
export { DEFAULT_PATH } from './program.ts';
/** The package and toolchain catalogues the simulated programs read (for the /reference page). */
export {
  aptCatalogue,
  apkCatalogue,
  npmCatalogue,
  toolchainCatalogue,
  downloadCatalogue,
  composerCatalogue,
} from './programs/simulated/catalogues.ts';
export type {
  AptCatalogue,
  AptPackage,
  ApkCatalogue,
  ApkPackage,
  BulkEntry,
  CatalogueFile,
  ComposerCatalogue,
  ComposerPackage,
  DownloadCatalogue,
  NpmCatalogue,
  NpmPackage,
  PackageContents,
  PipPackage,
  Ratio,
  Sourced,
  ToolchainCatalogue,
} from './programs/simulated/catalogues.ts';
