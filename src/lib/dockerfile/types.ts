/**
 * The shapes the Dockerfile front end produces. Two layers, as in BuildKit:
 * - `SyntaxNode`: what the line parser sees (keyword as written, raw flags, arguments split the way
 *   BuildKit's parser splits them, JSON or not, heredocs). Every instruction line gets one, even an
 *   unknown or invalid one.
 * - `Instruction`: the typed instruction (one of the 18 keywords) with checked flags and the ranges
 *   of its important arguments. Only instructions that are valid get one.
 * All ranges are 1-based, `endColumn` exclusive (see ../diagnostics.ts).
 */
import type { Diagnostic, SourceRange } from '../diagnostics.ts';

export type { Diagnostic, SourceRange };

/** The 18 Dockerfile instructions, canonical (upper-case) spelling. */
export type Keyword =
  | 'ADD'
  | 'ARG'
  | 'CMD'
  | 'COPY'
  | 'ENTRYPOINT'
  | 'ENV'
  | 'EXPOSE'
  | 'FROM'
  | 'HEALTHCHECK'
  | 'LABEL'
  | 'MAINTAINER'
  | 'ONBUILD'
  | 'RUN'
  | 'SHELL'
  | 'STOPSIGNAL'
  | 'USER'
  | 'VOLUME'
  | 'WORKDIR';

/** A piece of source text with where it came from. `value` is the text after the parser's own processing (quotes kept unless stated). */
export interface Word {
  value: string;
  range: SourceRange;
}

/** A `--name[=value]` flag as written. `value` is null when there was no `=`. */
export interface Flag {
  name: string;
  value: string | null;
  range: SourceRange;
}

/** A heredoc attached to RUN/COPY/ADD (`<<EOF`, `<<-EOF`, `3<<"EOF"`). */
export interface Heredoc {
  /** The delimiter word with quotes removed. */
  name: string;
  /** The fd prefix of `3<<EOF`; 0 when none was written. */
  fileDescriptor: number;
  /** False when any part of the delimiter was quoted: the body is then never variable-expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body lines and the terminator. */
  chomp: boolean;
  /** The body as written (each line with its newline), tabs not yet stripped for `<<-`. */
  content: string;
  /** From the first body line to the end of the terminator line. */
  range: SourceRange;
}

/** A key/value pair of ENV or LABEL (`legacy`: the old `ENV key value` form, no `=`). */
export interface KeyValue {
  key: string;
  value: string;
  legacy: boolean;
  range: SourceRange;
}

/** One instruction line as BuildKit's line parser splits it. */
export interface SyntaxNode {
  /** The keyword exactly as written (`from`, `Run`, `FNTRYPOINT`...). */
  keyword: string;
  keywordRange: SourceRange;
  /** Leading `--x=y` words, quotes and escapes processed as BuildKit's flag extractor does. */
  flags: Word[];
  /**
   * Arguments as BuildKit splits them: shell form of RUN/CMD/ENTRYPOINT/SHELL = one string;
   * JSON form = its elements; ADD/COPY/VOLUME/EXPOSE/FROM = whitespace-separated words;
   * ARG = quote-aware words; USER/WORKDIR/STOPSIGNAL/MAINTAINER = the rest of the line;
   * HEALTHCHECK = the type then its command; ENV/LABEL: none (see `pairs`); ONBUILD: none (see `child`).
   */
  args: Word[];
  /** ENV and LABEL only. */
  pairs?: KeyValue[];
  /** ONBUILD only: the trigger instruction line. */
  child?: SyntaxNode;
  /** True when the arguments were a JSON array of strings (exec form). */
  json: boolean;
  heredocs: Heredoc[];
  /** The logical line: continuation lines joined, comment lines inside it dropped. */
  original: string;
  /** Whole instruction, continuation lines and heredoc bodies included. */
  range: SourceRange;
  /** Comment lines directly above (without `#`), as BuildKit keeps them for `# check=` and descriptions. */
  comments: string[];
}

/** A parser directive from the top of the file. */
export interface Directive {
  name: 'syntax' | 'escape' | 'check';
  value: string;
  range: SourceRange;
}

