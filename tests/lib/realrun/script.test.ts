import { describe, expect, test } from 'vitest';
import { splitScript } from '../../../src/lib/realrun/script.ts';

const vars: Record<string, string> = { PORT: '8080', FLAGS: '--inspect  --trace-warnings', EMPTY: '' };
const lookup = (name: string): string | undefined => vars[name];

describe('splitScript', () => {
  test('quotes, escapes and `$VAR`: unquoted values are split into fields, quoted ones are not', () => {
    expect(splitScript(`node 'a b.js' "$FLAGS" $FLAGS --port=$PORT x\\ y $EMPTY`, lookup)).toEqual({
      ok: true,
      value: [{
        kind: 'command',
        argv: ['node', 'a b.js', '--inspect  --trace-warnings', '--inspect', '--trace-warnings', '--port=8080', 'x y'],
        env: {},
        text: `node 'a b.js' "$FLAGS" $FLAGS --port=$PORT x\\ y $EMPTY`,
      }],
    });
  });

  test('`&&` and `;` lists in order; assignments before a command are its env; `exec` is dropped; `cd` moves', () => {
    expect(splitScript('cd /srv; NODE_ENV=test PORT=$PORT npm test && exec node server.js', lookup)).toEqual({
      ok: true,
      value: [
        { kind: 'cd', dir: '/srv', text: 'cd /srv' },
        { kind: 'command', argv: ['npm', 'test'], env: { NODE_ENV: 'test', PORT: '8080' }, text: 'NODE_ENV=test PORT=$PORT npm test' },
        { kind: 'command', argv: ['node', 'server.js'], env: {}, text: 'exec node server.js' },
      ],
    });
  });

  test('per command: redirections, pipelines, globs, `${x:-y}`, `~` and bare assignments are unsupported', () => {
    const parts = splitScript('node a.js 2>&1; node -v | cat; rm *.log; node ${MAIN:-x.js}; cd ~; A=1', lookup);
    expect(parts).toEqual({
      ok: true,
      value: [
        { kind: 'unsupported', text: 'node a.js 2>&1', why: '`node a.js 2>&1` redirects its input or output, which the real mode does not replay' },
        { kind: 'unsupported', text: 'node -v | cat', why: '`node -v | cat` is a pipeline, which the real mode does not replay' },
        { kind: 'unsupported', text: 'rm *.log', why: '`*.log` is a file pattern, which the real mode does not replay' },
        { kind: 'unsupported', text: 'node ${MAIN:-x.js}', why: "`${MAIN:-x.js}` needs the shell's parameter expansion, which the real mode does not replay" },
        { kind: 'unsupported', text: 'cd ~', why: '`~` names a home folder, which the real mode does not replay' },
        { kind: 'unsupported', text: 'A=1', why: '`A=1` only sets shell variables' },
      ],
    });
  });

  test('the whole script: `||`, compound commands, syntax errors', () => {
    expect(splitScript('npm ci || npm install', lookup)).toEqual({ ok: false, error: 'it uses `||`, which runs a command only when another fails' });
    expect(splitScript('while true; do node x; done', lookup)).toEqual({ ok: false, error: 'it uses a shell `while`, which the real mode does not replay' });
    expect(splitScript('(cd x && npm ci)', lookup)).toEqual({ ok: false, error: 'it uses a shell `( ... )`, which the real mode does not replay' });
    expect(splitScript('node "x.js', lookup)).toEqual({ ok: false, error: 'the shell cannot parse it (Syntax error: Unterminated quoted string)' });
  });
});
