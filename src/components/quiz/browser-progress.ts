/**
 * The page's progress store: localStorage when the browser allows it, else an in-memory stand-in
 * (private mode, blocked storage), so the practice widgets never break a page.
 */
import { loadProgress, saveProgress, type LoadedProgress, type Progress, type StorageLike } from '../../lib/progress/index.ts';

function memory(): StorageLike {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

let storage: StorageLike | undefined;

export function pageStorage(): StorageLike {
  if (storage !== undefined) return storage;
  try {
    const probe = '__stagecraft_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    storage = window.localStorage;
  } catch {
    storage = memory();
  }
  return storage;
}

let loaded: LoadedProgress | undefined;

/** Loaded once per page; the notice (a corrupt save was reset) is shown by the page's banner. */
export function pageProgress(): LoadedProgress {
  loaded ??= loadProgress(pageStorage());
  return loaded;
}

/** Applies `change` to the page's progress and saves it. */
export function updatePageProgress(change: (p: Progress) => Progress): Progress {
  const current = pageProgress();
  const next = change(current.progress);
  loaded = { progress: next, notice: current.notice };
  saveProgress(pageStorage(), next);
  return next;
}

/** Replaces the page's progress (after an import or a reset). */
export function replacePageProgress(progress: Progress): void {
  loaded = { progress, notice: null };
}
