import { describe, expect, test } from 'vitest';
import { main } from '../../src/lib/cli/main.ts';
import { memoryIo } from '../../src/lib/cli/io.ts';

const good = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n';
const bad = 'FROM alpine:3.20\nFNTRYPOINT ["/app"]\n';

describe('stagecraft parse', () => {
  test('text output of a valid Dockerfile, exit 0', async () => {
    const io = memoryIo({ '/w/Dockerfile': good }, '/w');
    expect(await main(['parse', 'Dockerfile'], io)).toBe(0);
    expect(io.out).toBe(
      [
        'L1      FROM args["golang:1.22" "AS" "build"]',
        'L2      RUN args["go build -o /app ."]',
        'L3      FROM args["alpine:3.20"]',
        'L4      COPY flags=["--from=build"] args["/app" "/app"]',
        'L5      ENTRYPOINT json["/app"]',
        '',
        'stage 0 "build" FROM golang:1.22 (lines 1-2)',
        'stage 1 FROM alpine:3.20 (lines 3-5)',
        '',
      ].join('\n'),
    );
    expect(io.err).toBe('');
  });

  test('json output and exit 1 when there is an error', async () => {
    const io = memoryIo({ '/w/Dockerfile': bad }, '/w');
    expect(await main(['parse', '--format', 'json', 'Dockerfile'], io)).toBe(1);
    const doc = JSON.parse(io.out) as { diagnostics: unknown[]; instructions: { keyword: string }[] };
    expect(doc.instructions.map((i) => i.keyword)).toEqual(['FROM', 'FNTRYPOINT']);
    expect(doc.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'unknown-instruction',
        message: 'unknown instruction: FNTRYPOINT (did you mean ENTRYPOINT?)',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 11,
      },
    ]);
  });

  test('--format=text with a diagnostic shows hint and link', async () => {
    const io = memoryIo({ '/Dockerfile': 'FROM ubuntu\n' });
    expect(await main(['parse', '--format=text', '/Dockerfile'], io)).toBe(0);
    expect(io.out).toContain(
      'warning 1:6 DL3006: Always tag the version of an image explicitly\n' +
        '  hint: Without a tag FROM means :latest, which changes under you. Pin a version such as node:20-alpine.\n' +
        '  see: https://github.com/hadolint/hadolint/wiki/DL3006\n',
    );
  });

  test('a missing file is reported on stderr, exit 1', async () => {
    const io = memoryIo();
    expect(await main(['parse', 'nope'], io)).toBe(1);
    expect(io.err).toBe('stagecraft parse: open nope: no such file or directory\n');
  });

  test('usage errors exit 2', async () => {
    const io = memoryIo();
    expect(await main(['parse', '--format', 'xml', 'f'], io)).toBe(2);
    expect(io.err).toBe('stagecraft parse: --format must be json or text\nUsage: stagecraft parse [--format json|text] FILE\n');
    expect(await main(['parse'], io)).toBe(2);
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err).toContain('stagecraft: unknown command "frobnicate"');
  });
});
