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
  /** Left out of the build context: everything in it is (or, when empty, the folder itself is). */
  ignored: boolean;
}

export interface TreeFile {
  kind: 'file';
  name: string;
  path: string;
  size: number;
  /** Left out of the build context by the ignore file. */
  ignored: boolean;
}

export type TreeNode = TreeFolder | TreeFile;

const byName = (a: TreeNode, b: TreeNode) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1);

/**
 * `ignored` holds the paths the last build's ignore file left out, as the engine reports them
 * (BuildResult.context.ignored: clean, so an empty folder `tmp/` is listed as `tmp`).
 */
export function contextTree(files: Readonly<Record<string, string>>, ignored: ReadonlySet<string> = new Set()): TreeNode[] {
  const root: TreeFolder = { kind: 'folder', name: '', path: '', children: [], ignored: false };
  const folder = (parent: TreeFolder, name: string): TreeFolder => {
    const found = parent.children.find((c): c is TreeFolder => c.kind === 'folder' && c.name === name);
    if (found !== undefined) return found;
    const created: TreeFolder = { kind: 'folder', name, path: `${parent.path}${name}/`, children: [], ignored: false };
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
    else parent.children.push({ kind: 'file', name, path, size: new TextEncoder().encode(content).length, ignored: ignored.has(path) });
  }
  const finish = (nodes: TreeNode[]): TreeNode[] =>
    nodes.sort(byName).map((n) => {
      if (n.kind === 'file') return n;
      const children = finish(n.children);
      const left = children.length > 0 ? children.every((c) => c.ignored) : ignored.has(n.path.slice(0, -1));
      return { ...n, children, ignored: left };
    });
  return finish(root.children);
}

/** The node at `path` (a folder's with its trailing slash), if the tree has one. */
export function findNode(nodes: readonly TreeNode[], path: string): TreeNode | undefined {
  for (const node of nodes) {
    if (node.path === path) return node;
    if (node.kind === 'folder' && path.startsWith(node.path)) return findNode(node.children, path);
  }
  return undefined;
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
