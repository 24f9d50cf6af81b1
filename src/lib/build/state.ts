/** The state of a stage while it builds: its filesystem, image config, build env and history. */
import type { DirNode } from '../vfs/index.ts';
import type { HistoryEntry, ImageConfigView } from './result.ts';

export interface FileOrigin {
  stage: string;
  line: number;
}

export interface StageState {
  index: number;
  name: string;
  fs: DirNode;
  config: ImageConfigView;
  /** The environment later instructions see: image ENV plus ARG values, add-or-replace in order. */
  env: Map<string, string>;
  /** ARGs declared in scope, in declaration order, with their value (undefined: declared, unset). */
  args: Map<string, string | undefined>;
  history: HistoryEntry[];
  /** Non-empty layers so far (base image layers included) and their bytes. */
  layers: number;
  size: number;
  /** Cache key of the last filesystem step. */
  key: string;
  /** A step of this stage missed the cache: every later step misses as `parent missed`. */
  missed: boolean;
  /** CMD was set in this stage (ENTRYPOINT then keeps it). */
  cmdSet: boolean;
  /** The image at the bottom of the FROM chain and its size (what a stage shares with others on it). */
  rootImage: { ref: string; size: number; rootfs: DirNode };
  /** Stages this one is built FROM, nearest first. */
  ancestors: number[];
  /** Where the base image's size figure comes from (inherited through FROM <stage>). */
  baseSizeSource: string;
  /** Which step of which stage last wrote each path (paths absent come from the base image). */
  origins: Map<string, FileOrigin>;
}

export function envRecord(state: StageState): Record<string, string> {
  return Object.fromEntries(state.env);
}

export function cloneConfig(c: ImageConfigView): ImageConfigView {
  return {
    ...c,
    Env: [...c.Env],
    Cmd: c.Cmd === null ? null : [...c.Cmd],
    Entrypoint: c.Entrypoint === null ? null : [...c.Entrypoint],
    ExposedPorts: [...c.ExposedPorts],
    Labels: { ...c.Labels },
    Volumes: [...c.Volumes],
    Shell: c.Shell === null ? null : [...c.Shell],
    Healthcheck: c.Healthcheck === null ? null : { ...c.Healthcheck, Test: [...c.Healthcheck.Test] },
    OnBuild: [...c.OnBuild],
  };
}

/** Set `KEY=value` in an Env list, replacing an existing KEY in place. */
export function setEnvEntry(env: string[], key: string, value: string): void {
  const i = env.findIndex((e) => e.split('=', 1)[0] === key);
  if (i >= 0) env[i] = `${key}=${value}`;
  else env.push(`${key}=${value}`);
}

export function envMap(env: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of env) {
    const eq = e.indexOf('=');
    if (eq > 0) m.set(e.slice(0, eq), e.slice(eq + 1));
  }
  return m;
}
