/**
 * The examples menu, read from the folders beside this file: each has `example.json` (title,
 * summary, broken, optional target), a `Dockerfile` and a `context/` folder with the build context files.
 */
import type { PlaygroundState } from '../../../lib/share/index.ts';

export interface Example {
  id: string;
  title: string;
  summary: string;
  broken: boolean;
  state: PlaygroundState;
}

interface ExampleMeta {
  title: string;
  summary: string;
  broken: boolean;
  /** The stage to build when it is not the last one. */
  target?: string;
}

const metas = import.meta.glob<ExampleMeta>('./*/example.json', { eager: true, import: 'default' });
const dockerfiles = import.meta.glob<string>('./*/Dockerfile', { eager: true, query: '?raw', import: 'default' });
// `exhaustive` makes the glob include dotfiles such as .dockerignore.
const contextFiles = import.meta.glob<string>('./*/context/**/*', { eager: true, query: '?raw', import: 'default', exhaustive: true });

const folderOf = (path: string) => path.split('/')[1] ?? '';

function contextOf(folder: string): Record<string, string> {
  const prefix = `./${folder}/context/`;
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(contextFiles).sort(([a], [b]) => a.localeCompare(b))) {
    if (path.startsWith(prefix)) files[path.slice(prefix.length)] = text;
  }
  return files;
}

export const examples: readonly Example[] = Object.entries(metas)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([path, meta]) => {
    const folder = folderOf(path);
    return {
      id: folder.replace(/^\d+-/, ''),
      title: meta.title,
      summary: meta.summary,
      broken: meta.broken,
      state: {
        dockerfile: dockerfiles[`./${folder}/Dockerfile`] ?? '',
        files: contextOf(folder),
        options: { target: meta.target ?? null, buildArgs: {}, builder: 'buildkit', noCache: false },
      },
    };
  });

/** The example a fresh playground (or a broken link) opens. */
export const defaultExample = (): Example => {
  const first = examples[0];
  if (first === undefined) throw new Error('playground bug: no examples');
  return first;
};
