/**
 * The build context as a tree for display, and the edits the file list offers (add, rename, delete
 * files and folders). Files are a flat map of relative paths; a key ending in `/` is an empty folder.
 */
export interface TreeFolder {
  kind: 'folder';
  name: string;
  /** Path with a trailing slash (`src/`). */
  path: string;
  children: TreeNode[];
}

export interface TreeFile {
  kind: 'file';
  name: string;
  path: string;
  size: number;
}

export type TreeNode = TreeFolder | TreeFile;

const byName = (a: TreeNode, b: TreeNode) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1);

export function contextTree(files: Readonly<Record<string, string>>): TreeNode[] {
  const root: TreeFolder = { kind: 'folder', name: '', path: '', children: [] };
  const folder = (parent: TreeFolder, name: string): TreeFolder => {
    const found = parent.children.find((c): c is TreeFolder => c.kind === 'folder' && c.name === name);
    if (found !== undefined) return found;
    const created: TreeFolder = { kind: 'folder', name, path: `${parent.path}${name}/`, children: [] };
    parent.children.push(created);
    return created;
  };
  for (const [path, content] of Object.entries(files)) {
    const isFolder = path.endsWith('/');
    const parts = (isFolder ? path.slice(0, -1) : path).split('/');
    const name = parts.pop() ?? '';
    let parent = root;
    for (const p of parts) parent = folder(parent, p);
    if (isFolder) folder(parent, name);
    else parent.children.push({ kind: 'file', name, path, size: new TextEncoder().encode(content).length });
  }
  const sort = (nodes: TreeNode[]): TreeNode[] => nodes.sort(byName).map((n) => (n.kind === 'folder' ? { ...n, children: sort(n.children) } : n));
  return sort(root.children);
}

const inFolder = (path: string, folder: string) => path.startsWith(folder);

/** Renames a file (`a.txt`) or a folder (`src/`) with everything in it. */
export function renamePath(files: Readonly<Record<string, string>>, from: string, to: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, content] of Object.entries(files)) {
    if (from.endsWith('/') ? inFolder(path, from) : path === from) out[to + path.slice(from.length)] = content;
    else out[path] = content;
  }
  return out;
}

/** Deletes a file, or a folder with everything in it. */
export function deletePath(files: Readonly<Record<string, string>>, target: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => (target.endsWith('/') ? !inFolder(path, target) : path !== target)));
}

/** True when `path` (file or folder) or anything under it exists. */
export function pathExists(files: Readonly<Record<string, string>>, path: string): boolean {
  const folder = path.endsWith('/') ? path : `${path}/`;
  return Object.keys(files).some((p) => p === path || p === folder || p.startsWith(folder));
}
