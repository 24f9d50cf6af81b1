/** Operations that create or overwrite entries: files, directories, symlinks, summaries. */
import { sameOwnData, sameSummary } from './equality.ts';
import { fail } from './errors.ts';
import { splitPath, utf8Length } from './path.ts';
import { mayAccess, S_ISGID, W_OK, X_OK } from './permissions.ts';
import { locate } from './resolve.ts';
import { updateAt } from './tree.ts';
import type { Access, Cred, DirNode, DirSummary, FileNode, FsNode, FsResult, Origin } from './types.ts';

/** An owner to give new entries instead of the caller's; only root may. */
export interface Owner {
  uid: number;
  gid: number;
}

export interface WriteFileData {
  /** Text content; the size is its UTF-8 length. */
  content?: string;
  /** Declared size for a file without content (a binary, a download). Ignored when content is given. */
  size?: number;
  /** Add to the end instead of replacing (`>>`). */
  append?: boolean;
  /** Mode of a newly created file (default 0644); an existing file keeps its mode, as open(2) does. */
  mode?: number;
  /** Owner of the file (root only); default: the caller, with the directory's group if it is setgid. */
  owner?: Owner;
  /** Mark the bytes as a simulated program's output. */
  origin?: Origin;
}

/** Whether the caller may create or remove names in `dir` (write and search on it). */
const mayChangeEntries = (cred: Cred, dir: DirNode): boolean => mayAccess(cred, dir, W_OK | X_OK);

/** The owner of a new entry in `parent`: given (root only) or the caller's (a setgid dir passes its group). */
function ownerFor(access: Access, parent: DirNode, owner: Owner | undefined, path: string): FsResult<Owner> {
  if (owner !== undefined) {
    if (access.cred.uid !== 0 && (owner.uid !== access.cred.uid || owner.gid !== access.cred.gid)) return fail('EPERM', path);
    return { ok: true, value: owner };
  }
  const gid = (parent.mode & S_ISGID) !== 0 ? parent.gid : access.cred.gid;
  return { ok: true, value: { uid: access.cred.uid, gid } };
}

/** Creates or overwrites the file at `path`, following a final symlink (as open(O_CREAT) does). */
export function writeFile(tree: DirNode, access: Access, path: string, data: WriteFileData): FsResult<DirNode> {
  const found = locate(tree, access, path, { follow: true, allowMissing: true, creating: true });
  if (!found.ok) return found;
  const { node, parent, names, namesDir } = found.value;
  if (namesDir) return fail('EISDIR', path);
  const written = fileAfterWrite(access, parent, node, data, path);
  if (!written.ok) return written;
  if (written.value === node) return { ok: true, value: tree };
  return { ok: true, value: updateAt(tree, names, () => written.value) };
}

/**
 * The file a write leaves in `parent` where `node` was (undefined: a new file), after the permission
 * checks; `node` itself when the write changes nothing. Shared by writeFile and writeFiles.
 */
export function fileAfterWrite(
  access: Access,
  parent: DirNode | undefined,
  node: FsNode | undefined,
  data: WriteFileData,
  path: string,
): FsResult<FileNode> {
  if (node?.kind === 'dir') return fail('EISDIR', path);
  let file: FileNode;
  if (node === undefined) {
    if (parent === undefined || !mayChangeEntries(access.cred, parent)) return fail('EACCES', path);
    const owner = ownerFor(access, parent, data.owner, path);
    if (!owner.ok) return owner;
    file = { kind: 'file', ...owner.value, mode: (data.mode ?? 0o644) & 0o7777, size: 0, content: '' };
  } else {
    // Callers resolve final symlinks before asking, so a link here is a bug of theirs, not user input.
    if (node.kind !== 'file') return fail('EINVAL', path);
    if (!mayAccess(access.cred, node, W_OK)) return fail('EACCES', path);
    file = node;
    if (data.owner !== undefined) {
      if (access.cred.uid !== 0) return fail('EPERM', path);
      file = { ...file, ...data.owner };
    }
  }
  const written = withData(file, data);
  return { ok: true, value: node !== undefined && sameOwnData(node, written) ? node : written };
}

function withData(file: FileNode, data: WriteFileData): FileNode {
  const { content: _oldContent, origin: _oldOrigin, ...meta } = file;
  const base = data.origin === undefined ? meta : { ...meta, origin: data.origin };
  if (data.content !== undefined) {
    const bytes = utf8Length(data.content);
    if (!data.append) return { ...base, size: bytes, content: data.content };
    if (file.content !== undefined) return { ...base, size: file.size + bytes, content: file.content + data.content };
    return { ...base, size: file.size + bytes };
  }
  if (data.size !== undefined) return { ...base, size: data.append ? file.size + data.size : data.size };
  if (data.append) return data.origin === undefined ? file : { ...file, origin: data.origin };
  return { ...base, size: 0, content: '' };
}

