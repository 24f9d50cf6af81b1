import { describe, expect, test } from 'vitest';
import { bootTimedOut, notStarted, realRunSupport, type BrowserFacts } from '../../../src/components/realrun/support.ts';

const able: BrowserFacts = { crossOriginIsolated: true, sharedMemory: true, onLine: true };

describe('realRunSupport', () => {
  test('an isolated, capable, online browser may run for real', () => {
    expect(realRunSupport(able)).toEqual({ ok: true });
  });

  test('each missing condition gives its own one-sentence reason, isolation first', () => {
    expect(realRunSupport({ crossOriginIsolated: false, sharedMemory: false, onLine: false })).toEqual({
      ok: false,
      reason: 'This page is not cross-origin isolated (its server did not send the COOP/COEP headers), so the browser withholds the shared memory a WebContainer needs.',
    });
    expect(realRunSupport({ ...able, sharedMemory: false })).toEqual({
      ok: false,
      reason: 'This browser lacks the shared memory and WebAssembly support WebContainers need; recent Chrome, Edge, Firefox and Safari have them.',
    });
    expect(realRunSupport({ ...able, onLine: false })).toEqual({
      ok: false,
      reason: "Your browser is offline, and running for real needs the network: the WebContainer starts from StackBlitz's servers and npm downloads packages.",
    });
  });

  test('every reason is one sentence', () => {
    for (const facts of [{ ...able, crossOriginIsolated: false }, { ...able, sharedMemory: false }, { ...able, onLine: false }]) {
      const support = realRunSupport(facts);
      expect(support.ok).toBe(false);
      if (!support.ok) expect(support.reason.match(/[.!?](\s|$)/g)).toHaveLength(1);
    }
    expect(bootTimedOut(20_000)).toBe(
      "The WebContainer did not start within 20 seconds: running for real needs network access to StackBlitz's servers, which this browser could not reach.",
    );
  });
});

test('a run that cannot start says why and how to run it simulated, with CRLF line ends, and exits 125', async () => {
  let written = '';
  const handle = notStarted({ write: (text) => void (written += text) }, 'playground:latest', 'Your browser is offline.');
  expect(written).toBe('\x1b[33mYour browser is offline.\x1b[0m\r\nThe simulated run still works: docker run playground:latest\r\n');
  expect(await handle.exit).toBe(125);
});
