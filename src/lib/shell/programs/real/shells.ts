/**
 * sh (and ash, dash, bash) and busybox as registry entries. The interpreter recognises them by name
 * and runs them inside the current session (one filesystem, one set of limits), so the shells' `run`
 * is reached only when a caller runs them outside the interpreter. `busybox <applet>` with an applet
 * of the image's build that Stagecraft implements is dispatched by the interpreter too; busybox's own
 * `run` answers the rest.
 */
import { AS_ROOT, resolvePath, stat, type DirNode, type FsNode } from '../../../vfs/index.ts';
import { NOT_SIMULATED_STATUS, type Command } from '../../command.ts';
import { notSimulated } from '../../messages.ts';
import { complain } from './support.ts';

const outsideInterpreter: Command['run'] = (_args, ctx) =>
  complain(ctx, 'a shell runs inside the interpreter only (call runShell or runArgv)', 2);

export const shellPrograms: readonly Command[] = ['sh', 'ash', 'dash', 'bash'].map((name) => ({ name, run: outsideInterpreter }));

/** Where `busybox --install` puts the links (each applet's BB_DIR_*), searched in this order. */
const INSTALL_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin'];

/** Whether the image's busybox has an applet: in its build (with the link that shows it), not, or unknown. */
export type AppletLookup = { kind: 'in-build'; link: string } | { kind: 'not-in-build' } | { kind: 'unknown-build' };

/**
 * Real busybox knows its applets from a table compiled in; the image shows that table as the links
 * in the install folders that resolve to a `busybox` file. They are read as root (the table does not
 * depend on who runs busybox). An image with no such links (a lone busybox binary copied in) does
 * not tell which applets its busybox was built with.
 */
export function findApplet(fs: DirNode, name: string): AppletLookup {
  const dirs = INSTALL_DIRS.flatMap((path) => {
    const node = stat(fs, AS_ROOT, path);
    return node.ok && node.value.kind === 'dir' ? [{ path, node: node.value }] : [];
  });
  const isLink = (dir: string, entry: string, node: FsNode | undefined): boolean => {
    if (node?.kind !== 'symlink') return false;
    const target = resolvePath(fs, AS_ROOT, `${dir}/${entry}`);
    return target.ok && target.value.endsWith('/busybox');
  };
  for (const dir of dirs) if (isLink(dir.path, name, dir.node.children.get(name))) return { kind: 'in-build', link: `${dir.path}/${name}` };
  for (const dir of dirs) for (const [entry, node] of dir.node.children) if (isLink(dir.path, entry, node)) return { kind: 'not-in-build' };
  return { kind: 'unknown-build' };
}

/**
 * `busybox NAME` for a NAME Stagecraft has no implementation of: an applet of the image's build
 * exists but is not simulated (126, like any program in the image Stagecraft cannot run); a name
 * outside the build gets BusyBox's own `NAME: applet not found`, 127.
 */
export const busyboxProgram: Command = {
  name: 'busybox',
  run(args, ctx) {
    const name = args[0];
    if (name === undefined) {
      ctx.stdout.write('BusyBox v1.37.0 multi-call binary.\n');
      return 0;
    }
    const applet = findApplet(ctx.fs, name);
    if (applet.kind === 'not-in-build') {
      ctx.stderr.write(`${name}: applet not found\n`);
      return 127;
    }
    ctx.stderr.write(
      applet.kind === 'in-build'
        ? `${notSimulated(name, applet.link)}\n`
        : `${name}: not simulated by Stagecraft (this image has no links to busybox, so which applets its busybox has is unknown)\n`,
    );
    return NOT_SIMULATED_STATUS;
  },
};

/**
 * A link to busybox whose name busybox has no applet for (`ln -s /bin/busybox /usr/local/bin/foo`):
 * busybox dispatches on the name it was run by, finds nothing and says so (busybox's
 * run_applet_and_exit), whatever the arguments.
 */
export const appletNotFound: Command = {
  name: 'applet not found',
  run(_args, ctx) {
    return complain(ctx, 'applet not found', 127);
  },
};
