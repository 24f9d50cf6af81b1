/**
 * The normalised record of one conformance case, made the same way from real Docker (observed.json)
 * and from the simulator, so that the two can be compared aspect by aspect.
 */

export type ErrorKind =
  | 'parse'
  | 'no-instructions'
  | 'instruction-before-from'
  | 'unknown-instruction'
  | 'unknown-flag'
  | 'unknown-target'
  | 'cycle'
  | 'copy-from-later-stage'
  | 'invalid-stage-index'
  | 'invalid-chmod'
  | 'missing-source'
  | 'dockerignore'
  | 'run-failed'
  | 'unknown-user'
  | 'base-image-not-found'
  | 'other';

export interface ErrorObservation {
  kind: ErrorKind;
  /** 1-based Dockerfile line, when the builder names one (directly or through the failing step). */
  line: number | null;
  /** The builder's own words (informative: texts differ between BuildKit versions). */
  message: string;
}

/** One path that differs between the built image and its base image. */
export interface FileObservation {
  path: string;
  change: 'added' | 'changed' | 'deleted';
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other' | null;
  /** Permission bits, octal with 4 digits ("0644"); null for a deletion. */
  mode: string | null;
  uid: number | null;
  gid: number | null;
  size: number | null;
  target: string | null;
  /** Content of small text files (≤ 1024 bytes of UTF-8), else null. */
  content: string | null;
}

export interface ConfigObservation {
  User: string;
  WorkingDir: string;
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  ExposedPorts: string[];
  Labels: Record<string, string>;
}

export interface HistoryObservation {
  createdBy: string;
  emptyLayer: boolean;
}

export interface StepObservation {
  /** Stage label as the progress names it: the stage name, or `stage-<index>`. */
  stage: string;
  line: number | null;
  /** The instruction as the progress prints it (`COPY --from=builder /x /y`). */
  instruction: string;
  cached: boolean;
}

export interface ImageObservation {
  /** The base image the target stage ultimately starts from (`busybox:latest` or `scratch`). */
  base: string;
  config: ConfigObservation;
  /** The history entries the build added on top of the base image's own. */
  history: HistoryObservation[];
  files: FileObservation[];
}

export interface BuildObservation {
  ok: boolean;
  error: ErrorObservation | null;
  /**
   * Labels of the stages that had at least one step run or cached (and the target), in file order.
   * Empty for a failed build: stages run in parallel, so what started before the failure varies.
   */
  stagesRan: string[];
  /** Steps other than FROM, in file order (empty for a failed build, as above). */
  steps: StepObservation[];
  image: ImageObservation | null;
}

export interface CaseObservation {
  case: string;
  /** What produced it: `docker 20.10.24+dfsg1 (BuildKit)` or `stagecraft simulator`. */
  engine: string;
  builds: BuildObservation[];
}

export const ASPECTS = ['outcome', 'files', 'config', 'history', 'stages', 'cache'] as const;
export type Aspect = (typeof ASPECTS)[number];
