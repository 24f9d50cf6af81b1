/**
 * Build errors and warnings as values, in BuildKit's words. Every message text lives here so the
 * wording stays exact and testable.
 */
import type { SourceRange } from '../diagnostics.ts';
import { goQuote } from '../dockerfile/index.ts';
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
  const teaching = hint ?? hints[code];
  if (teaching !== undefined) d.hint = teaching;
  return d;
}

/** The teaching side of each build error: why it happens and what to do. */
const hints: Readonly<Record<string, string>> = {
  'no-stages': 'A build needs at least one FROM: ARG lines before the first FROM only feed FROM lines.',
  'target-not-found': '--target names a stage given with FROM image AS name (names are not case-sensitive).',
  'duplicate-stage-name': 'The legacy builder refuses two stages with one name; BuildKit only warns. Rename one of them.',
  'circular-dependency': 'Stages must form a chain without loops: a stage cannot need itself, directly or through others.',
  'stage-defined-later': 'A stage can only copy from stages above it. Move the stage you copy from higher up in the file.',
  'invalid-stage-index': 'Unnamed stages are numbered from 0 in file order; naming them with AS is safer.',
  'from-variable': 'COPY --from takes a stage name, a stage number or an image, written out literally.',
  'blank-base': 'The FROM line expanded to nothing: give the ARG a default or pass it with --build-arg.',
  'source-not-found':
    'COPY and ADD read from the build context (minus .dockerignore), or with --from from the root of another stage or image. The path is not there.',
  'run-failed': 'The command exited with a non-zero status, so the step and the build stop. Its output above says why.',
  'unknown-user': 'USER names a user that the stage /etc/passwd does not have. Create it first (adduser/useradd) or use a numeric uid.',
  'invalid-chmod': '--chmod takes octal permission bits such as 755 or 0644.',
  'secret-not-found':
    'A secret mount with required=true needs the secret given to the build: docker build --secret id=<id>,src=<file> (or env=<VAR>).',
  'ssh-not-forwarded': 'An ssh mount with required=true needs an SSH agent forwarded with docker build --ssh default; Stagecraft has none.',
  'secret-mount-id': 'A secret mount names its secret with id= (or takes the file name of target=).',
  'copy-url': 'Only ADD can download a URL; COPY reads local files.',
};

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
  secretNotFound: (id: string) => `secret ${id}: not found`,
  sshNotForwarded: (id: string) => `no SSH key ${goQuote(id)} forwarded from the client`,
  secretMountId: 'one of source, target required',
  copyUrl: 'source can\'t be a URL for COPY',
  copyGit: 'source can\'t be a git ref for COPY',
  copyIgnored: (keyword: 'COPY' | 'ADD', file: string) =>
    `Attempting to ${keyword === 'COPY' ? 'Copy' : 'Add'} file ${goQuote(file)} that is excluded by .dockerignore`,
  ignoreFile: (detail: string) => `failed to parse .dockerignore: ${detail}`,
} as const;

/** BuildKit prints a random snapshot id here; a fixed one keeps our output deterministic. */
export const REF_ID = 'context';
