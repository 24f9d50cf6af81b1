/** Creating a new user's home folder: owned by the user, with /etc/skel copied in (as the tools do). */
import type { CommandContext } from '../../command.ts';
import type { DirNode, FsResult } from '../../../vfs/index.ts';
import { chown, lstat, mkdir, walk } from '../../../vfs/index.ts';
import { ensureDir, parentOf, putFile, putSymlink } from './fs-steps.ts';

export interface HomeOptions {
  uid: number;
  gid: number;
  mode: number;
  /** Copy the files of this folder in (e.g. /etc/skel); undefined: copy nothing. */
  skel?: string;
}

/** Creates `home` (or takes it over if it exists, as the tools chown it), then copies the skeleton. */
export function createHome(fs: DirNode, ctx: CommandContext, home: string, options: HomeOptions): FsResult<DirNode> {
  const owner = { uid: options.uid, gid: options.gid };
  let tree = fs;
  if (!lstat(tree, ctx.access, home).ok) {
    const parent = ensureDir(ctx.access, parentOf(home))(tree);
    if (!parent.ok) return parent;
    const made = mkdir(parent.value, ctx.access, home, { mode: options.mode, owner });
    if (!made.ok) return made;
    tree = made.value;
  } else {
    const owned = chown(tree, ctx.access, home, owner);
    if (!owned.ok) return owned;
    tree = owned.value;
  }
  if (options.skel === undefined) return { ok: true, value: tree };
  for (const entry of walk(fs, options.skel)) {
    const target = `${home}${entry.path.slice(options.skel.length)}`;
    const node = entry.node;
    const step =
      node.kind === 'dir'
        ? (t: DirNode) => mkdir(t, ctx.access, target, { mode: node.mode, owner })
        : node.kind === 'symlink'
          ? putSymlink(ctx.access, node.target, target)
          : putFile(ctx.access, target, { ...(node.content === undefined ? { size: node.size } : { content: node.content }), mode: node.mode, owner });
    const next = step(tree);
    if (!next.ok) return next;
    tree = next.value;
    if (node.kind === 'symlink') {
      const owned = chown(tree, ctx.access, target, owner, { noFollow: true });
      if (!owned.ok) return owned;
      tree = owned.value;
    }
  }
  return { ok: true, value: tree };
}
