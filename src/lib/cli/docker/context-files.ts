/**
 * The build context as the terminal's host folder: the playground's files map (relative paths, a
 * key ending in `/` is an empty folder) read as a directory tree, with a working directory inside it.
 */
import type { ContextInput } from '../../build/index.ts';

/** Where the context appears to live on the simulated host. */
export const PROJECT_DIR = '/home/learner/project';

/** The playground's state as a build context: its files plus the Dockerfile it edits separately. */
export function playgroundContext(state: { dockerfile: string; files: Readonly<Record<string, string>> }): ContextInput {
  const context: Record<string, { content?: string }> = {};
  for (const [path, content] of Object.entries(state.files)) context[path] = path.endsWith('/') ? {} : { content };
  context['Dockerfile'] ??= { content: state.dockerfile };
  return context;
}

/** A context-relative path ('' is the root) from `path` typed in `cwd`, or null when it leaves the context. */
export function resolveContextPath(cwd: string, typed: string): string | null {
  const path = typed === '~' || typed.startsWith('~/') ? `/home/learner${typed.slice(1)}` : typed;
  const parts = path.startsWith('/') ? [] : cwd.split('/').filter((p) => p !== '');
  let rest = path;
  if (path.startsWith('/')) {
    // Only the project folder exists on this host.
    if (path !== PROJECT_DIR && !path.startsWith(`${PROJECT_DIR}/`)) return null;
    rest = path.slice(PROJECT_DIR.length);
  }
  for (const p of rest.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(p);
  }
  return parts.join('/');
}

export type EntryKind = 'file' | 'dir';

export interface ContextEntry {
  name: string;
  kind: EntryKind;
  /** Relative path from the context root. */
  path: string;
}

export function entryKind(context: ContextInput, path: string): EntryKind | null {
  if (path === '') return 'dir';
  if (context[path] !== undefined) return 'file';
  const prefix = `${path}/`;
  return Object.keys(context).some((k) => k.startsWith(prefix)) ? 'dir' : null;
}

/** The entries directly inside a folder, sorted by name. */
export function listDir(context: ContextInput, dir: string): ContextEntry[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const found = new Map<string, EntryKind>();
  for (const key of Object.keys(context)) {
    if (!key.startsWith(prefix) || key === prefix) continue;
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash === -1 ? rest : rest.slice(0, slash);
    if (slash !== -1 || found.get(name) === 'dir') found.set(name, 'dir');
    else found.set(name, 'file');
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, kind]) => ({ name, kind, path: prefix + name }));
}

/** The part of the context below `dir`, re-rooted there (for `docker build <dir>`). */
export function subContext(context: ContextInput, dir: string): ContextInput {
  if (dir === '') return context;
  const prefix = `${dir}/`;
  return Object.fromEntries(Object.entries(context).filter(([k]) => k.startsWith(prefix) && k !== prefix).map(([k, v]) => [k.slice(prefix.length), v]));
}

/** How the host shows a context path: `~/project/src`. */
export const displayPath = (path: string): string => `~/project${path === '' ? '' : `/${path}`}`;
export const absolutePath = (path: string): string => `${PROJECT_DIR}${path === '' ? '' : `/${path}`}`;
