/**
 * The simulated filesystem: an immutable, structurally shared tree with Linux path rules and
 * permission checks, and layer diffs with whiteouts. Every operation is a pure function taking the
 * tree and an Access ({ cred, cwd }) and returning a new tree or an FsError as a value.
 */
export type {
  Access,
  Cred,
  DirEntry,
  DirNode,
  DirSummary,
  FileNode,
  FsError,
  FsErrorCode,
  FsNode,
  FsResult,
  LayerDiff,
  LayerEntry,
  NodeMeta,
  Origin,
  SymlinkNode,
  WalkEntry,
} from './types.ts';
export { fsError } from './errors.ts';
export { mayAccess, passesSticky, inGroup, ROOT_CRED, AS_ROOT, R_OK, W_OK, X_OK, S_ISUID, S_ISGID, S_ISVTX } from './permissions.ts';
export { normalizePath, utf8Length } from './path.ts';
export { emptyTree } from './tree.ts';
export { MAX_SYMLINK_HOPS } from './resolve.ts';
export { lstat, stat, readlink, resolvePath, readFile, readdir, checkAccess } from './inspect.ts';
export { writeFile, mkdir, symlink, setSummary } from './create.ts';
export type { WriteFileData, MkdirOptions, Owner } from './create.ts';
export { remove, rename } from './remove.ts';
export type { RemoveOptions } from './remove.ts';
export { chmod, chown } from './attributes.ts';
export type { AttributeOptions } from './attributes.ts';
export { walk } from './walk.ts';
export { nodeBytes, treeBytes, fileCount, imageSize } from './sizes.ts';
export { copyNode } from './copy.ts';
export type { CopyOptions } from './copy.ts';
export { diffTrees, applyDiff, tarPaths } from './layers.ts';
export { writeFiles } from './write-many.ts';
export type { FileWrite } from './write-many.ts';
