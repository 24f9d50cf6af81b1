/**
 * The shapes of the simulated filesystem. Every node is immutable: an operation returns a new root
 * that shares every unchanged subtree with the old one by reference (path copying).
 */
import type { Result } from '../diagnostics.ts';

/** Who performs an operation. Root is uid 0; `groups` are the supplementary groups. */
export interface Cred {
  uid: number;
  gid: number;
  groups: readonly number[];
}

/** Owner and permission bits (`mode` holds only the 0o7777 bits; the kind is the node's `kind`). */
export interface NodeMeta {
  uid: number;
  gid: number;
  mode: number;
}

/** Where a file's bytes come from when they are not real: a simulated program's output. */
export interface Origin {
  simulated: true;
  /** The program that pretended to write it, e.g. 'apk add', 'go build'. */
  by: string;
}

export interface FileNode extends NodeMeta {
  kind: 'file';
  /** Size in bytes; equals the UTF-8 length of `content` when content is present. */
  size: number;
  /** Text of small files; absent for files that only have a declared size (binaries, bulk). */
  content?: string;
  origin?: Origin;
}

export interface SymlinkNode extends NodeMeta {
  kind: 'symlink';
  target: string;
}

/** Bulk contents of a directory that are counted but not listed (e.g. a base image's /usr/lib). */
export interface DirSummary {
  files: number;
  bytes: number;
  /** Where the figures come from (a data file's citation, or the simulated program). */
  source?: string;
}

export interface DirNode extends NodeMeta {
  kind: 'dir';
  /** Listed entries by name. Never mutated: a change makes a new map. */
  children: ReadonlyMap<string, FsNode>;
  /** Unlisted bulk beside the listed children; writing inside the directory adds listed entries. */
  summary?: DirSummary;
}

export type FsNode = FileNode | DirNode | SymlinkNode;

export type FsErrorCode =
  | 'ENOENT'
  | 'EACCES'
  | 'EEXIST'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'ELOOP'
  | 'ENOTEMPTY'
  | 'EINVAL'
  | 'EPERM'
  | 'EBUSY';

export interface FsError {
  code: FsErrorCode;
  /** The path as the caller gave it. */
  path: string;
  /** Linux strerror text, e.g. 'Permission denied'. */
  message: string;
}

export type FsResult<T> = Result<T, FsError>;

/** Who acts and from where: relative paths are resolved against `cwd` (default '/'). */
export interface Access {
  cred: Cred;
  cwd?: string;
}

/** One entry of a directory listing or a walk. */
export interface DirEntry {
  name: string;
  node: FsNode;
}

export interface WalkEntry {
  /** Absolute path, e.g. '/usr/bin/node'. */
  path: string;
  node: FsNode;
}

/** One change of a layer. A 'delete' is a whiteout (`.wh.<name>`): it carries no node and no bytes. */
export interface LayerEntry {
  path: string;
  op: 'add' | 'modify' | 'delete';
  /** The new node for 'add'/'modify'. A directory's entry sets only its own metadata and summary; its
   * listed children follow as entries of their own. */
  node?: FsNode;
  /** A directory whose lower contents are all hidden (`.wh..wh..opq`) before its entries apply. */
  opaque?: boolean;
}

export interface LayerDiff {
  /** Sorted by path, parents before children. */
  entries: LayerEntry[];
  /** Bytes the layer adds: the sizes of its added/modified files and summaries (whiteouts cost 0). */
  size: number;
}
