/**
 * BusyBox as a multi-call binary: which applet a link or `busybox NAME` runs, and dd's report.
 * "applet not found" lines were recorded from Debian 12's busybox 1.35 (`busybox nosuch`, `busybox
 * npm`, and symlinks `foo` and `npm` to it, with and without arguments). dd's third status line was recorded from
 * busybox built from mirror/busybox 371fe9f71 (the tree the images data cites) with DD,
 * FEATURE_DD_SIGNAL_HANDLING, FEATURE_DD_THIRD_STATUS_LINE and FEATURE_DD_STATUS set, as Alpine's
 * busyboxconfig and the busybox image's defconfig have them; its time and rate are the simulation's
 * steady 1 GB/s instead of the machine's (the recorded lines are quoted beside each case).
 */
import { describe, expect, test } from 'vitest';
import { loadBaseImage } from '../../../src/lib/images/index.ts';
import { NOT_SIMULATED_STATUS, runArgv, runShell } from '../../../src/lib/shell/index.ts';
import { AS_ROOT, emptyTree, symlink, writeFile, type DirNode } from '../../../src/lib/vfs/index.ts';
import { busyboxTree, gnuTree, PATH, ROOT, sh } from './fixtures.ts';

const rootfs = (ref: string): DirNode => {
  const image = loadBaseImage(ref);
  if (!image.ok) throw new Error(image.error.code);
  return image.value.rootfs;
};
const inImage = (ref: string, script: string): [number, string, string] => {
  const r = runShell(script, { fs: rootfs(ref), cred: ROOT, user: 'root', cwd: '/', env: { PATH } });
  return [r.exitCode, r.stdout, r.stderr];
};
const run = (script: string, fs: DirNode = busyboxTree()): [number, string, string] => {
  const r = sh(script, { fs });
  return [r.exitCode, r.stdout, r.stderr];
};
const notSimulated = (name: string, path: string): string =>
  `${name}: not simulated by Stagecraft (${path} is in the image, but the simulator has no implementation of it)`;

describe('an applet the image has but Stagecraft does not implement', () => {
  test.each([
    ['alpine:3.22', 'tree', '/usr/bin/tree'],
    ['alpine:3.22', 'stty', '/bin/stty'],
    ['node:22-alpine', 'less', '/usr/bin/less'],
    ['busybox:1.38', 'tree', '/bin/tree'],
    ['busybox:1.38', 'stty', '/bin/stty'],
  ])('%s: %s is "not simulated", 126, through PATH, by path and as `busybox %s`', (ref, name, path) => {
    expect(inImage(ref, `${name} /; echo "status $?"`)).toEqual([0, 'status 126\n', `/bin/sh: ${notSimulated(name, path)}\n`]);
    expect(inImage(ref, `${path} -a`)).toEqual([NOT_SIMULATED_STATUS, '', `/bin/sh: ${notSimulated(path, path)}\n`]);
    expect(inImage(ref, `busybox ${name} /`)).toEqual([NOT_SIMULATED_STATUS, '', `${notSimulated(name, path)}\n`]);
  });

  test('a link of the user\'s own with an applet\'s name runs that applet (or is "not simulated" like it)', () => {
    let fs = rootfs('alpine:3.22');
    for (const name of ['tree', 'cat']) {
      const made = symlink(fs, AS_ROOT, '/bin/busybox', `/usr/local/bin/${name}`);
      if (!made.ok) throw new Error(made.error.message);
      fs = made.value;
    }
    expect(run('tree; echo /etc/alpine-release | xargs cat', fs)).toEqual([0, '3.22.6\n', `/bin/sh: ${notSimulated('tree', '/usr/local/bin/tree')}\n`]);
  });
});

