import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { findBrokenReferences, formatBrokenReference, type ReferenceIndex } from '../../src/content/references.ts';
import { lessonSchema, misconceptionSchema, quizSchema } from '../../src/content/schemas/index.ts';
import { contentDir, frontmatter, lessonFiles, quizFiles, sitePath, yamlFile } from './content-files.ts';

/** The real course's references, read from disk and parsed with the real schemas. */
function realIndex(): ReferenceIndex {
  return {
    lessons: lessonFiles().map((file) => {
      const data = lessonSchema.parse(frontmatter(join(contentDir, 'lessons', file)));
      return { file: sitePath('lessons', file), id: file.replace(/\.mdx$/, ''), order: data.order, misconceptions: data.misconceptions };
    }),
    quizzes: quizFiles().map((file) => ({ file: sitePath('quizzes', file), ...quizSchema.parse(yamlFile(join(contentDir, 'quizzes', file))) })),
    misconceptions: (yamlFile(join(contentDir, 'misconceptions.yaml')) as unknown[]).map((m) => misconceptionSchema.parse(m)),
    misconceptionsFile: sitePath('misconceptions.yaml'),
  };
}

const messages = (index: ReferenceIndex) => findBrokenReferences(index).map(formatBrokenReference);

const small: ReferenceIndex = {
  lessons: [
    { file: 'src/content/lessons/01-a.mdx', id: '01-a', order: 1, misconceptions: ['m-one'] },
    { file: 'src/content/lessons/02-b.mdx', id: '02-b', order: 2, misconceptions: [] },
  ],
  quizzes: [{ file: 'src/content/quizzes/01-a.yaml', lesson: '01-a', questions: [{ id: 'q', misconception: 'm-one' }] }],
  misconceptions: [{ id: 'm-one' }],
  misconceptionsFile: 'src/content/misconceptions.yaml',
};

describe('cross-references', () => {
  test('the real course has none broken', () => {
    expect(messages(realIndex())).toEqual([]);
  });

  test('every quiz belongs to an existing lesson and every lesson with a quiz has one quiz', () => {
    const index = realIndex();
    // Each quiz file is named after its lesson (file names are unique, so one quiz per lesson);
    // that the lesson exists is checked with the other references above.
    expect(index.quizzes.map((quiz) => quiz.lesson)).toEqual(quizFiles().map((file) => file.replace(/\.yaml$/, '')));
  });

  test('a consistent index has no problems', () => {
    expect(messages(small)).toEqual([]);
  });

  test('a quiz naming a missing lesson names the file and the value', () => {
    const index = { ...small, quizzes: [{ ...small.quizzes[0]!, lesson: '01-x' }] };
    expect(messages(index)).toEqual(['src/content/quizzes/01-a.yaml: lesson "01-x" is not a lesson (known: 01-a, 02-b)']);
  });

  test('a lesson naming a missing misconception names the file, the field and the value', () => {
    const index = { ...small, lessons: [{ ...small.lessons[0]!, misconceptions: ['m-one', 'm-two'] }, small.lessons[1]!] };
    expect(messages(index)).toEqual(['src/content/lessons/01-a.mdx: misconceptions[1] "m-two" is not an id in src/content/misconceptions.yaml']);
  });

  test('a quiz question naming a missing misconception names the question', () => {
    const index = { ...small, quizzes: [{ ...small.quizzes[0]!, questions: [{ id: 'q', misconception: 'm-one' }, { id: 'r', misconception: 'nope' }] }] };
    expect(messages(index)).toEqual(['src/content/quizzes/01-a.yaml: questions[1].misconception "nope" is not an id in src/content/misconceptions.yaml']);
  });

  test('duplicate misconception ids and lesson orders are reported', () => {
    const index = {
      ...small,
      lessons: [small.lessons[0]!, { ...small.lessons[1]!, order: 1 }],
      misconceptions: [{ id: 'm-one' }, { id: 'm-one' }],
    };
    expect(messages(index)).toEqual([
      'src/content/misconceptions.yaml: id "m-one" is used by two misconceptions',
      'src/content/lessons/02-b.mdx: order "1" is also the order of src/content/lessons/01-a.mdx',
    ]);
  });
});