export type EscapeToken = '\\' | '`';

/** Fields every typed instruction has. */
export interface InstructionBase<K extends Keyword> {
  keyword: K;
  /** The keyword as written (casing checks need it). */
  written: string;
  range: SourceRange;
  /** All flags as written (typed fields below hold the checked values). */
  flags: Flag[];
  /** The logical source line (for history `created_by` and messages). */
  original: string;
  /** The syntax node this instruction was typed from. */
  node: SyntaxNode;
}

/** RUN/CMD/ENTRYPOINT argument: `exec` = JSON array used verbatim; `shell` = one string given to the SHELL. */
export interface CommandLine {
  form: 'exec' | 'shell';
  /** exec: the array; shell: one element, the command text (empty array when nothing was given). */
  args: string[];
  range: SourceRange;
}

export interface FromInstruction extends InstructionBase<'FROM'> {
  /** Base image or earlier stage name, as written (variables not expanded). */
  image: Word;
  /** `AS <name>`: the name as written; the stage's `name` is its lower-cased form. */
  stageName?: Word;
  /** The `AS` keyword as written. */
  as?: Word;
  platform?: Word;
}

export interface RunMount {
  /** The raw `--mount` value. */
  raw: string;
  /** Comma-separated key=value fields (a bare key maps to ''). `type` defaults to `bind`. */
  fields: Record<string, string>;
  range: SourceRange;
}

export interface RunInstruction extends InstructionBase<'RUN'> {
  command: CommandLine;
  heredocs: Heredoc[];
  mounts: RunMount[];
  network: 'default' | 'none' | 'host';
  security: 'sandbox' | 'insecure';
}

export interface CmdInstruction extends InstructionBase<'CMD'> {
  command: CommandLine;
}

export interface EntrypointInstruction extends InstructionBase<'ENTRYPOINT'> {
  command: CommandLine;
}

export interface ShellInstruction extends InstructionBase<'SHELL'> {
  shell: string[];
}

export interface LabelInstruction extends InstructionBase<'LABEL'> {
  /** Keys and values raw: quotes/escapes are processed when the engine expands them. */
  pairs: KeyValue[];
}

export interface EnvInstruction extends InstructionBase<'ENV'> {
  /** Keys and values raw: quotes/escapes are processed when the engine expands them. */
  pairs: KeyValue[];
}

export interface MaintainerInstruction extends InstructionBase<'MAINTAINER'> {
  maintainer: string;
}

export interface ExposeInstruction extends InstructionBase<'EXPOSE'> {
  /** As written, in file order (BuildKit sorts the raw specs as strings for history). */
  ports: Word[];
}

/** A heredoc used as a COPY/ADD source: a file made from the body. */
export interface HeredocSource {
  name: string;
  /** Body with `<<-` tabs already stripped. */
  content: string;
  expand: boolean;
  range: SourceRange;
}

interface CopyLike {
  /** Source paths (non-heredoc), raw. */
  sources: Word[];
  heredocSources: HeredocSource[];
  dest: Word;
  chown?: Word;
  chmod?: Word;
  link: boolean;
  exclude: Word[];
}

export interface CopyInstruction extends InstructionBase<'COPY'>, CopyLike {
  from?: Word;
  parents: boolean;
}

export interface AddInstruction extends InstructionBase<'ADD'>, CopyLike {
  checksum?: Word;
  /** Only when given (`--keep-git-dir[=bool]`). */
  keepGitDir?: boolean;
  /** Only when given (`--unpack[=bool]`). */
  unpack?: boolean;
}

export interface VolumeInstruction extends InstructionBase<'VOLUME'> {
  paths: Word[];
}

export interface UserInstruction extends InstructionBase<'USER'> {
  user: Word;
}

export interface WorkdirInstruction extends InstructionBase<'WORKDIR'> {
  path: Word;
}

export interface ArgDefinition {
  key: string;
  /** Absent for `ARG name`; '' for `ARG name=`. Raw (expanded by the engine). */
  value?: string;
  range: SourceRange;
}

export interface ArgInstruction extends InstructionBase<'ARG'> {
  args: ArgDefinition[];
}

