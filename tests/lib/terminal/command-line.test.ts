import { describe, expect, test } from 'vitest';
import { parseCommandLine } from '../../../src/lib/terminal/index.ts';

describe('parseCommandLine', () => {
  test('quotes, escapes and connectors', () => {
    expect(parseCommandLine(`docker run app sh -c 'echo $HOME' && echo "a \\"b\\"" c\\ d; pwd || ls`)).toEqual({
      ok: true,
      items: [
        { words: ['docker', 'run', 'app', 'sh', '-c', 'echo $HOME'], after: null },
        { words: ['echo', 'a "b"', 'c d'], after: '&&' },
        { words: ['pwd'], after: ';' },
        { words: ['ls'], after: '||' },
      ],
    });
  });

  test('empty quotes are an empty word; a blank line is no command', () => {
    expect(parseCommandLine(`echo '' ""`)).toEqual({ ok: true, items: [{ words: ['echo', '', ''], after: null }] });
    expect(parseCommandLine('   ')).toEqual({ ok: true, items: [] });
  });

  test("bash's errors for an open quote and a dangling connector", () => {
    expect(parseCommandLine(`echo "a`)).toEqual({ ok: false, error: "bash: unexpected EOF while looking for matching `\"'" });
    expect(parseCommandLine('&& ls')).toEqual({ ok: false, error: "bash: syntax error near unexpected token `&&'" });
    expect(parseCommandLine('ls &&')).toEqual({ ok: false, error: 'bash: syntax error: unexpected end of file' });
  });
});
