/**
 * What <Example> shows, read from the simulator's BuildResult and nothing else: the page never
 * re-derives a build fact, it only picks and formats the ones the engine computed.
 */
import { humanSize, type BuildResult, type ImageFile, type StepResult } from '../../lib/build/index.ts';
import type { ExampleOptions } from './example-files.ts';

export interface StepView {
  line: number;
  instruction: string;
  /** `cached`, `ran`, `failed` or `not run`. */
  outcome: string;
  /** Layer size, or `config only` for steps that change only the image config. */
  layer: string;
  /** The simulated effects' labels and programs, e.g. `simulated: go build`; empty when none. */
  simulated: string[];
  /** What a RUN printed (stdout then stderr), at most OUTPUT_LINES lines; '' when silent. */
  output: string;
}

const OUTPUT_LINES = 8;

function outputOf(step: StepResult): string {
  const lines = `${step.stdout}${step.stderr}`.trimEnd().split('\n');
  if (lines.length <= OUTPUT_LINES) return lines.join('\n');
  return [...lines.slice(0, OUTPUT_LINES), `… ${lines.length - OUTPUT_LINES} more lines`].join('\n');
}

export interface StageView {
  name: string;
  base: string;
  built: boolean;
  /** `built`, `from the cache`, `failed` or `skipped: <reason>`. */
  status: string;
  steps: StepView[];
}

export interface FileView {
  path: string;
  owner: string;
  mode: string;
  size: string;
}

export interface ImageView {
  base: string;
  user: string;
  workdir: string;
  command: string;
  layers: number;
  size: string;
  files: FileView[];
}

/** A build secret as the page explains it: where docker reads it from, and what it holds. */
export interface SecretView {
  id: string;
  /** The `src=` file of `--secret`: on the machine that runs `docker build`, outside the context. */
  file: string;
  content: string;
}

export interface ExampleView {
  command: string;
  secrets: SecretView[];
  /**
   * For an example with secrets: what the same build does without them, as the playground (which
   * cannot pass secrets) will build it, e.g. `fails with “line 4: secret npmrc: not found”`. Null without secrets.
   */
  withoutSecrets: string | null;
  error: string | null;
  /** What the failing step printed on stderr (the shell's own words), or ''. */
  errorOutput: string;
  stages: StageView[];
  image: ImageView | null;
  leftBehind: string[];
  rebuild: { edited: string; command: string; steps: StepView[] } | null;
}

function stepView(step: StepResult): StepView {
  const outcome = step.status === 'not-run' ? 'not run' : step.status === 'failed' ? 'failed' : step.cached ? 'cached' : 'ran';
  return {
    line: step.line,
    instruction: step.instruction,
    outcome,
    layer: step.status === 'failed' || step.status === 'not-run' ? 'no layer' : step.emptyLayer ? 'config only' : humanSize(step.size),
    simulated: step.effects.map((e) => `${e.label}: ${e.by}`),
    output: step.status === 'failed' ? '' : outputOf(step),
  };
}

function stageStatus(status: string, reason: string | null): string {
  if (status === 'skipped') return `skipped${reason === null ? '' : `: ${reason}`}`;
  if (status === 'cached') return 'from the cache';
  return status;
}

/** `uid:gid`, with the names the image's own /etc/passwd and /etc/group give them. */
function ownerName(file: ImageFile, passwd: string, group: string): string {
  const name = (table: string, id: number) => table.split('\n').map((l) => l.split(':')).find((f) => f.length > 2 && Number(f[2]) === id)?.[0];
  const user = name(passwd, file.uid);
  const grp = name(group, file.gid);
  return `${file.uid}:${file.gid}${user === undefined ? '' : ` (${user}${grp === undefined ? '' : `:${grp}`})`}`;
}

/** USER as written, with the name /etc/passwd gives a numeric uid (`65532 (nonroot)`). */
function userLabel(user: string, passwd: string): string {
  if (user === '') return 'root (no USER set)';
  const uid = /^(\d+)(:\d+)?$/.exec(user)?.[1];
  const name = uid === undefined ? undefined : passwd.split('\n').map((l) => l.split(':')).find((f) => f.length > 2 && f[2] === uid)?.[0];
  return name === undefined ? user : `${user} (${name})`;
}

