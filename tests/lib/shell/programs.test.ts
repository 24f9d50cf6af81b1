/** The real programs over the vfs, in BusyBox's and GNU's words. */
import { describe, expect, test } from 'vitest';
import { AS_ROOT, mkdir, writeFile } from '../../../src/lib/vfs/index.ts';
import { busyboxTree, gnuTree, sh, type RunSpec } from './fixtures.ts';

const run = (script: string, spec: RunSpec = {}): [number, string, string] => {
  const r = sh(script, spec);
  return [r.exitCode, r.stdout, r.stderr];
};
const gnu = (script: string, spec: RunSpec = {}): [number, string, string] => run(script, { fs: gnuTree(), ...spec });
const bb = (script: string, spec: RunSpec = {}): [number, string, string] => run(script, { fs: busyboxTree(), ...spec });

describe('files', () => {
  test('mkdir -p, touch, redirection and ls -R', () => {
    expect(bb('mkdir -p /app/a/b && touch /app/a/b/f && echo x > /app/a/g && ls -R /app')).toEqual([0, '/app:\na\n\n/app/a:\nb\ng\n\n/app/a/b:\nf\n', '']);
  });
  test('mkdir -m sets the mode exactly', () => {
    expect(bb('mkdir -m 700 /app/p && stat -c "%a %U %n" /app/p')).toEqual([0, '700 root /app/p\n', '']);
  });
  test('mkdir of an existing directory', () => {
    expect(gnu('mkdir /app/q /app/q')).toEqual([1, '', "mkdir: cannot create directory '/app/q': File exists\n"]);
    expect(bb('mkdir /app/q /app/q')).toEqual([1, '', "mkdir: can't create directory '/app/q': File exists\n"]);
  });
  test('cp, cp -r, mv', () => {
    expect(bb('echo hi > /app/f && cp /app/f /app/g && cp -r /app /tmp/copy && ls /tmp/copy && mv /app/g /app/h && ls /app')).toEqual([0, 'f\ng\nf\nh\n', '']);
  });
  test('cp into a directory keeps the name; cp of a directory needs -r', () => {
    expect(gnu('mkdir /app/d; echo x > /app/f; cp /app/f /app/d; cat /app/d/f; cp /app/d /tmp')).toEqual([1, 'x\n', "cp: -r not specified; omitting directory '/app/d'\n"]);
    expect(bb('mkdir /app/d; cp /app/d /tmp')).toEqual([1, '', "cp: omitting directory '/app/d'\n"]);
    expect(gnu('cp /nope /tmp')).toEqual([1, '', "cp: cannot stat '/nope': No such file or directory\n"]);
  });
  test('ln -s, ls -l of a link, readlink, cat through it', () => {
    expect(bb('echo hi > /app/f; ln -s /app/f /app/l; ls -l /app; readlink /app/l; cat /app/l')).toEqual([
      0,
      'total 4\n-rw-r--r--    1 root     root             3 Jan  1 00:00 f\nlrwxrwxrwx    1 root     root             6 Jan  1 00:00 l -> /app/f\n/app/f\nhi\n',
      '',
    ]);
  });
  test('ls -l in GNU columns', () => {
    expect(gnu('echo hi > /app/f; mkdir /app/d; ls -l /app')).toEqual([
      0, 'total 8\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 d\n-rw-r--r-- 1 root root    3 Jan  1 00:00 f\n', '',
    ]);
  });
  test('ls -la shows . and .., owners from /etc/passwd', () => {
    expect(bb('ls -la /home')).toEqual([
      0,
      'total 12\ndrwxr-xr-x    3 root     root          4096 Jan  1 00:00 .\ndrwxr-xr-x   10 root     root          4096 Jan  1 00:00 ..\ndrwxr-xr-x    2 node     node          4096 Jan  1 00:00 node\n',
      '',
    ]);
  });
  test('ln -s onto an existing name, and -sf', () => {
    expect(gnu('ln -s /app/f /app/l; ln -s /app/f /app/l')).toEqual([1, '', "ln: failed to create symbolic link '/app/l': File exists\n"]);
    expect(bb('ln -s /app/f /app/l; ln -s /app/f /app/l')).toEqual([1, '', 'ln: /app/l: File exists\n']);
    expect(bb('ln -s /app/f /app/l; ln -sf /app/x /app/l; readlink /app/l')).toEqual([0, '/app/x\n', '']);
  });
  test('rm: missing files, -f, directories, -rf, and /', () => {
    expect(gnu('rm /nope; rm -f /nope; echo $?')).toEqual([0, '0\n', "rm: cannot remove '/nope': No such file or directory\n"]);
    expect(bb('rm /nope')).toEqual([1, '', "rm: can't remove '/nope': No such file or directory\n"]);
    expect(gnu('mkdir /app/d; rm /app/d')).toEqual([1, '', "rm: cannot remove '/app/d': Is a directory\n"]);
    expect(bb('mkdir /app/d; rm /app/d')).toEqual([1, '', "rm: '/app/d' is a directory\n"]);
    expect(bb('mkdir -p /app/d/e; touch /app/d/e/f; rm -rf /app/d; ls -a /app')).toEqual([0, '.\n..\n', '']);
    expect(gnu('rm -rf /')).toEqual([1, '', "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"]);
  });
  test('chmod octal, symbolic and -R with X', () => {
    expect(bb('touch /app/f; chmod 755 /app/f; chmod g+w,o-r /app/f; stat -c %a /app/f; chmod -R u=rwX,go=rX /app; stat -c "%a %A" /app /app/f')).toEqual([
      0, '771\n755 drwxr-xr-x\n755 -rwxr-xr-x\n', '',
    ]);
    expect(bb('touch /app/f; chmod +x /app/f; stat -c %a /app/f; chmod u+s,+t /app/f; stat -c %A /app/f')).toEqual([0, '755\n-rwsr-xr-t\n', '']);
    expect(gnu('chmod 755 /nope')).toEqual([1, '', "chmod: cannot access '/nope': No such file or directory\n"]);
  });
  test('chown user:group, numeric ids, -R, unknown users', () => {
    expect(bb('touch /app/f; chown node:node /app/f; ls -ln /app; chown -R 1000 /app; stat -c "%U:%G %u" /app')).toEqual([
      0, 'total 0\n-rw-r--r--    1 1000     1000             0 Jan  1 00:00 f\nnode:root 1000\n', '',
    ]);
    expect(gnu('chown node: /app; stat -c %U:%G /app; chgrp root /app; stat -c %G /app')).toEqual([0, 'node:node\nroot\n', '']);
    expect(gnu('chown nobody /app')).toEqual([1, '', "chown: invalid user: 'nobody'\n"]);
    expect(bb('chown nobody /app')).toEqual([1, '', 'chown: unknown user nobody\n']);
  });
  test('find -name, -type, -maxdepth, -delete, -exec', () => {
    expect(bb('mkdir -p /app/x/y; touch /app/x/a.txt /app/x/y/b.txt /app/x/y/c.md; find /app -name "*.txt"; find /app -type d; find /app -maxdepth 1; find /app/x -name "*.md" -delete; ls /app/x/y')).toEqual([
      0, '/app/x/a.txt\n/app/x/y/b.txt\n/app\n/app/x\n/app/x/y\n/app\n/app/x\nb.txt\n', '',
    ]);
    expect(bb('mkdir -p /app/x; touch /app/x/a /app/x/b; find /app/x -type f -exec echo file {} \\;; find /app/x -type f -exec echo all {} +')).toEqual([
      0, 'file /app/x/a\nfile /app/x/b\nall /app/x/a /app/x/b\n', '',
    ]);
  });
  test('tar czf then tzf and xzf -C keep contents and names', () => {
    expect(bb('mkdir -p /app/src; echo hi > /app/src/a; tar -czf /tmp/a.tgz -C /app src; tar -tzf /tmp/a.tgz; mkdir /out; tar xzf /tmp/a.tgz -C /out; cat /out/src/a')).toEqual([
      0, 'src/\nsrc/a\nhi\n', '',
    ]);
    expect(bb('mkdir -p /app/src; echo hi > /app/src/a; cd /app && tar cf /tmp/a.tar src && mkdir /o && tar -xf /tmp/a.tar -C /o --strip-components=1 && ls /o')).toEqual([0, 'a\n', '']);
  });
  test('rm of dir/* takes the unlisted bulk too; naming one file does not', () => {
    const made = mkdir(busyboxTree(), AS_ROOT, '/usr/share/doc', { parents: true, summary: { files: 100, bytes: 2_000_000 } });
    if (!made.ok) throw new Error(made.error.message);
    const written = writeFile(made.value, AS_ROOT, '/usr/share/doc/README', { content: 'x' });
    if (!written.ok) throw new Error(written.error.message);
    expect(run('rm -f /usr/share/doc/README; du -s /usr/share/doc; rm -rf /usr/share/doc/*; du -s /usr/share/doc', { fs: written.value })).toEqual([
      0, '1958\t/usr/share/doc\n4\t/usr/share/doc\n', '',
    ]);
    expect(run('rm -rf /usr/share/doc/*; du -s /usr/share/doc', { fs: made.value })).toEqual([0, '4\t/usr/share/doc\n', '']);
  });
  test('tar x of an archive with no listing lands as labelled bulk', () => {
    const r = sh('echo > /tmp/x; tar xzf /tmp/x -C /app; du -s /app', { fs: busyboxTree() });
    expect(r.exitCode).toBe(0);
    expect(r.effects).toEqual([{ by: 'tar x', summary: 'extracted /tmp/x into /app as 1 bytes of unlisted files (the archive\'s contents are not simulated)', paths: ['/app'], bytes: 1 }]);
  });
  test('du -s, -sh and per-directory', () => {
    expect(gnu('mkdir -p /app/d; printf "%1000s" x > /app/d/f; du -sh /app; du -s /app; du /app')).toEqual([0, '12K\t/app\n12\t/app\n8\t/app/d\n12\t/app\n', '']);
    expect(bb('mkdir -p /app/d; printf "%1000s" x > /app/d/f; du -sh /app')).toEqual([0, '12.0K\t/app\n', '']);
  });
  test('stat -c formats', () => {
    expect(bb('ln -s /etc/passwd /tmp/p; stat -c "%n %s %a %A %u %U %g %G %F" /etc/passwd /tmp /tmp/p')).toEqual([
      0,
      '/etc/passwd 67 644 -rw-r--r-- 0 root 0 root regular file\n/tmp 4096 1777 drwxrwxrwt 0 root 0 root directory\n/tmp/p 11 777 lrwxrwxrwx 0 root 0 root symbolic link\n',
      '',
    ]);
  });
  test('install -d / -D with mode and owner', () => {
    expect(gnu('install -d -m 750 -o node /app/data && stat -c "%a %U" /app/data; echo x > /tmp/s && install -D -m 755 /tmp/s /opt/bin/s && stat -c "%a %U %n" /opt/bin/s')).toEqual([
      0, '750 node\n755 root /opt/bin/s\n', '',
    ]);
  });
  test('mktemp names are deterministic and never taken', () => {
    expect(bb('mktemp; mktemp; mktemp -d; mktemp /tmp/build.XXXX; stat -c %a /tmp/tmp.0000000002')).toEqual([
      0, '/tmp/tmp.0000000000\n/tmp/tmp.0000000001\n/tmp/tmp.0000000002\n/tmp/build.0000\n700\n', '',
    ]);
  });
  test('readlink -f and realpath resolve links', () => {
    expect(bb('ln -s /etc /tmp/e; readlink -f /tmp/e/passwd; realpath /tmp/e/../tmp')).toEqual([0, '/etc/passwd\n/tmp\n', '']);
  });
});

