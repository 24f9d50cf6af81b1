/**
 * `stagecraft build [-f FILE] [-t NAME] [--target STAGE] [--build-arg K=V]... [--secret id=X[,src=FILE|,env=VAR]]...
 * [--builder buildkit|legacy] [--no-cache] [--progress plain|json] [--state DIR] CONTEXT_DIR`: builds
 * like `docker build`, printing BuildKit's plain progress on stderr (or the BuildResult as JSON on
 * stdout), and keeps the image and the cache in the state folder.
 */
import { build, digestOf, formatProgress, type BuildInput, type BuildResult, type ContextInput } from '../../build/index.ts';
import { formatBuildkitError } from '../../dockerfile/index.ts';
import type { Command } from '../io.ts';
import { loadSecrets } from '../docker/secrets.ts';
import { NO_HOST, stateHost } from '../state/host.ts';
import { absolute, addImage, loadStore, normaliseName, saveCache, saveImages, stateDir, takeStateFlag } from '../state/store.ts';

const usage =
  'Usage: stagecraft build [-f FILE] [-t NAME] [--target STAGE] [--build-arg K=V]... [--secret id=X[,src=FILE|,env=VAR]]... [--builder buildkit|legacy] [--no-cache] [--progress plain|json] [--state DIR] CONTEXT_DIR\n';

interface BuildArgs {
  file?: string;
  tag?: string;
  target?: string;
  buildArgs: Record<string, string>;
  /** `--secret` values as given; read when the build starts. */
  secrets: string[];
  builder: 'buildkit' | 'legacy';
  noCache: boolean;
  progress: 'plain' | 'json';
  context?: string;
}

function parseArgs(args: readonly string[]): { ok: true; value: BuildArgs } | { ok: false; error: string } {
  const out: BuildArgs = { buildArgs: {}, secrets: [], builder: 'buildkit', noCache: false, progress: 'plain' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : args[++i]);
    switch (name) {
      case '-f':
      case '--file': {
        const v = value();
        if (v === undefined) return { ok: false, error: `flag needs an argument: ${name}` };
        out.file = v;
        break;
      }
      case '-t':
      case '--tag': {
        const v = value();
        if (v === undefined) return { ok: false, error: `flag needs an argument: ${name}` };
        out.tag = v;
        break;
      }
      case '--target': {
        const v = value();
        if (v === undefined) return { ok: false, error: 'flag needs an argument: --target' };
        out.target = v;
        break;
      }
      case '--build-arg': {
        const v = value();
        if (v === undefined) return { ok: false, error: 'flag needs an argument: --build-arg' };
        const k = v.indexOf('=');
        // `--build-arg NAME` without a value takes it from the environment in Docker; here it must be given.
        if (k <= 0) return { ok: false, error: `--build-arg needs KEY=VALUE, got "${v}"` };
        out.buildArgs[v.slice(0, k)] = v.slice(k + 1);
        break;
      }
      case '--secret': {
        const v = value();
        if (v === undefined) return { ok: false, error: 'flag needs an argument: --secret' };
        out.secrets.push(v);
        break;
      }
      case '--builder': {
        const v = value();
        if (v !== 'buildkit' && v !== 'legacy') return { ok: false, error: '--builder must be buildkit or legacy' };
        out.builder = v;
        break;
      }
      case '--progress': {
        const v = value();
        if (v !== 'plain' && v !== 'json') return { ok: false, error: '--progress must be plain or json' };
        out.progress = v;
        break;
      }
      case '--no-cache':
        out.noCache = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') return { ok: false, error: `unknown flag: ${a}` };
        if (out.context !== undefined) return { ok: false, error: '"stagecraft build" requires exactly 1 argument' };
        out.context = a;
    }
  }
  if (out.context === undefined) return { ok: false, error: '"stagecraft build" requires exactly 1 argument' };
  return { ok: true, value: out };
}


