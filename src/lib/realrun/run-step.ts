/**
 * A RUN instruction as real steps: its Node commands run for real (grouped in order), every other
 * command is skipped with the reason, and constructs the real mode cannot follow skip the whole RUN.
 */
import type { RunInstruction } from '../dockerfile/index.ts';
import { normalizePath } from '../vfs/index.ts';
import { inStage } from './folders.ts';
import { baseName, isNodeTool } from './node-tools.ts';
import { shellScriptOf, splitScript, type ScriptPart } from './script.ts';
import type { StageScope } from './scope.ts';
import type { RealCommand, RealStep } from './types.ts';

export interface RunContext {
  stage: string;
  label: string;
  instruction: string;
  scope: StageScope;
  rewrite: (arg: string) => string;
}

const OS_PACKAGES = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'dpkg', 'rpm', 'pip', 'pip3']);
const USERS = new Set(['adduser', 'useradd', 'addgroup', 'groupadd', 'usermod', 'chown', 'chmod', 'chgrp', 'su', 'sudo']);

/** Why a command that is not a Node tool is not run: one sentence part. */
function notNodeWhy(text: string, program: string): string {
  const name = baseName(program);
  if (OS_PACKAGES.has(name)) return `\`${text}\` installs system packages, which a WebContainer does not have`;
  if (USERS.has(name)) return `\`${text}\` changes Linux users or owners, and a WebContainer has only its own user`;
  return `\`${text}\` runs ${name}, not a Node tool (the real mode runs only node, npm, npx, yarn, pnpm and corepack)`;
}

/** What a `--mount` does to the replay: null = run without it (the note says so), else why the RUN is skipped. */
function mountProblem(type: string, raw: string): string | null {
  switch (type) {
    case 'cache':
    case 'tmpfs':
      return null;
    case 'secret':
      return `it reads a build secret (\`--mount=${raw}\`), which the real mode does not have`;
    case 'ssh':
      return `it uses the SSH agent (\`--mount=${raw}\`), which the real mode does not have`;
    default:
      return `it reads files through \`--mount=${raw}\`, which the real mode does not mount`;
  }
}

export function runSteps(ins: RunInstruction, ctx: RunContext): { steps: RealStep[]; notes: string[] } {
  const at = { stage: ctx.stage, line: ins.range.line, label: ctx.label, instruction: ctx.instruction };
  const skip = (why: string): { steps: RealStep[]; notes: string[] } => ({ steps: [{ kind: 'skip', ...at, why }], notes: [] });
  const notes: string[] = [];
  for (const mount of ins.mounts) {
    const type = mount.fields['type'] ?? 'bind';
    const problem = mountProblem(type, mount.raw);
    if (problem !== null) return skip(problem);
    notes.push(`RUN at line ${ins.range.line} runs without its \`--mount=${mount.raw}\`, so nothing is kept between runs.`);
  }
  if (ins.heredocs.length > 0) return skip('it runs a heredoc script, which the real mode does not replay');
  // Shell form, or an exec form that is itself `sh -c SCRIPT`: the script's commands; else the one argv.
  const script = ins.command.form === 'shell' ? (ins.command.args[0] ?? '') : shellScriptOf(ins.command.args);
  let parts: ScriptPart[] = [{ kind: 'command', argv: [...ins.command.args], env: {}, text: ins.command.args.join(' ') }];
  if (script !== null) {
    const split = splitScript(script, ctx.scope.lookup);
    if (!split.ok) return skip(split.error);
    parts = split.value;
  }
  const steps: RealStep[] = [];
  let commands: RealCommand[] = [];
  const flush = (): void => {
    if (commands.length > 0) steps.push({ kind: 'run', ...at, commands });
    commands = [];
  };
  let cwd = ctx.scope.workdir;
  const env = ctx.scope.processEnv();
  for (const part of parts) {
    if (part.kind === 'cd') {
      cwd = normalizePath(part.dir, cwd);
      continue;
    }
    const [program, ...args] = part.kind === 'command' ? part.argv : [];
    // `set -eux` only sets shell options; the replay already stops at the first failure.
    if (program === 'set' && args.every((a) => /^[-+][a-z]+$/.test(a))) continue;
    if (part.kind === 'command' && program !== undefined && isNodeTool(program)) {
      commands.push({ command: baseName(program), args: args.map(ctx.rewrite), cwd: inStage(ctx.stage, cwd), env: { ...env, ...part.env } });
      continue;
    }
    flush();
    steps.push({ kind: 'skip', ...at, why: part.kind === 'unsupported' ? part.why : notNodeWhy(part.text, program ?? '') });
  }
  flush();
  return { steps, notes };
}
