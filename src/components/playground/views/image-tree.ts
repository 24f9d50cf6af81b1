/** The final image's flat file list as a folder tree, with the folders that hold this build's files marked. */
import type { ImageFile } from '../../../lib/build/view-api.ts';

export interface ImageDir {
  name: string;
  file: ImageFile | null;
  dirs: ImageDir[];
  files: ImageFile[];
  /** Something in this folder was written by a step of this Dockerfile. */
  touched: boolean;
}

export function imageTree(files: readonly ImageFile[]): ImageDir {
  const root: ImageDir = { name: '/', file: null, dirs: [], files: [], touched: false };
  const dirAt = (parts: readonly string[]): ImageDir => {
    let dir = root;
    for (const name of parts) {
      let next = dir.dirs.find((d) => d.name === name);
      if (next === undefined) {
        next = { name, file: null, dirs: [], files: [], touched: false };
        dir.dirs.push(next);
      }
      dir = next;
    }
    return dir;
  };
  for (const file of files) {
    const parts = file.path.split('/').filter(Boolean);
    if (file.type === 'dir') dirAt(parts).file = file;
    else dirAt(parts.slice(0, -1)).files.push(file);
    if (file.fromStage !== null) {
      for (let i = 0; i <= parts.length - (file.type === 'dir' ? 0 : 1); i++) dirAt(parts.slice(0, i)).touched = true;
    }
  }
  const sort = (dir: ImageDir) => {
    dir.dirs.sort((a, b) => a.name.localeCompare(b.name));
    dir.files.sort((a, b) => a.path.localeCompare(b.path));
    dir.dirs.forEach(sort);
  };
  sort(root);
  return root;
}
