/** `stagecraft <command> [args]`: the command registry and dispatch, host-independent. */
import type { CliIo, Command } from './io.ts';
import { parseCommand } from './commands/parse.ts';
import { buildCommand } from './commands/build.ts';
import { imagesCommand } from './commands/images.ts';
import { historyCommand } from './commands/history.ts';
import { inspectCommand } from './commands/inspect.ts';
import { rmiCommand } from './commands/rmi.ts';
import { checkCommand } from './commands/check.ts';

/** One line per command; other modules add theirs here. */
export const commands: readonly Command[] = [parseCommand, buildCommand, imagesCommand, historyCommand, inspectCommand, rmiCommand, checkCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: stagecraft <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/** Run one command line; resolves to the exit status (2 = usage error). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`stagecraft: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  return command.run(rest, io);
}