describe('a name that is not an applet of the build: BusyBox\'s "applet not found", 127 (recorded)', () => {
  test('busybox NAME', () => {
    expect(inImage('alpine:3.22', 'busybox nosuch')).toEqual([127, '', 'nosuch: applet not found\n']);
    // Alpine's build has no ar and no tsort; the busybox image's has both (not simulated there).
    expect(inImage('alpine:3.22', 'busybox tsort; busybox ar')).toEqual([127, '', 'tsort: applet not found\nar: applet not found\n']);
    expect(inImage('busybox:1.38', 'busybox tsort')).toEqual([NOT_SIMULATED_STATUS, '', `${notSimulated('tsort', '/bin/tsort')}\n`]);
  });

  test('a link to busybox by another name, whatever its arguments', () => {
    const fs = symlink(busyboxTree(), AS_ROOT, '/bin/busybox', '/usr/local/bin/foo');
    if (!fs.ok) throw new Error(fs.error.message);
    expect(run('foo; echo $?; foo ls /app; echo $?', fs.value)).toEqual([0, '127\n127\n', 'foo: applet not found\nfoo: applet not found\n']);
  });

  // recorded (Debian 12's busybox 1.35): `busybox npm`, `busybox npm install x` and a link `npm` to
  // busybox all print `npm: applet not found` and exit 127
  test('a program Stagecraft implements but the build has no applet for: busybox NAME', () => {
    expect(inImage('node:22-alpine', 'busybox npm install x; echo "status $?"; npm --version')).toEqual([0, 'status 127\n10.9.8\n', 'npm: applet not found\n']);
    expect(inImage('alpine:3.22', 'busybox bash -c "echo hi"')).toEqual([127, '', 'bash: applet not found\n']);
  });

  test('a program Stagecraft implements but the build has no applet for: a link to busybox by its name', () => {
    const fs = symlink(rootfs('alpine:3.22'), AS_ROOT, '/bin/busybox', '/usr/local/bin/npm');
    if (!fs.ok) throw new Error(fs.error.message);
    expect(run('npm --version; echo "status $?"', fs.value)).toEqual([0, 'status 127\n', 'npm: applet not found\n']);
  });

  test('implemented applets still run through busybox and through their links', () => {
    expect(run('busybox ls -d /app; /bin/ls -d /app; busybox echo hi')).toEqual([0, '/app\n/app\nhi\n', '']);
  });
});

describe('a busybox without applet links (its build unknown)', () => {
  test('a name Stagecraft lacks is "not simulated": the image cannot say it is not an applet', () => {
    const fs = writeFile(emptyTree(), AS_ROOT, '/busybox', { size: 1_000_000, mode: 0o755 });
    if (!fs.ok) throw new Error(fs.error.message);
    const r = runArgv(['/busybox', 'tree'], { fs: fs.value, cred: ROOT, user: 'root', cwd: '/', env: { PATH } });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([
      NOT_SIMULATED_STATUS,
      '',
      'tree: not simulated by Stagecraft (this image has no links to busybox, so which applets its busybox has is unknown)\n',
    ]);
  });
});

describe("BusyBox dd's third status line", () => {
  const report = (records: string, line: string): string => `${records} records in\n${records} records out\n${line}\n`;
  test.each([
    // recorded: 52428800 bytes (50.0MB) copied, 0.018526 seconds, 2.6GB/s
    ['bs=1M count=50', '50+0', '52428800 bytes (50.0MB) copied, 0.052429 seconds, 953.7MB/s'],
    // recorded: 3072 bytes (3.0KB) copied, 0.001409 seconds, 2.1MB/s
    ['bs=1k count=3', '3+0', '3072 bytes (3.0KB) copied, 0.000003 seconds, 953.7MB/s'],
    // recorded: 1023 bytes (1023B) copied, 0.000775 seconds, 1.3MB/s
    ['bs=1023 count=1', '1+0', '1023 bytes (1023B) copied, 0.000001 seconds, 953.7MB/s'],
    // recorded: 1048575 bytes (1024.0KB) copied, ... (the tenth rounds up into the next whole)
    ['bs=1048575 count=1', '1+0', '1048575 bytes (1024.0KB) copied, 0.001049 seconds, 953.7MB/s'],
    // recorded: 1572864000 bytes (1.5GB) copied, 4.486673 seconds, 334.3MB/s
    ['bs=1M count=1500', '1500+0', '1572864000 bytes (1.5GB) copied, 1.572864 seconds, 953.7MB/s'],
  ])('dd if=/dev/zero %s', (operands, records, line) => {
    expect(run(`dd if=/dev/zero of=/big ${operands}`)).toEqual([0, '', report(records, line)]);
  });

  test('no bytes: 0B/s (recorded: 0 bytes (0B) copied, 0.000246 seconds, 0B/s); text input counts its bytes', () => {
    expect(run(": | dd of=/tmp/empty; printf 'hello\\n' | dd of=/tmp/hello; cat /tmp/hello")).toEqual([
      0,
      'hello\n',
      report('0+0', '0 bytes (0B) copied, 0.000000 seconds, 0B/s') + report('0+1', '6 bytes (6B) copied, 0.000000 seconds, 953.7MB/s'),
    ]);
  });

  test('status=noxfer keeps only the records lines, in both flavours (recorded); status=none prints nothing', () => {
    const script = 'dd if=/dev/zero of=/big bs=1k count=3 status=noxfer; dd if=/dev/zero of=/big bs=1k count=3 status=none';
    expect(run(script)).toEqual([0, '', '3+0 records in\n3+0 records out\n']);
    expect(run(script, gnuTree())).toEqual([0, '', '3+0 records in\n3+0 records out\n']);
  });
});
