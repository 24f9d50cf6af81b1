/** The playground's state as the engine's BuildInput (files as a context map, options as flags). */
import type { BuildInput, ContextInput } from '../../lib/build/index.ts';
import type { PlaygroundState } from '../../lib/share/index.ts';

export function toBuildInput(state: PlaygroundState): BuildInput {
  const context: Record<string, { content?: string }> = {};
  for (const [path, content] of Object.entries(state.files)) context[path] = path.endsWith('/') ? {} : { content };
  const input: BuildInput = {
    dockerfile: state.dockerfile,
    context: context satisfies ContextInput,
    buildArgs: state.options.buildArgs,
    builder: state.options.builder,
    noCache: state.options.noCache,
  };
  if (state.options.target !== null) input.target = state.options.target;
  return input;
}
