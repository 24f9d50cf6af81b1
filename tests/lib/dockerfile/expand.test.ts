import { describe, expect, test } from 'vitest';
import { expandWord } from '../../../src/lib/dockerfile/index.ts';

const env = new Map([
  ['PWD', '/home'],
  ['SHELL', 'bash'],
  ['EMPTY', ''],
  ['SPACE', 'a  b'],
  ['LEAD', '  x y'],
  ['FILE', 'archive.tar.gz'],
  ['PATHV', '/usr/local/bin:/usr/bin'],
  ['KOREAN', '한국어'],
  ['X', 'x'],
]);

/** [word, expected value or 'error: <detail>'] — behaviour of BuildKit's shell lexer. */
const cases: [string, string][] = [
  ['hello', 'hello'],
  ['$PWD', '/home'],
  ['${PWD}', '/home'],
  ['he$PWD', 'he/home'],
  ['he${PWD}xx', 'he/homexx'],
  ['$PWD.', '/home.'],
  ['$UNSET', ''],
  ['a${UNSET}b', 'ab'],
  ['$', '$'],
  ['$.', '$.'],
  ['a$', 'a$'],
  ['$1', ''],
  ['${1}', ''],
  ['he$1x', 'hex'],
  ['$12x', 'x'],
  ['$@', ''],
  ['$#', ''],
  ['$?x', 'x'],
  ['${1:-bbb}', 'bbb'],
  ['${1:+bbb}', ''],
  ['${UNSET:-default}', 'default'],
  ['${EMPTY:-default}', 'default'],
  ['${EMPTY-default}', ''],
  ['${UNSET-default}', 'default'],
  ['${PWD:-default}', '/home'],
  ['${PWD-default}', '/home'],
  ['${UNSET:+alt}', ''],
  ['${EMPTY:+alt}', ''],
  ['${EMPTY+alt}', 'alt'],
  ['${PWD:+alt}', 'alt'],
  ['${PWD+alt}', 'alt'],
  ['${UNSET:-$PWD}', '/home'],
  ['${UNSET:-${PWD}}', '/home'],
  ['${UNSET:-${ALSO:-deep}}', 'deep'],
  ['${PWD:+${SHELL}}', 'bash'],
  ['${PWD:+${UNSET}}', ''],
  ['${PWD:+${PWD}:}', '/home:'],
  ['${UNSET:-\\$PWD}', '$PWD'],
  ['${UNSET:-\\${PWD}z}', '${PWDz}'],
  ['${aaa:-bbb {foo}', 'bbb {foo'],
  ['${aaa}}', '}'],
  ['${aaa:-bbb}}', 'bbb}'],
  ['${PWD:?}', '/home'],
  ['${PWD?}', '/home'],
  ['${EMPTY?}', ''],
  ['${UNSET?}', 'error: UNSET: is not allowed to be unset'],
  ['${UNSET:?}', 'error: UNSET: is not allowed to be unset'],
  ['${EMPTY:?}', 'error: EMPTY: is not allowed to be empty'],
  ['${UNSET:?you must set it}', 'error: UNSET: you must set it'],
  ['${EMPTY:?no empties}', 'error: EMPTY: no empties'],
  ['${}', 'error: syntax error: bad substitution'],
  ['${:}', 'error: syntax error: bad substitution'],
  ['${:-x}', 'error: syntax error: bad substitution'],
  ['${{aaa}', 'error: syntax error: bad substitution'],
  // Go's string(scanner.EOF) is U+FFFD: BuildKit really prints this.
  ['${PWD', 'error: unsupported modifier (\ufffd) in substitution'],
  ['${', "error: syntax error: missing '}'"],
  ['${aaa:-bbb', "error: syntax error: missing '}'"],
  ['${aaa:-bbb ${foo}', "error: syntax error: missing '}'"],
  ['${PWD:=x}', 'error: unsupported modifier (:=) in substitution'],
  ['${X:YYY}', 'error: unsupported modifier (:Y) in substitution'],
  ['${X:#a}', 'error: unsupported modifier (:#) in substitution'],
  ['${FILE#*.}', 'tar.gz'],
  ['${FILE##*.}', 'gz'],
  ['${FILE%.*}', 'archive.tar'],
  ['${FILE%%.*}', 'archive'],
  ['${FILE#nomatch}', 'archive.tar.gz'],
  ['${FILE%?z}', 'archive.tar.'],
  ['${PATHV/bin/sbin}', '/usr/local/sbin:/usr/bin'],
  ['${PATHV//bin/sbin}', '/usr/local/sbin:/usr/sbin'],
  ['${PATHV//\\//_}', '_usr_local_bin:_usr_bin'],
  ['${UNSET/a/b}', ''],
  ["'$PWD'", '$PWD'],
  ["'\\$PWD'", '\\$PWD'],
  ['"$PWD"', '/home'],
  ['"he\'$PWD\'"', "he'/home'"],
  ['"\\$PWD"', '$PWD'],
  ['"\\\\$PWD"', '\\/home'],
  ['"abc\\tdef"', 'abc\\tdef'],
  ['abc\\tdef', 'abctdef'],
  ['he\\$PWD', 'he$PWD'],
  ['he\\\\$PWD', 'he\\/home'],
  ['hello\\', 'hello'],
  ['hello\\\\', 'hello\\'],
  ["he'll'o", 'hello'],
  ["he'llo", 'error: unexpected end of statement while looking for matching single-quote'],
  ['"hello', 'error: unexpected end of statement while looking for matching double-quote'],
  ['"hello\\"', 'error: unexpected end of statement while looking for matching double-quote'],
  ["'hello\\'", 'hello\\'],
  ['"\'\'"', "''"],
  ['$KOREAN', '한국어'],
  ['안녕$KOREAN', '안녕한국어'],
  ['안\'녕\'하세요', '안녕하세요'],
  ['"${SPACE}"', 'a  b'],
  ['<<EOF', '<<EOF'],
];

