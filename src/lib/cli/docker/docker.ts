/**
 * `docker <command>`: the command tree (top-level commands, `docker image ...`, `docker system df`),
 * flag parsing, argument counts and help, with the docker CLI's words for every usage error.
 */
import { buildCommand } from './build.ts';
import { status, type DockerCommand, type DockerContext, type DockerOutcome } from './command.ts';
import { flagHelp, parseFlags } from './flags.ts';
import { historyCommand, imageInspectCommand, imagesCommand, inspectCommand, pruneCommand, rmiCommand, tagCommand } from './image-commands.ts';
import { acceptsNoArguments, flagError, requiresAtLeast, requiresAtMost, requiresExactly, unknownCommand } from './messages.ts';
import { runCommand } from './run.ts';
import { systemDfCommand } from './system-df.ts';

interface Group {
  name: string;
  summary: string;
  commands: readonly DockerCommand[];
}

const as = (c: DockerCommand, name: string, path: string, use: string): DockerCommand => ({ ...c, name, path, use });

export const topCommands: readonly DockerCommand[] = [runCommand, buildCommand, imagesCommand, historyCommand, inspectCommand, tagCommand, rmiCommand];

export const groups: readonly Group[] = [
  {
    name: 'image',
    summary: 'Manage images',
    commands: [
      as(buildCommand, 'build', 'docker buildx build', buildCommand.use),
      as(historyCommand, 'history', 'docker image history', 'docker image history [OPTIONS] IMAGE'),
      imageInspectCommand,
      as(imagesCommand, 'ls', 'docker image ls', 'docker image ls [OPTIONS] [REPOSITORY[:TAG]]'),
      pruneCommand,
      as(rmiCommand, 'rm', 'docker image rm', 'docker image rm [OPTIONS] IMAGE [IMAGE...]'),
      as(tagCommand, 'tag', 'docker image tag', tagCommand.use),
    ],
  },
  { name: 'system', summary: 'Manage Docker', commands: [systemDfCommand] },
  { name: 'container', summary: 'Manage containers', commands: [as(runCommand, 'run', 'docker container run', 'docker container run [OPTIONS] IMAGE [COMMAND] [ARG...]')] },
];

/** Real docker commands this terminal does not simulate: named honestly instead of "unknown". */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  ps: 'no container outlives its `docker run` here, so there are none to list',
  exec: 'no container keeps running here; use `docker run -it IMAGE sh` for a shell',
  logs: 'containers are not kept after they run',
  start: 'containers are not kept after they run',
  stop: 'containers are not kept after they run',
  rm: 'containers are not kept after they run (images: docker rmi)',
  pull: 'there is no registry; `docker run` takes catalogue images directly',
  push: 'there is no registry',
  login: 'there is no registry',
  compose: 'Compose is not part of this simulator',
  buildx: 'use `docker build`',
  version: 'this is Stagecraft\'s simulated docker CLI, not a real engine',
  info: 'this is Stagecraft\'s simulated docker CLI, not a real engine',
  volume: 'volumes are not simulated',
  network: 'networks are not simulated',
  'system prune': 'use `docker image prune`; there are no containers, volumes or networks to prune',
  'system info': 'this is Stagecraft\'s simulated docker CLI, not a real engine',
  'image pull': 'there is no registry; `docker run` takes catalogue images directly',
  'image push': 'there is no registry',
  'image save': 'images cannot leave the browser here',
  'image load': 'images cannot come into the browser here',
  'container ls': 'no container outlives its `docker run` here, so there are none to list',
  'container exec': 'no container keeps running here; use `docker run -it IMAGE sh` for a shell',
};

function commandHelp(c: DockerCommand): string {
  return `Usage:  ${c.use}\n\n${c.summary}\n${c.flags.length > 0 ? `\nOptions:\n${flagHelp(c.flags)}` : ''}\nStagecraft simulates the options listed here.\n`;
}

function listHelp(use: string, summary: string, items: readonly { name: string; summary: string }[], path: string): string {
  const rows = items.map((c) => `  ${c.name.padEnd(11)} ${c.summary}\n`).join('');
  return `Usage:  ${use}\n\n${summary}\n\nCommands:\n${rows}\nRun '${path} COMMAND --help' for more information on a command.\n`;
}

export function dockerHelp(): string {
  const items = [...topCommands, ...groups];
  return listHelp('docker [OPTIONS] COMMAND', "A self-sufficient runtime for containers (Stagecraft's simulation: images are built and run in your browser)", items, 'docker');
}

async function runOne(c: DockerCommand, argv: readonly string[], ctx: DockerContext): Promise<DockerOutcome> {
  const parsed = parseFlags(argv, c.flags, c.interspersed ?? true);
  if (!parsed.ok) {
    ctx.io.stderr(flagError(c, parsed.error));
    return status(125);
  }
  if (parsed.value.help) {
    ctx.io.stdout(commandHelp(c));
    return status(0);
  }
  const n = parsed.value.args.length;
  const { min, max } = c.args;
  if (n < min || (max !== undefined && n > max)) {
    // cobra's validators: NoArgs, ExactArgs, MaximumNArgs (`min` 0), MinimumNArgs.
    const words =
      max === 0 ? acceptsNoArguments(c) : min === max ? requiresExactly(c, min) : max !== undefined && n > max && min === 0 ? requiresAtMost(c, max) : requiresAtLeast(c, min);
    ctx.io.stderr(words);
    return status(1);
  }
  return c.run(parsed.value, ctx);
}

/** Runs `docker <argv...>`. */
export async function runDocker(argv: readonly string[], ctx: DockerContext): Promise<DockerOutcome> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.io.stdout(dockerHelp());
    return status(0);
  }
  if (name.startsWith('-')) {
    ctx.io.stderr(`unknown flag: ${name}\n\nUsage:  docker [OPTIONS] COMMAND\n\nRun 'docker --help' for more information\n`);
    return status(125);
  }
  const top = topCommands.find((c) => c.name === name);
  if (top !== undefined) return runOne(top, rest, ctx);
  const group = groups.find((g) => g.name === name);
  if (group !== undefined) {
    const [sub, ...subRest] = rest;
    const path = `docker ${group.name}`;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      ctx.io.stdout(listHelp(`${path} COMMAND`, group.summary, group.commands, path));
      return status(0);
    }
    const c = group.commands.find((x) => x.name === sub);
    if (c !== undefined) return runOne(c, subRest, ctx);
    return unknown(`${group.name} ${sub}`, path, sub, ctx);
  }
  return unknown(name, 'docker', name, ctx);
}

/** A real docker command that is not simulated says so; anything else gets docker's "unknown command". */
function unknown(command: string, parent: string, word: string, ctx: DockerContext): DockerOutcome {
  const why = NOT_SIMULATED[command];
  ctx.io.stderr(why === undefined ? unknownCommand(parent, word) : `docker ${command}: not simulated by Stagecraft (${why}).\n`);
  return status(1);
}
