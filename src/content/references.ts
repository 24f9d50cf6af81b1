/**
 * Cross-references between content entries, checked once for the whole course. A zod schema sees
 * one entry at a time, so "this lesson id exists" can only be answered here. Astro's `reference()`
 * does not check existence when the content is loaded, hence this explicit step: the site's data
 * module (../course.ts) throws on any problem, which fails `astro build`, and tests/content checks
 * the same files with vitest.
 */

/** The fields of each entry that name other entries, with the file they were read from. */
export interface ReferenceIndex {
  lessons: ReadonlyArray<{ file: string; id: string; order: number; misconceptions: readonly string[] }>;
  quizzes: ReadonlyArray<{ file: string; lesson: string; questions: ReadonlyArray<{ id: string; misconception: string }> }>;
  misconceptions: ReadonlyArray<{ id: string }>;
  /** The file the misconceptions come from, named in messages about them. */
  misconceptionsFile: string;
}

/** One broken reference: where it is, which field, the bad value and what would be valid. */
export interface BrokenReference {
  file: string;
  field: string;
  value: string;
  problem: string;
}

export function findBrokenReferences(index: ReferenceIndex): BrokenReference[] {
  const misconceptionIds = new Set(index.misconceptions.map((m) => m.id));
  const lessonIds = new Set(index.lessons.map((lesson) => lesson.id));
  const broken: BrokenReference[] = [];
  const missingMisconception = `is not an id in ${index.misconceptionsFile}`;

  for (const lesson of index.lessons) {
    lesson.misconceptions.forEach((id, i) => {
      if (!misconceptionIds.has(id)) {
        broken.push({ file: lesson.file, field: `misconceptions[${i}]`, value: id, problem: missingMisconception });
      }
    });
  }
  for (const quiz of index.quizzes) {
    if (!lessonIds.has(quiz.lesson)) {
      broken.push({ file: quiz.file, field: 'lesson', value: quiz.lesson, problem: `is not a lesson (known: ${[...lessonIds].join(', ')})` });
    }
    quiz.questions.forEach((question, i) => {
      if (!misconceptionIds.has(question.misconception)) {
        broken.push({ file: quiz.file, field: `questions[${i}].misconception`, value: question.misconception, problem: missingMisconception });
      }
    });
  }
  const seenIds = new Set<string>();
  for (const m of index.misconceptions) {
    if (seenIds.has(m.id)) {
      broken.push({ file: index.misconceptionsFile, field: 'id', value: m.id, problem: 'is used by two misconceptions' });
    }
    seenIds.add(m.id);
  }
  const lessonAtOrder = new Map<number, string>();
  for (const lesson of index.lessons) {
    const other = lessonAtOrder.get(lesson.order);
    if (other !== undefined) {
      broken.push({ file: lesson.file, field: 'order', value: String(lesson.order), problem: `is also the order of ${other}` });
    }
    lessonAtOrder.set(lesson.order, lesson.file);
  }
  return broken;
}

export function formatBrokenReference(broken: BrokenReference): string {
  return `${broken.file}: ${broken.field} "${broken.value}" ${broken.problem}`;
}
