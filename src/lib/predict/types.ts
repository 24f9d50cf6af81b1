/** Predict questions: a Dockerfile and something to predict about its build, answered by the simulator. */
import type { ContextEdit } from '../checks/goals/index.ts';

export type PredictAsk =
  /** How many filesystem layers the image has (the base image's included). */
  | { kind: 'layers' }
  /** Which stages are built (not skipped) for `target` (default: the last stage). */
  | { kind: 'stages-built'; target?: string | undefined }
  /** Which user the container runs as. */
  | { kind: 'final-user' }
  /** After `edit` and a rebuild with the same cache, which filesystem steps of the image come from the cache. */
  | { kind: 'cached-after-edit'; edit: ContextEdit }
  /** Whether `path` exists in the final image. */
  | { kind: 'path-in-image'; path: string };

export interface PredictSpec {
  dockerfile: string;
  /** Build context: relative path → text. */
  context: Readonly<Record<string, string>>;
  ask: PredictAsk;
}

/** A computed choice, shaped like a hand-written quiz choice. */
export interface PredictedChoice {
  text: string;
  correct: boolean;
  explanation: string;
}

export interface PredictedQuestion {
  kind: 'single' | 'multiple';
  choices: PredictedChoice[];
}