describe('expandWord (BuildKit shell lexer)', () => {
  test('the table has at least 80 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });
  test.each(cases)('%s', (word, expected) => {
    const r = expandWord(word, env);
    if (expected.startsWith('error: ')) {
      expect(r).toEqual({
        ok: false,
        error: { detail: expected.slice(7), message: `failed to process ${JSON.stringify(word)}: ${expected.slice(7)}` },
      });
    } else {
      expect(r.ok && r.value.value).toBe(expected);
    }
  });
});

describe('expandWord details', () => {
  test('reports resolved and unresolved names', () => {
    const r = expandWord('$PWD/${NOPE}/${ALSO:-x}', env);
    expect(r).toEqual({
      ok: true,
      // BuildKit's lexer shares one word buffer with nested ${...} scans, so the text before one is dropped from `words`.
      value: { value: '/home//x', words: ['x'], unresolved: ['NOPE', 'ALSO'], resolved: ['PWD'] },
    });
  });
  test('splits words after expansion, quotes respected', () => {
    const words = (w: string): string[] => {
      const r = expandWord(w, env);
      return r.ok ? r.value.words : [];
    };
    expect(words('hello${SPACE}bye')).toEqual(['helloa', 'bbye']);
    expect(words('hello"${SPACE}"bye')).toEqual(['helloa  bbye']);
    expect(words('x${LEAD}')).toEqual(['x', 'x', 'y']);
    expect(words('80 443/tcp')).toEqual(['80', '443/tcp']);
  });
  test('accepts a record or a function as variables', () => {
    expect(expandWord('$A-$B', { A: '1', B: undefined })).toEqual({
      ok: true,
      value: { value: '1-', words: ['1-'], unresolved: ['B'], resolved: ['A'] },
    });
    expect(expandWord('${N:-d}', (n) => (n === 'N' ? 'v' : undefined))).toMatchObject({ ok: true, value: { value: 'v' } });
  });
  test('the backtick escape token', () => {
    expect(expandWord('a`$PWD', env, { escapeToken: '`' })).toMatchObject({ ok: true, value: { value: 'a$PWD' } });
    expect(expandWord('a\\$PWD', env, { escapeToken: '`' })).toMatchObject({ ok: true, value: { value: 'a\\/home' } });
  });
  test('skipProcessQuotes keeps quotes (COPY heredoc bodies)', () => {
    expect(expandWord(`echo "$X" '$X'`, env, { skipProcessQuotes: true })).toMatchObject({
      ok: true,
      value: { value: `echo "x" 'x'` },
    });
  });
  test('skipUnsetEnv leaves unset references as written', () => {
    expect(expandWord('$PWD $NOPE ${NOPE:-d}', env, { skipUnsetEnv: true })).toMatchObject({
      ok: true,
      value: { value: '/home $NOPE ${NOPE:-d}' },
    });
  });
});
