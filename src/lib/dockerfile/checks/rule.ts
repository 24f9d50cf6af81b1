/** A build check as data: id, description, docs link, and a function from the parse to findings. */
import type { SourceRange } from '../../diagnostics.ts';
import type { ParseResult } from '../types.ts';

export interface CheckContext {
  result: ParseResult;
  /** Instructions with empty lines inside their continuation (from the line parser). */
  emptyContinuations: readonly SourceRange[];
  /** Environment a base image provides (names only matter), for UndefinedVar. */
  imageEnv: (baseImage: string) => readonly string[];
}

export interface Finding {
  message: string;
  range: SourceRange;
}

export interface CheckRule {
  /** Docker's check name (`StageNameCasing`) or hadolint's id (`DL3006`). */
  id: string;
  description: string;
  /** Upstream documentation of the rule. */
  url: string;
  /** The teaching hint shown with every finding. */
  hint: string;
  check(ctx: CheckContext): Finding[];
}

/** Docs link for one of Docker's build checks. */
export const dockerDocs = (id: string): string =>
  `https://docs.docker.com/reference/build-checks/${id.replace(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/g, '-').toLowerCase()}/`;

export const hadolintDocs = (id: string): string => `https://github.com/hadolint/hadolint/wiki/${id}`;
