/**
 * The container's command as the real mode starts it: the node images' entrypoint applied, a
 * `sh -c "..."` read with the shell parser, and the program checked to be a Node tool the image has.
 * Errors are one sentence for the learner's terminal.
 */
import type { Result } from '../diagnostics.ts';
import { normalizePath } from '../vfs/index.ts';
import { findCommand, type ImageLookup } from './image-lookup.ts';
import { afterEntrypoint, baseName, isNodeTool } from './node-tools.ts';
import { splitScript } from './script.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

export const ONLY_NODE = 'the real mode runs only Node programs (node, npm, npx)';

export interface StartContext {
  image: string;
  lookup: ImageLookup;
  /** The container's variables (for `$VAR` in a `sh -c` command and for PATH). */
  vars: ReadonlyMap<string, string>;
  workdir: string;
}

/** The program and its arguments, and the folder it starts in (a `cd` in `sh -c` moves it). */
export interface StartArgv {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

const shown = (argv: readonly string[]): string => argv.join(' ');

export function resolveStart(argv: readonly string[], ctx: StartContext): Result<StartArgv, string> {
  const path = ctx.vars.get('PATH') ?? '';
  const command = afterEntrypoint(argv, ctx.lookup, path, ctx.workdir);
  const [program] = command;
  if (program === undefined) return { ok: false, error: `${ctx.image} has no command to run: give one after the image name, e.g. \`node -e "console.log(1)"\`.` };
  let cwd = ctx.workdir;
  let resolved: { argv: string[]; env: Record<string, string> } = { argv: command, env: {} };
  const script = command[2];
  if (SHELLS.has(baseName(program)) && command[1] === '-c' && script !== undefined) {
    const parts = splitScript(script, (name) => ctx.vars.get(name));
    const intro = `${ctx.image} runs \`${shown(command.slice(0, 2))} "${script}"\``;
    if (!parts.ok) return { ok: false, error: `${intro}, and ${parts.error}: the real mode starts one plain command.` };
    const commands: { argv: string[]; env: Record<string, string> }[] = [];
    for (const part of parts.value) {
      if (part.kind === 'unsupported') return { ok: false, error: `${intro}, and ${part.why}.` };
      if (part.kind === 'cd' && commands.length === 0) cwd = normalizePath(part.dir, cwd);
      else if (part.kind === 'command') commands.push(part);
      else return { ok: false, error: `${intro}, and its \`${part.text}\` comes after a command: the real mode starts one plain command.` };
    }
    const [only, ...more] = commands;
    if (only === undefined) return { ok: false, error: `${intro}, which starts no program.` };
    if (more.length > 0) return { ok: false, error: `${intro}, which starts ${commands.length} programs one after another: the real mode starts one plain command.` };
    resolved = only;
  }
  const [tool] = resolved.argv;
  if (tool === undefined || !isNodeTool(tool)) return { ok: false, error: `${ctx.image} runs \`${shown(resolved.argv)}\`, not Node: ${ONLY_NODE}.` };
  if (findCommand(ctx.lookup, tool, path, cwd) === null) {
    return { ok: false, error: `${ctx.image} runs \`${shown(resolved.argv)}\`, but the image has no \`${tool}\` on its PATH, so Docker could not start it either.` };
  }
  return { ok: true, value: { argv: resolved.argv, env: resolved.env, cwd } };
}
