/** `stagecraft parse [--format json|text] FILE`: show how BuildKit's parser reads a Dockerfile. */
import type { Command } from '../io.ts';
import { parseDockerfile } from '../../dockerfile/index.ts';
import { parseJson, parseText } from '../parse-output.ts';

const usage = 'Usage: stagecraft parse [--format json|text] FILE\n';

export const parseCommand: Command = {
  name: 'parse',
  summary: 'Show the instructions, stages and diagnostics of a Dockerfile',
  usage,
  run(args, io) {
    let format = 'text';
    let file: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '--help' || a === '-h') {
        io.stdout(usage);
        return 0;
      }
      if (a === '--format' || a.startsWith('--format=')) {
        const value = a === '--format' ? args[++i] : a.slice('--format='.length);
        if (value !== 'json' && value !== 'text') {
          io.stderr(`stagecraft parse: --format must be json or text\n${usage}`);
          return 2;
        }
        format = value;
        continue;
      }
      if (a.startsWith('-') && a !== '-') {
        io.stderr(`stagecraft parse: unknown option ${a}\n${usage}`);
        return 2;
      }
      if (file !== undefined) {
        io.stderr(`stagecraft parse: only one FILE\n${usage}`);
        return 2;
      }
      file = a;
    }
    if (file === undefined) {
      io.stderr(usage);
      return 2;
    }
    const text = io.readFile(file);
    if (!text.ok) {
      io.stderr(`stagecraft parse: ${text.error}\n`);
      return 1;
    }
    const result = parseDockerfile(text.value);
    io.stdout(format === 'json' ? parseJson(result) : parseText(result));
    return result.ok ? 0 : 1;
  },
};
