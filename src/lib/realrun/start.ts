/**
 * The container's command as the real mode starts it: the node images' entrypoint applied, a
 * `sh -c "..."` read with the shell parser, and the program checked to be a Node tool the image has.
 * Errors are one sentence for the learner's terminal.
 */
import type { Result } from '../diagnostics.ts';
import { DEFAULT_PATH } from '../images/index.ts';
import { normalizePath } from '../vfs/index.ts';
import { findCommand, type ImageLookup } from './image-lookup.ts';
import { afterEntrypoint, isNodeTool } from './node-tools.ts';
import { shellScriptOf, splitScript } from './script.ts';

export const ONLY_NODE = 'the real mode runs only Node programs (node, npm, npx)';

export interface StartContext {
  image: string;
  lookup: ImageLookup;
  /** The container's variables (for `$VAR` in a `sh -c` command and for PATH). */
  vars: ReadonlyMap<string, string>;
  workdir: string;
}

/** A program and its arguments, and the folder it starts in (a `cd` in `sh -c` moves it). */
export interface StartArgv {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/**
 * What the container runs: `before` are the commands a `sh -c "a && b && c"` runs ahead of the last
 * one (replayed like RUN steps, stopping at a failure), `start` is the program it ends with.
 * `shown` is the command line as the image has it, after the entrypoint.
 */
export interface ContainerCommand {
  before: StartArgv[];
  start: StartArgv;
  shown: string;
}

const shown = (argv: readonly string[]): string => argv.join(' ');

/** The commands of `sh -c SCRIPT` with the folder each runs in, or why the script cannot be followed. */
function scriptCommands(intro: string, script: string, ctx: StartContext): Result<StartArgv[], string> {
  const parts = splitScript(script, (name) => ctx.vars.get(name));
  if (!parts.ok) return { ok: false, error: `${intro}, and ${parts.error}: the real mode starts only plain commands.` };
  let cwd = ctx.workdir;
  const commands: StartArgv[] = [];
  for (const part of parts.value) {
    if (part.kind === 'unsupported') return { ok: false, error: `${intro}, and ${part.why}.` };
    if (part.kind === 'cd') cwd = normalizePath(part.dir, cwd);
    else commands.push({ argv: part.argv, env: part.env, cwd });
  }
  return commands.length === 0 ? { ok: false, error: `${intro}, which starts no program.` } : { ok: true, value: commands };
}

export function resolveStart(argv: readonly string[], ctx: StartContext): Result<ContainerCommand, string> {
  // Docker gives a container without PATH in its env the default one.
  const path = ctx.vars.get('PATH') ?? DEFAULT_PATH;
  const command = afterEntrypoint(argv, ctx.lookup, path, ctx.workdir);
  const [program] = command;
  if (program === undefined) return { ok: false, error: `${ctx.image} has no command to run: give one after the image name, e.g. \`node -e "console.log(1)"\`.` };
  let commands: StartArgv[] = [{ argv: command, env: {}, cwd: ctx.workdir }];
  let line = shown(command);
  const script = shellScriptOf(command);
  if (script !== null) {
    line = `${shown(command.slice(0, 2))} "${script}"`;
    const split = scriptCommands(`${ctx.image} runs \`${line}\``, script, ctx);
    if (!split.ok) return split;
    commands = split.value;
  }
  for (const c of commands) {
    const [tool] = c.argv;
    if (tool === undefined || !isNodeTool(tool)) return { ok: false, error: `${ctx.image} runs \`${shown(c.argv)}\`, not Node: ${ONLY_NODE}.` };
    if (findCommand(ctx.lookup, tool, path, c.cwd) === null) {
      return { ok: false, error: `${ctx.image} runs \`${shown(c.argv)}\`, but the image has no \`${tool}\` on its PATH, so Docker could not start it either.` };
    }
  }
  const start = commands.at(-1) as StartArgv;
  return { ok: true, value: { before: commands.slice(0, -1), start, shown: line } };
}
