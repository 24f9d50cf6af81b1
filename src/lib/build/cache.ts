/**
 * The build cache: lives across builds of one session (playground, terminal, the CLI's state
 * folder). A step's key is its parent's key plus what defines the step (section 7 of the semantics);
 * a hit replays the stored result. Misses are explained by comparing with what was built on the same
 * parent before.
 */
import type { DirNode } from '../vfs/index.ts';
import { hashText } from './hash.ts';
import type { CacheMissReason, FileChange, SimulatedEffectView } from './result.ts';

export interface CachedStep {
  fs: DirNode;
  size: number;
  changes: FileChange[];
  stdout: string;
  stderr: string;
  effects: SimulatedEffectView[];
}

/** What distinguishes a step built on a parent: used only to say why a key missed. */
export interface StepIdentity {
  instruction: string;
  files: string;
  env: string;
  /** Which step of which stage this is (`builder:3`); not part of the key, only of miss reasons. */
  slot: string;
}

export interface BuildCache {
  steps: Map<string, CachedStep>;
  /** By parent key: the identities of steps built on it. */
  children: Map<string, StepIdentity[]>;
  /** `RUN --mount=type=cache` contents by cache id. */
  mounts: Map<string, DirNode>;
}

export function createBuildCache(): BuildCache {
  return { steps: new Map(), children: new Map(), mounts: new Map() };
}

export function stepKey(parent: string, id: StepIdentity): string {
  return hashText(`${parent}\n${id.instruction}\n${id.files}\n${id.env}`);
}

export function remember(cache: BuildCache, parent: string, id: StepIdentity, key: string, step: CachedStep): void {
  cache.steps.set(key, step);
  const siblings = cache.children.get(parent) ?? [];
  if (!siblings.some((s) => s.slot === id.slot && s.instruction === id.instruction && s.files === id.files && s.env === id.env)) {
    siblings.push(id);
    cache.children.set(parent, siblings);
  }
}

export function missReason(cache: BuildCache, parent: string, id: StepIdentity, parentMissed: boolean, noCache: boolean): CacheMissReason {
  if (noCache) return 'no cache';
  if (parentMissed) return 'parent missed';
  const siblings = (cache.children.get(parent) ?? []).filter((s) => s.slot === id.slot);
  if (siblings.length === 0) return 'no cache';
  const same = siblings.filter((s) => s.instruction === id.instruction);
  if (same.some((s) => s.files !== id.files)) return 'copied files changed';
  if (same.some((s) => s.env !== id.env)) return 'environment changed';
  return 'instruction changed';
}
