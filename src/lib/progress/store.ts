/**
 * Progress kept in a Storage-like object (localStorage in the browser, a Map in tests). A corrupt
 * save is copied to a backup key and replaced by empty progress, with a message for the learner:
 * the page keeps working and nothing is silently lost.
 */
import type { Result } from '../diagnostics.ts';
import { emptyExercise, emptyProgress, type ExerciseProgress, type Progress } from './schema.ts';
import { parseProgress } from './validate.ts';

/** The part of the Web Storage API the store needs. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const PROGRESS_KEY = 'stagecraft-progress';
export const BACKUP_KEY = 'stagecraft-progress-corrupt-backup';

export interface LoadedProgress {
  progress: Progress;
  /** Set when the save could not be read: what happened and where the old data went. */
  notice: string | null;
}

export function loadProgress(storage: StorageLike): LoadedProgress {
  const text = storage.getItem(PROGRESS_KEY);
  if (text === null) return { progress: emptyProgress(), notice: null };
  const parsed = parseProgress(text);
  if (parsed.ok) {
    // Store migrated data in the current version straight away.
    if (!text.startsWith('{"version":2')) storage.setItem(PROGRESS_KEY, JSON.stringify(parsed.value));
    return { progress: parsed.value, notice: null };
  }
  storage.setItem(BACKUP_KEY, text);
  storage.setItem(PROGRESS_KEY, JSON.stringify(emptyProgress()));
  return {
    progress: emptyProgress(),
    notice: `Your saved progress could not be read (${parsed.error}), so it was reset. The old data is kept in this browser under "${BACKUP_KEY}".`,
  };
}

export function saveProgress(storage: StorageLike, progress: Progress): void {
  storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
}

export function resetProgress(storage: StorageLike): Progress {
  const progress = emptyProgress();
  saveProgress(storage, progress);
  return progress;
}

/** The text of an export file. */
export function exportProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

/** Reads an export file (any known version); on success the result replaces the saved progress. */
export function importProgress(storage: StorageLike, text: string): Result<Progress, string> {
  const parsed = parseProgress(text);
  if (parsed.ok) saveProgress(storage, parsed.value);
  return parsed;
}

/** Pure updates: each returns new Progress. */
export function markLessonRead(progress: Progress, lesson: string): Progress {
  return { ...progress, lessons: { ...progress.lessons, [lesson]: { read: true } } };
}

export function recordQuizAnswer(progress: Progress, key: string, picked: number[], correct: boolean): Progress {
  return { ...progress, quizzes: { ...progress.quizzes, [key]: { picked: [...picked], correct } } };
}

export function updateExercise(progress: Progress, id: string, change: Partial<ExerciseProgress>): Progress {
  const current = progress.exercises[id] ?? emptyExercise();
  return { ...progress, exercises: { ...progress.exercises, [id]: { ...current, ...change } } };
}
