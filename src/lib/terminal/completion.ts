/**
 * Tab completion for the host line: command names, docker subcommands and their flags, image
 * names, stage names (from the Dockerfile the build would use) and paths of the build context.
 */
import type { ContextInput } from '../build/index.ts';
import { entryKind, groups, listDir, resolveContextPath, topCommands, type DockerCommand } from '../cli/docker/index.ts';
import type { StoredImage } from '../cli/state/store.ts';
import { parseDockerfile } from '../dockerfile/index.ts';
import type { Completion } from './line-editor.ts';

export interface CompletionSource {
  context: ContextInput;
  cwd: string;
  images: readonly StoredImage[];
  /** Host command names (docker is added). */
  commands: readonly string[];
}

/** Flags whose value is completed, and with what. */
const VALUE_KINDS: Readonly<Record<string, 'stage' | 'path' | 'image' | 'none'>> = {
  target: 'stage', file: 'path', tag: 'image', 'build-arg': 'none', progress: 'none',
  user: 'none', env: 'none', workdir: 'none', entrypoint: 'none', name: 'none', hostname: 'none', publish: 'none',
};

/** Which kind of positional argument each command takes. */
const POSITIONAL: Readonly<Record<string, 'image' | 'dir' | 'none'>> = {
  'docker run': 'image', 'docker container run': 'image', 'docker buildx build': 'dir',
  'docker history': 'image', 'docker image history': 'image', 'docker inspect': 'image', 'docker image inspect': 'image',
  'docker rmi': 'image', 'docker image rm': 'image', 'docker tag': 'image', 'docker image tag': 'image',
};

const byPrefix = (words: readonly string[], prefix: string): string[] => [...new Set(words)].filter((w) => w.startsWith(prefix)).sort();

function imageNames(images: readonly StoredImage[]): string[] {
  return images.flatMap((i) => i.repoTags.map((t) => (t.endsWith(':latest') ? t.slice(0, -':latest'.length) : t)));
}

function stageNames(src: CompletionSource, dockerfilePath: string | null): string[] {
  const path = dockerfilePath ?? resolveContextPath(src.cwd, 'Dockerfile');
  const text = path === null ? undefined : src.context[path]?.content;
  if (text === undefined) return [];
  return parseDockerfile(text).stages.flatMap((s) => (s.name === null ? [] : [s.name]));
}

function paths(src: CompletionSource, word: string, dirsOnly: boolean): Pick<Completion, 'candidates' | 'labels'> {
  const slash = word.lastIndexOf('/');
  const dirPart = word.slice(0, slash + 1);
  const prefix = word.slice(slash + 1);
  const dir = resolveContextPath(src.cwd, dirPart === '' ? '.' : dirPart);
  if (dir === null || entryKind(src.context, dir) !== 'dir') return { candidates: [] };
  const entries = listDir(src.context, dir)
    .filter((e) => e.name.startsWith(prefix) && (prefix.startsWith('.') || !e.name.startsWith('.')))
    .filter((e) => !dirsOnly || e.kind === 'dir');
  return {
    candidates: entries.map((e) => `${dirPart}${e.name}${e.kind === 'dir' ? '/' : ''}`),
    labels: entries.map((e) => `${e.name}${e.kind === 'dir' ? '/' : ''}`),
  };
}

function findDockerCommand(words: readonly string[]): { command: DockerCommand; rest: readonly string[] } | null {
  const top = topCommands.find((c) => c.name === words[1]);
  if (top !== undefined) return { command: top, rest: words.slice(2) };
  const sub = groups.find((g) => g.name === words[1])?.commands.find((c) => c.name === words[2]);
  return sub === undefined ? null : { command: sub, rest: words.slice(3) };
}

function dockerCandidates(src: CompletionSource, words: readonly string[], word: string): Pick<Completion, 'candidates' | 'labels'> {
  if (words.length === 1) return { candidates: byPrefix([...topCommands.map((c) => c.name), ...groups.map((g) => g.name)], word) };
  const group = groups.find((g) => g.name === words[1]);
  if (group !== undefined && words.length === 2) return { candidates: byPrefix(group.commands.map((c) => c.name), word) };
  const found = findDockerCommand(words);
  if (found === null) return { candidates: [] };
  const { command, rest } = found;
  const flagOf = (w: string) => command.flags.find((f) => `--${f.long}` === w || (f.short !== undefined && `-${f.short}` === w));
  const previous = flagOf(rest[rest.length - 1] ?? '');
  if (previous !== undefined && previous.kind !== 'bool') {
    const kind = VALUE_KINDS[previous.long] ?? 'none';
    if (kind === 'stage') {
      const file = rest.findIndex((w) => w === '-f' || w === '--file');
      const dockerfile = file === -1 ? null : resolveContextPath(src.cwd, rest[file + 1] ?? '');
      return { candidates: byPrefix(stageNames(src, dockerfile), word) };
    }
    if (kind === 'path') return paths(src, word, false);
    if (kind === 'image') return { candidates: byPrefix(imageNames(src.images), word) };
    return { candidates: [] };
  }
  if (word.startsWith('-')) return { candidates: byPrefix(command.flags.map((f) => `--${f.long}`), word) };
  // Only the first positional of docker run is the image; what follows is the container's command.
  let positionals = 0;
  for (let i = 0; i < rest.length; i++) {
    const flag = flagOf(rest[i] as string);
    if (flag !== undefined && flag.kind !== 'bool') i++;
    else if (!(rest[i] as string).startsWith('-')) positionals++;
  }
  const kind = POSITIONAL[command.path] ?? 'none';
  if (kind === 'image' && (command.name !== 'run' || positionals === 0)) return { candidates: byPrefix(imageNames(src.images), word) };
  if (kind === 'dir') return paths(src, word, true);
  return { candidates: [] };
}

/** Candidates for the word before the cursor. */
export function completeLine(src: CompletionSource, line: string, cursor: number): Completion {
  const before = line.slice(0, cursor);
  // The current command starts after the last `&&`, `||` or `;`.
  const segment = before.split(/&&|\|\||;/).pop() ?? '';
  const start = cursor - (/\S*$/.exec(segment)?.[0].length ?? 0);
  const word = line.slice(start, cursor);
  const words = segment.trim() === '' ? [] : segment.slice(0, segment.length - word.length).trim().split(/\s+/).filter((w) => w !== '');
  const result = (c: Pick<Completion, 'candidates' | 'labels'>): Completion => ({ start, end: cursor, ...c });
  if (words.length === 0) return result({ candidates: byPrefix([...src.commands, 'docker'], word) });
  if (words[0] === 'docker') return result(dockerCandidates(src, words, word));
  if (words[0] === 'cd') return result(paths(src, word, true));
  if (['ls', 'cat', 'tree'].includes(words[0] as string)) return result(paths(src, word, false));
  return result({ candidates: [] });
}
