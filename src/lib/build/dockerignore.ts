/**
 * `.dockerignore` with Docker's exact rules: moby/patternmatcher/ignorefile for reading
 * (column-0 `#` comments, trim, `filepath.Clean`, leading `/` dropped, `!` exceptions) and
 * patternmatcher for matching (`*` and `?` stay inside one path segment, `**` spans any number,
 * a pattern matching a parent directory excludes the whole subtree, the last matching pattern wins).
 * The same matcher serves `COPY --exclude`.
 */
import { cleanPath } from './paths.ts';

export interface IgnorePattern {
  /** The cleaned pattern without its `!`. */
  pattern: string;
  exclusion: boolean;
  regex: RegExp;
}

export type IgnoreMatcher = readonly IgnorePattern[];

export type PatternError = { message: string; line: number | null };

/** Read a .dockerignore file into pattern strings (ignorefile.ReadAll). */
export function readIgnoreFile(text: string): { pattern: string; line: number }[] {
  const out: { pattern: string; line: number }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.startsWith('#')) return;
    let p = raw.trim();
    if (p === '') return;
    const invert = p.startsWith('!');
    if (invert) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    out.push({ pattern: invert ? `!${p}` : p, line: i + 1 });
  });
  return out;
}

/** Compile pattern strings (patternmatcher.New); errors carry the .dockerignore line when known. */
export function compilePatterns(
  patterns: readonly (string | { pattern: string; line: number })[],
): { ok: true; value: IgnoreMatcher } | { ok: false; error: PatternError } {
  const out: IgnorePattern[] = [];
  for (const entry of patterns) {
    const line = typeof entry === 'string' ? null : entry.line;
    let p = (typeof entry === 'string' ? entry : entry.pattern).trim();
    if (p === '') continue;
    p = cleanPath(p);
    let exclusion = false;
    if (p.startsWith('!')) {
      if (p.length === 1) return { ok: false, error: { message: 'illegal exclusion pattern: "!"', line } };
      exclusion = true;
      p = p.slice(1);
    }
    const regex = patternRegex(p);
    if (regex === null) return { ok: false, error: { message: 'syntax error in pattern', line } };
    out.push({ pattern: p, exclusion, regex });
  }
  return { ok: true, value: out };
}

/** patternmatcher.MatchesOrParentMatches for a clean relative path like `src/a/b.txt`. */
export function isIgnored(matcher: IgnoreMatcher, file: string): boolean {
  let matched = false;
  const slash = file.lastIndexOf('/');
  const parents = slash < 0 ? [] : file.slice(0, slash).split('/');
  for (const p of matcher) {
    // Skip an inclusion once matched, or an exclusion while nothing is matched (as upstream).
    if (p.exclusion !== matched) continue;
    let match = p.regex.test(file);
    for (let i = 0; !match && i < parents.length; i++) {
      match = p.regex.test(parents.slice(0, i + 1).join('/'));
    }
    if (match) matched = !p.exclusion;
  }
  return matched;
}

/** Translate one pattern to a regex like patternmatcher's compile; null on a malformed class. */
function patternRegex(p: string): RegExp | null {
  let re = '^';
  let inClass = false;
  const chars = [...p];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (inClass) {
      if (ch === ']') inClass = false;
      if (ch === '\\') {
        const next = chars[i + 1];
        if (next === undefined) return null;
        re += '\\' + next;
        i++;
        continue;
      }
      re += ch === '[' ? '\\[' : ch;
      continue;
    }
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        // `**` at the end accepts everything; elsewhere any number of whole segments (even 0).
        re += i + 1 >= chars.length ? '.*' : '(.*/)?';
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[') {
      inClass = true;
      re += '[';
      if (chars[i + 1] === '^') {
        re += '^';
        i++;
      }
    } else if (ch === '\\') {
      const next = chars[i + 1];
      if (next === undefined) re += '\\\\';
      else {
        re += escapeRegex(next);
        i++;
      }
    } else {
      re += escapeRegex(ch);
    }
  }
  if (inClass) return null;
  try {
    return new RegExp(re + '$', 'u');
  } catch {
    return null;
  }
}

function escapeRegex(ch: string): string {
  return /[.+()|{}$^\]\\]/.test(ch) ? '\\' + ch : ch;
}
