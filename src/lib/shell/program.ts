/**
 * Finding a program the way execvp does, in the image's own filesystem: a name with a `/` is a path,
 * any other name is looked up in each PATH directory. What is found decides what runs:
 * - a script whose `#!` names a shell → that shell runs it (the user's own build.sh);
 * - busybox (the file resolves to a `busybox`) → the applet its invoked name names, if Stagecraft
 *   implements it (`/bin/ls` → `/bin/busybox`), else "not simulated" or busybox's "applet not found";
 * - a file whose name as invoked, or whose symlink target's name, has an implementation in the
 *   registry (`/usr/local/bin/npm` → `npm-cli.js`) → that implementation;
 * - a script with another `#!` interpreter → that interpreter with the script's path;
 * - other text without `#!` → sh runs it, as dash does for ENOEXEC;
 * - anything else exists in the image but Stagecraft cannot run it: "not simulated".
 * Before any of these, execve itself must be able to start the file: a dynamically linked binary
 * needs its ELF loader in the image and a script needs its `#!` interpreter; without them execve
 * fails with ENOENT although the file is there (a glibc Go binary copied into scratch or Alpine).
 */
import { checkAccess, resolvePath, stat, X_OK, type Access, type DirNode, type FileNode } from '../vfs/index.ts';
import type { Command, Flavor, Registry } from './command.ts';
import { appletNotFound, findApplet } from './programs/real/shells.ts';
import { missingLoader, presentInImage } from './programs/simulated/linkage.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export type ProgramLookup =
  | { kind: 'command'; path: string; command: Command; flavor: Flavor }
  /** Run `interpreter` (argv) followed by the script's path and the arguments. */
  | { kind: 'script'; path: string; interpreter: string[] }
  | { kind: 'not-found' }
  /** Found but not executable (no x bit for this user, or a directory): sh says Permission denied, 126. */
  | { kind: 'denied'; path: string }
  /** In the image, but Stagecraft has no implementation for it (a simulator limit). */
  | { kind: 'not-simulated'; path: string }
  /** In the image, but execve fails with ENOENT: `interpreter` (its ELF loader or `#!` program) is not. */
  | { kind: 'missing-interpreter'; path: string; interpreter: string };

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const SHELLS = new Set(['sh', 'ash', 'dash', 'bash']);

/** Where `name` is, as an absolute path, or why it is not found. */
export function findProgram(fs: DirNode, access: Access, registry: Registry, name: string, pathVar: string | undefined): ProgramLookup {
  if (name === '') return { kind: 'not-found' };
  if (name.includes('/')) return classify(fs, access, registry, name, name);
  let denied: ProgramLookup | undefined;
  for (const dir of (pathVar ?? DEFAULT_PATH).split(':')) {
    const candidate = `${dir === '' ? '.' : dir.replace(/\/+$/, '')}/${name}`;
    const node = stat(fs, access, candidate);
    if (!node.ok || node.value.kind !== 'file') continue;
    const found = classify(fs, access, registry, candidate, name);
    if (found.kind !== 'denied') return found;
    denied ??= found;
  }
  return denied ?? { kind: 'not-found' };
}

function classify(fs: DirNode, access: Access, registry: Registry, path: string, invoked: string): ProgramLookup {
  const node = stat(fs, access, path);
  if (!node.ok) return node.error.code === 'EACCES' ? { kind: 'denied', path } : { kind: 'not-found' };
  if (node.value.kind !== 'file' || !checkAccess(fs, access, path, X_OK).ok) return { kind: 'denied', path };
  const interpreter = shebang(node.value);
  const missing = missingLoader(fs, access, path) ?? missingInterpreter(fs, access, interpreter);
  if (missing !== undefined) return { kind: 'missing-interpreter', path, interpreter: missing };
  const real = resolvePath(fs, access, path);
  const realPath = real.ok ? real.value : path;
  const flavor: Flavor = basename(realPath) === 'busybox' ? 'busybox' : 'gnu';
  if (interpreter !== undefined && SHELLS.has(basename(interpreter[0] as string))) return { kind: 'script', path, interpreter };
  if (flavor === 'busybox') return busyboxApplet(fs, registry, path, basename(invoked));
  const command = registry.get(basename(invoked)) ?? registry.get(basename(realPath));
  if (command !== undefined) return { kind: 'command', path, command, flavor };
  if (interpreter !== undefined) return { kind: 'script', path, interpreter };
  if (node.value.content !== undefined && node.value.origin === undefined) return { kind: 'script', path, interpreter: ['/bin/sh'] };
  return { kind: 'not-simulated', path };
}

/**
 * A file that is busybox runs the applet named by how it was invoked (busybox's run_applet_and_exit):
 * a name starting with `busybox` is busybox itself; a name outside the image's build is busybox's
 * `NAME: applet not found` (even one Stagecraft implements, like npm); an applet the build has (or
 * may have: see findApplet) runs if Stagecraft implements it, else is "not simulated" like any
 * other program of the image.
 */
function busyboxApplet(fs: DirNode, registry: Registry, path: string, name: string): ProgramLookup {
  const self = name.startsWith('busybox');
  if (!self && findApplet(fs, name).kind === 'not-in-build') return { kind: 'command', path, command: appletNotFound, flavor: 'busybox' };
  const command = registry.get(self ? 'busybox' : name);
  if (command !== undefined) return { kind: 'command', path, command, flavor: 'busybox' };
  return { kind: 'not-simulated', path };
}

/** The `#!` interpreter the kernel could not open (absent, or itself missing its loader). */
function missingInterpreter(fs: DirNode, access: Access, interpreter: string[] | undefined): string | undefined {
  const program = interpreter?.[0];
  if (program === undefined) return undefined;
  if (!presentInImage(fs, access, program)) return program;
  return missingLoader(fs, access, program);
}

/** The `#!` line of a text file as argv (interpreter and at most one argument, as Linux splits it). */
function shebang(file: FileNode): string[] | undefined {
  const content = file.content;
  if (content === undefined || !content.startsWith('#!')) return undefined;
  const line = content.slice(2, content.indexOf('\n') === -1 ? undefined : content.indexOf('\n')).trim();
  if (line === '') return undefined;
  const space = line.search(/[ \t]/);
  if (space === -1) return [line];
  return [line.slice(0, space), line.slice(space).trim()];
}