export const buildCommand: Command = {
  name: 'build',
  summary: 'Build an image from a Dockerfile (BuildKit semantics; legacy builder with --builder legacy)',
  usage,
  run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(usage);
      return 0;
    }
    const { rest, state } = takeStateFlag(argv);
    const parsed = parseArgs(rest);
    if (!parsed.ok) {
      io.stderr(`ERROR: ${parsed.error}\n${usage}`);
      return 2;
    }
    const opts = parsed.value;
    const host = stateHost(io);
    if (host === null) {
      io.stderr(`ERROR: ${NO_HOST}\n`);
      return 1;
    }
    const contextDir = absolute(io.cwd, opts.context as string);
    const context = host.readTree(contextDir);
    if (!context.ok) {
      io.stderr(`ERROR: unable to prepare context: ${context.error}\n`);
      return 1;
    }
    const dockerfilePath = opts.file === undefined ? `${contextDir.replace(/\/$/, '')}/Dockerfile` : absolute(io.cwd, opts.file);
    const dockerfile = io.readFile(dockerfilePath);
    if (!dockerfile.ok) {
      io.stderr(`ERROR: failed to solve: failed to read dockerfile: ${dockerfile.error}\n`);
      return 1;
    }
    const secrets = loadSecrets(opts.secrets, { readFile: (path) => io.readFile(path), env: (name) => io.env[name] });
    if (!secrets.ok) {
      io.stderr(`ERROR: ${secrets.error}\n`);
      return 1;
    }
    const root = `${contextDir.replace(/\/$/, '')}/`;
    const inContext = dockerfilePath.startsWith(root);
    const dir = stateDir(io, state);
    const store = loadStore(io, dir, !opts.noCache);
    const input: BuildInput = {
      dockerfile: dockerfile.value,
      dockerfilePath: inContext ? dockerfilePath.slice(root.length) : dockerfilePath.slice(dockerfilePath.lastIndexOf('/') + 1),
      context: withoutState(context.value, dir.startsWith(root) ? dir.slice(root.length) : null),
      buildArgs: opts.buildArgs,
      secrets: secrets.value,
      builder: opts.builder,
      noCache: opts.noCache,
    };
    if (opts.target !== undefined) input.target = opts.target;
    if (opts.tag !== undefined) input.tag = normaliseName(opts.tag);
    const result = build(input, store.cache);
    if (opts.progress === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else if (opts.builder === 'legacy') io.stdout(legacyOutput(result, dockerfile.value, contextBytes(input.context)));
    else io.stderr(plainOutput(result, dockerfile.value, input.dockerfilePath ?? 'Dockerfile'));
    const saved = saveCache(host, store);
    if (saved !== null) io.stderr(`WARNING: could not save the build cache: ${saved}\n`);
    if (!result.ok || result.image === null) return 1;
    addImage(store, result.image, result.tag, host.now?.() ?? null);
    const savedImages = saveImages(host, store);
    if (savedImages !== null) {
      io.stderr(`ERROR: could not save the image: ${savedImages}\n`);
      return 1;
    }
    return 0;
  },
};

function contextBytes(context: ContextInput): number {
  let bytes = 0;
  for (const entry of Object.values(context)) bytes += entry.content === undefined ? entry.size ?? 0 : new TextEncoder().encode(entry.content).length;
  return bytes;
}

/**
 * What the classic builder (DOCKER_BUILDKIT=0) prints: numbered steps over every stage up to the
 * target, an id per step, `Using cache` on hits, and the container each RUN ran in.
 */
export function legacyOutput(result: BuildResult, dockerfile: string, contextSize: number): string {
  const lines = dockerfile.split('\n');
  const ran = result.stages.filter((s) => s.status !== 'skipped');
  const total = ran.reduce((n, s) => n + 1 + s.steps.length, 0);
  const id = (text: string): string => digestOf(text).slice(0, 12);
  let out = `Sending build context to Docker daemon  ${Number(contextSize >= 1000 ? (contextSize / 1000).toPrecision(4) : contextSize)}${contextSize >= 1000 ? 'kB' : 'B'}\n`;
  let n = 0;
  let last = '';
  for (const stage of ran) {
    out += `Step ${++n}/${total} : ${(lines[stage.line - 1] ?? `FROM ${stage.base}`).trim()}\n`;
    last = id(`${stage.name}:from:${stage.base}`);
    out += ` ---> ${last}\n`;
    // The classic builder caches config-only steps too: they hit while nothing before them missed.
    const anyHit = stage.steps.some((st) => st.cached);
    let missed = false;
    for (const step of stage.steps) {
      if (step.status === 'not-run') break;
      out += `Step ${++n}/${total} : ${step.instruction}\n`;
      const container = id(`container:${stage.name}:${step.line}:${step.createdBy}`);
      missed ||= step.vertex !== null && !step.cached;
      const cached = step.vertex === null ? anyHit && !missed : step.cached;
      if (cached) out += ' ---> Using cache\n';
      else if (step.keyword !== 'COPY' && step.keyword !== 'ADD') out += ` ---> Running in ${container}\n`;
      out += step.stdout + step.stderr;
      if (step.status === 'failed') return out + legacyError(result, step.keyword);
      if (!cached && step.keyword !== 'COPY' && step.keyword !== 'ADD') out += `Removing intermediate container ${container}\n`;
      last = id(`${stage.name}:${step.line}:${step.createdBy}:${last}`);
      out += ` ---> ${last}\n`;
    }
    if (stage.status === 'failed') return out + legacyError(result, 'FROM');
  }
  if (!result.ok) return out + legacyError(result, '');
  return `${out}Successfully built ${last}\n${result.tag === null ? '' : `Successfully tagged ${result.tag}\n`}`;
}

