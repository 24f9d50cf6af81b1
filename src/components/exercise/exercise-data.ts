/** What an exercise page hands to the browser: everything the in-browser checker needs. */
import type { Goal } from '../../lib/checks/goals/index.ts';
import type { Exercise } from '../../content/schemas/index.ts';
import type { ExerciseFiles } from '../../content/exercise-files.ts';

export interface ExerciseData {
  id: string;
  title: string;
  goals: Goal[];
  /** The build context: path → text. */
  context: Record<string, string>;
  starter: string;
  /** Context files the learner edits, with their starting text. */
  editable: Array<{ path: string; starter: string }>;
}

/** Reads the JSON an exercise page embeds; null when absent or malformed (the page stays static). */
export function readExerciseData(element: Element | null): ExerciseData | null {
  try {
    const data = JSON.parse(element?.textContent ?? '') as ExerciseData;
    return typeof data.id === 'string' && Array.isArray(data.goals) ? data : null;
  } catch {
    return null;
  }
}

export function toExerciseData(id: string, exercise: Exercise, files: ExerciseFiles): ExerciseData {
  return {
    id,
    title: exercise.title,
    goals: exercise.goals,
    context: files.context,
    starter: files.starter,
    editable: exercise.editable.map((file) => ({ path: file.path, starter: files.context[file.path] ?? '' })),
  };
}

/** Reads the list of all exercises a teacher or assignment page embeds. */
export function readExerciseList(element: Element | null): ExerciseData[] {
  try {
    const list = JSON.parse(element?.textContent ?? '[]') as unknown;
    return Array.isArray(list) ? (list as ExerciseData[]) : [];
  } catch {
    return [];
  }
}

/** JSON safe to put inside a <script> element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replaceAll('<', '\\u003c');
