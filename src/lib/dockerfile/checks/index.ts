/**
 * Build checks: Docker's own (ids as in `docker build --check`) and hadolint's, as data.
 * `runChecks` applies them to a parse, honouring `# check=skip=...;error=true` and per-instruction
 * `# check=skip=...` comments.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import type { CheckContext, CheckRule } from './rule.ts';
import { buildkitRules } from './buildkit-rules.ts';
import { hadolintRules } from './hadolint-rules.ts';
import { skippedByComments } from './config.ts';

export type { CheckContext, CheckRule, Finding } from './rule.ts';
export { parseCheckConfig, parseCheckOptions } from './config.ts';

export const checkRules: readonly CheckRule[] = [...buildkitRules, ...hadolintRules];

export interface CheckOptions {
  /** Env names a base image defines (UndefinedVar); PATH is always assumed. */
  imageEnv?: (baseImage: string) => readonly string[];
}

export function runChecks(
  input: Omit<CheckContext, 'imageEnv'>,
  options: CheckOptions = {},
): Diagnostic[] {
  const ctx: CheckContext = { ...input, imageEnv: options.imageEnv ?? (() => []) };
  const config = ctx.result.checkConfig;
  if (config.skipAll) return [];
  const out: Diagnostic[] = [];
  const nodeAtLine = new Map<number, (typeof ctx.result.nodes)[number]>();
  for (const n of ctx.result.nodes) for (let l = n.range.line; l <= n.range.endLine; l++) nodeAtLine.set(l, n);
  for (const rule of checkRules) {
    if (config.skip.includes(rule.id)) continue;
    for (const f of rule.check(ctx)) {
      const node = nodeAtLine.get(f.range.line);
      const local = skippedByComments(node?.comments ?? []);
      if (local.all || local.ids.includes(rule.id)) continue;
      out.push({
        severity: config.error ? 'error' : 'warning',
        code: rule.id,
        message: f.message,
        hint: rule.hint,
        range: f.range,
        url: rule.url,
      });
    }
  }
  return out;
}
