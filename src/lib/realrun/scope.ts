/**
 * A stage's variables and WORKDIR as the build goes through its instructions, expanded with the
 * Dockerfile front end's own `expandWord`: what a replayed RUN sees (cwd, env) at its line.
 */
import type { ArgInstruction, EnvInstruction, EscapeToken, WorkdirInstruction } from '../dockerfile/index.ts';
import { expandWord } from '../dockerfile/index.ts';
import { normalizePath } from '../vfs/index.ts';
import { envMap } from '../build/index.ts';

/** Variables a real process must not inherit: the WebContainer has its own. */
const HOST_VARIABLES = new Set(['PATH', 'HOSTNAME', 'HOME']);

export class StageScope {
  /** The base image's ENV (for expansion only: the WebContainer has its own Node). */
  readonly baseEnv: Map<string, string>;
  /** ENV values the Dockerfile set, in this stage or a parent stage. */
  readonly env: Map<string, string>;
  /** ARG values in scope in this stage. */
  readonly args = new Map<string, string>();
  workdir: string;
  private readonly escapeToken: EscapeToken;

  constructor(baseEnv: Map<string, string>, env: Map<string, string>, workdir: string, escapeToken: EscapeToken) {
    this.baseEnv = baseEnv;
    this.env = env;
    this.workdir = workdir;
    this.escapeToken = escapeToken;
  }

  /** A child stage (`FROM <this stage>`) starts with this stage's ENV and WORKDIR, not its ARGs. */
  child(): StageScope {
    return new StageScope(new Map(this.baseEnv), new Map(this.env), this.workdir, this.escapeToken);
  }

  /** A variable as the build (and the RUN shell) sees it: ENV, then the base's ENV, then ARG. */
  lookup = (name: string): string | undefined => this.env.get(name) ?? this.baseEnv.get(name) ?? this.args.get(name);

  expand(word: string): string | null {
    const expanded = expandWord(word, this.lookup, { escapeToken: this.escapeToken });
    return expanded.ok ? expanded.value.value : null;
  }

  applyEnv(instruction: EnvInstruction): void {
    // Every pair sees the values from before the instruction, as in BuildKit.
    const values = instruction.pairs.map((p) => [this.expand(p.key) ?? p.key, this.expand(p.value) ?? p.value] as const);
    for (const [key, value] of values) this.env.set(key, value);
  }

  applyArg(instruction: ArgInstruction, buildArgs: Readonly<Record<string, string>>, metaValues: ReadonlyMap<string, string>): void {
    for (const def of instruction.args) {
      const given = Object.hasOwn(buildArgs, def.key) ? buildArgs[def.key] : undefined;
      const value = given ?? (def.value === undefined ? metaValues.get(def.key) : (this.expand(def.value) ?? def.value));
      if (value !== undefined) this.args.set(def.key, value);
    }
  }

  applyWorkdir(instruction: WorkdirInstruction): void {
    this.workdir = normalizePath(this.expand(instruction.path.value) ?? instruction.path.value, this.workdir);
  }

  /** The environment a replayed command gets: what the Dockerfile set (ENV and ARG), minus host variables. */
  processEnv(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of [...this.args, ...this.env]) if (!HOST_VARIABLES.has(key)) out[key] = value;
    return out;
  }
}

/** The container's environment: the image's ENV and `-e`, minus host variables and what the base image set. */
export function containerEnv(entries: readonly string[], baseEnv: readonly string[]): Record<string, string> {
  const fromBase = new Set(baseEnv);
  const out: Record<string, string> = {};
  for (const [key, value] of envMap(entries.filter((e) => !fromBase.has(e)))) if (!HOST_VARIABLES.has(key)) out[key] = value;
  return out;
}

/** The values of the ARGs before the first FROM (a stage gets one by declaring `ARG name`). */
export function metaArgValues(metaArgs: readonly ArgInstruction[], buildArgs: Readonly<Record<string, string>>, escapeToken: EscapeToken): Map<string, string> {
  const values = new Map<string, string>();
  for (const instruction of metaArgs) {
    for (const def of instruction.args) {
      const given = Object.hasOwn(buildArgs, def.key) ? buildArgs[def.key] : undefined;
      const expanded = def.value === undefined ? undefined : expandWord(def.value, values, { escapeToken });
      const value = given ?? (expanded?.ok ? expanded.value.value : undefined);
      if (value !== undefined) values.set(def.key, value);
    }
  }
  return values;
}
