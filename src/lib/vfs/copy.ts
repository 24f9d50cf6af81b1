/** Copying a subtree, within a tree or between trees (`cp -r`, COPY, COPY --from). */
import { mkdir, type Owner } from './create.ts';
import { fail, fsError } from './errors.ts';
import { splitPath } from './path.ts';
import { mayAccess, R_OK, W_OK, X_OK } from './permissions.ts';
import { locate } from './resolve.ts';
import { updateAt } from './tree.ts';
import type { Access, Cred, DirNode, DirSummary, FsError, FsNode, FsResult } from './types.ts';

export interface CopyOptions {
  /** Owner of every copied entry and created parent (`--chown`). Default: the source's owners when
   * root copies (COPY --from keeps them), the caller otherwise (`cp` without -p). */
  owner?: Owner;
  /** Mode of every copied entry and created parent (`--chmod`); symlinks stay 0777. Default: the source's. */
  mode?: number;
  /** Follow a symlink named by the source path (COPY does); links inside a copied directory stay links. Default true. */
  follow?: boolean;
  /** Create missing parents of the destination (mode 0755 unless `mode`; owner as `owner`, else the caller). */
  parents?: boolean;
  /** Who reads the source tree; default: the same access (a COPY --from reads as root). */
  reader?: Access;
  /** Leave out entries (and what is below them) whose path relative to the source matches (`--exclude`). */
  exclude?: (relativePath: string) => boolean;
}

/**
 * Copies the node at `source.path` of `source.tree` to exactly `dest` in `tree` (the caller decides
 * whether that means "into a directory"). An existing directory at `dest` receives a directory's
 * entries (merge: existing directories keep their owner and mode, files are replaced); a file
 * replaces a file or symlink. Without owner/mode overrides a root copy shares the source's nodes.
 */
export function copyNode(
  tree: DirNode,
  access: Access,
  source: { tree: DirNode; path: string },
  dest: string,
  options: CopyOptions = {},
): FsResult<DirNode> {
  const reader = options.reader ?? access;
  const from = locate(source.tree, reader, source.path, { follow: options.follow ?? true, allowMissing: false });
  if (!from.ok) return from;
  const sourceNode = from.value.node as FsNode;
  const unreadable = firstUnreadable(reader.cred, sourceNode, source.path);
  if (unreadable !== undefined) return { ok: false, error: unreadable };
  const { cred } = access;
  if (options.owner !== undefined && cred.uid !== 0 && options.owner.uid !== cred.uid) return fail('EPERM', dest);
  const incoming = restamp(sourceNode, cred, options);

  let target = tree;
  let to = locate(target, access, dest, { follow: false, allowMissing: true });
  if (!to.ok && to.error.code === 'ENOENT' && options.parents) {
    const parent = parentPath(dest);
    const made = mkdir(target, access, parent, {
      parents: true,
      mode: options.mode ?? 0o755,
      ...(options.owner === undefined ? {} : { owner: options.owner }),
    });
    if (!made.ok) return { ok: false, error: { ...made.error, path: dest } };
    target = made.value;
    to = locate(target, access, dest, { follow: false, allowMissing: true });
  }
  if (!to.ok) return to;
  const { parent, node, names } = to.value;
  if (parent === undefined && node?.kind !== 'dir') return fail('EINVAL', dest);
  const merged = merge(cred, parent, node, incoming, dest);
  if (!merged.ok) return merged;
  return { ok: true, value: updateAt(target, names, () => merged.value) };
}

const parentPath = (path: string): string => {
  const components = splitPath(path);
  components.pop();
  const joined = components.join('/');
  return path.startsWith('/') ? `/${joined}` : joined === '' ? '.' : joined;
};

/** The first entry of a subtree `cred` may not read (files need r, directories r and x). */
function firstUnreadable(cred: Cred, node: FsNode, path: string): FsError | undefined {
  if (cred.uid === 0 || node.kind === 'symlink') return undefined;
  if (node.kind === 'file') return mayAccess(cred, node, R_OK) ? undefined : fsError('EACCES', path);
  if (!mayAccess(cred, node, R_OK | X_OK)) return fsError('EACCES', path);
  for (const [name, child] of node.children) {
    const denied = firstUnreadable(cred, child, `${path}/${name}`);
    if (denied !== undefined) return denied;
  }
  return undefined;
}

/** The copy's nodes with the owner and mode they get, minus excluded entries; shared when nothing changes. */
function restamp(node: FsNode, cred: Cred, options: CopyOptions): FsNode {
  const owner = options.owner ?? (cred.uid === 0 ? undefined : { uid: cred.uid, gid: cred.gid });
  const { mode, exclude } = options;
  if (owner === undefined && mode === undefined && exclude === undefined) return node;
  const stamp = (n: FsNode, relative: string): FsNode => {
    const meta = {
      uid: owner?.uid ?? n.uid,
      gid: owner?.gid ?? n.gid,
      mode: n.kind === 'symlink' || mode === undefined ? n.mode : mode & 0o7777,
    };
    if (n.kind !== 'dir') return { ...n, ...meta };
    const children = new Map<string, FsNode>();
    for (const [name, child] of n.children) {
      const path = relative === '' ? name : `${relative}/${name}`;
      if (exclude === undefined || !exclude(path)) children.set(name, stamp(child, path));
    }
    return { ...n, ...meta, children };
  };
  return stamp(node, '');
}

/** `incoming` placed where `existing` is, in directory `parent`. */
function merge(
  cred: Cred,
  parent: DirNode | undefined,
  existing: FsNode | undefined,
  incoming: FsNode,
  path: string,
): FsResult<FsNode> {
  const mayChange = parent === undefined || mayAccess(cred, parent, W_OK | X_OK);
  if (existing === undefined) return mayChange ? { ok: true, value: incoming } : fail('EACCES', path);
  if (existing.kind === 'dir') {
    if (incoming.kind !== 'dir') return fail('EISDIR', path);
    const children = new Map(existing.children);
    for (const [name, child] of incoming.children) {
      const placed = merge(cred, existing, existing.children.get(name), child, `${path}/${name}`);
      if (!placed.ok) return placed;
      children.set(name, placed.value);
    }
    const summary = addSummaries(existing.summary, incoming.summary);
    const { summary: _old, ...meta } = existing;
    return { ok: true, value: summary === undefined ? { ...meta, children } : { ...meta, children, summary } };
  }
  if (incoming.kind === 'dir') return fail('ENOTDIR', path);
  // Replacing a file writes into it (cp opens it for writing); replacing a symlink unlinks it.
  const allowed = existing.kind === 'file' ? mayAccess(cred, existing, W_OK) : mayChange;
  return allowed ? { ok: true, value: incoming } : fail('EACCES', path);
}

function addSummaries(a: DirSummary | undefined, b: DirSummary | undefined): DirSummary | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const source = [a.source, b.source].filter((s) => s !== undefined).join(' + ');
  const sum = { files: a.files + b.files, bytes: a.bytes + b.bytes };
  return source === '' ? sum : { ...sum, source };
}
