/** Small text formatters the views share. */
import type { CacheMissReason, StepResult } from '../../../lib/build/view-api.ts';

export function cacheText(step: StepResult): string {
  if (step.status === 'failed') return 'failed';
  if (step.status === 'not-run') return 'not run';
  if (step.cached) return 'cached';
  return step.cacheMiss === null ? 'rebuilt' : `rebuilt: ${missText(step.cacheMiss)}`;
}

function missText(reason: CacheMissReason): string {
  return reason === 'no cache' ? 'not in cache' : reason;
}

export const owner = (uid: number | null, gid: number | null) => (uid === null ? '' : `${uid}:${gid ?? uid}`);
