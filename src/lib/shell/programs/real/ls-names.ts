/**
 * How `ls` writes a name on a terminal. GNU ls quotes names the shell would split or expand
 * (quoting style shell-escape, its default on a terminal); BusyBox ls as built for Alpine and the
 * busybox image colours them by type (FEATURE_LS_COLOR_IS_DEFAULT). Neither happens in a pipe.
 */
import type { FsNode } from '../../../vfs/index.ts';

/** Characters that make GNU quote a name (gnulib quotearg, shell styles); `#` and `~` only first. */
const SHELL_SPECIAL = /[ \t\n!"$&'()*;<=>?[\\^`|]|^[#~]/;
/** Characters that still allow "double quotes" around a name holding a `'`. */
const DOUBLE_QUOTABLE = /^[#~]?[A-Za-z0-9%+,\-./:@\]_ ']*$/;

/** The name as GNU ls shows it on a terminal: `'a b'`, `"it's"`, `'x$y'`, or as it is. */
export function shellEscape(name: string): string {
  if (!SHELL_SPECIAL.test(name)) return name;
  if (name.includes("'") && DOUBLE_QUOTABLE.test(name)) return `"${name}"`;
  return `'${name.replaceAll("'", "'\\''")}'`;
}

/** Whether shellEscape changes the name (then unquoted names in the listing get a leading space). */
export const needsQuoting = (name: string): boolean => SHELL_SPECIAL.test(name);

/** Cells a name takes on screen (one per character; the simulator's names are not wide). */
export const displayWidth = (text: string): number => [...text].length;

/**
 * BusyBox's colour for a file type: `ESC[<bold>;<colour>m` (ls.c fgcolor and bold): directories bold
 * blue, symlinks bold cyan, executables bold green, other files plain.
 */
export function busyboxColor(node: FsNode): string {
  if (node.kind === 'dir') return '\x1b[1;34m';
  if (node.kind === 'symlink') return '\x1b[1;36m';
  return (node.mode & 0o111) !== 0 ? '\x1b[1;32m' : '\x1b[0;0m';
}

/** BusyBox ends each coloured name with a bare reset. */
export const BUSYBOX_RESET = '\x1b[m';

/**
 * Whether BusyBox ls colours by default: stdout is a terminal, TERM is not `dumb` and LS_COLORS is
 * unset or set to something other than '' and 'none' (its value is otherwise ignored).
 */
export function busyboxColorsByDefault(env: Readonly<Record<string, string>>, stdoutIsTerminal: boolean): boolean {
  const lsColors = env['LS_COLORS'];
  return stdoutIsTerminal && env['TERM'] !== 'dumb' && (lsColors === undefined || (lsColors !== '' && lsColors !== 'none'));
}
