/**
 * RUN: the command goes through the stage's SHELL (or runs as an exec-form argv) as the current
 * USER in the current WORKDIR, with ENV plus the ARGs in scope. Mounts: `type=cache` is grafted in
 * from the cache store and taken out again afterwards (kept out of the layer, persisted across
 * builds); `type=bind` shows another stage's files only during the command; a secret is a file (or
 * an env variable) holding the build's secret of that id; tmpfs is an empty folder. Whatever a
 * mount showed is gone afterwards, and so are the mount points BuildKit had to create for it.
 */
import type { Result } from '../diagnostics.ts';
import { expandWord, type RunInstruction, type RunMount } from '../dockerfile/index.ts';
import { lstat, remove, resolvePath, ROOT_CRED, utf8Length, type DirNode, type FsNode } from '../vfs/index.ts';
import { diagnostic, messages } from './errors.ts';
import { hashNode } from './hash.ts';
import type { ApplyResult, ExecContext, Prepared } from './execute.ts';
import { baseName, absPath, parentDir } from './paths.ts';
import type { BuildDiagnostic } from './result.ts';
import type { StageState } from './state.ts';
import { ensureDir, putNode } from './tree-edit.ts';
import { credOf, resolveUser } from './users.ts';

const ROOT = { cred: ROOT_CRED };
const PROXY_ARGS = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((a) => [a, a.toLowerCase()]));

interface MountPlan {
  type: string;
  /** Where the mount shows during the command; null when it shows no file (a secret as env only, or one left out). */
  target: string | null;
  /** What is shown at the target during the command. */
  node: (fs: DirNode) => FsNode;
  /** Cache mounts: where their content is kept afterwards. */
  cacheId: string | null;
  /** Content hash of what a bind mount shows: part of the step's cache key, as in BuildKit. */
  contentHash: string;
  /** Variables the mount sets for the command (`type=secret,env=NAME`). */
  env: Readonly<Record<string, string>>;
  /**
   * Why the mount cannot be given (a required secret or ssh agent the build lacks). BuildKit finds
   * out only when the command runs, so a cached step does not fail.
   */
  unavailable: { code: string; message: string } | null;
}