describe('text', () => {
  test('cat of missing files', () => {
    expect(gnu('cat /nope')).toEqual([1, '', 'cat: /nope: No such file or directory\n']);
    expect(bb('cat /nope')).toEqual([1, '', "cat: can't open '/nope': No such file or directory\n"]);
  });
  test('wc columns', () => {
    expect(gnu('printf "a\\nb\\nc\\n" > /tmp/f; wc -l /tmp/f; wc -c < /tmp/f; wc /tmp/f')).toEqual([0, '3 /tmp/f\n6\n3 3 6 /tmp/f\n', '']);
    expect(bb('printf "a\\nb\\nc\\n" > /tmp/f; wc -l /tmp/f; wc /tmp/f')).toEqual([0, '3 /tmp/f\n        3         3         6 /tmp/f\n', '']);
  });
  test('grep -n -c -q, missing files', () => {
    expect(bb('printf "one\\ntwo\\n" > /tmp/f; grep -n o /tmp/f; grep -c t /tmp/f; grep -q zz /tmp/f; echo $?; grep x /nope; echo $?')).toEqual([
      0, '1:one\n2:two\n1\n1\n2\n', 'grep: /nope: No such file or directory\n',
    ]);
  });
  test('grep -r names files; -rl without an operand searches .', () => {
    expect(bb('mkdir -p /app/src; echo "TODO a" > /app/src/a; echo b > /app/src/b; grep -r TODO /app; cd /app && grep -rl TODO')).toEqual([
      0, '/app/src/a:TODO a\nsrc/a\n', '',
    ]);
  });
  test('grep -i -v -E -w -x -o', () => {
    expect(bb('printf "Foo\\nbar\\nfoobar\\n" | grep -i foo; printf "a\\nb\\n" | grep -v a; printf "x1\\nxy\\n" | grep -E "x[0-9]+$"; echo "foo food" | grep -ow foo; printf "ab\\nabc\\n" | grep -x ab')).toEqual([
      0, 'Foo\nfoobar\nb\nx1\nfoo\nab\n', '',
    ]);
  });
  test('sed -i edits files in place, with a backup suffix', () => {
    expect(bb('echo "name=old" > /tmp/c; sed -i "s/old/new/" /tmp/c; cat /tmp/c; sed -i.bak -e "s/new/newer/" /tmp/c; cat /tmp/c /tmp/c.bak')).toEqual([
      0, 'name=new\nname=newer\nname=new\n', '',
    ]);
  });
  test('sed -n p, ranges, groups, a/i', () => {
    expect(bb(`printf 'l1\\nl2\\nl3\\n' | sed -n '2,3p'; printf 'k=v\\n' | sed -E 's/(.*)=(.*)/\\2=\\1/'; printf 'a\\n' | sed '1i\\\nbefore' ; printf 'a\\n' | sed '$a after'`)).toEqual([
      0, 'l2\nl3\nv=k\nbefore\na\na\nafter\n', '',
    ]);
  });
  test('sort, uniq, tr, cut, head, tail', () => {
    expect(bb('printf "b\\na\\nb\\n" | sort | uniq -c; echo hello | tr a-z A-Z; echo "a:b:c" | cut -d: -f2-; seq 10 | head -3; seq 10 | tail -n 2; seq 5 | tail -n +4')).toEqual([
      0, '      1 a\n      2 b\nHELLO\nb:c\n1\n2\n3\n9\n10\n4\n5\n', '',
    ]);
  });
  test('tee writes files and stdout', () => {
    expect(bb('echo x | tee /tmp/a /tmp/b; cat /tmp/a /tmp/b')).toEqual([0, 'x\nx\nx\n', '']);
  });
  test('xargs: default echo, -n, -I', () => {
    expect(bb('printf "1\\n2\\n" | xargs; echo a b c | xargs -n 1 echo x; seq 2 | xargs -I{} echo item {}')).toEqual([
      0, '1 2\nx a\nx b\nx c\nitem 1\nitem 2\n', '',
    ]);
  });
  test('xargs reports a program it cannot run', () => {
    expect(gnu('echo a | xargs nope')).toEqual([127, '', "xargs: 'nope': No such file or directory\n"]);
    expect(bb('echo a | xargs nope')).toEqual([127, '', "xargs: can't execute 'nope': No such file or directory\n"]);
  });
});

