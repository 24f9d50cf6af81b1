/** Scripts that never end stop with a clear error and status 124, never a hang. */
import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS, LIMIT_STATUS } from '../../../src/lib/shell/index.ts';
import { sh } from './fixtures.ts';

describe('limits', () => {
  test('while true; do :; done stops at the command limit', () => {
    const r = sh('echo start; while true; do :; done; echo never');
    expect(r.exitCode).toBe(LIMIT_STATUS);
    expect(r.stdout).toBe('start\n');
    expect(r.stderr).toBe(`Stagecraft stopped this script: it exceeded ${DEFAULT_LIMITS.maxCommands} commands run (a simulator limit, not a Docker one)\n`);
    expect(r.error).toEqual({ kind: 'limit', limit: 'maxCommands', message: r.stderr.trimEnd() });
  });
  test('loop iterations are counted across loops', () => {
    const r = sh('i=0; while :; do i=$((i+1)); done', { limits: { maxLoopIterations: 50 } });
    expect([r.exitCode, r.error?.kind === 'limit' ? r.error.limit : undefined]).toEqual([LIMIT_STATUS, 'maxLoopIterations']);
  });
  test('output is bounded, also inside pipes and substitutions', () => {
    const pipe = sh('f() { while :; do echo y; done; }; f | head -1', { limits: { maxOutputBytes: 1000 } });
    expect(pipe.error).toMatchObject({ kind: 'limit', limit: 'maxOutputBytes' });
    const sub = sh('x=$(while :; do echo y; done)', { limits: { maxOutputBytes: 1000 } });
    expect(sub.error).toMatchObject({ kind: 'limit', limit: 'maxOutputBytes' });
  });
  test('recursion is bounded', () => {
    expect(sh('f() { f; }; f').error).toMatchObject({ kind: 'limit', limit: 'maxDepth' });
    expect(sh('sh -c "sh -c \\"sh -c exit\\""', { limits: { maxDepth: 2 } }).error).toMatchObject({ kind: 'limit', limit: 'maxDepth' });
  });
  test('a file that doubles each turn is bounded', () => {
    const r = sh('echo x > /tmp/a; while :; do cat /tmp/a /tmp/a > /tmp/b; mv /tmp/b /tmp/a; done', { limits: { maxFileBytes: 10_000 } });
    expect(r.error).toMatchObject({ kind: 'limit', limit: 'maxFileBytes' });
  });
  test('what happened before the limit stays: files written, output printed', () => {
    const r = sh('echo kept > /tmp/k; while :; do :; done', { limits: { maxCommands: 20 } });
    expect(sh('cat /tmp/k', { fs: r.fs }).stdout).toBe('kept\n');
  });
});
