import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeState, encodeState, limits, shareVersion, stateParam, type PlaygroundState } from '../../../src/lib/share/index.ts';
import { deflate, toBase64Url } from '../../../src/lib/share/codec.ts';

const sample: PlaygroundState = {
  dockerfile: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=builder /app /app\n',
  files: { 'main.go': 'package main\n', 'docs/': '', '.dockerignore': '*.md\n', 'ünï/cødé.txt': '✓ 🐳\n' },
  options: { target: 'builder', buildArgs: { GO_VERSION: '1.22' }, builder: 'legacy', noCache: true },
};

const hint = 'The playground opened its default example instead. Ask whoever sent the link for a fresh copy.';

async function fragmentOf(json: string, version = shareVersion): Promise<string> {
  return `#state=v${version}.${toBase64Url(await deflate(new TextEncoder().encode(json)))}`;
}

const pathSegment = fc.stringMatching(/^[A-Za-z0-9_.\-ü]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const arbitraryState: fc.Arbitrary<PlaygroundState> = fc.record({
  dockerfile: fc.string({ unit: 'grapheme', maxLength: 400 }),
  files: fc.dictionary(
    fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
    fc.string({ unit: 'binary', maxLength: 200 }),
    { maxKeys: 8 },
  ),
  options: fc.record({
    target: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { nil: null }),
    buildArgs: fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
    builder: fc.constantFrom('buildkit' as const, 'legacy' as const),
    noCache: fc.boolean(),
  }),
});

describe('share link', () => {
  test('encodes to a versioned fragment and decodes back to the same state', async () => {
    const fragment = await encodeState(sample);
    expect(fragment).toMatch(/^#state=v1\.[A-Za-z0-9_-]+$/);
    expect(await decodeState(fragment)).toEqual({ ok: true, value: sample });
  });

  test('round trip of any valid state (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryState, async (state) => {
        expect(await decodeState(await encodeState(state))).toEqual({ ok: true, value: state });
      }),
      { numRuns: 150 },
    );
  });

  test('compresses: a repetitive Dockerfile makes a short link', async () => {
    const big = { ...sample, dockerfile: 'RUN echo hello world\n'.repeat(500) };
    expect((await encodeState(big)).length).toBeLessThan(400);
  });

  test('a hash without state is not an error', async () => {
    expect(await decodeState('')).toEqual({ ok: true, value: null });
    expect(await decodeState('#section-2')).toEqual({ ok: true, value: null });
    expect(stateParam('#a=1&state=v1.abc')).toBe('v1.abc');
  });

  test('corrupt links give the damaged-link message', async () => {
    const corrupt = {
      ok: false,
      error: { severity: 'error', code: 'share-corrupt', message: 'This link is damaged: its playground state could not be read.', hint },
    };
    for (const hash of ['#state=', '#state=v1.', '#state=garbage', '#state=v1.!!!!', '#state=v1.A', '#state=v0.AAAA', '#state=v1.AAAAAAAA']) {
      expect(await decodeState(hash), hash).toEqual(corrupt);
    }
    const good = await encodeState(sample);
    expect(await decodeState(good.slice(0, good.length - 6)), 'truncated').toEqual(corrupt);
    expect(await decodeState(await fragmentOf('{"dockerfile": ')), 'not JSON').toEqual(corrupt);
  });

  test('any random fragment decodes to a state or an error, never throws (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/), async (payload) => {
        const result = await decodeState(`#state=v1.${payload}`);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  test('valid JSON of the wrong shape says what is wrong', async () => {
    const cases: [string, string][] = [
      ['[]', 'it is not an object'],
      ['{"files":{}}', 'the Dockerfile is missing'],
      ['{"dockerfile":"","files":{"/etc/passwd":"x"},"options":{}}', 'files has a bad key "/etc/passwd"'],
      ['{"dockerfile":"","files":{"a/../b":"x"},"options":{}}', 'files has a bad key "a/../b"'],
      ['{"dockerfile":"","files":{"a":1},"options":{}}', 'files["a"] is not text'],
      ['{"dockerfile":"","files":{},"options":{"target":null,"buildArgs":{},"builder":"kaniko","noCache":false}}', 'the builder is neither buildkit nor legacy'],
      ['{"dockerfile":"","files":{},"options":{"target":null,"buildArgs":{"1X":"a"},"builder":"buildkit","noCache":false}}', 'build args has a bad key "1X"'],
      ['{"dockerfile":"","files":{},"options":{"target":null,"buildArgs":{},"builder":"buildkit","noCache":"yes"}}', 'no-cache is not true or false'],
    ];
    for (const [json, what] of cases) {
      expect(await decodeState(await fragmentOf(json)), json).toEqual({
        ok: false,
        error: { severity: 'error', code: 'share-invalid', message: `The shared state is not valid: ${what}.`, hint },
      });
    }
  });

  test('a __proto__ file name stays a file name', async () => {
    const result = await decodeState(await fragmentOf('{"dockerfile":"","files":{"__proto__":"x"},"options":{"target":null,"buildArgs":{},"builder":"buildkit","noCache":false}}'));
    expect(result.ok && Object.getPrototypeOf(result.value?.files)).toBe(Object.prototype);
    expect(result.ok && Object.keys(result.value?.files ?? {})).toEqual(['__proto__']);
  });

  test('extra fields are dropped', async () => {
    const json = JSON.stringify({ ...sample, extra: 1, options: { ...sample.options, evil: true } });
    expect(await decodeState(await fragmentOf(json))).toEqual({ ok: true, value: sample });
  });

  test('a link from a future version is refused with its own message', async () => {
    expect(await decodeState(await fragmentOf(JSON.stringify(sample), 2))).toEqual({
      ok: false,
      error: {
        severity: 'error',
        code: 'share-future-version',
        message: 'This link was made by a newer version of Stagecraft (format v2; this page reads up to v1).',
        hint: 'Reload the page to get the newest version, then open the link again.',
      },
    });
  });

  test('too large: a long fragment, or one that inflates past the limit', async () => {
    const long = `#state=v1.${'A'.repeat(limits.fragmentChars)}`;
    expect(await decodeState(long)).toEqual({
      ok: false,
      error: { severity: 'error', code: 'share-too-large', message: 'This link is too large to open (200,010 characters; the limit is 200,000).', hint },
    });
    // A zip bomb: 2 MB of spaces compress to a few kB.
    const bomb = await fragmentOf(' '.repeat(2_000_000));
    expect(bomb.length).toBeLessThan(limits.fragmentChars);
    expect(await decodeState(bomb)).toEqual({
      ok: false,
      error: { severity: 'error', code: 'share-too-large', message: 'This link expands to more than 1,000,000 bytes, more than the playground accepts.', hint },
    });
  });
});
