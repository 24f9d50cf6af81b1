/**
 * Error messages → kinds. BuildKit's wording changed between versions (the engine here is older than
 * the one BUILDKIT-SEMANTICS.md quotes), so cases compare the kind and the line, not the text.
 */
import type { ErrorKind } from './observation.ts';

const RULES: [RegExp, ErrorKind][] = [
  [/unknown instruction/i, 'unknown-instruction'],
  [/file with no instructions|cannot be empty|contains no stages/i, 'no-instructions'],
  [/no build stage in current context/i, 'instruction-before-from'],
  [/unknown flag/i, 'unknown-flag'],
  [/target stage .* could not be found|failed to reach build target/i, 'unknown-target'],
  [/circular dependency/i, 'cycle'],
  [/cannot copy from stage|needs to be defined before current stage|refers to current build stage/i, 'copy-from-later-stage'],
  [/invalid stage index|index out of bounds/i, 'invalid-stage-index'],
  [/invalid chmod/i, 'invalid-chmod'],
  [/dockerfile parse error|parse error on line|requires (exactly|at least|either)|must have two arguments|can't find = in|invalid name for build stage/i, 'parse'],
  [/illegal exclusion pattern|invalid excludepatterns/i, 'dockerignore'],
  [/failed to compute cache key|failed to calculate checksum|": not found|no such file or directory/i, 'missing-source'],
  [/unable to find user|no matching entries in passwd/i, 'unknown-user'],
  [/executor failed running|did not complete successfully/i, 'run-failed'],
  [/pull access denied|failed to resolve source metadata|repository does not exist|not found: manifest unknown|failed to do request|network is unreachable/i, 'base-image-not-found'],
];

export function classifyError(message: string): ErrorKind {
  for (const [pattern, kind] of RULES) if (pattern.test(message)) return kind;
  return 'other';
}

/** The line a parse error names (`dockerfile parse error line 3: ...`), if any. */
export function lineInMessage(message: string): number | null {
  const match = /parse error (?:on )?line (\d+)/i.exec(message);
  return match ? Number(match[1]) : null;
}
