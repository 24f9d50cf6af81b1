/**
 * Learner progress (lessons read, quiz answers, exercises) in a versioned format with migrations,
 * over an injected Storage: export, import, reset, and a corrupt save backed up and reset with a
 * message.
 */
export type { Progress, ProgressV1, QuizAnswer, ExerciseProgress } from './schema.ts';
export { CURRENT_VERSION, emptyProgress, emptyExercise } from './schema.ts';
export { parseProgress, readProgress, migrateV1 } from './validate.ts';
export {
  PROGRESS_KEY,
  BACKUP_KEY,
  loadProgress,
  saveProgress,
  resetProgress,
  exportProgress,
  importProgress,
  markLessonRead,
  recordQuizAnswer,
  updateExercise,
  type StorageLike,
  type LoadedProgress,
} from './store.ts';
export {
  HAND_IN_FORMAT,
  parseHandIn,
  handInText,
  handInFileName,
  parseAssignment,
  assignmentLink,
  type HandIn,
  type HandInExercise,
} from './hand-in.ts';