export interface OnbuildInstruction extends InstructionBase<'ONBUILD'> {
  /** The trigger text stored in the image config (heredoc bodies appended as BuildKit does). */
  expression: string;
  /** The trigger typed, when it is itself valid (BuildKit only checks it when it runs). */
  trigger: Instruction | null;
}

export interface StopsignalInstruction extends InstructionBase<'STOPSIGNAL'> {
  signal: Word;
}

export type HealthcheckConfig =
  | { type: 'NONE' }
  | {
      type: 'CMD';
      /** Image-config `Test`: `['CMD', ...argv]` (exec form) or `['CMD-SHELL', script]`. */
      test: string[];
      /** Durations in milliseconds; 0 = not set (inherit the default). */
      intervalMs: number;
      timeoutMs: number;
      startPeriodMs: number;
      startIntervalMs: number;
      retries: number;
    };

export interface HealthcheckInstruction extends InstructionBase<'HEALTHCHECK'> {
  health: HealthcheckConfig;
}

/** Every typed instruction, discriminated by `keyword`. */
export type Instruction =
  | AddInstruction
  | ArgInstruction
  | CmdInstruction
  | CopyInstruction
  | EntrypointInstruction
  | EnvInstruction
  | ExposeInstruction
  | FromInstruction
  | HealthcheckInstruction
  | LabelInstruction
  | MaintainerInstruction
  | OnbuildInstruction
  | RunInstruction
  | ShellInstruction
  | StopsignalInstruction
  | UserInstruction
  | VolumeInstruction
  | WorkdirInstruction;

/** One build stage: a FROM and the instructions up to the next FROM. */
export interface Stage {
  /** 0-based, counting every FROM. */
  index: number;
  /** The `AS` name lower-cased, or null (BuildKit then calls it `stage-<index>`). */
  name: string | null;
  /** The base as written (image reference or earlier stage name; variables not expanded). */
  baseImage: string;
  baseRange: SourceRange;
  from: FromInstruction;
  /** The instructions after FROM, in order (FROM itself excluded). */
  instructions: Instruction[];
  /** From the FROM line to the end of the stage's last instruction. */
  range: SourceRange;
}

/** Options of the `# check=` directive (BuildKit's linter config). */
export interface CheckConfig {
  /** Rule ids to skip; `all` skips every rule. */
  skip: string[];
  skipAll: boolean;
  /** `error=true`: check warnings fail the build. */
  error: boolean;
  experimental: string[];
}

export interface ParseResult {
  directives: Directive[];
  escapeToken: EscapeToken;
  checkConfig: CheckConfig;
  /** Every instruction line, in order, as the line parser saw it. */
  nodes: SyntaxNode[];
  /** The valid typed instructions in file order (meta ARGs, FROMs and stage instructions). */
  instructions: Instruction[];
  /** ARGs before the first FROM: visible only in FROM lines. */
  metaArgs: ArgInstruction[];
  stages: Stage[];
  /** Parse errors and check warnings, in line order. */
  diagnostics: Diagnostic[];
  /** True when no diagnostic has severity `error`. */
  ok: boolean;
}

/**
 * Stable codes of the parser's own diagnostics (check warnings use the rule ids of ./checks).
 * Messages are BuildKit's; the code lets tests, lessons and the editor refer to them.
 */
export type ParseErrorCode =
  | 'empty-file'
  | 'line-too-long'
  | 'unknown-instruction'
  | 'no-stage'
  | 'unterminated-heredoc'
  | 'heredoc-as-destination'
  | 'directive-repeated'
  | 'invalid-escape-token'
  | 'json-not-strings'
  | 'env-needs-two-args'
  | 'missing-equals'
  | 'blank-name'
  | 'argument-count'
  | 'from-arguments'
  | 'invalid-stage-name'
  | 'flag-unknown'
  | 'flag-duplicate'
  | 'flag-missing-value'
  | 'flag-not-boolean'
  | 'flag-invalid-value'
  | 'onbuild-chaining'
  | 'onbuild-trigger-not-allowed'
  | 'shell-not-json'
  | 'healthcheck-invalid'
  | 'volume-empty';
