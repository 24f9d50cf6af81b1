/**
 * Which programs the real mode runs (the Node tools a WebContainer has), and the node images'
 * `docker-entrypoint.sh`, whose rule decides what the container really starts.
 */
import { findCommand, type ImageLookup } from './image-lookup.ts';

export const NODE_TOOLS: readonly string[] = ['node', 'npm', 'npx', 'yarn', 'pnpm', 'corepack'];

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const isNodeTool = (program: string): boolean => NODE_TOOLS.includes(baseName(program));

/** Where the node images keep their entrypoint (nginx's `/docker-entrypoint.sh` is another script). */
const NODE_ENTRYPOINT = '/usr/local/bin/docker-entrypoint.sh';

/**
 * The argv after the node images' entrypoint, which runs `node "$@"` when the first argument starts
 * with `-`, is not a command (`command -v` finds nothing), or is a file that is not executable, and
 * `exec "$@"` otherwise. Another image's `docker-entrypoint.sh` is taken to end in `exec "$@"` too.
 */
export function afterEntrypoint(argv: readonly string[], lookup: ImageLookup, path: string, cwd: string): string[] {
  const [program, ...args] = argv;
  if (program === undefined || baseName(program) !== 'docker-entrypoint.sh') return [...argv];
  if (findCommand(lookup, program, path, cwd) !== NODE_ENTRYPOINT) return args;
  const first = args[0];
  if (first === undefined) return args;
  const notACommand = findCommand(lookup, first, path, cwd) === null;
  const plainFile = lookup(first.startsWith('/') ? first : `${cwd}/${first}`) === 'file';
  return first.startsWith('-') || notACommand || plainFile ? ['node', ...args] : args;
}
