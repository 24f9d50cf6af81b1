/**
 * BuildResult: everything one build produced, as plain serializable JSON (no Maps, no class
 * instances, no functions). Views, the CLI printers and the checks only read it; nothing downstream
 * re-derives build facts. Keep these shapes stable: the UI and the CLI depend on them.
 */
import type { Diagnostic } from '../diagnostics.ts';

export type BuilderKind = 'buildkit' | 'legacy';

/** A Diagnostic plus the 1-based line it refers to (null when the problem has no line). */
export interface BuildDiagnostic extends Diagnostic {
  line: number | null;
  /** Where it arose: the parser (syntax, checks), the plan (stages, target) or a build step. */
  phase: 'parse' | 'plan' | 'build';
}

export type StageStatus = 'built' | 'cached' | 'skipped' | 'failed';

/** Why a stage depends on another stage or on an extra image. */
export type DependencyKind = 'from' | 'copy-from' | 'mount-from';

export interface StageDependency {
  kind: DependencyKind;
  /** Index of the stage depended on, or null when the dependency is an image (`COPY --from=composer:2`). */
  stage: number | null;
  /** The image reference when `stage` is null. */
  image: string | null;
  /** Line of the instruction that creates the edge. */
  line: number;
}

/** Why the first cache miss of a stage happened; later steps of that stage miss as `parent missed`. */
export type CacheMissReason =
  | 'instruction changed'
  | 'copied files changed'
  /** Same command, but an ENV/ARG value in scope, the WORKDIR or the USER differs. */
  | 'environment changed'
  | 'parent missed'
  /** Nothing was ever built on this parent, or `--no-cache`. */
  | 'no cache';

export type FileType = 'file' | 'dir' | 'symlink';

/** One path a layer adds, modifies or deletes (a delete is a whiteout: 0 bytes of its own). */
export interface FileChange {
  path: string;
  op: 'add' | 'modify' | 'delete';
  type: FileType | null;
  size: number;
  uid: number | null;
  gid: number | null;
  /** Permission bits as an octal string, e.g. "0755"; null for a delete. */
  mode: string | null;
}

/** Something a simulated program pretended to do, shown with a "simulated" label. */
export interface SimulatedEffectView {
  /** Always says what kind of pretence it was, e.g. `simulated`, `simulated download`. */
  label: string;
  /** The program and subcommand, e.g. `apk add`, `go build`, `ADD`. */
  by: string;
  detail: string;
  paths: string[];
  bytes: number | null;
}

export type StepStatus = 'done' | 'cached' | 'failed' | 'not-run';

export interface StepResult {
  /** 1-based first and last source lines of the instruction. */
  line: number;
  endLine: number;
  /** Upper-case keyword: RUN, COPY, ENV, ... (FROM steps are not listed: see StageResult.base). */
  keyword: string;
  /** The instruction text with builder-side variables expanded (what the progress shows). */
  instruction: string;
  status: StepStatus;
  cached: boolean;
  /** Set on the first miss of a stage and on every later step of it (`parent missed`). */
  cacheMiss: CacheMissReason | null;
  /** True when the step changes only the image config (ENV, LABEL, ...): a 0B history entry. */
  emptyLayer: boolean;
  /** Bytes the step's layer adds (0 for empty layers). */
  size: number;
  changes: FileChange[];
  effects: SimulatedEffectView[];
  /** Output of RUN ('' for other instructions). */
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** The `docker history` CREATED BY text for this step. */
  createdBy: string;
  /** Progress vertex number (`#7`) or null when the instruction is not a vertex (ENV, ARG, ...). */
  vertex: number | null;
}

/** What names a stage and where it starts: shared by the plan and the stage's result. */
export interface StageIdentity {
  index: number;
  /** The stage name (lower-cased as BuildKit stores it) or `stage-<index>` when unnamed. */
  name: string;
  named: boolean;
  /** The base as written after expanding global ARGs (`golang:1.21`, `builder`, `scratch`). */
  base: string;
  baseKind: 'image' | 'stage' | 'scratch';
  /** Index of the base stage when baseKind is 'stage'. */
  baseStage: number | null;
  line: number;
}

