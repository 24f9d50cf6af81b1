/**
 * Whether this browser, here and now, can run an image for real in a WebContainer, and if not, why
 * in one sentence. Checked before the action is offered; the simulated run never depends on it.
 */
import type { RealRunHandle } from '../../lib/realrun/types.ts';
import { crlf } from '../../lib/terminal/terminal-like.ts';

/** What the decision depends on, read from the page (`browserFacts`) or given by a test. */
export interface BrowserFacts {
  /** The page was served with COOP/COEP (window.crossOriginIsolated). */
  crossOriginIsolated: boolean;
  /** SharedArrayBuffer, Atomics and WebAssembly exist: what WebContainers are built on. */
  sharedMemory: boolean;
  /** navigator.onLine: false means certainly offline (true only means "maybe online"). */
  onLine: boolean;
}

export type RealRunSupport = { ok: true } | { ok: false; reason: string };

export function browserFacts(): BrowserFacts {
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedMemory: typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' && typeof WebAssembly === 'object',
    onLine: globalThis.navigator?.onLine !== false,
  };
}

export function realRunSupport(facts: BrowserFacts): RealRunSupport {
  if (!facts.crossOriginIsolated) {
    return {
      ok: false,
      reason: 'This page is not cross-origin isolated (its server did not send the COOP/COEP headers), so the browser withholds the shared memory a WebContainer needs.',
    };
  }
  if (!facts.sharedMemory) {
    return { ok: false, reason: 'This browser lacks the shared memory and WebAssembly support WebContainers need; recent Chrome, Edge, Firefox and Safari have them.' };
  }
  if (!facts.onLine) {
    return { ok: false, reason: "Your browser is offline, and running for real needs the network: the WebContainer starts from StackBlitz's servers and npm downloads packages." };
  }
  return { ok: true };
}

/**
 * A run that could not start: the reason and the way back to the simulator on the screen, and the
 * exit code docker gives a container that could not be started (125).
 */
export function notStarted(screen: { write(text: string): void }, image: string, reason: string): RealRunHandle {
  screen.write(crlf(`\x1b[33m${reason}\x1b[0m\nThe simulated run still works: docker run ${image}\n`));
  return { input: () => {}, kill: () => {}, exit: Promise.resolve(125) };
}

/** How long the first start may take before the page gives up and says the network is missing. */
export const BOOT_TIMEOUT_MS = 20_000;

export const bootTimedOut = (ms: number): string =>
  `The WebContainer did not start within ${Math.round(ms / 1000)} seconds: running for real needs network access to StackBlitz's servers, which this browser could not reach.`;
