/**
 * The real-Docker side: builds a case with the engine from scripts/docker-engine.sh and turns what it
 * did into a CaseObservation (outcome, steps and CACHED marks from the plain progress, and the image's
 * config, history and files from `docker save`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Workspace, type BuildSpec, type CaseSpec } from './cases.ts';
import { scanDockerfile, stageByLabel, triggerTexts, vertexInstructions, type ScannedStage } from './dockerfile-lines.ts';
import { classifyError, lineInMessage } from './error-kinds.ts';
import { applyLayer, diffTrees, type Tree } from './image-tree.ts';
import type { BuildObservation, CaseObservation, ConfigObservation, HistoryObservation, StepObservation } from './observation.ts';
import { finalError, parseProgress, type ProgressVertex } from './progress.ts';
import { readTar, type TarEntry } from './tar.ts';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const ENGINE_SCRIPT = join(REPO_ROOT, 'scripts', 'docker-engine.sh');
const STATE = process.env['STAGECRAFT_DOCKER_STATE'] ?? '/tmp/stagecraft-docker';
const DOCKER = process.env['STAGECRAFT_DOCKER_BIN'] ?? '/usr/bin/docker';
const DOCKER_ENV = { ...process.env, DOCKER_HOST: `unix://${STATE}/run/docker.sock`, DOCKER_BUILDKIT: '1' };
const BUSYBOX = 'busybox:latest';

interface Run {
  status: number;
  stdout: Buffer;
  output: string;
}

function docker(args: string[]): Run {
  const result = spawnSync(DOCKER, args, { env: DOCKER_ENV, maxBuffer: 1 << 30 });
  const stdout = result.stdout ?? Buffer.alloc(0);
  const stderr = result.stderr ?? Buffer.alloc(0);
  return { status: result.status ?? 1, stdout, output: stderr.toString('utf8') + stdout.toString('utf8') };
}

function dockerOk(args: string[]): Buffer {
  const run = docker(args);
  if (run.status !== 0) throw new Error(`docker ${args.join(' ')} failed:\n${run.output}`);
  return run.stdout;
}

/** Runs the engine script (`start`, `stop`, `status`); returns its exit status and messages. */
export function engineScript(action: 'start' | 'stop' | 'status'): { status: number; output: string } {
  const result = spawnSync('bash', [ENGINE_SCRIPT, action], { encoding: 'utf8' });
  return { status: result.status ?? 1, output: `${result.stderr ?? ''}${result.stdout ?? ''}`.trim() };
}

export function engineVersion(): string {
  const version = dockerOk(['version', '--format', '{{.Server.Version}}']).toString('utf8').trim();
  return `docker ${version} (built-in BuildKit)`;
}

interface SavedImage {
  config: { config?: Record<string, unknown>; history?: { created_by?: string; empty_layer?: boolean }[]; rootfs?: { diff_ids?: string[] } };
  layers: TarEntry[][];
}

function saveImage(ref: string): SavedImage {
  const entries = readTar(dockerOk(['save', ref]));
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const manifestEntry = byPath.get('manifest.json');
  if (!manifestEntry) throw new Error(`docker save ${ref}: no manifest.json`);
  const manifest = JSON.parse(Buffer.from(manifestEntry.data).toString('utf8')) as { Config: string; Layers: string[] }[];
  const first = manifest[0];
  if (!first) throw new Error(`docker save ${ref}: empty manifest`);
  const configEntry = byPath.get(first.Config);
  if (!configEntry) throw new Error(`docker save ${ref}: no ${first.Config}`);
  const layers = first.Layers.map((path) => {
    const layer = byPath.get(path);
    if (!layer) throw new Error(`docker save ${ref}: no ${path}`);
    return readTar(layer.data);
  });
  return { config: JSON.parse(Buffer.from(configEntry.data).toString('utf8')) as SavedImage['config'], layers };
}

function treeOf(layers: TarEntry[][]): Tree {
  const tree: Tree = new Map();
  for (const layer of layers) applyLayer(tree, layer);
  return tree;
}

function configOf(raw: Record<string, unknown> | undefined): ConfigObservation {
  const c = raw ?? {};
  const list = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);
  const ports = c['ExposedPorts'];
  const labels = c['Labels'];
  return {
    User: typeof c['User'] === 'string' ? c['User'] : '',
    WorkingDir: typeof c['WorkingDir'] === 'string' ? c['WorkingDir'] : '',
    Env: list(c['Env']) ?? [],
    Cmd: list(c['Cmd']),
    Entrypoint: list(c['Entrypoint']),
    ExposedPorts: ports && typeof ports === 'object' ? Object.keys(ports).sort() : [],
    Labels: labels && typeof labels === 'object' ? { ...(labels as Record<string, string>) } : {},
  };
}

/** The base image's layers and history length, loaded once per run. */
class BaseImages {
  private busybox: { diffId: string; tree: Tree; history: number } | null = null;

