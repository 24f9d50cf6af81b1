/**
 * Build errors and warnings as values, in BuildKit's words. Every message text lives here so the
 * wording stays exact and testable.
 */
import type { SourceRange } from '../diagnostics.ts';
import { goQuote } from '../dockerfile/go-quote.ts';
import type { BuildDiagnostic } from './result.ts';

export function diagnostic(
  code: string,
  message: string,
  range: SourceRange | undefined,
  hint?: string,
  severity: BuildDiagnostic['severity'] = 'error',
  phase: BuildDiagnostic['phase'] = 'build',
): BuildDiagnostic {
  const d: BuildDiagnostic = { severity, code, message, line: range?.line ?? null, phase };
  if (range !== undefined) d.range = range;
  if (hint !== undefined) d.hint = hint;
  return d;
}

export const messages = {
  noStages: 'dockerfile contains no stages to build',
  targetNotFound: (t: string, suggestion: string | null) =>
    `target stage ${goQuote(t)} could not be found${suggestion === null ? '' : ` (did you mean ${suggestion}?)`}`,
  legacyTargetNotFound: (t: string) => `failed to reach build target ${t} in Dockerfile`,
  legacyDuplicateName: (n: string) => `${n} stage name already used`,
  circular: (s: string) => `circular dependency detected on stage: ${s}`,
  copyFromLater: (from: string, cur: string) =>
    `cannot copy from stage ${goQuote(from)}, it needs to be defined before current stage ${goQuote(cur)}`,
  mountFromLater: (from: string, cur: string) =>
    `cannot mount from stage ${goQuote(from)} to ${goQuote(cur)}, stage needs to be defined before current command`,
  fromVariable:
    'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
  invalidStageIndex: (n: string) => `invalid stage index ${n}`,
  blankBase: (written: string) => `base name (${written}) should not be blank`,
  badReference: (name: string, detail: string) => `failed to parse stage name ${goQuote(name)}: ${detail}`,
  notFound: (path: string) => `failed to compute cache key: failed to calculate checksum of ref ${REF_ID} ${goQuote(path)}: not found`,
  runFailed: (argv: string[], code: number) =>
    `process ${goQuote(argv.join(' '))} did not complete successfully: exit code: ${code}`,
  unknownUser: (u: string) => `unable to find user ${u}: no matching entries in passwd file`,
  unknownGroup: (g: string) => `unable to find group ${g}: no matching entries in group file`,
  invalidChmod: (v: string) => `invalid chmod parameter: '${v}'. it should be octal string and between 0 and 07777`,
  copyUrl: 'source can\'t be a URL for COPY',
  copyGit: 'source can\'t be a git ref for COPY',
  copyIgnored: (keyword: 'COPY' | 'ADD', file: string) =>
    `Attempting to ${keyword === 'COPY' ? 'Copy' : 'Add'} file ${goQuote(file)} that is excluded by .dockerignore`,
  ignoreFile: (detail: string) => `failed to parse .dockerignore: ${detail}`,
} as const;

/** BuildKit prints a random snapshot id here; a fixed one keeps our output deterministic. */
export const REF_ID = 'context';
