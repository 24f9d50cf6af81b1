/**
 * Turns untrusted JSON (localStorage, an imported file) into current Progress: checks the shape of
 * the version it claims and migrates it. Anything else is an error message, never an exception.
 */
import type { Result } from '../diagnostics.ts';
import { isObject as isObj, isStringMap, parseJson, type JsonObject as Obj } from './json.ts';
import { emptyExercise, emptyProgress, type ExerciseProgress, type Progress, type ProgressV1, type QuizAnswer } from './schema.ts';

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function readV1(v: Obj): Result<ProgressV1, string> {
  const { lessonsRead, quizCorrect, exercisesSolved } = v;
  if (!isStrings(lessonsRead) || !isStrings(quizCorrect) || !isStrings(exercisesSolved)) return { ok: false, error: 'a version 1 save needs three lists of ids' };
  return { ok: true, value: { version: 1, lessonsRead, quizCorrect, exercisesSolved } };
}

/** v1 → v2: a correct answer's picks were not kept, so they are unknown (empty). */
export function migrateV1(v1: ProgressV1): Progress {
  const progress = emptyProgress();
  for (const id of v1.lessonsRead) progress.lessons[id] = { read: true };
  for (const key of v1.quizCorrect) progress.quizzes[key] = { picked: [], correct: true };
  for (const id of v1.exercisesSolved) progress.exercises[id] = { ...emptyExercise(), solved: true };
  return progress;
}

function readQuizAnswer(v: unknown): QuizAnswer | null {
  if (!isObj(v) || !Array.isArray(v.picked) || !v.picked.every((n) => Number.isInteger(n) && (n as number) >= 0) || typeof v.correct !== 'boolean') return null;
  return { picked: v.picked as number[], correct: v.correct };
}

function readExercise(v: unknown): ExerciseProgress | null {
  if (!isObj(v)) return null;
  const { solved, dockerfile, files, hintsShown, solutionShown } = v;
  if (typeof solved !== 'boolean' || typeof solutionShown !== 'boolean') return null;
  if (dockerfile !== null && typeof dockerfile !== 'string') return null;
  if (!Number.isInteger(hintsShown) || (hintsShown as number) < 0) return null;
  if (!isStringMap(files)) return null;
  return { solved, dockerfile, files, hintsShown: hintsShown as number, solutionShown };
}

function readV2(v: Obj): Result<Progress, string> {
  const { lessons, quizzes, exercises } = v;
  if (!isObj(lessons) || !isObj(quizzes) || !isObj(exercises)) return { ok: false, error: 'a version 2 save needs lessons, quizzes and exercises' };
  const progress = emptyProgress();
  for (const [id, entry] of Object.entries(lessons)) {
    if (!isObj(entry) || entry.read !== true) return { ok: false, error: `lesson "${id}" is not { read: true }` };
    progress.lessons[id] = { read: true };
  }
  for (const [key, entry] of Object.entries(quizzes)) {
    const answer = readQuizAnswer(entry);
    if (answer === null) return { ok: false, error: `quiz answer "${key}" is malformed` };
    progress.quizzes[key] = answer;
  }
  for (const [id, entry] of Object.entries(exercises)) {
    const exercise = readExercise(entry);
    if (exercise === null) return { ok: false, error: `exercise "${id}" is malformed` };
    progress.exercises[id] = exercise;
  }
  return { ok: true, value: progress };
}

/** Validates and migrates parsed JSON of any known version to the current Progress. */
export function readProgress(value: unknown): Result<Progress, string> {
  if (!isObj(value)) return { ok: false, error: 'the saved progress is not an object' };
  switch (value.version) {
    case 1: {
      const v1 = readV1(value);
      return v1.ok ? { ok: true, value: migrateV1(v1.value) } : v1;
    }
    case 2:
      return readV2(value);
    default:
      return { ok: false, error: `unknown progress version ${JSON.stringify(value.version)}` };
  }
}

/** Parses a saved or imported text. */
export function parseProgress(text: string): Result<Progress, string> {
  const value = parseJson(text);
  return value === undefined ? { ok: false, error: 'the saved progress is not valid JSON' } : readProgress(value);
}
