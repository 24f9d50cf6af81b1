/**
 * COPY and ADD (BUILDKIT-SEMANTICS section 5): source selection with Go filepath.Match wildcards,
 * directory sources copy their contents, destination trailing-slash rules, owners (0:0 from the
 * context, kept from a stage, `--chown`), `--chmod`, `--exclude`, `--parents`, heredoc sources,
 * ADD of a local tar (extracted) or a URL (a labelled simulated download). Selection is separate
 * from application so the cache key (content of exactly what is copied) is known before any work.
 */
import type { Result } from '../diagnostics.ts';
import { expandWord, type AddInstruction, type CopyInstruction, type EscapeToken } from '../dockerfile/index.ts';
import { lstat, ROOT_CRED, stat, walk, type DirNode, type FsNode } from '../vfs/index.ts';
import { compilePatterns, isIgnored } from './dockerignore.ts';
import { diagnostic, messages } from './errors.ts';
import { hashNode, hashText } from './hash.ts';
import { absPath, baseName, cleanPath, hasWildcard, parentDir } from './paths.ts';
import type { BuildDiagnostic, SimulatedEffectView } from './result.ts';
import type { StageState } from './state.ts';
import { ensureDir, mergeInto, putNode, recast, type Recast } from './tree-edit.ts';
import { resolveChown } from './users.ts';

const ROOT = { cred: ROOT_CRED };

export interface CopySource {
  /** The tree sources are read from: the context, a stage's filesystem, or an image's rootfs. */
  tree: DirNode;
  fromContext: boolean;
  /** For the context: whether .dockerignore excludes a path. */
  excludes: (path: string) => boolean;
  /** Local tar archives of the context, by context path (ADD extracts them). */
  archives: ReadonlyMap<string, DirNode>;
}

interface Item {
  /** Where the item lands, relative to the destination (for --parents), or '' for the plain rules. */
  parentsRel: string;
  node: FsNode;
  name: string;
  /** Extract this directory's contents (a tar) even though the source was a file. */
  extract: boolean;
}

export interface CopyPlan {
  items: Item[];
  dest: string;
  destIsDir: boolean;
  recast: Recast;
  /** Owner and mode of directories the copy creates. */
  dirOwner: { uid: number; gid: number };
  dirMode: number;
  /** Warnings found while selecting sources (CopyIgnoredFile). */
  warnings: BuildDiagnostic[];
  /** Content hash of everything selected, for the cache key. */
  contentHash: string;
  /** The instruction as history shows it: `COPY [--chown=x] [--chmod=y] <srcs> <dest>`. */
  createdBy: string;
  effects: SimulatedEffectView[];
}

type Ins = CopyInstruction | AddInstruction;

