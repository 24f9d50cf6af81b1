/** Messages between the page's xterm and the terminal program in its worker. */
import type { KeyboardMessage, ScreenMessage } from '../../lib/terminal/remote.ts';
import type { RealRunPlan } from '../../lib/realrun/types.ts';

/** The build context the terminal sees: the playground's shape (Dockerfile text apart from the files). */
export interface TerminalSource {
  dockerfile: string;
  files: Record<string, string>;
  /** Files that are executable (mode 0755), as a lesson example's scripts are in git. */
  executables?: string[];
}

export type ToTerminalWorker =
  | { kind: 'start'; cols: number; rows: number; source: TerminalSource }
  /** The files changed (the playground was edited): later commands see the new ones. */
  | { kind: 'source'; source: TerminalSource }
  /** The page finished `docker run --real` number `id` with this exit code. */
  | { kind: 'real-run-exit'; id: number; code: number }
  | KeyboardMessage;

export type FromTerminalWorker =
  | ScreenMessage
  /** `docker run --real`: the page runs the plan in a WebContainer, owning the screen until `real-run-exit`. */
  | { kind: 'real-run'; id: number; plan: RealRunPlan };

/**
 * How the page reaches the worker that runs the terminal program: a worker of its own, or the
 * playground's build worker (whose session the terminal then shares).
 */
export interface TerminalChannel {
  post(message: ToTerminalWorker): void;
  /** Subscribes to the program's output; returns the unsubscribe. */
  onMessage(listener: (message: FromTerminalWorker) => void): () => void;
  /** Subscribes to the worker being replaced (its session is lost); returns the unsubscribe. */
  onRestart(listener: () => void): () => void;
  dispose(): void;
}

/** The terminal's messages are the only ones with these kinds (the build worker's are `ready` and `result`). */
export const isTerminalMessage = (message: { kind: string }): message is FromTerminalWorker =>
  message.kind === 'write' || message.kind === 'clear' || message.kind === 'real-run';
