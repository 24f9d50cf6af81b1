/**
 * A student's hand-in: their Dockerfiles (and edited context files) for the exercises of an
 * assignment, with the check results they saw. A teacher opens it on the review page or checks a
 * folder of them with `stagecraft check`; both re-run the checker, so a hand-in cannot claim goals.
 */
import type { Result } from '../diagnostics.ts';
import { isObject as isObj, isStringMap, parseJson } from './json.ts';

export const HAND_IN_FORMAT = 'stagecraft-hand-in';

export interface HandInExercise {
  id: string;
  dockerfile: string;
  files: Record<string, string>;
  /** What the student's browser reported, goal by goal. */
  results: Array<{ description: string; passed: boolean }>;
}

export interface HandIn {
  format: typeof HAND_IN_FORMAT;
  version: 1;
  student: string;
  exercises: HandInExercise[];
}


function readExercise(v: unknown, i: number): Result<HandInExercise, string> {
  const where = `exercises[${i}]`;
  if (!isObj(v) || typeof v.id !== 'string' || typeof v.dockerfile !== 'string') return { ok: false, error: `${where} needs an id and a dockerfile` };
  const files = v.files ?? {};
  if (!isStringMap(files)) return { ok: false, error: `${where}.files must map paths to text` };
  const results = v.results ?? [];
  if (!Array.isArray(results) || !results.every((r) => isObj(r) && typeof r.description === 'string' && typeof r.passed === 'boolean')) {
    return { ok: false, error: `${where}.results must be a list of { description, passed }` };
  }
  return { ok: true, value: { id: v.id, dockerfile: v.dockerfile, files, results: results as HandInExercise['results'] } };
}

export function parseHandIn(text: string): Result<HandIn, string> {
  const value = parseJson(text);
  if (value === undefined) return { ok: false, error: 'the file is not JSON' };
  if (!isObj(value) || value.format !== HAND_IN_FORMAT) return { ok: false, error: `the file is not a Stagecraft hand-in (no "format": "${HAND_IN_FORMAT}")` };
  if (value.version !== 1) return { ok: false, error: `unknown hand-in version ${JSON.stringify(value.version)}` };
  if (typeof value.student !== 'string' || !Array.isArray(value.exercises)) return { ok: false, error: 'a hand-in needs a student name and a list of exercises' };
  const exercises: HandInExercise[] = [];
  for (const [i, entry] of value.exercises.entries()) {
    const read = readExercise(entry, i);
    if (!read.ok) return read;
    exercises.push(read.value);
  }
  return { ok: true, value: { format: HAND_IN_FORMAT, version: 1, student: value.student, exercises } };
}

export function handInText(handIn: HandIn): string {
  return `${JSON.stringify(handIn, null, 2)}\n`;
}

/** `stagecraft-hand-in-ada-lovelace.json` */
export function handInFileName(student: string): string {
  const slug = student.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'student';
  return `stagecraft-hand-in-${slug}.json`;
}

/**
 * The exercises an assignment link names, split into known ids and unknown ones. Accepts
 * `?set=a,b` (the links we make) and `?set=a&set=b` (what the teachers' form submits without JS).
 */
export function parseAssignment(search: string, known: readonly string[]): { ids: string[]; unknown: string[] } {
  const raw = new URLSearchParams(search).getAll('set').flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const unique = [...new Set(raw)];
  return { ids: unique.filter((id) => known.includes(id)), unknown: unique.filter((id) => !known.includes(id)) };
}

/** The path and query of an assignment link. */
export function assignmentLink(ids: readonly string[]): string {
  return `/exercises/assignment/?set=${ids.map(encodeURIComponent).join(',')}`;
}