export function executeRun(state: StageState, ins: RunInstruction, ctx: ExecContext): Result<Prepared, BuildDiagnostic> {
  const script = shebangHeredoc(ins);
  const argv = script === null ? runArgv(state, ins) : [script.target];
  const env: Record<string, string> = Object.fromEntries(state.env);
  for (const [k, v] of Object.entries(ctx.buildArgs)) if (PROXY_ARGS.has(k) && !(k in env)) env[k] = v;
  const keyEnv = [...state.env].map(([k, v]) => `${k}=${v}`).sort().join('\n');
  const workdir = state.config.WorkingDir || '/';
  const mounts: MountPlan[] = [];
  if (script !== null) mounts.push(script);
  for (const m of ins.mounts) {
    const plan = planMount(state, m, workdir, ctx);
    if (!plan.ok) return plan;
    mounts.push(plan.value);
  }
  // `|N k=v`: every declared ARG, with the value RUN sees (an ENV of the same name wins; unset is empty).
  const declared = [...state.args.keys()].map((k) => `${k}=${state.env.get(k) ?? ''}`);
  const createdBy = `RUN ${declared.length > 0 ? `|${declared.length} ${declared.join(' ')} ` : ''}${argv.join(' ')} # buildkit`;
  const user = state.config.User;
  const identity = {
    instruction: `RUN ${JSON.stringify(argv)} ${ins.mounts.map((m) => m.raw).join(' ')} ${ins.network}`,
    files: mounts.map((m) => m.contentHash).join(','),
    env: `${keyEnv}\n${workdir}\n${user}`,
  };
  const apply = (): ApplyResult => {
    const who = resolveUser(state.fs, user === '' ? 'root' : user);
    if (!who.ok) {
      const message = who.missing === 'user' ? messages.unknownUser(who.name) : messages.unknownGroup(who.name);
      return { ok: false, error: diagnostic('unknown-user', message, ins.range) };
    }
    const missing = mounts.find((m) => m.unavailable !== null)?.unavailable ?? null;
    if (missing !== null) return { ok: false, error: diagnostic(missing.code, missing.message, ins.range) };
    let fs = state.fs;
    const before = new Map<string, FsNode | undefined>();
    const stubs: string[] = [];
    let runEnv = env;
    for (const m of mounts) {
      runEnv = { ...runEnv, ...m.env };
      if (m.target === null) continue;
      stubs.push(...missingAncestors(fs, m.target));
      const grafted = graft(fs, m.target, m.node(fs));
      if (!grafted.ok) return { ok: false, error: diagnostic('mount-failed', grafted.error, ins.range) };
      before.set(m.target, lookup(state.fs, m.target));
      fs = grafted.value;
    }
    const out = ctx.deps.run({ argv, fs, cred: credOf(who.value), user: user === '' ? 'root' : user, cwd: workdir, env: runEnv });
    let after = out.fs;
    for (const m of mounts) {
      if (m.target === null) continue;
      if (m.cacheId !== null) {
        const kept = lookup(after, m.target);
        if (kept?.kind === 'dir') ctx.cache.mounts.set(m.cacheId, kept);
      }
      const restored = restore(after, m.target, before.get(m.target));
      if (restored !== null) after = restored;
    }
    // Folders made only to hold a mount point go again when they stayed empty (BuildKit removes mount stubs).
    for (const dir of stubs.sort((a, b) => b.length - a.length)) {
      const gone = remove(after, ROOT, dir);
      if (gone.ok) after = gone.value;
    }
    const output = { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
    if (out.exitCode !== 0) {
      return { ok: false, error: diagnostic('run-failed', messages.runFailed(argv, out.exitCode), ins.range), output };
    }
    const effects = out.effects.map((e) => ({
      label: 'simulated',
      by: e.by,
      detail: e.summary,
      paths: [...(e.paths ?? [])],
      bytes: e.bytes ?? null,
    }));
    return { ok: true, value: { fs: after, stdout: out.stdout, stderr: out.stderr, effects } };
  };
  return { ok: true, value: { identity, createdBy, emptyLayer: false, apply } };
}

/**
 * `RUN <<EOF` whose body starts with `#!`: BuildKit writes the body to /dev/pipes/<name> (mode 0755)
 * for the duration of the command and runs that file, so the `#!` line picks the interpreter.
 */
function shebangHeredoc(ins: RunInstruction): (MountPlan & { target: string }) | null {
  const only = ins.heredocs[0];
  if (ins.command.form !== 'shell' || ins.heredocs.length !== 1 || only === undefined) return null;
  if (!HEREDOC_ALONE.test(ins.command.args.join(' '))) return null;
  const content = only.chomp ? only.content.replace(/^\t+/gm, '') : only.content;
  if (!content.startsWith('#!')) return null;
  const file: FsNode = { kind: 'file', uid: 0, gid: 0, mode: 0o755, size: utf8Length(content), content };
  return { ...SHOWS_ONLY, type: 'pipe', target: `/dev/pipes/${only.name}`, node: () => file };
}

/** The plain parts of a mount that only shows something during the command. */
const SHOWS_ONLY = { cacheId: null, contentHash: '', env: {}, unavailable: null } as const;

const HEREDOC_ALONE = /^\s*[0-9]*<<-?\s*["']?[^\s"']+["']?\s*$/;

/** The argv BuildKit runs: exec form as is; shell form (or a heredoc body) after the SHELL. */
function runArgv(state: StageState, ins: RunInstruction): string[] {
  if (ins.command.form === 'exec') return [...ins.command.args];
  const shell = state.config.Shell ?? ['/bin/sh', '-c'];
  let script = ins.command.args.join(' ');
  const only = ins.heredocs[0];
  if (ins.heredocs.length === 1 && only !== undefined && HEREDOC_ALONE.test(script)) {
    script = only.chomp ? only.content.replace(/^\t+/gm, '') : only.content;
  } else if (ins.heredocs.length > 0) {
    script = [script, ...ins.heredocs.map((h) => `${h.content}${h.name}`)].join('\n');
  }
  return [...shell, script];
}

function planMount(state: StageState, m: RunMount, workdir: string, ctx: ExecContext): Result<MountPlan, BuildDiagnostic> {
  const field = (k: string): string | undefined => {
    const v = m.fields[k];
    if (v === undefined) return undefined;
    const r = expandWord(v, state.env, { escapeToken: ctx.escapeToken });
    return r.ok ? r.value.value : v;
  };
  const type = field('type') ?? 'bind';
  if (type === 'secret') return planSecret(field, workdir, m, ctx);
  if (type === 'ssh') return { ok: true, value: planSsh(field) };
  const target = absPath(workdir, field('target') ?? field('dst') ?? field('destination') ?? '');
  const emptyDir = (): FsNode => ({ kind: 'dir', uid: Number(field('uid') ?? 0), gid: Number(field('gid') ?? 0), mode: parseInt(field('mode') ?? '755', 8), children: new Map() });
  if (type === 'cache') {
    const id = field('id') ?? target;
    return { ok: true, value: { ...SHOWS_ONLY, type, target, cacheId: id, node: () => ctx.cache.mounts.get(id) ?? emptyDir() } };
  }
  if (type === 'bind') {
    const from = field('from');
    const source = field('source') ?? field('src') ?? '/';
    let tree: DirNode = ctx.context.root;
    if (from !== undefined && from !== '') {
      const index = ctx.stageIndex.get(from.toLowerCase()) ?? (/^[0-9]+$/.test(from) ? Number(from) : undefined);
      const stage = index === undefined ? undefined : ctx.states.get(index);
      if (stage !== undefined) tree = stage.fs;
      else {
        const image = ctx.deps.loadImage(from);
        if (!image.ok) return { ok: false, error: diagnostic('image-not-found', image.error.message, m.range) };
        tree = image.value.rootfs;
      }
    }
    const node = lookup(tree, absPath('/', source));
    if (node === undefined) return { ok: false, error: diagnostic('source-not-found', messages.notFound(absPath('/', source)), m.range) };
    return { ok: true, value: { ...SHOWS_ONLY, type, target, contentHash: hashNode(node, ctx.memo), node: () => node } };
  }
  return { ok: true, value: { ...SHOWS_ONLY, type, target, node: emptyDir } };
}

type Field = (key: string) => string | undefined;

/** The node of a mount without a target: never asked for, as nothing is grafted. */
const shownNowhere = (): FsNode => {
  throw new Error('build bug: a mount without a target shows no node');
};

/** Go's strconv.ParseBool for a mount's bool option; a bare key (`required`) is true. */
const isTrue = (v: string | undefined): boolean => v !== undefined && /^(|1|t|true)$/i.test(v);

/**
 * `type=secret`: the secret `id` (or `source`, else target's file name) as a file at `target`
 * (default /run/secrets/<id>, none when only `env=` is given) and/or the variable `env`. The
 * content is not part of the cache key (BuildKit hashes only the mount's options). A secret the
 * build was not given is left out, or fails the command with `required=true`.
 */
function planSecret(field: Field, workdir: string, m: RunMount, ctx: ExecContext): Result<MountPlan, BuildDiagnostic> {
  const rawTarget = field('target') ?? field('dst') ?? field('destination');
  const id = field('source') || field('src') || field('id') || (rawTarget ? baseName(absPath(workdir, rawTarget)) : '');
  if (id === '') return { ok: false, error: diagnostic('secret-mount-id', messages.secretMountId, m.range) };
  const envName = field('env');
  const target = rawTarget ? absPath(workdir, rawTarget) : envName === undefined ? `/run/secrets/${baseName(id)}` : null;
  const content = ctx.secrets[id];
  if (content === undefined) {
    const unavailable = isTrue(field('required')) ? { code: 'secret-not-found', message: messages.secretNotFound(id) } : null;
    return { ok: true, value: { ...SHOWS_ONLY, type: 'secret', target: null, node: shownNowhere, unavailable } };
  }
  const file: FsNode = {
    kind: 'file',
    uid: Number(field('uid') ?? 0),
    gid: Number(field('gid') ?? 0),
    mode: parseInt(field('mode') ?? '400', 8),
    size: utf8Length(content),
    content,
  };
  const env = envName === undefined ? {} : { [envName]: content };
  return { ok: true, value: { ...SHOWS_ONLY, type: 'secret', target, node: () => file, env } };
}

/** `type=ssh`: Stagecraft forwards no SSH agent, so the socket is left out, or fails with `required=true`. */
function planSsh(field: Field): MountPlan {
  const id = field('id') || 'default';
  const unavailable = isTrue(field('required')) ? { code: 'ssh-not-forwarded', message: messages.sshNotForwarded(id) } : null;
  return { ...SHOWS_ONLY, type: 'ssh', target: null, node: shownNowhere, unavailable };
}

function lookup(fs: DirNode, path: string): FsNode | undefined {
  const n = lstat(fs, ROOT, path);
  return n.ok ? n.value : undefined;
}

function graft(fs: DirNode, target: string, node: FsNode): Result<DirNode, string> {
  if (target === '/') return node.kind === 'dir' ? { ok: true, value: node } : { ok: false, error: 'cannot mount a file over /' };
  const parent = ensureDir(fs, parentDir(target), { uid: 0, gid: 0 }, 0o755);
  if (!parent.ok) return { ok: false, error: `${parent.error.path}: ${parent.error.message}` };
  return { ok: true, value: putNode(parent.value.fs, parent.value.real, baseName(target), node) };
}

/** Puts back what was at a mount target before the command, or removes the mount point it made. */
function restore(fs: DirNode, target: string, before: FsNode | undefined): DirNode | null {
  if (target === '/') return null;
  if (before === undefined) {
    const gone = remove(fs, ROOT, target, { recursive: true });
    return gone.ok ? gone.value : null;
  }
  const parent = resolvePath(fs, ROOT, parentDir(target));
  if (!parent.ok) return null;
  return putNode(fs, parent.value, baseName(target), before);
}

/** The folders above `target` that do not exist yet (grafting a mount creates them). */
function missingAncestors(fs: DirNode, target: string): string[] {
  const out: string[] = [];
  for (let dir = parentDir(target); dir !== '/' && lookup(fs, dir) === undefined; dir = parentDir(dir)) out.push(dir);
  return out;
}
