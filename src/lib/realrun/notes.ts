/** Where a real run differs from Docker, one sentence each, printed before the program starts. */
import type { RealStep } from './types.ts';

export interface NotesInput {
  /** The image's USER ('' when unset). */
  user: string;
  steps: readonly RealStep[];
  /** Notes the replay collected (mounts run without, files not mounted). */
  extra: readonly string[];
}

const isRoot = (user: string): boolean => user === '' || /^(root|0)(:.*)?$/.test(user);

export function realRunNotes(input: NotesInput): string[] {
  const skipped = input.steps.filter((s) => s.kind === 'skip').length;
  return [
    ...(isRoot(input.user) ? [] : [`Docker would run the program as USER ${input.user}; here it runs as the WebContainer's own user.`]),
    'A WebContainer has Node.js and npm but no OS packages and no real Linux filesystem: only the files of this replay are there.',
    'npm downloads packages from the registry for real, so installs need the network.',
    ...(skipped === 0 ? [] : [`${skipped} step${skipped === 1 ? ' was' : 's were'} skipped (see above), so the result may differ from the image.`]),
    ...input.extra,
  ];
}
