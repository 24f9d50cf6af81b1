/**
 * Goals: facts about a build that an exercise asks for (or a misconception's demonstration shows),
 * stored as data. Every kind is judged on what the simulator built, never on the Dockerfile text, so
 * any correct Dockerfile passes (`COPY --from=0` and `COPY --from=build` alike).
 * The zod schema that validates goals in content (src/content/schemas/goal.ts) mirrors this type.
 */
import type { BuildResult, ContextInput } from '../../build/index.ts';

/** A change to one build-context file before a rebuild (created if absent). */
export interface ContextEdit {
  path: string;
  content: string;
}

export type Goal = { description: string } & (
  /** The final image has a file, folder or link at `path` (symlinked parents are followed). */
  | { kind: 'has-path'; path: string }
  /** The final image has nothing at `path`. */
  | { kind: 'lacks-path'; path: string }
  /** The Dockerfile defines at least `count` stages. */
  | { kind: 'min-stages'; count: number }
  /** The final image ultimately starts from one of `images` (`scratch` allowed). */
  | { kind: 'final-base'; images: string[] }
  /** The final image is smaller than `bytes` (every layer counts, deleted files included). */
  | { kind: 'max-size'; bytes: number }
  /** The final image is at least `bytes` big (demonstrations of what does not shrink it). */
  | { kind: 'min-size'; bytes: number }
  /** The image's user resolves (through its /etc/passwd) to a uid other than 0. */
  | { kind: 'non-root-user' }
  /** The final image's user, as the simulator resolves it, is `user` (a name from /etc/passwd or a uid). */
  | { kind: 'final-user'; user: string }
  /** Building with `--target <target>` succeeds, building and skipping the stages named. */
  | { kind: 'target-builds'; target: string; builds: string[]; skips: string[] }
  /**
   * Build, apply `edit` to the context, build again with the same cache: every step that writes at
   * or below `writes` is `expect` (cached, or rebuilt). At least one such step must exist.
   */
  | { kind: 'cache-after-edit'; edit: ContextEdit; writes: string; expect: 'cached' | 'rebuilt' }
  /** No diagnostic (lint hint or error) with this id, e.g. `SecretsUsedInArgOrEnv`. */
  | { kind: 'no-diagnostic'; code: string }
  /** Some diagnostic with this id is reported (demonstrations of warnings). */
  | { kind: 'has-diagnostic'; code: string }
  /** The image config's Env has (or lacks) the variable `name`. */
  | { kind: 'has-env'; name: string }
  | { kind: 'lacks-env'; name: string }
  /** The final image has the file `path` with exactly this text. */
  | { kind: 'file-content'; path: string; content: string }
  /** The final image has `path` owned by this numeric uid. */
  | { kind: 'file-owner'; path: string; uid: number }
  /** Some (or no) `docker history` CREATED BY line of the image contains `text`. */
  | { kind: 'history-has'; text: string }
  | { kind: 'history-lacks'; text: string }
  /** The image has exactly `count` filesystem layers (the base image's included). */
  | { kind: 'layers'; count: number }
  /** The build fails with an error whose message contains `message`. */
  | { kind: 'build-fails'; message: string }
);

export type GoalKind = Goal['kind'];

/** What is checked: a Dockerfile over a build context, with the options of `docker build`. */
export interface Attempt {
  dockerfile: string;
  context: ContextInput;
  target?: string;
  buildArgs?: Readonly<Record<string, string>>;
}

export interface GoalResult {
  goal: Goal;
  passed: boolean;
  /** What the simulator saw, in a sentence (shown for passed and failed goals alike). */
  observed: string;
  /** For a failed goal: what it means and how to get there. Empty when passed. */
  explanation: string;
}

export interface GoalReport {
  passed: boolean;
  results: GoalResult[];
  /** The main build (the attempt's own target and build args). */
  build: BuildResult;
}
