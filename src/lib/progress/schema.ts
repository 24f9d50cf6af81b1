/**
 * Saved progress, versioned. Version 1 was a flat list of done things; version 2 keeps each item's
 * details. Old saves are migrated step by step, so a learner's progress survives format changes.
 */

/** Version 1: what was done, as id lists. */
export interface ProgressV1 {
  version: 1;
  lessonsRead: string[];
  /** `<quiz>/<question>` keys of questions answered correctly. */
  quizCorrect: string[];
  exercisesSolved: string[];
}

export interface QuizAnswer {
  /** Indices of the picked choices. */
  picked: number[];
  correct: boolean;
}

export interface ExerciseProgress {
  solved: boolean;
  /** The learner's latest Dockerfile and edited context files (path → text). */
  dockerfile: string | null;
  files: Record<string, string>;
  hintsShown: number;
  solutionShown: boolean;
}

/** Version 2, the current one. */
export interface Progress {
  version: 2;
  lessons: Record<string, { read: true }>;
  /** By `<quiz>/<question>` key. */
  quizzes: Record<string, QuizAnswer>;
  exercises: Record<string, ExerciseProgress>;
}

export const CURRENT_VERSION = 2;

export function emptyProgress(): Progress {
  return { version: 2, lessons: {}, quizzes: {}, exercises: {} };
}

export function emptyExercise(): ExerciseProgress {
  return { solved: false, dockerfile: null, files: {}, hintsShown: 0, solutionShown: false };
}
