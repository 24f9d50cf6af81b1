/**
 * Turns an image's data (files, folders, symlinks, summarised bulk) into a vfs tree on top of its
 * base image's tree. Loading happens once per image, so a private copy-on-write builder is used:
 * folders of the base are copied only where the image adds something, the rest stays shared.
 * Data errors (a path through a file, text appended to a missing file) are bugs in a data file and
 * throw; the catalogue tests load every image so they cannot ship.
 */
import type { DirNode, DirSummary, FileNode, FsNode, NodeMeta } from '../vfs/index.ts';
import { treeBytes, utf8Length } from '../vfs/index.ts';
import type { AppletData, BulkData, DirData, FileData } from './schema.ts';

interface DraftDir extends NodeMeta {
  kind: 'draft';
  children: Map<string, FsNode | DraftDir>;
  summary?: DirSummary;
}

const ROOT_OWNED = { uid: 0, gid: 0 };
const parseMode = (mode: string | undefined, fallback: number): number => (mode === undefined ? fallback : parseInt(mode, 8));

function thaw(dir: DirNode): DraftDir {
  const draft: DraftDir = { kind: 'draft', uid: dir.uid, gid: dir.gid, mode: dir.mode, children: new Map(dir.children) };
  if (dir.summary !== undefined) draft.summary = dir.summary;
  return draft;
}

function freeze(draft: DraftDir): DirNode {
  const children = new Map<string, FsNode>();
  for (const [name, child] of [...draft.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    children.set(name, child.kind === 'draft' ? freeze(child) : child);
  }
  const dir: DirNode = { kind: 'dir', uid: draft.uid, gid: draft.gid, mode: draft.mode, children };
  if (draft.summary !== undefined) dir.summary = draft.summary;
  return dir;
}

const split = (path: string): string[] => path.split('/').filter((c) => c !== '');

/** The draft folder at `path`, creating missing folders (root-owned, 0755) on the way. */
function draftDirAt(root: DraftDir, path: string): DraftDir {
  let dir = root;
  for (const name of split(path)) {
    const child = dir.children.get(name);
    let next: DraftDir;
    if (child === undefined) next = { kind: 'draft', ...ROOT_OWNED, mode: 0o755, children: new Map() };
    else if (child.kind === 'draft') next = child;
    else if (child.kind === 'dir') next = thaw(child);
    else throw new Error(`image data: ${path} passes through a ${child.kind} at ${name}`);
    dir.children.set(name, next);
    dir = next;
  }
  return dir;
}

function parentAndName(root: DraftDir, path: string): { parent: DraftDir; name: string } {
  const names = split(path);
  const name = names.pop();
  if (name === undefined) throw new Error(`image data: "${path}" names the root`);
  return { parent: draftDirAt(root, `/${names.join('/')}`), name };
}

function fileNode(path: string, data: FileData, existing: FsNode | DraftDir | undefined): FileNode {
  const meta = { uid: data.uid ?? 0, gid: data.gid ?? 0 };
  if (data.size !== undefined) return { kind: 'file', ...meta, mode: parseMode(data.mode, 0o755), size: data.size };
  let content = `${(data.lines ?? data.append ?? []).join('\n')}\n`;
  if (data.append !== undefined) {
    if (existing?.kind !== 'file' || existing.content === undefined) throw new Error(`image data: nothing to append to at ${path}`);
    content = existing.content + content;
    return { ...existing, content, size: utf8Length(content) };
  }
  return { kind: 'file', ...meta, mode: parseMode(data.mode, 0o644), size: utf8Length(content), content };
}

/** Bytes a tree holds, counted as the vfs counts them (files, symlink targets, summaries). */
function draftBytes(node: FsNode | DraftDir): number {
  if (node.kind !== 'draft') return treeBytes(node);
  let bytes = node.summary?.bytes ?? 0;
  for (const child of node.children.values()) bytes += draftBytes(child);
  return bytes;
}

function addSummary(dir: DraftDir, files: number, bytes: number, source: string): void {
  const before = dir.summary;
  dir.summary = before === undefined
    ? { files, bytes, source }
    : { files: before.files + files, bytes: before.bytes + bytes, source: `${before.source ?? ''}; ${source}` };
}

/** The image's own additions; `null` entries (dropped `like` entries) are skipped. */
export interface RootfsData {
  dirs: Record<string, DirData | null>;
  files: Record<string, FileData | null>;
  symlinks: Record<string, string | null>;
  applets: AppletData[];
  bulk: Record<string, BulkData | null>;
}

const present = <T>(map: Record<string, T | null>): [string, T][] =>
  Object.entries(map).filter((entry): entry is [string, T] => entry[1] !== null);

/**
 * The image's tree: `base` plus the data, with the one `rest` bulk folder sized so that the tree
 * holds exactly `size` bytes. Throws when the listed contents alone exceed `size` (a data bug).
 */
export function buildRootfs(base: DirNode, data: RootfsData, size: number, label: string): DirNode {
  const root = thaw(base);
  for (const [path, dir] of present(data.dirs)) {
    const draft = draftDirAt(root, path);
    draft.mode = parseMode(dir.mode, draft.mode);
    draft.uid = dir.uid ?? draft.uid;
    draft.gid = dir.gid ?? draft.gid;
  }
  for (const [path, file] of present(data.files)) {
    const { parent, name } = parentAndName(root, path);
    parent.children.set(name, fileNode(path, file, parent.children.get(name)));
  }
  const links = present(data.symlinks).concat(data.applets.flatMap((a) => a.paths.map((p): [string, string] => [p, a.target])));
  for (const [path, target] of links) {
    const { parent, name } = parentAndName(root, path);
    parent.children.set(name, { kind: 'symlink', ...ROOT_OWNED, mode: 0o777, target });
  }
  let rest: [string, BulkData] | undefined;
  for (const entry of present(data.bulk)) {
    const [path, bulk] = entry;
    if (bulk.bytes === 'rest') {
      if (rest !== undefined) throw new Error(`image data: ${label} has two "rest" folders: ${rest[0]} and ${path}`);
      rest = entry;
    } else addSummary(draftDirAt(root, path), bulk.files, bulk.bytes, bulk.source);
  }
  const listed = draftBytes(root);
  if (rest !== undefined) {
    const [path, bulk] = rest;
    addSummary(draftDirAt(root, path), bulk.files, size - listed, `${bulk.source} (the rest of the image size)`);
  }
  if ((rest === undefined && listed !== size) || listed > size) {
    throw new Error(`image data: ${label} lists ${listed} bytes but its size is ${size}`);
  }
  return freeze(root);
}
