/**
 * "Run it for real": replaying a Node image's build in a WebContainer (real Node.js and npm in the
 * browser) and starting its command there. src/lib only plans and drives the run through the
 * RealContainer interface; the page supplies the WebContainer behind it, tests an in-memory one.
 */
import type { BuildInput } from '../build/index.ts';

/** A process to start in the container. Paths are relative to the container's working folder. */
export interface RealCommand {
  command: string;
  args: string[];
  /** Folder relative to the container's working folder, e.g. `runtime/app`. */
  cwd: string;
  env: Record<string, string>;
}

/**
 * One instruction of a replayed stage, in build order. `label` is the instruction as BuildKit's plain
 * progress names it, `[runtime 4/7] RUN npm ci --omit=dev` (`[build] FROM base` for a stage's parent).
 */
export type RealStep =
  /**
   * A RUN's Node commands (npm, npx, node, ...): run for real, in order, stopping at a failure. Line 0
   * (stage = the final stage): the commands a container command `sh -c "a && b"` runs before its last.
   */
  | { kind: 'run'; stage: string; line: number; label: string; instruction: string; commands: RealCommand[] }
  /** `COPY --from=<stage>` (or a stage's `FROM <stage>`): copy a replayed stage's real files. */
  | { kind: 'copy'; stage: string; line: number; label: string; instruction: string; from: string; to: string }
  /**
   * `COPY`/`ADD` from the build context: its files (also in `RealRunPlan.files`) are mounted again at
   * this point, so a parent stage copied in by `FROM <stage>` does not hide them.
   */
  | { kind: 'context'; stage: string; line: number; label: string; instruction: string; files: Record<string, string> }
  /** Something the real mode cannot do (OS packages, users, external images): said, not hidden. */
  | { kind: 'skip'; stage: string; line: number; label: string; instruction: string; why: string };

export interface RealRunPlan {
  /** The image as the user named it, e.g. `playground:latest`. */
  image: string;
  /**
   * Files to mount before anything runs: path relative to the working folder → text. A key ending
   * in `/` is a folder to create empty (stage folders, WORKDIRs), its value ''.
   */
  files: Record<string, string>;
  steps: RealStep[];
  /** The container's command (entrypoint + cmd as Docker combines them). */
  start: RealCommand;
  /**
   * For each copy step of the final stage (`COPY --from=<stage>`, one entry per source): what the
   * simulator put there, so the real files can be shown beside the simulated ones. `to` is the
   * step's `to` for a folder, its parent folder for a file (whose entry then lists only that file);
   * paths are relative to `to`, and a folder whose contents the simulator only summarised is listed
   * as `name/` (`./` for the copied folder itself) with the summary's bytes.
   */
  simulatedCopies: { line: number; to: string; files: { path: string; size: number }[] }[];
  /** Where the real run differs from Docker, one sentence each (user, OS, ...). */
  notes: string[];
}

/** What `docker run --real` asks for: the image, how it was built, and the run's overrides. */
export interface RealRunRequest {
  /** The name the user gave (`playground:latest`, `node:22-slim`). */
  image: string;
  /** How the image was built in this session; null for a catalogue image (nothing to replay). */
  recipe: Omit<BuildInput, 'secrets'> | null;
  /** Entrypoint + command as Docker combines them, after `--entrypoint` and arguments. */
  argv: string[];
  /** The container's working directory (image WORKDIR or `-w`), absolute. */
  workdir: string;
  /** The image's ENV and `-e` values, `NAME=value`. */
  env: string[];
  /** Absolute path of the container's working folder in the WebContainer (`/home/stagecraft`). */
  root: string;
}

/** A running process in the container. */
export interface RealProcess {
  /** Receives everything the process writes to its terminal (stdout and stderr together). */
  onOutput(listener: (text: string) => void): void;
  /** Sends keys to the process's terminal. */
  write(data: string): void;
  kill(): void;
  /** Resolves with the exit code. */
  exit: Promise<number>;
}

/** The container the run happens in: a WebContainer in the page, an in-memory fake in tests. */
export interface RealContainer {
  /** Writes the files (see RealRunPlan.files) over what is there; called again for each 'context' step. */
  mount(files: Readonly<Record<string, string>>): Promise<void>;
  spawn(command: RealCommand, size: { cols: number; rows: number }): Promise<RealProcess>;
  /**
   * Copies as Docker's COPY does: a file is written at `to`; a folder's contents are merged into the
   * folder `to` (created with its parents when missing). Paths relative to the working folder.
   */
  copy(from: string, to: string): Promise<void>;
  /** Every file under `dir` (recursively), paths relative to `dir`; empty when it does not exist. */
  listFiles(dir: string): Promise<{ path: string; size: number }[]>;
}

/** Where the run's progress and the program's output go (the xterm), and its size. */
export interface RealRunIo {
  write(text: string): void;
  cols: number;
  rows: number;
}

/** A started run: type into it, stop it, wait for it. */
export interface RealRunHandle {
  /** Keys typed while the run is in the foreground. */
  input(data: string): void;
  /** Ctrl-C: stops the current step or the program. */
  kill(): void;
  /** The container's exit code; a failed step gives its code, as a failed build would. */
  exit: Promise<number>;
}
