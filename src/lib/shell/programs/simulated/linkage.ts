/**
 * Whether an executable a simulated compiler wrote is statically or dynamically linked, and which C
 * library a dynamic one needs. The kernel starts a dynamic ELF file through the loader named in it
 * (glibc's /lib64/ld-linux-x86-64.so.2, musl's /lib/ld-musl-x86_64.so.1); an image without that
 * file (scratch, distroless/static, Alpine for a glibc binary, Debian for a musl one) cannot run it:
 * execve fails with ENOENT, which the runtime reports as `exec /app/myapp: no such file or directory`
 * although the binary is there.
 *
 * The linkage is written into the file's origin label (`go build (dynamic, glibc)`), since an origin
 * carries only `by` and the build cache keeps only that.
 */
import { lstat, resolvePath, stat } from '../../../vfs/index.ts';
import type { Access, DirNode, Origin } from '../../../vfs/index.ts';

export type Libc = 'glibc' | 'musl';
export type Linkage = { kind: 'static' } | { kind: 'dynamic'; libc: Libc };

/** The program interpreter (PT_INTERP) an x86-64 executable names, by C library. */
export const LOADERS: Readonly<Record<Libc, string>> = {
  glibc: '/lib64/ld-linux-x86-64.so.2',
  musl: '/lib/ld-musl-x86_64.so.1',
};

const describe = (linkage: Linkage): string => (linkage.kind === 'static' ? 'static' : `dynamic, ${linkage.libc}`);

/** The origin of an executable written by `by` (e.g. 'go build', 'gcc'), with its linkage. */
export function binaryOrigin(by: string, linkage: Linkage): Origin {
  return { simulated: true, by: `${by} (${describe(linkage)})` };
}

/** The linkage recorded in an origin by binaryOrigin, or undefined for any other file. */
export function linkageOf(origin: Origin | undefined): Linkage | undefined {
  const match = /\((static|dynamic, (glibc|musl))\)$/.exec(origin?.by ?? '');
  if (match === null) return undefined;
  return match[2] === undefined ? { kind: 'static' } : { kind: 'dynamic', libc: match[2] as Libc };
}

/** The C library a compiler in this filesystem links against: musl on Alpine, glibc elsewhere. */
export const imageLibc = (tree: DirNode, access: Access): Libc => (stat(tree, access, '/etc/alpine-release').ok ? 'musl' : 'glibc');

/**
 * The loader `path` needs and this filesystem lacks, when `path` is a simulated dynamic executable;
 * undefined when it can start (static, loader present, or not a simulated binary). A runner that
 * gets a path here fails the exec with ENOENT: `exec <path>: no such file or directory` from the
 * container runtime, `<path>: not found` from sh.
 */
export function missingLoader(tree: DirNode, access: Access, path: string): string | undefined {
  const file = stat(tree, access, path);
  if (!file.ok || file.value.kind !== 'file') return undefined;
  const linkage = linkageOf(file.value.origin);
  if (linkage === undefined || linkage.kind === 'static') return undefined;
  const loader = LOADERS[linkage.libc];
  return presentInImage(tree, access, loader) ? undefined : loader;
}

/**
 * Whether `path` leads (through symlinks) to a file, or to a name in a folder whose contents are
 * summarised rather than listed: base images keep libc's folder as bulk, so the loader a symlink
 * names there is taken as present.
 */
export function presentInImage(tree: DirNode, access: Access, path: string): boolean {
  // A bare name (`#!python3`) is relative to the working directory, as the kernel opens it.
  let current = path.includes('/') ? path : `./${path}`;
  for (let hops = 0; hops < 40; hops++) {
    const cut = current.lastIndexOf('/');
    const dir = resolvePath(tree, access, cut <= 0 ? '/' : current.slice(0, cut));
    if (!dir.ok) return false;
    const name = current.slice(cut + 1);
    const real = dir.value === '/' ? `/${name}` : `${dir.value}/${name}`;
    const node = lstat(tree, access, real);
    if (!node.ok) {
      const folder = stat(tree, access, dir.value);
      return folder.ok && folder.value.kind === 'dir' && folder.value.summary !== undefined;
    }
    if (node.value.kind !== 'symlink') return node.value.kind === 'file';
    current = node.value.target.startsWith('/') ? node.value.target : `${dir.value === '/' ? '' : dir.value}/${node.value.target}`;
  }
  return false;
}

/** The runtime's message when execve fails with ENOENT on a file that is there (no loader, no `#!` interpreter): runc's. */
export const missingLoaderMessage = (path: string): string => `exec ${path}: no such file or directory`;
