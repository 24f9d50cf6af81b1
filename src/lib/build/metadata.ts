/**
 * Instructions that only change the image config or the build env (ENV, ARG, LABEL, USER, EXPOSE,
 * VOLUME, CMD, ENTRYPOINT, SHELL, STOPSIGNAL, HEALTHCHECK, MAINTAINER, ONBUILD). Each returns the
 * `docker history` CREATED BY text (null: no history entry) in BuildKit's spelling.
 */
import type { Result, SourceRange } from '../diagnostics.ts';
import { expandWord, goQuote, type CommandLine, type EscapeToken, type Instruction } from '../dockerfile/index.ts';
import { diagnostic } from './errors.ts';
import type { BuildDiagnostic } from './result.ts';
import { setEnvEntry, type StageState } from './state.ts';

export interface MetadataContext {
  escapeToken: EscapeToken;
  buildArgs: Readonly<Record<string, string>>;
  globals: Readonly<Record<string, string>>;
}

type Out = Result<{ createdBy: string | null }, BuildDiagnostic>;

export function expandIn(state: StageState, word: string, range: SourceRange, escapeToken: EscapeToken): Result<string, BuildDiagnostic> {
  const r = expandWord(word, state.env, { escapeToken });
  if (!r.ok) return { ok: false, error: diagnostic('expansion', r.error.message, range) };
  return { ok: true, value: r.value.value };
}

const done = (createdBy: string | null): Out => ({ ok: true, value: { createdBy } });

/** Go's `%q` of an argv inside brackets: `["node" "dist/index.js"]`. */
export const quotedArgv = (argv: readonly string[]): string => `[${argv.map(goQuote).join(' ')}]`;

export function commandArgv(state: StageState, cmd: CommandLine): string[] {
  if (cmd.form === 'exec') return [...cmd.args];
  return [...(state.config.Shell ?? ['/bin/sh', '-c']), cmd.args.join(' ')];
}

