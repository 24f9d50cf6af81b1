/**
 * Where an image path lives in the container: every replayed stage has its own folder named after
 * the stage (`build/`, `runtime/`, `stage-2/`), so `/app` of stage `runtime` is `runtime/app`.
 */
import type { ImageFile } from '../build/index.ts';
import { normalizePath } from '../vfs/index.ts';

/** `runtime` + `/app/dist` → `runtime/app/dist`; relative paths resolve against `cwd` first. */
export function inStage(stage: string, path: string, cwd = '/'): string {
  const abs = normalizePath(path, cwd);
  return abs === '/' ? stage : `${stage}${abs}`;
}

/** The parent of a relative path (`runtime/app/x.js` → `runtime/app`). */
export const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/**
 * Rewrites an absolute argument that points into the stage's replayed files (`/app/dist/server.js`)
 * to its real place (`<root>/runtime/app/dist/server.js`); other arguments stay as they are. A path
 * is replayed when the nearest listed entry at or above it came from a Dockerfile step, not the base.
 */
export function pathRewriter(stage: string, files: readonly ImageFile[], root: string): (arg: string) => string {
  const fromSteps = new Map(files.map((f) => [f.path, f.fromStage !== null]));
  const replayed = (abs: string): boolean => {
    for (let p = abs; p !== '/'; p = normalizePath(`${p}/..`)) {
      const known = fromSteps.get(p);
      if (known !== undefined) return known;
    }
    return false;
  };
  return (arg) => {
    if (!arg.startsWith('/')) return arg;
    const abs = normalizePath(arg);
    return replayed(abs) ? `${root.replace(/\/+$/, '')}/${inStage(stage, abs)}` : arg;
  };
}