export function planCopy(
  state: StageState,
  ins: Ins,
  source: CopySource,
  escapeToken: EscapeToken,
  memo: WeakMap<FsNode, string>,
): Result<CopyPlan, BuildDiagnostic> & { warnings?: BuildDiagnostic[] } {
  const err = (code: string, message: string) => ({ ok: false as const, error: diagnostic(code, message, ins.range) });
  const ex = (w: string): Result<string, BuildDiagnostic> => {
    const r = expandWord(w, state.env, { escapeToken });
    return r.ok ? { ok: true, value: r.value.value } : err('expansion', r.error.message);
  };
  const srcs: string[] = [];
  for (const w of ins.sources) {
    const v = ex(w.value);
    if (!v.ok) return v;
    srcs.push(v.value);
  }
  const destRaw = ex(ins.dest.value);
  if (!destRaw.ok) return destRaw;
  const workdir = state.config.WorkingDir || '/';
  const rel = destRaw.value === '' || destRaw.value === '.' ? './' : destRaw.value;
  const dest = absPath(workdir, rel);
  const destIsDir = rel.endsWith('/') || rel.endsWith('/.') || dest === '/';

  let chownSpec: string | null = null;
  if (ins.chown !== undefined) {
    const v = ex(ins.chown.value);
    if (!v.ok) return v;
    chownSpec = v.value;
  }
  let mode: number | undefined;
  let chmodSpec: string | null = null;
  if (ins.chmod !== undefined) {
    const v = ex(ins.chmod.value);
    if (!v.ok) return v;
    chmodSpec = v.value;
    if (!/^[0-7]{1,5}$/.test(v.value) || parseInt(v.value, 8) > 0o7777) return err('invalid-chmod', messages.invalidChmod(v.value));
    mode = parseInt(v.value, 8);
  }
  const owner = chownSpec === null ? undefined : resolveChown(state.fs, chownSpec);
  const excludes = compilePatterns(ins.exclude.map((w) => w.value));
  if (!excludes.ok) return err('invalid-exclude', excludes.error.message);
  const how: Recast = {};
  if (owner !== undefined) how.owner = owner;
  if (mode !== undefined) how.mode = mode;
  if (excludes.value.length > 0) how.exclude = (p) => isIgnored(excludes.value, p);

  const items: Item[] = [];
  const effects: SimulatedEffectView[] = [];
  const hashes: string[] = [];
  const warnings: BuildDiagnostic[] = [];
  const parents = ins.keyword === 'COPY' && ins.parents;
  for (const src of srcs) {
    if (/^https?:\/\//.test(src)) {
      if (ins.keyword === 'COPY') return err('copy-url', messages.copyUrl);
      const name = baseName(new URL(src).pathname) || 'index.html';
      const by = `ADD ${src}`;
      items.push({ parentsRel: '', name, extract: false, node: { kind: 'file', uid: 0, gid: 0, mode: 0o600, size: 0, origin: { simulated: true, by } } });
      effects.push({ label: 'simulated download', by: 'ADD', detail: `downloaded ${src} (no network: an empty placeholder file named ${name})`, paths: [], bytes: 0 });
      hashes.push(hashText(src));
      continue;
    }
    if (/^git@|\.git(#|$)/.test(src)) {
      if (ins.keyword === 'COPY') return err('copy-git', messages.copyGit);
      return err('add-git', `ADD of a git repository is not simulated: ${src}`);
    }
    const pattern = cleanPath('/' + src);
    const matches = hasWildcard(pattern) ? matchWildcard(source.tree, pattern) : exact(source.tree, pattern);
    if (source.fromContext && !hasWildcard(pattern) && source.excludes(pattern.slice(1))) {
      const hint = '.dockerignore leaves this path out of the build context, so COPY cannot see it. Remove the pattern or copy something else.';
      const warning = diagnostic('CopyIgnoredFile', messages.copyIgnored(ins.keyword, src), ins.range, hint, 'warning');
      warnings.push({ ...warning, url: 'https://docs.docker.com/reference/build-checks/copy-ignored-file/' });
    }
    if (matches === null) return { ok: false, error: diagnostic('source-not-found', messages.notFound(pattern), ins.range), warnings };
    for (const m of matches) {
      const archive = ins.keyword === 'ADD' && source.fromContext && ins.unpack !== false ? source.archives.get(m.path.slice(1)) : undefined;
      const node = archive ?? m.node;
      hashes.push(`${m.path}:${hashNode(node, memo)}`);
      const pivot = m.path.indexOf('/./');
      const parentsRel = parents ? (pivot >= 0 ? m.path.slice(pivot + 3) : m.path.slice(1)) : '';
      items.push({ parentsRel, node, name: baseName(m.path), extract: archive !== undefined });
    }
  }
  for (const h of ins.heredocSources) {
    let content = h.content;
    if (h.expand) {
      const r = expandWord(content, state.env, { escapeToken, skipProcessQuotes: true });
      if (!r.ok) return err('expansion', r.error.message);
      content = r.value.value;
    }
    const size = new TextEncoder().encode(content).length;
    items.push({ parentsRel: '', name: h.name, extract: false, node: { kind: 'file', uid: 0, gid: 0, mode: 0o644, size, content } });
    hashes.push(hashText(content));
  }
  const flags = [
    ...(parents ? ['--parents'] : []),
    ...(chownSpec === null ? [] : [`--chown=${chownSpec}`]),
    ...(chmodSpec === null ? [] : [`--chmod=${chmodSpec}`]),
  ];
  const shownSrcs = [...srcs, ...ins.heredocSources.map((h) => `<<${h.name}`)];
  return {
    ok: true,
    value: {
      items,
      dest,
      destIsDir: destIsDir || items.length > 1 && ins.heredocSources.length > 1,
      recast: how,
      dirOwner: owner ?? { uid: 0, gid: 0 },
      dirMode: mode ?? 0o755,
      warnings,
      contentHash: hashText(hashes.join('\n')),
      createdBy: `${ins.keyword} ${[...flags, ...shownSrcs, destRaw.value].join(' ')} # buildkit`,
      effects,
    },
  };
}

/**
 * Applies a planned copy onto `fs`. Also returns every path it wrote: a COPY layer holds all of
 * them, even files identical to what was there (the copy rewrites them).
 */
export function applyCopy(fs: DirNode, plan: CopyPlan): Result<{ fs: DirNode; written: string[] }, string> {
  let out = fs;
  const written: string[] = [];
  for (const item of plan.items) {
    const target = item.parentsRel === '' ? plan.dest : absPath(plan.dest, item.parentsRel);
    if (item.node.kind === 'dir') {
      // A directory (or an extracted tar) copies its contents, not itself; a created destination
      // takes the source folder's mode (--chmod applies to what is copied into it).
      const made = ensureDir(out, target, plan.dirOwner, item.node.mode);
      if (!made.ok) return { ok: false, error: `${made.error.path}: ${made.error.message}` };
      out = mergeInto(made.value.fs, made.value.real, item.node, plan.recast);
      const at = made.value.real === '/' ? '' : made.value.real;
      for (const e of walk(item.node)) if (!plan.recast.exclude?.(e.path.slice(1))) written.push(at + e.path);
      continue;
    }
    // A file lands inside the destination when it names a directory (trailing slash or existing dir).
    const existing = stat(out, ROOT, target);
    const intoDir = item.parentsRel === '' && (plan.destIsDir || (existing.ok && existing.value.kind === 'dir'));
    const filePath = intoDir ? `${target === '/' ? '' : target}/${item.name}` : target;
    const made = ensureDir(out, parentDir(filePath), plan.dirOwner, plan.dirMode);
    if (!made.ok) return { ok: false, error: `${made.error.path}: ${made.error.message}` };
    out = putNode(made.value.fs, made.value.real, baseName(filePath), recast(item.node, plan.recast));
    written.push(`${made.value.real === '/' ? '' : made.value.real}/${baseName(filePath)}`);
  }
  return { ok: true, value: { fs: out, written } };
}

interface Match {
  path: string;
  node: FsNode;
}

/** A plain source path: following a final symlink, as BuildKit follows given sources. */
function exact(tree: DirNode, path: string): Match[] | null {
  const n = stat(tree, ROOT, path);
  return n.ok ? [{ path, node: n.value }] : null;
}

/** Go filepath.Match per segment; no match is not an error (AllowEmptyWildcard). */
function matchWildcard(tree: DirNode, pattern: string): Match[] {
  const segments = pattern.split('/').filter((s) => s !== '');
  let current: Match[] = [{ path: '', node: tree }];
  for (const seg of segments) {
    const next: Match[] = [];
    const re = hasWildcard(seg) ? segmentRegex(seg) : null;
    for (const m of current) {
      if (m.node.kind !== 'dir') continue;
      const names = re === null ? [seg] : [...m.node.children.keys()].filter((n) => re.test(n)).sort();
      for (const name of names) {
        const path = `${m.path}/${name}`;
        const l = lstat(tree, ROOT, path);
        if (!l.ok) continue;
        const n = l.value.kind === 'symlink' ? stat(tree, ROOT, path) : l;
        if (n.ok) next.push({ path, node: n.value });
      }
    }
    current = next;
  }
  return current;
}

function segmentRegex(seg: string): RegExp {
  let re = '^';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i] as string;
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += '[' + seg.slice(i + 1, end).replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else if (ch === '\\' && i + 1 < seg.length) re += '\\' + seg[++i];
    else re += /[.+()|{}$^\]]/.test(ch) ? '\\' + ch : ch;
  }
  return new RegExp(re + '$', 's');
}