/** Applies a metadata instruction; returns null for a keyword this module does not handle. */
export function applyMetadata(state: StageState, ins: Instruction, ctx: MetadataContext): Out | null {
  const ex = (word: string, range: SourceRange) => expandIn(state, word, range, ctx.escapeToken);
  switch (ins.keyword) {
    case 'ENV': {
      const pairs: [string, string][] = [];
      for (const p of ins.pairs) {
        const k = ex(p.key, p.range);
        if (!k.ok) return k;
        const v = ex(p.value, p.range);
        if (!v.ok) return v;
        pairs.push([k.value, v.value]);
      }
      // All values were expanded with the env from before the instruction.
      for (const [k, v] of pairs) {
        state.env.set(k, v);
        setEnvEntry(state.config.Env, k, v);
      }
      return done(`ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    }
    case 'LABEL': {
      const parts: string[] = [];
      for (const p of ins.pairs) {
        const k = ex(p.key, p.range);
        if (!k.ok) return k;
        const v = ex(p.value, p.range);
        if (!v.ok) return v;
        state.config.Labels[k.value] = v.value;
        parts.push(`${k.value}=${v.value}`);
      }
      return done(`LABEL ${parts.join(' ')}`);
    }
    case 'ARG': {
      // History shows the value the ARG took: the --build-arg, else the expanded default, else the
      // global ARG's value (current BuildKit's dispatchArg; Engine 20.10 showed the default instead).
      const parts: string[] = [];
      for (const def of ins.args) {
        let value: string | undefined = ctx.buildArgs[def.key];
        if (value === undefined && def.value !== undefined) {
          const v = ex(def.value, def.range);
          if (!v.ok) return v;
          value = v.value;
        }
        value ??= Object.hasOwn(ctx.globals, def.key) ? ctx.globals[def.key] : undefined;
        parts.push(value === undefined ? def.key : `${def.key}=${value}`);
        state.args.set(def.key, value);
        if (value !== undefined) state.env.set(def.key, value);
      }
      return done(`ARG ${parts.join(' ')}`);
    }
    case 'USER': {
      const u = ex(ins.user.value, ins.user.range);
      if (!u.ok) return u;
      state.config.User = u.value;
      return done(`USER ${u.value}`);
    }
    case 'EXPOSE': {
      const raw = ins.ports.map((p) => p.value).sort();
      const ports: string[] = [];
      for (const spec of raw) {
        const r = expandWord(spec, state.env, { escapeToken: ctx.escapeToken });
        if (!r.ok) return { ok: false, error: diagnostic('expansion', r.error.message, ins.range) };
        for (const w of r.value.words) ports.push(...portSpecs(w));
      }
      for (const p of ports) if (!state.config.ExposedPorts.includes(p)) state.config.ExposedPorts.push(p);
      return done(`EXPOSE [${ports.join(' ')}]`);
    }
    case 'VOLUME': {
      const paths: string[] = [];
      for (const w of ins.paths) {
        const v = ex(w.value, w.range);
        if (!v.ok) return v;
        paths.push(v.value);
        if (!state.config.Volumes.includes(v.value)) state.config.Volumes.push(v.value);
      }
      return done(`VOLUME [${paths.join(' ')}]`);
    }
    case 'CMD': {
      state.config.Cmd = commandArgv(state, ins.command);
      state.cmdSet = true;
      return done(`CMD ${quotedArgv(state.config.Cmd)}`);
    }
    case 'ENTRYPOINT': {
      state.config.Entrypoint = commandArgv(state, ins.command);
      // An ENTRYPOINT drops the CMD inherited from the base unless this stage set one.
      if (!state.cmdSet) state.config.Cmd = null;
      return done(`ENTRYPOINT ${quotedArgv(state.config.Entrypoint)}`);
    }
    case 'SHELL':
      state.config.Shell = [...ins.shell];
      return done(`SHELL [${ins.shell.join(' ')}]`);
    case 'STOPSIGNAL': {
      const s = ex(ins.signal.value, ins.signal.range);
      if (!s.ok) return s;
      state.config.StopSignal = s.value;
      return done(`STOPSIGNAL ${s.value}`);
    }
    case 'HEALTHCHECK': {
      const h = ins.health;
      if (h.type === 'NONE') {
        state.config.Healthcheck = { Test: ['NONE'] };
        return done('HEALTHCHECK {Test:[NONE]}');
      }
      state.config.Healthcheck = { Test: [...h.test] };
      const fields: [keyof typeof durations, number][] = [];
      const durations = { Interval: h.intervalMs, Timeout: h.timeoutMs, StartPeriod: h.startPeriodMs, StartInterval: h.startIntervalMs };
      for (const [k, v] of Object.entries(durations) as [keyof typeof durations, number][]) {
        if (v > 0) state.config.Healthcheck[k] = v * 1e6;
        fields.push([k, v]);
      }
      if (h.retries > 0) state.config.Healthcheck.Retries = h.retries;
      const shown = fields.map(([k, v]) => `${k}:${goDuration(v)}`).join(' ');
      return done(`HEALTHCHECK {Test:[${h.test.join(' ')}] ${shown} Retries:${h.retries}}`);
    }
    case 'WORKDIR': {
      state.config.WorkingDir = '/';
      return done('WORKDIR /');
    }
    case 'MAINTAINER':
      return done(`MAINTAINER ${ins.maintainer}`);
    case 'ONBUILD':
      state.config.OnBuild.push(ins.expression);
      return done(null);
    default:
      return null;
  }
}

/** `80` → `80/tcp`; `8000-8001/udp` → each port of the range. */
function portSpecs(word: string): string[] {
  const [ports = '', proto = 'tcp'] = word.split('/', 2);
  const range = /^([0-9]+)-([0-9]+)$/.exec(ports);
  if (range === null) return [`${ports}/${proto.toLowerCase()}`];
  const out: string[] = [];
  for (let p = Number(range[1]); p <= Number(range[2]); p++) out.push(`${p}/${proto.toLowerCase()}`);
  return out;
}

/** Go's time.Duration String for whole milliseconds: 0s, 500ms, 30s, 1m30s. */
function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}
