/**
 * The plan's files (flat `path → text`, a key ending in `/` an empty folder) as the nested tree WebContainer's `mount()` takes:
 * `{ app: { directory: { 'server.js': { file: { contents } } } } }`.
 */
import type { DirectoryNode, FileSystemTree } from '@webcontainer/api';

export function toFileSystemTree(files: Readonly<Record<string, string>>): FileSystemTree {
  const root: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter((part) => part !== '' && part !== '.');
    // A key ending in `/` is a folder (a WORKDIR that must exist even when empty).
    const name = path.endsWith('/') ? undefined : parts.pop();
    let folder = root;
    for (const part of parts) {
      const existing = folder[part];
      const directory: DirectoryNode = existing !== undefined && 'directory' in existing ? existing : { directory: {} };
      folder[part] = directory;
      folder = directory.directory;
    }
    if (name !== undefined) folder[name] = { file: { contents } };
  }
  return root;
}
