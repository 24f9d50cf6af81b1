/**
 * The whole course as the pages need it, computed once per build: lessons in order, each lesson's
 * quiz, the misconceptions by id, and every exercise with the files of its folder. Loading it also
 * validates what a single schema cannot: cross-references between entries and exercise folders.
 * Any problem throws, so `astro build` fails with a message naming the file and the bad value.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { dirname } from 'node:path';
import { findBrokenReferences, formatBrokenReference } from './references.ts';
import { readExerciseFiles, type ExerciseFiles } from './exercise-files.ts';
import type { Misconception, QuizQuestion } from './schemas/index.ts';

export type LessonEntry = CollectionEntry<'lessons'>;
export type ExerciseEntry = CollectionEntry<'exercises'>;

export interface Course {
  /** Lessons sorted by `order`. */
  lessons: LessonEntry[];
  /** Quiz questions by lesson id (lessons without a quiz are absent). */
  quizzes: ReadonlyMap<string, QuizQuestion[]>;
  misconceptions: ReadonlyMap<string, Misconception>;
  /** Exercises sorted by `order`, with their folder files. */
  exercises: Array<{ entry: ExerciseEntry; files: ExerciseFiles }>;
}

const MISCONCEPTIONS_FILE = 'src/content/misconceptions.yaml';

async function loadCourse(): Promise<Course> {
  const [lessons, quizzes, misconceptions, exercises] = await Promise.all([
    getCollection('lessons'),
    getCollection('quizzes'),
    getCollection('misconceptions'),
    getCollection('exercises'),
  ]);
  lessons.sort((a, b) => a.data.order - b.data.order);
  exercises.sort((a, b) => a.data.order - b.data.order);

  const problems = findBrokenReferences({
    lessons: lessons.map((l) => ({ file: l.filePath ?? l.id, id: l.id, order: l.data.order, misconceptions: l.data.misconceptions })),
    quizzes: quizzes.map((q) => ({ file: q.filePath ?? q.id, lesson: q.data.lesson, questions: q.data.questions })),
    misconceptions: misconceptions.map((m) => m.data),
    misconceptionsFile: MISCONCEPTIONS_FILE,
  }).map(formatBrokenReference);

  const withFiles: Course['exercises'] = [];
  for (const entry of exercises) {
    const files = readExerciseFiles(dirname(entry.filePath ?? `src/content/exercises/${entry.id}/index.mdx`));
    if (files.ok) withFiles.push({ entry, files: files.value });
    else problems.push(files.error);
  }
  if (problems.length > 0) {
    throw new Error(`Broken content (${problems.length}):\n  ${problems.join('\n  ')}`);
  }
  return {
    lessons,
    quizzes: new Map(quizzes.map((q) => [q.data.lesson, q.data.questions])),
    misconceptions: new Map(misconceptions.map((m) => [m.data.id, m.data])),
    exercises: withFiles,
  };
}

let course: Promise<Course> | undefined;

/** The course, loaded and validated on first use and shared by every page of the build. */
export function getCourse(): Promise<Course> {
  course ??= loadCourse();
  return course;
}