  classify(diffIds: string[]): { base: string; tree: Tree; history: number } {
    this.busybox ??= (() => {
      const saved = saveImage(BUSYBOX);
      return { diffId: saved.config.rootfs?.diff_ids?.[0] ?? '', tree: treeOf(saved.layers), history: saved.config.history?.length ?? 0 };
    })();
    if (diffIds[0] === this.busybox.diffId) return { base: BUSYBOX, tree: this.busybox.tree, history: this.busybox.history };
    return { base: 'scratch', tree: new Map(), history: 0 };
  }
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The source line of a progress step. Step numbers count only the instructions that became vertices,
 * and which do varies (`WORKDIR /` does not), so the printed text decides when it matches one
 * instruction exactly (it does not when BuildKit expanded build args into it); else the number does.
 */
function stepLine(stages: ScannedStage[], vertex: ProgressVertex): { stage: ScannedStage | undefined; line: number | null } {
  const stage = stageByLabel(stages, vertex.label);
  if (!stage) return { stage, line: null };
  // ONBUILD triggers run right after FROM: they take the FROM line and shift the numbering.
  const triggers = triggerTexts(stage).map(squash);
  if (triggers.includes(squash(vertex.text))) return { stage, line: stage.instructions[0]?.line ?? null };
  const candidates = vertexInstructions(stage);
  const same = candidates.filter((ins) => squash(ins.text) === squash(vertex.text));
  const byText = same.length === 1 ? same[0] : undefined;
  return { stage, line: (byText ?? candidates[vertex.step - 1 - triggers.length])?.line ?? null };
}

/** Error texts carry snapshot ids and engine paths that change from run to run. */
function normaliseMessage(message: string): string {
  return message.replaceAll(STATE, '<engine>').replace(/[0-9a-f]{64}/g, '<id>');
}

function targetStage(stages: ScannedStage[], target: string | undefined): ScannedStage | undefined {
  return target === undefined ? stages.at(-1) : stages.find((s) => s.name === target.toLowerCase());
}

function buildArgs(spec: BuildSpec, tag: string, ws: Workspace): string[] {
  const args = ['build', '--network=none', '--progress=plain', '-f', ws.dockerfilePath, '-t', tag];
  if (spec.target !== undefined) args.push('--target', spec.target);
  for (const [k, v] of Object.entries(spec.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  if (spec.noCache) args.push('--no-cache');
  args.push(ws.context);
  return args;
}

export class DockerObserver {
  private readonly bases = new BaseImages();

  observe(spec: CaseSpec): CaseObservation {
    // Every case starts with an empty build cache, as the simulator does.
    dockerOk(['builder', 'prune', '-af']);
    const ws = new Workspace(spec);
    try {
      const builds = spec.builds.map((build, i) => {
        ws.apply(build.edits);
        return this.build(build, `conformance/${spec.name}:${i}`, ws);
      });
      return { case: spec.name, engine: engineVersion(), builds };
    } finally {
      ws.dispose();
    }
  }

  private build(spec: BuildSpec, tag: string, ws: Workspace): BuildObservation {
    const run = docker(buildArgs(spec, tag, ws));
    const stages = scanDockerfile(ws.dockerfile);
    const vertices = parseProgress(run.output);
    const steps: StepObservation[] = [];
    const ran = new Set<number>();
    for (const vertex of vertices) {
      const { stage, line } = stepLine(stages, vertex);
      if (stage) ran.add(stage.index);
      if (vertex.text.startsWith('FROM ')) continue; // shared between stages with the same base image
      steps.push({ stage: stage?.label ?? vertex.label ?? '?', line, instruction: vertex.text, cached: vertex.cached });
    }
    steps.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    if (run.status !== 0) {
      // Stages run in parallel, so which other steps started before the failure varies: not recorded.
      const message = normaliseMessage(finalError(run.output));
      const failed = vertices.find((v) => v.error !== null);
      const line = lineInMessage(message) ?? (failed ? stepLine(stages, failed).line : null);
      return { ok: false, error: { kind: classifyError(message), line, message }, stagesRan: [], steps: [], image: null };
    }
    // A target made only of FROM <stage> and config instructions shows no step, yet it was built.
    const target = targetStage(stages, spec.target);
    if (target) ran.add(target.index);
    const stagesRan = stages.filter((s) => ran.has(s.index)).map((s) => s.label);
    const saved = saveImage(tag);
    const diffIds = saved.config.rootfs?.diff_ids ?? [];
    const base = this.bases.classify(diffIds);
    const history: HistoryObservation[] = (saved.config.history ?? []).slice(base.history).map((h) => ({
      createdBy: h.created_by ?? '',
      emptyLayer: h.empty_layer === true,
    }));
    const files = diffTrees(base.tree, treeOf(saved.layers));
    return { ok: true, error: null, stagesRan, steps, image: { base: base.base, config: configOf(saved.config.config), history, files } };
  }
}