export interface MkdirOptions {
  /** Create missing parents and accept an existing directory (`mkdir -p`). */
  parents?: boolean;
  /** Mode of every directory created, parents included (as BuildKit's MkdirAll; default 0755). */
  mode?: number;
  /** Owner of created directories (root only); default: the caller. */
  owner?: Owner;
  /** Bulk contents of the directory named by the path (not of created parents), counted but not listed. */
  summary?: DirSummary;
}

/**
 * Creates a directory; the final component is not followed (a symlink there is EEXIST, as mkdir(2)).
 * With `parents`, each prefix is made in turn and an error names the prefix that failed, as
 * `mkdir -p` reports it (`/etc/passwd/x` → ENOTDIR on `/etc/passwd`).
 */
export function mkdir(tree: DirNode, access: Access, path: string, options: MkdirOptions = {}): FsResult<DirNode> {
  if (!options.parents) return mkdirOne(tree, access, path, options);
  const components = splitPath(path);
  const prefix = path.startsWith('/') ? '/' : '';
  const { summary: _last, ...parentOptions } = options;
  let current = tree;
  for (let i = 1; i <= components.length; i++) {
    const partial = prefix + components.slice(0, i).join('/');
    const made = mkdirOne(current, access, partial, i === components.length ? options : parentOptions);
    if (made.ok) current = made.value;
    else if (made.error.code !== 'EEXIST') return made;
    else {
      const there = locate(current, access, partial, { follow: true, allowMissing: false });
      if (!there.ok) return there;
      // A file in the way: the last component "exists", an earlier one is "not a directory".
      if (there.value.node?.kind !== 'dir') return i === components.length ? made : fail('ENOTDIR', partial);
    }
  }
  return { ok: true, value: current };
}

function mkdirOne(tree: DirNode, access: Access, path: string, options: MkdirOptions): FsResult<DirNode> {
  const found = locate(tree, access, path, { follow: false, allowMissing: true, entry: true });
  if (!found.ok) return found;
  const { node, parent, names } = found.value;
  if (node !== undefined) return fail('EEXIST', path);
  if (parent === undefined || !mayChangeEntries(access.cred, parent)) return fail('EACCES', path);
  const owner = ownerFor(access, parent, options.owner, path);
  if (!owner.ok) return owner;
  // A setgid directory hands its setgid bit down to new subdirectories.
  const mode = ((options.mode ?? 0o755) & 0o7777) | (parent.mode & S_ISGID);
  const dir: DirNode = { kind: 'dir', ...owner.value, mode, children: new Map() };
  const made = options.summary === undefined ? dir : { ...dir, summary: options.summary };
  return { ok: true, value: updateAt(tree, names, () => made) };
}

/** Creates a symlink at `path` pointing to `target` (which need not exist). */
export function symlink(tree: DirNode, access: Access, target: string, path: string): FsResult<DirNode> {
  if (target === '') return fail('ENOENT', path);
  const found = locate(tree, access, path, { follow: false, allowMissing: true, entry: true });
  if (!found.ok) return found;
  const { node, parent, names, namesDir } = found.value;
  if (node !== undefined) return fail('EEXIST', path);
  // A new name with a trailing slash would have to be a directory: symlink(2) says ENOENT.
  if (namesDir) return fail('ENOENT', path);
  if (parent === undefined || !mayChangeEntries(access.cred, parent)) return fail('EACCES', path);
  const link: FsNode = { kind: 'symlink', uid: access.cred.uid, gid: access.cred.gid, mode: 0o777, target };
  return { ok: true, value: updateAt(tree, names, () => link) };
}

/** Sets (or with undefined, clears) the unlisted bulk of a directory; needs write permission on it. */
export function setSummary(
  tree: DirNode,
  access: Access,
  path: string,
  summary: DirSummary | undefined,
): FsResult<DirNode> {
  const found = locate(tree, access, path, { follow: true, allowMissing: false });
  if (!found.ok) return found;
  const { node, names } = found.value;
  if (node?.kind !== 'dir') return fail('ENOTDIR', path);
  if (!mayAccess(access.cred, node, W_OK)) return fail('EACCES', path);
  if (sameSummary(node.summary, summary)) return { ok: true, value: tree };
  const { summary: _old, ...rest } = node;
  const updated: DirNode = summary === undefined ? rest : { ...rest, summary };
  return { ok: true, value: updateAt(tree, names, () => updated) };
}
