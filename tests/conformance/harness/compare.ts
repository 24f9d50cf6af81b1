/**
 * Compares the simulator's observation of a case with real Docker's, aspect by aspect. Each
 * difference is one line of text; lines matched by an entry of accepted.json are accepted (with that
 * entry's reason), anything else makes the aspect — and the case — differ.
 */
import { ASPECTS, type Aspect, type BuildObservation, type CaseObservation, type FileObservation, type StepObservation } from './observation.ts';

export interface AcceptedDifference {
  /** Case name, or `*` for every case. */
  case: string;
  aspect: Aspect;
  /** A regular expression matched against the difference's text. */
  match: string;
  reason: string;
}

export type AspectStatus = 'match' | 'accepted' | 'differ';

export interface AspectResult {
  aspect: Aspect;
  status: AspectStatus;
  /** Differences not accepted. */
  differences: string[];
  /** Accepted differences with their reason. */
  accepted: { difference: string; reason: string }[];
}

export interface CaseComparison {
  case: string;
  ok: boolean;
  aspects: AspectResult[];
}

/** JSON with object keys sorted: Labels is a map, its order means nothing. */
const json = (v: unknown): string =>
  JSON.stringify(v, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value);

function describeFile(f: FileObservation): string {
  if (f.change === 'deleted') return 'deleted';
  const parts = [f.change, f.type ?? '?', f.mode ?? '?', `${f.uid}:${f.gid}`];
  if (f.type === 'file') parts.push(`${f.size}B`);
  if (f.target !== null) parts.push(`-> ${f.target}`);
  return parts.join(' ');
}

function compareFiles(docker: FileObservation[], sim: FileObservation[]): string[] {
  const out: string[] = [];
  const simByPath = new Map(sim.map((f) => [f.path, f]));
  const dockerPaths = new Set(docker.map((f) => f.path));
  for (const d of docker) {
    const s = simByPath.get(d.path);
    if (!s) { out.push(`${d.path}: only in docker (${describeFile(d)})`); continue; }
    if (describeFile(d) !== describeFile(s)) out.push(`${d.path}: docker ${describeFile(d)}, simulator ${describeFile(s)}`);
    else if (d.content !== null && s.content !== null && d.content !== s.content) {
      out.push(`${d.path}: content docker ${json(d.content)}, simulator ${json(s.content)}`);
    }
  }
  for (const s of sim) if (!dockerPaths.has(s.path)) out.push(`${s.path}: only in simulator (${describeFile(s)})`);
  return out;
}

/** Steps by stage and line; ONBUILD triggers share their FROM line, so repeats are numbered. */
function keyed(steps: StepObservation[]): Map<string, StepObservation> {
  const out = new Map<string, StepObservation>();
  for (const st of steps) {
    const base = `line ${st.line ?? '?'} (${st.stage})`;
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base} #${n}`;
    out.set(key, st);
  }
  return out;
}

type Differ = (docker: BuildObservation, sim: BuildObservation) => string[];

const DIFFERS: Record<Aspect, Differ> = {
  outcome(d, s) {
    if (d.ok !== s.ok) return [`docker ${d.ok ? 'succeeded' : `failed (${d.error?.kind})`}, simulator ${s.ok ? 'succeeded' : `failed (${s.error?.kind}: ${s.error?.message})`}`];
    if (!d.error || !s.error) return [];
    const out: string[] = [];
    if (d.error.kind !== s.error.kind) out.push(`error kind: docker ${d.error.kind}, simulator ${s.error.kind} (${s.error.message})`);
    if (d.error.line !== null && d.error.line !== s.error.line) out.push(`error line: docker ${d.error.line}, simulator ${s.error.line}`);
    return out;
  },
  files(d, s) {
    if (!d.image || !s.image) return [];
    const out = d.image.base !== s.image.base ? [`base: docker ${d.image.base}, simulator ${s.image.base}`] : [];
    return out.concat(compareFiles(d.image.files, s.image.files));
  },
  config(d, s) {
    if (!d.image || !s.image) return [];
    const out: string[] = [];
    for (const key of Object.keys(d.image.config) as (keyof typeof d.image.config)[]) {
      const a = json(d.image.config[key]);
      const b = json(s.image.config[key]);
      if (a !== b) out.push(`${key}: docker ${a}, simulator ${b}`);
    }
    return out;
  },
  history(d, s) {
    if (!d.image || !s.image) return [];
    const out: string[] = [];
    const n = Math.max(d.image.history.length, s.image.history.length);
    for (let i = 0; i < n; i++) {
      const a = d.image.history[i];
      const b = s.image.history[i];
      const text = (h: typeof a): string => (h ? `${json(h.createdBy)}${h.emptyLayer ? ' (empty layer)' : ''}` : 'nothing');
      if (text(a) !== text(b)) out.push(`entry ${i + 1}: docker ${text(a)}, simulator ${text(b)}`);
    }
    return out;
  },
  stages(d, s) {
    if (!d.ok || !s.ok) return [];
    return json(d.stagesRan) === json(s.stagesRan) ? [] : [`stages run: docker ${json(d.stagesRan)}, simulator ${json(s.stagesRan)}`];
  },
  cache(d, s) {
    if (!d.ok || !s.ok) return [];
    const simSteps = keyed(s.steps);
    const out: string[] = [];
    for (const [key, st] of keyed(d.steps)) {
      const other = simSteps.get(key);
      if (!other) out.push(`${key} ${st.instruction}: ran in docker${st.cached ? ' (CACHED)' : ''}, not in simulator`);
      else if (other.cached !== st.cached) out.push(`${key} ${st.instruction}: docker ${st.cached ? 'CACHED' : 'ran'}, simulator ${other.cached ? 'CACHED' : 'ran'}`);
      simSteps.delete(key);
    }
    for (const [key, st] of simSteps) out.push(`${key} ${st.instruction}: ran in simulator, not in docker`);
    return out;
  },
};

function accepts(entry: AcceptedDifference, caseName: string, aspect: Aspect, difference: string): boolean {
  return (entry.case === '*' || entry.case === caseName) && entry.aspect === aspect && new RegExp(entry.match).test(difference);
}

export function compareCase(docker: CaseObservation, sim: CaseObservation, accepted: AcceptedDifference[], used: Set<AcceptedDifference>): CaseComparison {
  const aspects = ASPECTS.map((aspect): AspectResult => {
    const raw: string[] = [];
    if (docker.builds.length !== sim.builds.length) raw.push(`builds: docker ${docker.builds.length}, simulator ${sim.builds.length}`);
    docker.builds.forEach((d, i) => {
      const s = sim.builds[i];
      if (!s) return;
      const prefix = docker.builds.length > 1 ? `build ${i + 1}: ` : '';
      for (const line of DIFFERS[aspect](d, s)) raw.push(prefix + line);
    });
    const result: AspectResult = { aspect, status: 'match', differences: [], accepted: [] };
    for (const difference of raw) {
      const entry = accepted.find((e) => accepts(e, docker.case, aspect, difference));
      if (entry) { used.add(entry); result.accepted.push({ difference, reason: entry.reason }); }
      else result.differences.push(difference);
    }
    result.status = result.differences.length > 0 ? 'differ' : result.accepted.length > 0 ? 'accepted' : 'match';
    return result;
  });
  return { case: docker.case, ok: aspects.every((a) => a.status !== 'differ'), aspects };
}
