/**
 * The plan's files (flat `path → text`) as the nested tree WebContainer's `mount()` takes:
 * `{ app: { directory: { 'server.js': { file: { contents } } } } }`.
 */
import type { DirectoryNode, FileSystemTree } from '@webcontainer/api';

export function toFileSystemTree(files: Readonly<Record<string, string>>): FileSystemTree {
  const root: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter((part) => part !== '' && part !== '.');
    const name = parts.pop();
    if (name === undefined) continue;
    let folder = root;
    for (const part of parts) {
      const existing = folder[part];
      const directory: DirectoryNode = existing !== undefined && 'directory' in existing ? existing : { directory: {} };
      folder[part] = directory;
      folder = directory.directory;
    }
    folder[name] = { file: { contents } };
  }
  return root;
}
