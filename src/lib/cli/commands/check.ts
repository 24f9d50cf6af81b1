/**
 * `stagecraft check [--exercises DIR] EXERCISE HAND_INS_DIR`: checks many students' work on one
 * exercise. EXERCISE is an exercise folder, or an id under --exercises (default
 * src/content/exercises). HAND_INS_DIR holds hand-in files (`*.json`, downloaded from an assignment
 * page) and/or one folder per student with a `Dockerfile` (and any editable context file). Every
 * attempt is rebuilt and judged here: what a hand-in claims about its results is not trusted.
 */
import { parse as parseYaml } from 'yaml';
import { exerciseSchema, type Exercise } from '../../../content/schemas/exercise.ts';
import type { ContextInput } from '../../build/index.ts';
import { checkGoals, exerciseAttempt, type GoalReport } from '../../checks/goals/index.ts';
import type { Result } from '../../diagnostics.ts';
import { parseHandIn } from '../../progress/index.ts';
import type { CliIo, Command } from '../io.ts';
import { NO_HOST, stateHost, type StateHost } from '../state/host.ts';

const usage = 'Usage: stagecraft check [--exercises DIR] EXERCISE HAND_INS_DIR\n';

interface LoadedExercise {
  id: string;
  data: Exercise;
  context: Record<string, string>;
}

const join = (...parts: string[]) => parts.join('/').replace(/\/+/g, '/');
const absolute = (io: CliIo, path: string) => (path.startsWith('/') ? path : join(io.cwd, path));
const text = (tree: ContextInput, path: string): string | undefined => tree[path]?.content;

function loadExercise(host: StateHost, dir: string): Result<LoadedExercise, string> {
  const tree = host.readTree(dir);
  if (!tree.ok) return tree;
  const statement = text(tree.value, 'index.mdx');
  const match = statement === undefined ? null : /^---\n([\s\S]*?)\n---\n/.exec(statement);
  if (!match?.[1]) return { ok: false, error: `${dir}: no index.mdx with frontmatter (is this an exercise folder?)` };
  let raw: unknown;
  try {
    raw = parseYaml(match[1]);
  } catch (e) {
    return { ok: false, error: `${dir}/index.mdx: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = exerciseSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `${dir}/index.mdx: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const context: Record<string, string> = {};
  for (const [path, entry] of Object.entries(tree.value)) {
    if (path.startsWith('context/') && !path.endsWith('/') && entry.content !== undefined) context[path.slice('context/'.length)] = entry.content;
  }
  return { ok: true, value: { id: dir.replace(/\/$/, '').split('/').pop() ?? dir, data: parsed.data, context } };
}

interface Attempt {
  name: string;
  dockerfile: string | null;
  files: Record<string, string>;
  problem: string | null;
}

function collectAttempts(tree: ContextInput, exercise: LoadedExercise): Attempt[] {
  const attempts: Attempt[] = [];
  const editable = exercise.data.editable.map((f) => f.path);
  for (const [path, entry] of Object.entries(tree)) {
    if (path.includes('/') || !path.endsWith('.json')) continue;
    const handIn = parseHandIn(entry.content ?? '');
    if (!handIn.ok) {
      attempts.push({ name: path, dockerfile: null, files: {}, problem: handIn.error });
      continue;
    }
    const work = handIn.value.exercises.find((e) => e.id === exercise.id);
    attempts.push({
      name: `${path} (${handIn.value.student})`,
      dockerfile: work?.dockerfile ?? null,
      files: work?.files ?? {},
      problem: work === undefined ? `no attempt at ${exercise.id}` : null,
    });
  }
  const folders = Object.keys(tree).filter((p) => p.endsWith('/') && p.indexOf('/') === p.length - 1);
  for (const folder of folders) {
    const files = Object.fromEntries(editable.flatMap((f) => (text(tree, folder + f) === undefined ? [] : [[f, text(tree, folder + f) as string]])));
    const dockerfile = text(tree, `${folder}Dockerfile`) ?? null;
    attempts.push({ name: folder, dockerfile, files, problem: dockerfile === null ? 'no Dockerfile in this folder' : null });
  }
  return attempts.sort((a, b) => a.name.localeCompare(b.name));
}

function describe(report: GoalReport): string {
  const met = report.results.filter((r) => r.passed).length;
  const lines = [`${met}/${report.results.length} goals met`];
  for (const r of report.results.filter((x) => !x.passed)) {
    lines.push(`  ✗ ${r.goal.description}`, `    ${r.observed}`);
    if (r.explanation !== '') lines.push(`    ${r.explanation}`);
  }
  return lines.join('\n');
}

export const checkCommand: Command = {
  name: 'check',
  summary: "Check students' hand-ins against an exercise's goals",
  usage,
  run(argv, io) {
    const args = [...argv];
    let exercisesDir = 'src/content/exercises';
    const flag = args.findIndex((a) => a === '--exercises' || a.startsWith('--exercises='));
    if (flag !== -1) {
      const a = args[flag] as string;
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[flag + 1];
      if (value === undefined) {
        io.stderr(`flag needs an argument: --exercises\n${usage}`);
        return 2;
      }
      args.splice(flag, a.includes('=') ? 1 : 2);
      exercisesDir = value;
    }
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(usage);
      return 0;
    }
    if (args.length !== 2) {
      io.stderr(`"stagecraft check" requires exactly 2 arguments.\n${usage}`);
      return 2;
    }
    const host = stateHost(io);
    if (host === null) {
      io.stderr(`ERROR: ${NO_HOST}\n`);
      return 1;
    }
    const [exerciseArg, handInsArg] = args as [string, string];
    const exerciseDir = exerciseArg.includes('/') ? absolute(io, exerciseArg) : absolute(io, join(exercisesDir, exerciseArg));
    const exercise = loadExercise(host, exerciseDir);
    if (!exercise.ok) {
      io.stderr(`ERROR: ${exercise.error}\n`);
      return 1;
    }
    const tree = host.readTree(absolute(io, handInsArg));
    if (!tree.ok) {
      io.stderr(`ERROR: ${tree.error}\n`);
      return 1;
    }
    const attempts = collectAttempts(tree.value, exercise.value);
    const goals = exercise.value.data.goals;
    io.stdout(`Checking ${attempts.length} hand-in${attempts.length === 1 ? '' : 's'} against ${exercise.value.id} (${goals.length} goals)\n\n`);
    let passed = 0;
    for (const attempt of attempts) {
      if (attempt.dockerfile === null) {
        io.stdout(`${attempt.name}: ${attempt.problem ?? 'nothing to check'}\n`);
        continue;
      }
      const report = checkGoals(goals, exerciseAttempt(exercise.value.context, attempt.dockerfile, attempt.files));
      if (report.passed) passed++;
      io.stdout(`${attempt.name}: ${describe(report)}\n`);
    }
    io.stdout(`\n${passed} of ${attempts.length} meet every goal.\n`);
    return passed === attempts.length && attempts.length > 0 ? 0 : 1;
  },
};
