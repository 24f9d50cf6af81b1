import { describe, expect, test } from 'vitest';
import { createStateStore, type KeyValueStorage, type PlaygroundState } from '../../../src/lib/share/index.ts';

const state: PlaygroundState = {
  dockerfile: 'FROM alpine:3.20\n',
  files: { 'a.txt': 'a\n' },
  options: { target: null, buildArgs: {}, builder: 'buildkit', noCache: false },
};

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const throwing: KeyValueStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('state store', () => {
  test('nothing saved loads as null; save then load returns the state', () => {
    const storage = memoryStorage();
    const store = createStateStore(storage, 'k');
    expect(store.load()).toEqual({ ok: true, value: null });
    expect(store.save(state)).toEqual({ ok: true, value: undefined });
    expect(storage.data.get('k')).toBe(JSON.stringify(state));
    expect(store.load()).toEqual({ ok: true, value: state });
    store.clear();
    expect(store.load()).toEqual({ ok: true, value: null });
  });

  test('corrupt or wrong-shaped saved text is an error value', () => {
    const storage = memoryStorage();
    const store = createStateStore(storage, 'k');
    storage.data.set('k', '{not json');
    expect(store.load()).toEqual({
      ok: false,
      error: { severity: 'error', code: 'saved-corrupt', message: 'The saved playground state could not be read.', hint: 'It was replaced by the default example.' },
    });
    storage.data.set('k', '{"dockerfile":3}');
    expect(store.load()).toEqual({
      ok: false,
      error: {
        severity: 'error',
        code: 'share-invalid',
        message: 'The shared state is not valid: the Dockerfile is missing.',
        hint: 'The link may have been cut short or edited by hand; ask for a fresh one.',
      },
    });
  });

  test('blocked or full storage: load finds nothing, save reports, clear is quiet', () => {
    const store = createStateStore(throwing);
    expect(store.load()).toEqual({ ok: true, value: null });
    expect(store.save(state)).toEqual({
      ok: false,
      error: {
        severity: 'error',
        code: 'saved-failed',
        message: 'The playground state could not be saved in this browser.',
        hint: 'Storage may be full or blocked; use "Copy link" to keep your work.',
      },
    });
    expect(() => store.clear()).not.toThrow();
  });
});
