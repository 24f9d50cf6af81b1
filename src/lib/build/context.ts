/**
 * The build context: what COPY and ADD may read. Given as a map of relative paths (the browser) or
 * read from a folder by the CLI into the same map; filtered by `.dockerignore` (or
 * `<Dockerfile>.dockerignore` beside the Dockerfile, which wins); turned into a vfs tree whose
 * entries are all owned by 0:0, as BuildKit resets the owners of synced files.
 */
import { utf8Length, type DirNode, type FsNode } from '../vfs/index.ts';
import { compilePatterns, isIgnored, readIgnoreFile, type PatternError } from './dockerignore.ts';
import { cleanPath } from './paths.ts';

/** One context entry; a key ending in `/` is an (empty) directory. */
export interface ContextFileInput {
  content?: string;
  /** Declared size for files given without content (binaries, big assets). */
  size?: number;
  /** Permission bits; default 0644 for files, 0755 for directories. */
  mode?: number;
  /** Makes the entry a symlink to this target. */
  symlink?: string;
  /** For a `.tar`/`.tar.gz`: the files inside it (ADD extracts them). */
  archive?: Readonly<Record<string, ContextFileInput>>;
}

export type ContextInput = Readonly<Record<string, ContextFileInput>>;

export interface BuildContext {
  root: DirNode;
  /** Paths left out by the ignore file, for the UI and the CopyIgnoredFile hint. */
  ignored: string[];
  /** Whether the ignore file excludes a context path (for the CopyIgnoredFile warning). */
  excludes(path: string): boolean;
  /** The contents of local tar archives, by context path. */
  archives: Map<string, DirNode>;
  /** Which ignore file applied, if any. */
  ignoreFile: string | null;
  files: number;
  bytes: number;
}

interface MutableDir {
  mode: number;
  children: Map<string, MutableDir | FsNode>;
}

export function loadContext(
  input: ContextInput,
  dockerfilePath: string,
): { ok: true; value: BuildContext } | { ok: false; error: PatternError & { file: string } } {
  const ignoreFile = pickIgnoreFile(input, dockerfilePath);
  let matcher = compilePatterns([]);
  if (ignoreFile !== null) {
    matcher = compilePatterns(readIgnoreFile(input[ignoreFile]?.content ?? ''));
    if (!matcher.ok) return { ok: false, error: { ...matcher.error, file: ignoreFile } };
  }
  const patterns = matcher.ok ? matcher.value : [];
  const ignored: string[] = [];
  const archives = new Map<string, DirNode>();
  const tree = treeOf(input, (path, entry) => {
    if (patterns.length > 0 && isIgnored(patterns, path)) {
      ignored.push(path);
      return false;
    }
    if (entry.archive !== undefined) archives.set(path, treeOf(entry.archive, () => true).root);
    return true;
  });
  const excludes = (path: string): boolean => patterns.length > 0 && isIgnored(patterns, path);
  return { ok: true, value: { root: tree.root, archives, ignored, excludes, ignoreFile, files: tree.files, bytes: tree.bytes } };
}

function treeOf(
  input: Readonly<Record<string, ContextFileInput>>,
  keep: (path: string, entry: ContextFileInput) => boolean,
): { root: DirNode; files: number; bytes: number } {
  const root: MutableDir = { mode: 0o755, children: new Map() };
  let files = 0;
  let bytes = 0;
  for (const key of Object.keys(input).sort()) {
    const entry = input[key] as ContextFileInput;
    const isDir = key.endsWith('/');
    const path = cleanPath(key).replace(/^\/+/, '');
    if (path === '.' || path.startsWith('..') || !keep(path, entry)) continue;
    const names = path.split('/');
    const leaf = names.pop() as string;
    const dir = mkdirs(root, names);
    if (isDir) {
      const d = mkdirs(dir, [leaf]);
      if (entry.mode !== undefined) d.mode = entry.mode;
      continue;
    }
    const node = fileNode(entry);
    if (node.kind === 'file') {
      files++;
      bytes += node.size;
    }
    dir.children.set(leaf, node);
  }
  return { root: freeze(root), files, bytes };
}

function pickIgnoreFile(input: ContextInput, dockerfilePath: string): string | null {
  const specific = `${cleanPath(dockerfilePath).replace(/^\/+/, '')}.dockerignore`;
  if (input[specific] !== undefined) return specific;
  return input['.dockerignore'] !== undefined ? '.dockerignore' : null;
}

function mkdirs(root: MutableDir, names: readonly string[]): MutableDir {
  let dir = root;
  for (const name of names) {
    let next = dir.children.get(name);
    if (next === undefined || !isMutableDir(next)) {
      next = { mode: 0o755, children: new Map() };
      dir.children.set(name, next);
    }
    dir = next;
  }
  return dir;
}

function isMutableDir(n: MutableDir | FsNode): n is MutableDir {
  return !('kind' in n);
}

function fileNode(entry: ContextFileInput): FsNode {
  if (entry.symlink !== undefined) return { kind: 'symlink', target: entry.symlink, uid: 0, gid: 0, mode: 0o777 };
  const mode = entry.mode ?? 0o644;
  if (entry.content !== undefined) {
    return { kind: 'file', uid: 0, gid: 0, mode, size: utf8Length(entry.content), content: entry.content };
  }
  return { kind: 'file', uid: 0, gid: 0, mode, size: entry.size ?? 0 };
}

function freeze(dir: MutableDir): DirNode {
  const children = new Map<string, FsNode>();
  for (const [name, child] of dir.children) children.set(name, isMutableDir(child) ? freeze(child) : child);
  return { kind: 'dir', uid: 0, gid: 0, mode: dir.mode, children };
}
