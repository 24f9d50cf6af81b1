/**
 * File programs against the real ones, run as root in an empty /tmp/ft: GNU coreutils 9.1 and
 * findutils 4.9 under dash (Debian bookworm), and BusyBox 1.35's applets under its ash. Each row is
 * [script, [status, stdout, stderr] with GNU, [status, stdout, stderr] with BusyBox].
 */
import { describe, expect, test } from 'vitest';
import { busyboxTree, gnuTree, sh } from './fixtures.ts';

type Observed = [status: number, stdout: string, stderr: string];

const RECORDED: [script: string, gnu: Observed, busybox: Observed][] = [
  ["mkdir -p a/b/c && ls -R a", [0, "a:\nb\n\na/b:\nc\n\na/b/c:\n", ""], [0, "a:\nb\n\na/b:\nc\n\na/b/c:\n", ""]],
  ["mkdir a a", [1, "", "mkdir: cannot create directory 'a': File exists\n"], [1, "", "mkdir: can't create directory 'a': File exists\n"]],
  ["mkdir x/y", [1, "", "mkdir: cannot create directory 'x/y': No such file or directory\n"], [1, "", "mkdir: can't create directory 'x/y': No such file or directory\n"]],
  ["touch f && ls", [0, "f\n", ""], [0, "f\n", ""]],
  ["touch nodir/f", [1, "", "touch: cannot touch 'nodir/f': No such file or directory\n"], [1, "", "touch: nodir/f: No such file or directory\n"]],
  ["echo hi > f && cp f g && cat g", [0, "hi\n", ""], [0, "hi\n", ""]],
  ["cp missing g", [1, "", "cp: cannot stat 'missing': No such file or directory\n"], [1, "", "cp: can't stat 'missing': No such file or directory\n"]],
  ["mkdir d && cp d e", [1, "", "cp: -r not specified; omitting directory 'd'\n"], [1, "", "cp: omitting directory 'd'\n"]],
  ["mkdir d && touch d/f && cp -r d e && ls e", [0, "f\n", ""], [0, "f\n", ""]],
  ["echo x > f && mkdir d && cp f d && ls d", [0, "f\n", ""], [0, "f\n", ""]],
  ["touch a b && mkdir d && cp a b d && ls d", [0, "a\nb\n", ""], [0, "a\nb\n", ""]],
  ["touch a b && cp a b c", [1, "", "cp: target 'c': No such file or directory\n"], [1, "", "cp: can't create 'c/a': No such file or directory\ncp: can't create 'c/b': No such file or directory\n"]],
  ["mv missing x", [1, "", "mv: cannot stat 'missing': No such file or directory\n"], [1, "", "mv: can't rename 'missing': No such file or directory\n"]],
  ["touch a && mv a b && ls", [0, "b\n", ""], [0, "b\n", ""]],
  ["touch a && mkdir d && mv a d && ls d", [0, "a\n", ""], [0, "a\n", ""]],
  ["rm missing", [1, "", "rm: cannot remove 'missing': No such file or directory\n"], [1, "", "rm: can't remove 'missing': No such file or directory\n"]],
  ["rm -f missing; echo $?", [0, "0\n", ""], [0, "0\n", ""]],
  ["mkdir d && rm d", [1, "", "rm: cannot remove 'd': Is a directory\n"], [1, "", "rm: 'd' is a directory\n"]],
  ["mkdir -p d/e && rm -r d && ls", [0, "", ""], [0, "", ""]],
  ["rmdir missing", [1, "", "rmdir: failed to remove 'missing': No such file or directory\n"], [1, "", "rmdir: 'missing': No such file or directory\n"]],
  ["mkdir -p d/e && rmdir d", [1, "", "rmdir: failed to remove 'd': Directory not empty\n"], [1, "", "rmdir: 'd': Directory not empty\n"]],
  ["ln -s target link && readlink link && ls", [0, "target\nlink\n", ""], [0, "target\nlink\n", ""]],
  ["ln -s t l && ln -s t l", [1, "", "ln: failed to create symbolic link 'l': File exists\n"], [1, "", "ln: l: File exists\n"]],
  ["ln -s t l && ln -sf u l && readlink l", [0, "u\n", ""], [0, "u\n", ""]],
  ["touch f && chmod 600 f && stat -c %a f", [0, "600\n", ""], [0, "600\n", ""]],
  ["touch f && chmod u+x,g+w f && stat -c %a f", [0, "764\n", ""], [0, "764\n", ""]],
  ["touch f && chmod a-r f && stat -c %A f", [0, "--w-------\n", ""], [0, "--w-------\n", ""]],
  ["mkdir d && chmod 700 d && stat -c %A d", [0, "drwx------\n", ""], [0, "drwx------\n", ""]],
  ["chmod 755 missing", [1, "", "chmod: cannot access 'missing': No such file or directory\n"], [1, "", "chmod: missing: No such file or directory\n"]],
  ["touch f && chmod xyz f", [1, "", "chmod: invalid mode: 'xyz'\nTry 'chmod --help' for more information.\n"], [1, "", "chmod: invalid mode 'xyz'\n"]],
  ["mkdir -p d/e && touch d/e/f && chmod -R g+w d && stat -c %a d d/e d/e/f", [0, "775\n775\n664\n", ""], [0, "775\n775\n664\n", ""]],
  ["touch f && chown 1000:1000 f && stat -c '%u %g' f", [0, "1000 1000\n", ""], [0, "1000 1000\n", ""]],
  ["touch f && chown nosuchuser f", [1, "", "chown: invalid user: 'nosuchuser'\n"], [1, "", "chown: unknown user nosuchuser\n"]],
  ["mkdir -p d/e && touch d/f d/e/g && find d | sort", [0, "d\nd/e\nd/e/g\nd/f\n", ""], [0, "d\nd/e\nd/e/g\nd/f\n", ""]],
  ["mkdir -p d/e && touch d/f d/e/g && find d -type f | sort", [0, "d/e/g\nd/f\n", ""], [0, "d/e/g\nd/f\n", ""]],
  ["mkdir -p d/e && touch d/f.txt d/e/g.txt d/h && find d -name '*.txt' | sort", [0, "d/e/g.txt\nd/f.txt\n", ""], [0, "d/e/g.txt\nd/f.txt\n", ""]],
  ["mkdir -p d/e && touch d/f && find d -maxdepth 1 | sort", [0, "d\nd/e\nd/f\n", ""], [0, "d\nd/e\nd/f\n", ""]],
  ["find missing", [1, "", "find: 'missing': No such file or directory\n"], [1, "", "find: missing: No such file or directory\n"]],
  ["mkdir d && touch d/a d/b && find d -type f -exec echo got {} \\; | sort", [0, "got d/a\ngot d/b\n", ""], [0, "got d/a\ngot d/b\n", ""]],
  ["ls missing", [2, "", "ls: cannot access 'missing': No such file or directory\n"], [1, "", "ls: missing: No such file or directory\n"]],
  ["mkdir d && touch d/b d/a d/.h && ls d && ls -a d && ls -A d", [0, "a\nb\n.\n..\n.h\na\nb\n.h\na\nb\n", ""], [0, "a\nb\n.\n..\n.h\na\nb\n.h\na\nb\n", ""]],
  ["mkdir d && touch d/f && ls -d d", [0, "d\n", ""], [0, "d\n", ""]],
  ["mkdir d && ls -1 d", [0, "", ""], [0, "", ""]],
  ["mkdir -p s/t && echo hi > s/t/f && tar cf x.tar s && tar tf x.tar && mkdir o && tar xf x.tar -C o && cat o/s/t/f", [0, "s/\ns/t/\ns/t/f\nhi\n", ""], [0, "s/\ns/t/\ns/t/f\nhi\n", ""]],
  ["tar xf missing.tar", [2, "", "tar: missing.tar: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n"], [1, "", "tar: can't open 'missing.tar': No such file or directory\n"]],
  ["echo hi > f && test -f f && test -s f && test ! -d f && echo ok", [0, "ok\n", ""], [0, "ok\n", ""]],
  ["test -e missing; echo $?", [0, "1\n", ""], [0, "1\n", ""]],
  ["[ -d . ] && [ -x . ] && echo dir", [0, "dir\n", ""], [0, "dir\n", ""]],
  ["readlink -f .", [0, "/tmp/ft\n", ""], [0, "/tmp/ft\n", ""]],
  ["realpath missing-but-parent-exists", [0, "/tmp/ft/missing-but-parent-exists\n", ""], [1, "", "realpath: missing-but-parent-exists: No such file or directory\n"]],
  ["stat -c '%n %F' .", [0, ". directory\n", ""], [0, ". directory\n", ""]],
  ["echo abc > f && stat -c '%s' f", [0, "4\n", ""], [0, "4\n", ""]],
  ["du -s missing", [1, "", "du: cannot access 'missing': No such file or directory\n"], [1, "", "du: missing: No such file or directory\n"]],
  ["pwd", [0, "/tmp/ft\n", ""], [0, "/tmp/ft\n", ""]],
];

const inScratch = (script: string): string => `rm -rf /tmp/ft; mkdir /tmp/ft; cd /tmp/ft; ${script}`;

describe('GNU', () => {
  test.each(RECORDED)('%s', (script, gnu) => {
    const r = sh(inScratch(script), { fs: gnuTree() });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual(gnu);
  });
});

describe('BusyBox', () => {
  test.each(RECORDED)('%s', (script, _gnu, busybox) => {
    const r = sh(inScratch(script), { fs: busyboxTree() });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual(busybox);
  });
});
