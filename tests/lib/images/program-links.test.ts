/**
 * The programs a base image has, checked against the sources the catalogue cites: busybox's applet
 * table with Alpine's busyboxconfig (alpine) or the docker-library build's defconfig (busybox), and
 * the Debian essential packages' file lists (every image built on Debian or Ubuntu). A program the
 * real image has must not be "not found" in the simulator.
 */
import { describe, expect, test } from 'vitest';
import { listImages, loadBaseImage } from '../../../src/lib/images/index.ts';
import type { BaseImage } from '../../../src/lib/images/index.ts';
import { AS_ROOT, lstat, readdir, stat } from '../../../src/lib/vfs/index.ts';
import busyboxApplets from './program-links/busybox-applets.json' with { type: 'json' };
import alpineConfig from './program-links/alpine-busyboxconfig.json' with { type: 'json' };
import busyboxImageConfig from './program-links/busybox-image-config.json' with { type: 'json' };

const load = (ref: string): BaseImage => {
  const result = loadBaseImage(ref);
  if (!result.ok) throw new Error(`${ref}: ${result.error.message}`);
  return result.value;
};

type Applet = [name: string, folder: string, conditions: string[]];
const APPLETS = busyboxApplets.applets as Applet[];

/** The link paths `busybox --install -s` makes for a configuration (busybox's busybox.links). */
function appletPaths(enabled: readonly string[], locations: Readonly<Record<string, string>> = {}): string[] {
  const on = new Set(enabled);
  const holds = (condition: string): boolean => (condition.startsWith('NOT_') ? !on.has(condition.slice(4)) : on.has(condition));
  return APPLETS.filter(([, , conditions]) => conditions.every(holds))
    .map(([name, folder]) => `${(locations[name] ?? folder).replace(/\/$/, '')}/${name}`)
    .sort();
}

/** Every symlink to /bin/busybox in the folders applets are installed to. */
function busyboxLinks(image: BaseImage, folders: readonly string[]): string[] {
  return folders
    .flatMap((folder) => {
      const entries = readdir(image.rootfs, AS_ROOT, folder);
      return entries.ok ? entries.value.map((entry) => ({ path: `${folder}/${entry.name}`, node: entry.node })) : [];
    })
    .filter(({ node }) => node.kind === 'symlink' && node.target === '/bin/busybox')
    .map(({ path }) => path)
    .sort();
}

describe("Alpine's busybox applet links", () => {
  const expected = appletPaths(alpineConfig.enabled, alpineConfig.locations);

  test('the configuration gives the links Alpine ships', () => {
    expect(expected).toHaveLength(304);
    expect(expected).toEqual(expect.arrayContaining(['/bin/dd', '/bin/sh', '/usr/bin/head', '/usr/bin/sha256sum', '/usr/bin/xargs', '/usr/bin/id', '/usr/bin/tree', '/usr/bin/vi', '/usr/bin/cpio', '/sbin/nologin', '/usr/sbin/addgroup']));
    // not in Alpine's build: left out of busyboxconfig (patch, ed, tsort) or never an applet (file, getent)
    for (const absent of ['/usr/bin/patch', '/bin/ed', '/usr/bin/tsort', '/usr/bin/file', '/usr/bin/getent']) expect(expected).not.toContain(absent);
  });

  test.each(['alpine:3.20', 'alpine:3.21', 'alpine:3.22', 'alpine:3.24'])('%s has exactly those links', (ref) => {
    expect(busyboxLinks(load(ref), ['/bin', '/sbin', '/usr/bin', '/usr/sbin'])).toEqual(expected);
  });

  test.each(['node:22-alpine', 'python:3.13-alpine', 'golang:1.25-alpine', 'nginx:alpine'])('%s inherits them', (ref) => {
    expect(busyboxLinks(load(ref), ['/bin', '/sbin', '/usr/bin', '/usr/sbin'])).toEqual(expected);
  });

  test('the other programs of the minirootfs are files, not applets', () => {
    for (const path of ['/usr/bin/getent', '/usr/bin/getconf', '/usr/bin/iconv', '/usr/bin/scanelf', '/usr/bin/ssl_client', '/sbin/apk']) {
      expect(lstat(load('alpine:3.20').rootfs, AS_ROOT, path), path).toMatchObject({ ok: true, value: { kind: 'file', mode: 0o755 } });
    }
  });
});

describe('busybox:latest applet links', () => {
  test('every applet of the build, installed in /bin', () => {
    const expected = appletPaths(busyboxImageConfig.enabled).map((path) => `/bin/${path.slice(path.lastIndexOf('/') + 1)}`).sort();
    expect(expected).toHaveLength(405);
    expect(busyboxLinks(load('busybox'), ['/bin'])).toEqual(expected);
    expect(busyboxLinks(load('busybox'), ['/sbin', '/usr/bin', '/usr/sbin'])).toEqual([]);
  });
});