describe('dd and truncate', () => {
  test('dd from /dev/zero makes a file of that size, reported as GNU dd reports (at a steady 1 GB/s)', () => {
    expect(gnu('dd if=/dev/zero of=/big.bin bs=1M count=50; ls -l /big.bin; du -sh /big.bin')).toEqual([
      0,
      '-rw-r--r-- 1 root root 52428800 Jan  1 00:00 /big.bin\n50M\t/big.bin\n',
      '50+0 records in\n50+0 records out\n52428800 bytes (52 MB, 50 MiB) copied, 0.0524288 s, 1.0 GB/s\n',
    ]);
    expect(bb('dd if=/dev/zero of=/big.bin bs=1k count=3; stat -c %s /big.bin')).toEqual([0, '3072\n', '3+0 records in\n3+0 records out\n3072 bytes (3.0KB) copied, 0.000003 seconds, 953.7MB/s\n']);
  });
  test('dd copies text, and refuses an endless input without count', () => {
    expect(gnu('echo hello | dd of=/tmp/b status=none; cat /tmp/b; dd if=/nope of=/tmp/x')).toEqual([1, 'hello\n', "dd: failed to open '/nope': No such file or directory\n"]);
    expect(bb('dd if=/dev/zero of=/x')).toEqual([1, '', 'dd: reading /dev/zero without count= never ends (Stagecraft stops here)\n']);
  });
  test('truncate shrinks text and grows to a declared size', () => {
    expect(gnu('echo abc > /f; truncate -s 1 /f; cat /f; echo; truncate -s 10M /g; stat -c %s /g')).toEqual([0, 'a\n10485760\n', '']);
  });
});