function quoteArgv(argv: readonly string[] | null): string {
  return argv === null ? '' : JSON.stringify(argv);
}

/** Where an example's secret is read from: a dotfile in the home folder, like ~/.npmrc. */
const secretFile = (id: string): string => `$HOME/.${id}`;

export function buildCommand(options: ExampleOptions, tag: string): string {
  const args = Object.entries(options.buildArgs ?? {}).map(([k, v]) => ` --build-arg ${k}=${v}`);
  const secrets = Object.keys(options.secrets ?? {}).map((id) => ` --secret id=${id},src=${secretFile(id)}`);
  const env = options.builder === 'legacy' ? 'DOCKER_BUILDKIT=0 ' : '';
  return `${env}docker build${options.target === undefined ? '' : ` --target ${options.target}`}${args.join('')}${secrets.join('')} -t ${tag} .`;
}

function firstError(result: BuildResult): string | null {
  const error = result.diagnostics.find((d) => d.severity === 'error');
  return error === undefined ? null : `${error.line === null ? '' : `line ${error.line}: `}${error.message}`;
}

/** How the build without its secrets ends, as a predicate: `fails with “line 4: secret npmrc: not found”`. */
function outcomeWithout(bare: BuildResult): string {
  const error = firstError(bare);
  return error === null ? 'builds with the secret mounts left out' : `fails with “${error}”`;
}

/**
 * `bare` is the same build without the secrets (null when the example has none): the playground
 * cannot pass secrets, so the page says what it will show instead.
 */
export function exampleView(
  result: BuildResult,
  rebuild: BuildResult | null,
  bare: BuildResult | null,
  options: ExampleOptions,
  show: readonly string[],
  tag: string,
): ExampleView {
  const image = result.image;
  const byPath = new Map((image?.files ?? []).map((f) => [f.path, f]));
  const passwd = byPath.get('/etc/passwd')?.content ?? '';
  const group = byPath.get('/etc/group')?.content ?? '';
  const entrypoint = quoteArgv(image?.config.Entrypoint ?? null);
  const cmd = quoteArgv(image?.config.Cmd ?? null);
  return {
    command: buildCommand(options, tag),
    secrets: Object.entries(options.secrets ?? {}).map(([id, content]) => ({ id, file: secretFile(id), content })),
    withoutSecrets: bare === null ? null : outcomeWithout(bare),
    error: firstError(result),
    errorOutput: result.stages.flatMap((s) => s.steps).find((s) => s.status === 'failed')?.stderr.trim() ?? '',
    stages: result.stages.map((s) => ({
      name: s.name,
      base: s.base,
      built: s.status !== 'skipped',
      status: stageStatus(s.status, s.reason),
      steps: s.steps.map(stepView),
    })),
    image:
      image === null
        ? null
        : {
            base: image.base,
            user: userLabel(image.config.User, passwd),
            workdir: image.config.WorkingDir === '' ? '/ (not set)' : image.config.WorkingDir,
            command: [entrypoint === '' ? '' : `ENTRYPOINT ${entrypoint}`, cmd === '' ? '' : `CMD ${cmd}`].filter((s) => s !== '').join(' + ') || '(none)',
            layers: image.layers,
            size: humanSize(image.size),
            files: show.flatMap((path) => {
              const file = byPath.get(path);
              if (file === undefined) return [];
              const size = file.type === 'dir' ? 'folder' : file.type === 'symlink' ? `link → ${file.target ?? '?'}` : humanSize(file.size);
              return [{ path, owner: ownerName(file, passwd, group), mode: file.mode, size }];
            }),
          },
    leftBehind: result.leftBehind.map(
      (l) => `${l.stage}: ${humanSize(l.bytes)} in ${l.files.toLocaleString('en')} files${l.notableTools.length === 0 ? '' : `, with ${l.notableTools.join(', ')}`}`,
    ),
    rebuild:
      rebuild === null || options.edit === undefined
        ? null
        : {
            edited: options.edit.path,
            command: buildCommand(options, tag),
            steps: rebuild.stages
              .filter((s) => s.status !== 'skipped')
              .flatMap((s) => s.steps.filter((step) => !step.emptyLayer).map(stepView))
              .map((step) => (step.outcome === 'ran' ? { ...step, outcome: 'ran again' } : step)),
          },
  };
}
