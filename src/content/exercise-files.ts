import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Result } from '../lib/diagnostics.ts';

/** The files of an exercise folder besides its statement (index.mdx). */
export interface ExerciseFiles {
  /** The build context: path relative to context/ (with `/`) → text content, sorted by path. */
  context: Record<string, string>;
  /** The Dockerfile the learner starts from. */
  starter: string;
  /** A Dockerfile that meets every goal. */
  solution: string;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads context/, starter.Dockerfile and solution.Dockerfile of the exercise folder `dir`.
 * A missing part is an error naming the path, so a half-made exercise fails the build.
 */
export function readExerciseFiles(dir: string): Result<ExerciseFiles, string> {
  const contextDir = join(dir, 'context');
  const missing = ['starter.Dockerfile', 'solution.Dockerfile'].filter((name) => !isFile(join(dir, name)));
  if (!isDirectory(contextDir)) missing.push('context/');
  if (missing.length > 0) {
    return { ok: false, error: `${dir}: missing ${missing.join(', ')}` };
  }
  const paths = listFiles(contextDir)
    .map((path) => relative(contextDir, path).split('\\').join('/'))
    .sort();
  if (paths.length === 0) {
    return { ok: false, error: `${contextDir}: the build context is empty` };
  }
  const context = Object.fromEntries(paths.map((path) => [path, readFileSync(join(contextDir, path), 'utf8')]));
  return {
    ok: true,
    value: {
      context,
      starter: readFileSync(join(dir, 'starter.Dockerfile'), 'utf8'),
      solution: readFileSync(join(dir, 'solution.Dockerfile'), 'utf8'),
    },
  };
}