/** The classic builder's error wording for the common failures. */
function legacyError(result: BuildResult, keyword: string): string {
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error === undefined) return '';
  const run = /^process "(.*)" did not complete successfully: exit code: (\d+)$/.exec(error.message);
  if (keyword === 'RUN' && run !== null) return `The command '${run[1]}' returned a non-zero code: ${run[2]}\n`;
  const missing = /"\/(.*)": not found$/.exec(error.message);
  if ((keyword === 'COPY' || keyword === 'ADD') && missing !== null) {
    return `${keyword} failed: file not found in build context or excluded by .dockerignore: stat ${missing[1]}: file does not exist\n`;
  }
  return `${error.message}\n`;
}

/** A daemon's state is never part of a context: leave out the state folder when it lies inside it. */
function withoutState(context: ContextInput, stateRel: string | null): ContextInput {
  if (stateRel === null) return context;
  const prefix = `${stateRel.replace(/\/$/, '')}/`;
  return Object.fromEntries(Object.entries(context).filter(([path]) => !path.startsWith(prefix)));
}

/** Progress, then on failure the error block docker prints: the step's output, the source excerpt, the error. */
export function plainOutput(result: BuildResult, dockerfile: string, dockerfileName: string): string {
  let out = formatProgress(result.progress) + warningSummary(result);
  if (result.ok) return out;
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error === undefined) return out;
  const failedStep = result.stages.flatMap((s) => s.steps.map((step) => ({ s, step }))).find((x) => x.step.status === 'failed');
  const vertexStart = failedStep?.step.vertex == null ? undefined : result.progress.find((e) => e.vertex === failedStep.step.vertex && e.kind === 'start');
  out += '\n';
  if (failedStep !== undefined && vertexStart !== undefined) {
    const logs = (failedStep.step.stdout + failedStep.step.stderr).replace(/\n$/, '');
    out += `------\n > ${vertexStart.text}:\n${logs === '' ? '' : logs.split('\n').map((l) => `0.000 ${l}\n`).join('')}------\n`;
  }
  if (error.line !== null) out += excerpt(dockerfile, dockerfileName, error.line, error.range?.endLine ?? error.line);
  const message = error.phase === 'parse' ? formatBuildkitError(error) : error.message;
  out += `ERROR: failed to solve: ${message}\n`;
  return out;
}

/** Docker's build-check warnings (not hadolint's), as buildx lists them after the progress. */
function warningSummary(result: BuildResult): string {
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning' && d.url?.startsWith('https://docs.docker.com/reference/build-checks/'));
  if (warnings.length === 0) return '';
  const head = `\n ${warnings.length} warning${warnings.length === 1 ? '' : 's'} found (use docker --debug to expand):\n`;
  return head + warnings.map((w) => ` - ${w.code}: ${w.message}${w.line === null ? '' : ` (line ${w.line})`}\n`).join('');
}

function excerpt(text: string, name: string, line: number, endLine: number): string {
  const lines = text.split('\n');
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, endLine + 2);
  const width = String(to).length + 3;
  let out = `${name}:${line === endLine ? line : `${line}-${endLine}`}\n--------------------\n`;
  for (let n = from; n <= to; n++) {
    const mark = n >= line && n <= endLine ? '>>>' : '   ';
    out += `${String(n).padStart(width)} | ${mark} ${lines[n - 1] ?? ''}\n`;
  }
  return `${out}--------------------\n`;
}