/** Programs of Debian's essential and required packages, at their merged-/usr paths. */
const DEBIAN_ESSENTIALS = [
  // coreutils
  ...['[', 'base64', 'basename', 'cat', 'chgrp', 'chmod', 'chown', 'comm', 'cp', 'cut', 'date', 'dd', 'df', 'dirname', 'du', 'echo', 'env', 'expr', 'false', 'fold',
    'head', 'id', 'install', 'join', 'ln', 'ls', 'md5sum', 'mkdir', 'mknod', 'mktemp', 'mv', 'nl', 'nohup', 'nproc', 'numfmt', 'od', 'paste', 'printf', 'pwd', 'readlink',
    'realpath', 'rm', 'rmdir', 'seq', 'sha1sum', 'sha256sum', 'sha512sum', 'shuf', 'sleep', 'sort', 'split', 'stat', 'stty', 'sync', 'tac', 'tail', 'tee', 'test', 'timeout',
    'touch', 'tr', 'true', 'truncate', 'tty', 'uname', 'uniq', 'wc', 'whoami', 'yes'].map((name) => `/usr/bin/${name}`),
  // findutils, grep, sed, tar, gzip, diffutils, mawk (through /etc/alternatives)
  ...['find', 'xargs', 'grep', 'egrep', 'fgrep', 'sed', 'tar', 'gzip', 'gunzip', 'zcat', 'diff', 'cmp', 'awk', 'mawk'].map((name) => `/usr/bin/${name}`),
  // shells, hostname, util-linux, mount, login, passwd, debianutils, libc-bin
  ...['sh', 'dash', 'bash', 'hostname', 'su', 'getopt', 'setsid', 'flock', 'mount', 'umount', 'login', 'passwd', 'chsh', 'run-parts', 'getent', 'ldd'].map((name) => `/usr/bin/${name}`),
  ...['useradd', 'groupadd', 'usermod', 'nologin', 'ldconfig'].map((name) => `/usr/sbin/${name}`),
];

/** Whether exec of `path` reaches an executable file (following symlinks, as exec does). */
const runnable = (image: BaseImage, path: string): boolean => {
  const node = stat(image.rootfs, AS_ROOT, path);
  return node.ok && node.value.kind === 'file' && (node.value.mode & 0o111) !== 0;
};

describe('Debian essentials in every Debian and Ubuntu based image', () => {
  // every catalogue image with dpkg: the Debian and Ubuntu families and the images built on them
  const dpkgImages = listImages()
    .map((row) => `${row.repository}:${row.tags[0] ?? 'latest'}`)
    .filter((ref) => runnable(load(ref), '/usr/bin/dpkg'));

  test('the images checked include each family built on Debian or Ubuntu', () => {
    const families = new Set(dpkgImages.map((ref) => ref.slice(0, ref.lastIndexOf(':'))));
    expect([...families].sort()).toEqual(['buildpack-deps', 'debian', 'eclipse-temurin', 'golang', 'httpd', 'nginx', 'node', 'php', 'python', 'rust', 'ubuntu']);
  });

  test.each(dpkgImages.filter((ref) => ref !== 'debian:bullseye-slim'))('%s', (ref) => {
    const image = load(ref);
    expect(DEBIAN_ESSENTIALS.filter((path) => !runnable(image, path))).toEqual([]);
    // /bin is a link to usr/bin, so the traditional paths work too
    expect(['/bin/dd', '/bin/sh', '/bin/ls', '/sbin/ldconfig'].filter((path) => !runnable(image, path))).toEqual([]);
  });

  test('bullseye keeps /bin and /usr/bin apart, as the .debs ship them', () => {
    const image = load('debian:bullseye-slim');
    expect(['/bin/dd', '/bin/mknod', '/bin/stty', '/bin/sh', '/bin/mount', '/bin/su', '/usr/bin/head', '/usr/bin/xargs', '/usr/bin/awk', '/sbin/ldconfig'].filter((path) => !runnable(image, path))).toEqual([]);
    expect(['/usr/bin/dd', '/usr/bin/mount', '/usr/sbin/ldconfig'].filter((path) => lstat(image.rootfs, AS_ROOT, path).ok)).toEqual([]);
  });

  test('setuid and setgid programs keep their modes, symlinks stay symlinks', () => {
    const image = load('debian:bookworm-slim');
    const mode = (path: string) => {
      const node = stat(image.rootfs, AS_ROOT, path);
      return node.ok && node.value.kind === 'file' ? `${node.value.mode.toString(8)} ${node.value.uid}:${node.value.gid} ${node.value.size}` : 'not a file';
    };
    expect(Object.fromEntries(['/usr/bin/su', '/usr/bin/passwd', '/usr/bin/mount', '/usr/bin/chage', '/usr/bin/dd'].map((p) => [p, mode(p)]))).toEqual({
      '/usr/bin/su': '4755 0:0 72000',
      '/usr/bin/passwd': '4755 0:0 68248',
      '/usr/bin/mount': '4755 0:0 59704',
      '/usr/bin/chage': '2755 0:42 80376',
      '/usr/bin/dd': '755 0:0 89240',
    });
    expect(lstat(image.rootfs, AS_ROOT, '/usr/bin/awk')).toMatchObject({ ok: true, value: { kind: 'symlink', target: '/etc/alternatives/awk' } });
    expect(lstat(image.rootfs, AS_ROOT, '/etc/alternatives/awk')).toMatchObject({ ok: true, value: { kind: 'symlink', target: '/usr/bin/mawk' } });
    expect(lstat(image.rootfs, AS_ROOT, '/usr/bin/dnsdomainname')).toMatchObject({ ok: true, value: { kind: 'symlink', target: 'hostname' } });
  });
});
