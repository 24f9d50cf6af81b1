/** Messages between the page's xterm and the terminal program in its worker. */
import type { KeyboardMessage, ScreenMessage } from '../../lib/terminal/index.ts';

/** The build context the terminal sees: the playground's shape (Dockerfile text apart from the files). */
export interface TerminalSource {
  dockerfile: string;
  files: Record<string, string>;
}

export type ToTerminalWorker =
  | { kind: 'start'; cols: number; rows: number; source: TerminalSource }
  /** The files changed (the playground was edited): later commands see the new ones. */
  | { kind: 'source'; source: TerminalSource }
  | KeyboardMessage;

export type FromTerminalWorker = ScreenMessage;
