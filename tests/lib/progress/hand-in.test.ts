import { describe, expect, test } from 'vitest';
import { assignmentLink, handInFileName, handInText, parseAssignment, parseHandIn, type HandIn } from '../../../src/lib/progress/index.ts';

const handIn: HandIn = {
  format: 'stagecraft-hand-in',
  version: 1,
  student: 'Ada Lovelace',
  exercises: [{ id: 'split-go-build', dockerfile: 'FROM alpine:3.20\n', files: {}, results: [{ description: 'Two stages.', passed: false }] }],
};

describe('hand-ins', () => {
  test('round-trip through the file text', () => {
    expect(parseHandIn(handInText(handIn))).toEqual({ ok: true, value: handIn });
    expect(handInFileName('Ada Lovelace')).toBe('stagecraft-hand-in-ada-lovelace.json');
    expect(handInFileName('  ')).toBe('stagecraft-hand-in-student.json');
  });

  test.each([
    ['nope', 'the file is not JSON'],
    ['{"version":1}', 'the file is not a Stagecraft hand-in (no "format": "stagecraft-hand-in")'],
    ['{"format":"stagecraft-hand-in","version":3}', 'unknown hand-in version 3'],
    ['{"format":"stagecraft-hand-in","version":1,"student":"x","exercises":[{"id":"a"}]}', 'exercises[0] needs an id and a dockerfile'],
    ['{"format":"stagecraft-hand-in","version":1,"student":"x","exercises":[{"id":"a","dockerfile":"","results":[1]}]}', 'exercises[0].results must be a list of { description, passed }'],
  ])('%s is refused: %s', (text, error) => {
    expect(parseHandIn(text)).toEqual({ ok: false, error });
  });

  test('assignment links name a set of exercises', () => {
    expect(assignmentLink(['a', 'b-c'])).toBe('/exercises/assignment/?set=a,b-c');
    expect(parseAssignment('?set=a,zz,b,a', ['a', 'b'])).toEqual({ ids: ['a', 'b'], unknown: ['zz'] });
    expect(parseAssignment('', ['a'])).toEqual({ ids: [], unknown: [] });
    expect(parseAssignment('?set=b&set=a', ['a', 'b'])).toEqual({ ids: ['b', 'a'], unknown: [] });
  });
});