describe('sha256sum', () => {
  test('real digests of text; -c checks them', () => {
    expect(bb('printf "" | sha256sum; echo hello > /tmp/h; sha256sum /tmp/h; echo "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  /tmp/h" | sha256sum -c -; echo "$(printf "%064d" 0)  /tmp/h" | sha256sum -c; echo $?')).toEqual([
      0,
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -\n5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  /tmp/h\n/tmp/h: OK\n/tmp/h: FAILED\n1\n',
      'sha256sum: WARNING: 1 computed checksum did NOT match\n',
    ]);
  });
  test('a file with only a size passes -c as a labelled simulated effect, and has no sum to print', () => {
    const written = writeFile(busyboxTree(), AS_ROOT, '/tmp/dl', { size: 5000, origin: { simulated: true, by: 'curl' } });
    if (!written.ok) throw new Error(written.error.message);
    const r = sh('echo "$(printf "%064d" 0)  /tmp/dl" | sha256sum -c -; sha256sum /tmp/dl', { fs: written.value });
    expect([r.exitCode, r.stdout, r.stderr, r.effects]).toEqual([
      1, '/tmp/dl: OK\n', 'sha256sum: /tmp/dl: not simulated by Stagecraft (the file has a size but no bytes to hash)\n',
      [{ by: 'sha256sum -c', summary: 'accepted /tmp/dl without hashing it: it has no bytes in the simulation (simulated)', paths: ['/tmp/dl'] }],
    ]);
  });
});

