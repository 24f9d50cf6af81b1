import { describe, expect, test } from 'vitest';
import {
  BACKUP_KEY,
  PROGRESS_KEY,
  emptyProgress,
  exportProgress,
  importProgress,
  loadProgress,
  markLessonRead,
  recordQuizAnswer,
  resetProgress,
  saveProgress,
  updateExercise,
  type StorageLike,
} from '../../../src/lib/progress/index.ts';

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const sample = () =>
  updateExercise(recordQuizAnswer(markLessonRead(emptyProgress(), '01-images-and-layers'), '01-images-and-layers/two-froms', [1], true), 'split-go-build', {
    solved: true,
    dockerfile: 'FROM alpine:3.20\n',
  });

describe('progress store', () => {
  test('nothing saved: empty progress, no message, nothing written', () => {
    const storage = memoryStorage();
    expect(loadProgress(storage)).toEqual({ progress: emptyProgress(), notice: null });
    expect(storage.data.size).toBe(0);
  });

  test('save then load round-trips', () => {
    const storage = memoryStorage();
    saveProgress(storage, sample());
    expect(loadProgress(storage)).toEqual({ progress: sample(), notice: null });
    expect(sample().exercises['split-go-build']).toEqual({ solved: true, dockerfile: 'FROM alpine:3.20\n', files: {}, hintsShown: 0, solutionShown: false });
  });

  test('a version 1 save is migrated and rewritten as version 2', () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: JSON.stringify({ version: 1, lessonsRead: ['a'], quizCorrect: ['a/q1'], exercisesSolved: ['ex'] }) });
    const loaded = loadProgress(storage);
    expect(loaded).toEqual({
      notice: null,
      progress: {
        version: 2,
        lessons: { a: { read: true } },
        quizzes: { 'a/q1': { picked: [], correct: true } },
        exercises: { ex: { solved: true, dockerfile: null, files: {}, hintsShown: 0, solutionShown: false } },
      },
    });
    expect(JSON.parse(storage.data.get(PROGRESS_KEY)!)).toEqual(loaded.progress);
  });

  test.each([
    ['not JSON', '{oops', 'the saved progress is not valid JSON'],
    ['a future version', '{"version":9}', 'unknown progress version 9'],
    ['a wrong shape', '{"version":2,"lessons":[],"quizzes":{},"exercises":{}}', 'a version 2 save needs lessons, quizzes and exercises'],
    ['a bad quiz answer', '{"version":2,"lessons":{},"quizzes":{"q":{"picked":[-1],"correct":true}},"exercises":{}}', 'quiz answer "q" is malformed'],
  ])('a corrupt save (%s) is backed up and reset with a message', (_, text, why) => {
    const storage = memoryStorage({ [PROGRESS_KEY]: text });
    expect(loadProgress(storage)).toEqual({
      progress: emptyProgress(),
      notice: `Your saved progress could not be read (${why}), so it was reset. The old data is kept in this browser under "${BACKUP_KEY}".`,
    });
    expect(storage.data.get(BACKUP_KEY)).toBe(text);
    expect(JSON.parse(storage.data.get(PROGRESS_KEY)!)).toEqual(emptyProgress());
  });

  test('export, reset, import', () => {
    const storage = memoryStorage();
    saveProgress(storage, sample());
    const file = exportProgress(sample());
    expect(resetProgress(storage)).toEqual(emptyProgress());
    expect(loadProgress(storage).progress).toEqual(emptyProgress());
    expect(importProgress(storage, file)).toEqual({ ok: true, value: sample() });
    expect(loadProgress(storage).progress).toEqual(sample());
  });

  test('a bad import changes nothing', () => {
    const storage = memoryStorage();
    saveProgress(storage, sample());
    expect(importProgress(storage, '[1,2]')).toEqual({ ok: false, error: 'the saved progress is not an object' });
    expect(loadProgress(storage).progress).toEqual(sample());
  });
});
