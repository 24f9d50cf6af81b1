/**
 * The seed examples as `docker run --real` sees them: the example's files from disk (through the
 * same reader as the lesson pages), built once to learn the image's command, env and WORKDIR.
 */
import { join } from 'node:path';
import { readExampleFiles } from '../../../src/components/example/example-files.ts';
import { build, type ContextInput } from '../../../src/lib/build/index.ts';
import { planRealRun, type RealRunPlan, type RealRunRequest } from '../../../src/lib/realrun/index.ts';
import type { Result } from '../../../src/lib/diagnostics.ts';

const repo = join(import.meta.dirname, '..', '..', '..');

export const ROOT = '/home/stagecraft';

export interface LoadedExample {
  dockerfile: string;
  context: ContextInput;
  /** A context file's text, as it is on disk. */
  text(path: string): string;
}

export function loadExample(dir: string): LoadedExample {
  const files = readExampleFiles(join(repo, dir));
  if (!files.ok) throw new Error(files.error);
  const { dockerfile, context } = files.value;
  return {
    dockerfile,
    context,
    text: (path) => {
      const content = context[path]?.content;
      if (content === undefined) throw new Error(`${dir}: no context file ${path}`);
      return content;
    },
  };
}

/** The request `docker run --real <image>` makes for the built example: the image's own command, env and WORKDIR. */
export function requestFor(example: LoadedExample, overrides: Partial<RealRunRequest> = {}): RealRunRequest {
  const recipe = { dockerfile: example.dockerfile, context: example.context };
  const result = build(recipe);
  const config = result.image?.config;
  return {
    image: 'playground:latest',
    recipe,
    argv: [...(config?.Entrypoint ?? []), ...(config?.Cmd ?? [])],
    workdir: config === undefined || config.WorkingDir === '' ? '/' : config.WorkingDir,
    env: config?.Env ?? [],
    root: ROOT,
    ...overrides,
  };
}

export function planExample(dir: string, overrides: Partial<RealRunRequest> = {}): { example: LoadedExample; plan: Result<RealRunPlan, string> } {
  const example = loadExample(dir);
  return { example, plan: planRealRun(requestFor(example, overrides)) };
}

export const OS_NOTE = 'A WebContainer has Node.js and npm but no OS packages and no real Linux filesystem: only the files of this replay are there.';
export const NPM_NOTE = 'npm downloads packages from the registry for real, so installs need the network.';
export const USER_NODE_NOTE = "Docker would run the program as USER node; here it runs as the WebContainer's own user.";
export const ONLY_NODE_TOOLS = 'not a Node tool (the real mode runs only node, npm, npx, yarn, pnpm and corepack)';