export interface StageResult extends StageIdentity {
  status: StageStatus;
  /**
   * Why the stage was skipped, or why the legacy builder built it anyway; null otherwise.
   * BuildKit: `not needed by target "x"`. Legacy: `after target "x": the legacy builder stops at the
   * target`, or (built) `not needed by target "x", but the legacy builder builds every stage up to the target`.
   */
  reason: string | null;
  dependsOn: StageDependency[];
  steps: StepResult[];
  /** Bytes of the stage's whole filesystem at its end (0 when skipped). */
  size: number;
}

export interface HistoryEntry {
  createdBy: string;
  emptyLayer: boolean;
  size: number;
  comment: string;
}

export interface HealthcheckConfig {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** The image config as `docker inspect` names it. */
export interface ImageConfigView {
  User: string;
  WorkingDir: string;
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  ExposedPorts: string[];
  Labels: Record<string, string>;
  Volumes: string[];
  StopSignal: string | null;
  Healthcheck: HealthcheckConfig | null;
  Shell: string[] | null;
  OnBuild: string[];
}

export interface ImageFile {
  path: string;
  type: FileType;
  size: number;
  uid: number;
  gid: number;
  /** Permission bits as an octal string, e.g. "0644". */
  mode: string;
  /** Symlink target, else null. */
  target: string | null;
  /** Text of a small file whose content is known (config files, scripts), else null. */
  content: string | null;
  /**
   * Stage the path comes from: the stage whose step last wrote it, or for `COPY --from=<stage>` that
   * source stage; null when it comes from the base image.
   */
  fromStage: string | null;
  /** Line of the step that put the path into this image (for COPY --from: the COPY), or null. */
  fromLine: number | null;
  /** Set for a folder whose bulk contents are summarised, not listed (`/usr/lib: 1,204 files`). */
  summary: { files: number; bytes: number; source: string | null } | null;
}

export interface ImageResult {
  /** Stage the image was taken from (the target). */
  stage: string;
  /** The base image reference the target stage starts from ultimately (`debian:bullseye-slim`). */
  base: string;
  config: ImageConfigView;
  history: HistoryEntry[];
  /** Number of non-empty layers (base image layers included). */
  layers: number;
  /** Total bytes: every layer's bytes, deleted files included. */
  size: number;
  /** Where the base image's size figure comes from (the images data file's citation). */
  baseSizeSource: string;
  files: ImageFile[];
}

/** One progress record, shaped like a line of BuildKit's `--progress=plain` output. */
export interface ProgressEvent {
  vertex: number;
  kind: 'start' | 'log' | 'cached' | 'done' | 'error';
  /** The printed line without the `#N ` prefix: `[builder 3/5] RUN go build`, `CACHED`, `DONE 0.0s`. */
  text: string;
  /** Stage index of the vertex, or null for internal vertices (load context, exporting). */
  stage: number | null;
  line: number | null;
}

/** The plan: the stage graph and the target, drawn by the UI before anything runs. */
export interface BuildPlan {
  builder: BuilderKind;
  /** Index and name of the target stage (null when planning failed). */
  target: { index: number; name: string } | null;
  stages: {
    index: number;
    name: string;
    base: string;
    line: number;
    willBuild: boolean;
    reason: string | null;
    dependsOn: StageDependency[];
  }[];
  /** Stage indices in the order they are built. */
  order: number[];
}

/** What was in a built non-target stage and did not reach the final image. */
export interface LeftBehind {
  stage: string;
  /**
   * Bytes of the stage (base image and layers) minus what the image shares with it (a common base
   * stage, or the same base image) and minus what was copied out of it with COPY --from.
   */
  bytes: number;
  /** Files of the stage (listed and summarised) that the image does not share through a common base. */
  files: number;
  /** Tools (compilers, package managers...) present in that stage but absent from the image. */
  notableTools: string[];
}

export interface BuildResult {
  ok: boolean;
  builder: BuilderKind;
  diagnostics: BuildDiagnostic[];
  plan: BuildPlan;
  stages: StageResult[];
  /** The target stage's image, or null when the build failed. */
  image: ImageResult | null;
  progress: ProgressEvent[];
  leftBehind: LeftBehind[];
  /** Tag given with -t, if any (normalised, e.g. `myapp:latest`). */
  tag: string | null;
  /**
   * The context as sent: the ignore file that applied (`.dockerignore`, or `<Dockerfile>.dockerignore`
   * which wins), or null, and the clean context paths it left out, sorted (`node_modules/x.js`; an
   * empty folder without its slash). Known even when the Dockerfile does not parse.
   */
  context: { ignoreFile: string | null; ignored: string[] };
}
