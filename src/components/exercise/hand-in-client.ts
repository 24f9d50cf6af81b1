/** Builds a hand-in in the browser: each assigned exercise's saved work, checked here and now. */
import { checkGoals, exerciseAttempt } from '../../lib/checks/goals/index.ts';
import { HAND_IN_FORMAT, type HandIn, type Progress } from '../../lib/progress/index.ts';
import type { ExerciseData } from './exercise-data.ts';

export function buildHandIn(student: string, exercises: readonly ExerciseData[], progress: Progress): HandIn {
  return {
    format: HAND_IN_FORMAT,
    version: 1,
    student,
    exercises: exercises.map((exercise) => {
      const saved = progress.exercises[exercise.id];
      const dockerfile = saved?.dockerfile ?? exercise.starter;
      const files = saved?.files ?? {};
      const report = checkGoals(exercise.goals, exerciseAttempt(exercise.context, dockerfile, files));
      return { id: exercise.id, dockerfile, files, results: report.results.map((r) => ({ description: r.goal.description, passed: r.passed })) };
    }),
  };
}

/** Offers `text` as a file download. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
