import { describe, expect, test } from 'vitest';
import { compilePatterns, isIgnored, readIgnoreFile } from '../../../src/lib/build/dockerignore.ts';
import { buildText } from './helpers.ts';

function ignored(patterns: string[], files: string[]): string[] {
  const m = compilePatterns(patterns);
  if (!m.ok) throw new Error(m.error.message);
  return files.filter((f) => isIgnored(m.value, f));
}

describe('.dockerignore reading (ignorefile rules)', () => {
  test('drops column-0 comments and blank lines, trims, cleans, strips a leading slash, keeps ! exceptions', () => {
    const text = '\uFEFF# comment\n\n  /foo/../bar/  \n #not-a-comment\n! /keep//me.txt\n./x/./y\n/\n';
    expect(readIgnoreFile(text)).toEqual([
      { pattern: 'bar', line: 3 },
      { pattern: '#not-a-comment', line: 4 },
      { pattern: '!keep/me.txt', line: 5 },
      { pattern: 'x/y', line: 6 },
      { pattern: '/', line: 7 },
    ]);
  });

  test('a lone ! is an error with its line', () => {
    expect(compilePatterns(readIgnoreFile('a\n!\n'))).toEqual({
      ok: false,
      error: { message: 'illegal exclusion pattern: "!"', line: 2 },
    });
  });

  test('an unclosed character class is a syntax error', () => {
    expect(compilePatterns(['[a-'])).toEqual({ ok: false, error: { message: 'syntax error in pattern', line: null } });
  });
});

describe('matching (patternmatcher rules)', () => {
  const files = ['a.txt', 'd/a.txt', 'd/e/a.txt', 'README.md', 'docs/x.md', 'docs/keep.md', 'node_modules/p/i.js', 'dir', 'dir/f', 'dir/sub/g', 'a.txt.bak'];
  const table: [string[], string[]][] = [
    [['*.txt'], ['a.txt']],
    [['**/*.txt'], ['a.txt', 'd/a.txt', 'd/e/a.txt']],
    [['**'], files],
    [['d'], ['d/a.txt', 'd/e/a.txt']],
    [['d/*'], ['d/a.txt', 'd/e/a.txt']],
    [['dir/**'], ['dir/f', 'dir/sub/g']],
    [['**/e'], ['d/e/a.txt']],
    [['?.txt'], ['a.txt']],
    [['[a-c].txt*'], ['a.txt', 'a.txt.bak']],
    [['*.md', '!README.md'], []],
    [['**/*.md', '!README.md'], ['docs/x.md', 'docs/keep.md']],
    [['docs', '!docs/keep.md'], ['docs/x.md']],
    [['!a.txt', 'a.txt'], ['a.txt']],
    [['a.txt', '!a.txt'], []],
    [['node_modules'], ['node_modules/p/i.js']],
    [['/dir/sub'], []], // only the file reader drops a leading slash
    [['a\\.txt'], ['a.txt']],
  ];
  test.each(table)('%j', (patterns, expected) => {
    expect(ignored(patterns, files)).toEqual(expected);
  });

  test('a leading slash read from the file anchors at the context root', () => {
    const m = compilePatterns(readIgnoreFile('/dir/sub\n'));
    expect(m.ok && files.filter((f) => isIgnored(m.value, f))).toEqual(['dir/sub/g']);
  });
});

describe('the BuildResult names what the ignore file left out', () => {
  const context = {
    '.dockerignore': { content: 'node_modules\n*.md\n!KEEP.md\nempty\n' },
    'KEEP.md': { content: 'kept' },
    'README.md': { content: 'gone' },
    'app.js': { content: 'x' },
    'empty/': {},
    'node_modules/a/index.js': { content: 'a' },
    'node_modules/b.js': { content: 'b' },
  };

  test('every ignored context path, sorted and clean, and the ignore file', () => {
    const r = buildText('FROM alpine:3.24\nCOPY . /app/\n', context);
    expect(r.ok).toBe(true);
    expect(r.context).toEqual({ ignoreFile: '.dockerignore', ignored: ['README.md', 'empty', 'node_modules/a/index.js', 'node_modules/b.js'] });
  });

  test('known even when the Dockerfile does not parse', () => {
    const r = buildText('FROM alpine:3.24\nCOPPY . /app/\n', context);
    expect(r.ok).toBe(false);
    expect(r.context.ignored).toEqual(['README.md', 'empty', 'node_modules/a/index.js', 'node_modules/b.js']);
  });

  test('<Dockerfile>.dockerignore wins over .dockerignore', () => {
    const r = buildText('FROM alpine:3.24\n', { ...context, 'build/app.Dockerfile.dockerignore': { content: 'app.js\n' } }, { dockerfilePath: 'build/app.Dockerfile' });
    expect(r.context).toEqual({ ignoreFile: 'build/app.Dockerfile.dockerignore', ignored: ['app.js'] });
  });

  test('no ignore file: nothing left out', () => {
    const r = buildText('FROM alpine:3.24\n', { 'README.md': { content: 'x' } });
    expect(r.context).toEqual({ ignoreFile: null, ignored: [] });
  });

  test('a bad pattern: the build fails, nothing is listed, the file is named', () => {
    const r = buildText('FROM alpine:3.24\n', { '.dockerignore': { content: 'a\n!\n' }, a: { content: 'x' } });
    expect(r.ok).toBe(false);
    expect(r.context).toEqual({ ignoreFile: '.dockerignore', ignored: [] });
  });
});
