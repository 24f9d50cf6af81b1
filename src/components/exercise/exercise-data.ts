/** What an exercise page hands to the browser: everything the in-browser checker needs. */
import type { Goal } from '../../lib/checks/goals/index.ts';

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