describe('system', () => {
  test('id and whoami as root and as node', () => {
    expect(bb('id; whoami')).toEqual([0, 'uid=0(root) gid=0(root) groups=0(root)\nroot\n', '']);
    expect(bb('id; whoami; id -u; id -un; id -G', { as: 'node' })).toEqual([0, 'uid=1000(node) gid=1000(node) groups=1000(node)\nnode\n1000\nnode\n1000\n', '']);
    expect(bb('id node')).toEqual([0, 'uid=1000(node) gid=1000(node) groups=1000(node)\n', '']);
  });
  test('env, printenv, env -i, env VAR=x cmd', () => {
    expect(bb('env | sort; printenv HOME; env -i FOO=1 env; env A=b sh -c "echo \\$A"')).toEqual([
      0, 'HOME=/root\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nPWD=/\n/root\nFOO=1\nb\n', '',
    ]);
  });
  test('date reads the injected clock', () => {
    expect(bb('date; date +%Y-%m-%dT%H:%M:%S; date -u +%s', { now: Date.UTC(2025, 5, 15, 8, 30, 5) })).toEqual([
      0, 'Sun Jun 15 08:30:05 UTC 2025\n2025-06-15T08:30:05\n1749976205\n', '',
    ]);
  });
  test('hostname and uname', () => {
    expect(gnu('hostname; uname; uname -m; uname -a')).toEqual([
      0, 'buildkitsandbox\nLinux\nx86_64\nLinux buildkitsandbox 6.10.14-linuxkit #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n', '',
    ]);
  });
  test('which, basename, dirname, seq, sleep', () => {
    expect(bb('which ls sh nope; echo $?; basename /a/b/; basename /a/b.txt .txt; dirname /a/b/; dirname x; seq -s, 1 3; sleep 5; echo slept')).toEqual([
      0, '/bin/ls\n/bin/sh\n1\nb\nb\n/a\n.\n1,2,3\nslept\n', '',
    ]);
  });
  test('ls of a missing path', () => {
    expect(gnu('ls /nope')).toEqual([2, '', "ls: cannot access '/nope': No such file or directory\n"]);
    expect(bb('ls /nope')).toEqual([1, '', 'ls: /nope: No such file or directory\n']);
  });
});
