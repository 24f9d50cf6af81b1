/**
 * The last playground state in a key/value store (localStorage in the browser, injected so tests and
 * Node can pass their own). Stored as plain JSON and validated on the way back in like a link.
 */
import { err, ok, type Result } from '../diagnostics.ts';
import { shareError, validateState, type PlaygroundState } from './state.ts';

/** The part of the Web Storage API this needs. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StateStore {
  /** ok(null) when nothing is saved. */
  load(): Result<PlaygroundState | null>;
  save(state: PlaygroundState): Result<void>;
  clear(): void;
}

export function createStateStore(storage: KeyValueStorage, key = 'stagecraft-playground'): StateStore {
  return {
    load() {
      let text: string | null;
      try {
        text = storage.getItem(key);
      } catch {
        // Storage blocked (privacy settings): behave as if nothing was saved.
        return ok(null);
      }
      if (text === null) return ok(null);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return err(shareError('saved-corrupt', 'The saved playground state could not be read.', 'It was replaced by the default example.'));
      }
      return validateState(parsed);
    },
    save(state) {
      try {
        storage.setItem(key, JSON.stringify(state));
        return ok(undefined);
      } catch {
        return err(shareError('saved-failed', 'The playground state could not be saved in this browser.', 'Storage may be full or blocked; use "Copy link" to keep your work.'));
      }
    },
    clear() {
      try {
        storage.removeItem(key);
      } catch {
        // Nothing to clear when storage is blocked.
      }
    },
  };
}
