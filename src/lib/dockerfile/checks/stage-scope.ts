/** Shared facts the checks need about stages: which earlier stage a FROM names, and meta ARG keys. */
import type { ParseResult, Stage } from '../types.ts';

/** BuildKit's automatic platform ARGs, usable in FROM without declaring them. */
export const BUILTIN_ARGS: readonly string[] = [
  'BUILDPLATFORM', 'BUILDOS', 'BUILDOSVERSION', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETOSVERSION', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
];

/** The earlier stage a FROM refers to (exact lower-case name, as BuildKit's addState), or null. */
export function parentStage(result: ParseResult, stage: Stage): Stage | null {
  return result.stages.find((s) => s.index < stage.index && s.name !== null && s.name === stage.baseImage) ?? null;
}

export function metaArgKeys(result: ParseResult): string[] {
  return result.metaArgs.flatMap((a) => a.args.map((d) => d.key));
}
