import { describe, expect, test } from 'vitest';
import { aptSize } from '../../../../src/lib/shell/programs/simulated/apt-get.ts';
import { bytesAt, makeTree, nodeAt, run, textAt } from './harness.ts';

const debian = () => makeTree({ files: { '/etc/debian_version': '12.9\n' }, dirs: ['/var/lib/apt/lists/partial', '/var/lib/dpkg', '/var/cache/apt/archives/partial'] });
const LISTS_BYTES = 34770 + 763339 + 55403 + 11648 + 151075 + 18840233;

describe('apt-get update', () => {
  test('writes the package lists, which cost their bytes until removed', () => {
    const r = run(debian(), ['apt-get', 'update']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Get:1 http://deb.debian.org/debian-security bookworm-security InRelease [34.8 kB]',
        'Get:2 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [763 kB]',
        'Get:3 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]',
        'Get:4 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [11.6 kB]',
        'Get:5 http://deb.debian.org/debian bookworm InRelease [151 kB]',
        'Get:6 http://deb.debian.org/debian bookworm/main amd64 Packages [18.8 MB]',
        'Fetched 19.9 MB in 1s (19.9 MB/s)',
        'Reading package lists...',
        '',
      ].join('\n'),
    );
    expect(bytesAt(r.fs, '/var/lib/apt/lists')).toBe(LISTS_BYTES);
    expect(r.effects).toEqual([
      { by: 'apt-get update', summary: 'downloaded the package lists into /var/lib/apt/lists (19.9 MB) (simulated)', bytes: LISTS_BYTES },
    ]);
  });

  test('as a non-root user it cannot lock the lists directory', () => {
    const r = run(debian(), ['apt-get', 'update'], { cred: { uid: 1000, gid: 1000, groups: [] } });
    expect(r.status).toBe(100);
    expect(r.stderr).toBe('E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n');
  });
});

describe('apt-get install', () => {
  test('without apt-get update the package cannot be located', () => {
    const r = run(debian(), ['apt-get', 'install', '-y', 'curl']);
    expect(r.status).toBe(100);
    expect(r.stdout).toBe('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
    expect(r.stderr).toBe('E: Unable to locate package curl\n');
    expect(nodeAt(r.fs, '/usr/bin/curl')).toBeUndefined();
  });

  test('after update it installs the package, its dependencies and recommends', () => {
    const updated = run(debian(), ['apt-get', 'update']).fs;
    const r = run(updated, ['apt-get', 'install', '-y', 'curl']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('The following NEW packages will be installed:\n');
    expect(r.stdout).toContain('0 upgraded, 22 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(r.stdout).toContain('Setting up curl (7.88.1-10+deb12u15) ...\n');
    expect(nodeAt(r.fs, '/usr/bin/curl')).toMatchObject({ kind: 'file', mode: 0o755, origin: { simulated: true, by: 'apt-get install' } });
    expect(textAt(r.fs, '/var/lib/dpkg/status')).toContain('Package: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1-10+deb12u15\nInstalled-Size: 489\n');
  });

  test('--no-install-recommends installs fewer packages and names the ones left out', () => {
    const updated = run(debian(), ['apt-get', 'update']).fs;
    const lean = run(updated, ['apt-get', 'install', '-y', '--no-install-recommends', 'curl']);
    expect(lean.stdout).toContain('0 upgraded, 16 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(lean.stdout).toContain('Recommended packages:\n');
    const full = run(updated, ['apt-get', 'install', '-y', 'curl']);
    expect(bytesAt(lean.fs, '/usr')).toBeLessThan(bytesAt(full.fs, '/usr'));
  });

  test('prints what apt-get prints in a build, and adds the Installed-Size bytes', () => {
    const updated = run(debian(), ['apt-get', 'update']).fs;
    const r = run(updated, ['apt-get', 'install', '-y', '--no-install-recommends', 'make']);
    expect(r.stdout).toBe(
      [
        'Reading package lists...',
        'Building dependency tree...',
        'Reading state information...',
        'The following NEW packages will be installed:',
        '  make',
        '0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.',
        'Need to get 396 kB of archives.',
        'After this operation, 1630 kB of additional disk space will be used.',
        'Get:1 http://deb.debian.org/debian bookworm/main amd64 make amd64 4.3-4.1 [396 kB]',
        'Fetched 396 kB in 1s (396 kB/s)',
        'Selecting previously unselected package make.',
        'Preparing to unpack .../make_4.3-4.1_amd64.deb ...',
        'Unpacking make (4.3-4.1) ...',
        'Setting up make (4.3-4.1) ...',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('debconf: delaying package configuration, since apt-utils is not installed\n');
    expect(r.effects[0]?.bytes).toBe(1592 * 1024);
  });

  test('an image that has the program (but no dpkg database) counts the package and its dependencies as installed', () => {
    const tree = makeTree({ files: { '/etc/debian_version': '12.9\n', '/usr/bin/python3.11': 6_000_000 }, links: { '/usr/bin/python3': 'python3.11' }, dirs: ['/var/lib/apt/lists/partial', '/var/lib/dpkg'] });
    const updated = run(tree, ['apt-get', 'update']).fs;
    const r = run(updated, ['apt-get', 'install', '-y', '--no-install-recommends', 'python3']);
    expect(r.stdout).toContain('python3 is already the newest version (3.11.2-1+b1).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(r.effects).toEqual([]);
  });

  test('without -y apt asks, and a build has no one to answer', () => {
    const updated = run(debian(), ['apt-get', 'update']).fs;
    const r = run(updated, ['apt-get', 'install', 'git']);
    expect(r.status).toBe(1);
    expect(r.stdout.endsWith('Do you want to continue? [Y/n] Abort.\n')).toBe(true);
  });

  test('installing leaves the lists in place: they cost their bytes until removed', () => {
    const updated = run(debian(), ['apt-get', 'update']).fs;
    const installed = run(updated, ['apt-get', 'install', '-y', 'make']).fs;
    expect(bytesAt(installed, '/var/lib/apt/lists')).toBe(LISTS_BYTES);
  });
});

describe('apt-get remove and clean', () => {
  test('remove takes the package files away', () => {
    const updated = run(debian(), ['apt-get', 'update']).fs;
    const installed = run(updated, ['apt-get', 'install', '-y', 'make']).fs;
    const r = run(installed, ['apt-get', 'remove', '-y', 'make']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('After this operation, 1630 kB disk space will be freed.\nRemoving make (4.3-4.1) ...\n');
    expect(nodeAt(r.fs, '/usr/bin/make')).toBeUndefined();
    expect(textAt(r.fs, '/var/lib/dpkg/status')).toBe('');
  });

  test('clean succeeds and leaves the lists (only rm -rf /var/lib/apt/lists/* removes them)', () => {
    const updated = run(debian(), ['apt-get', 'update']).fs;
    const r = run(updated, ['apt-get', 'clean']);
    expect(r.status).toBe(0);
    expect(bytesAt(r.fs, '/var/lib/apt/lists')).toBe(LISTS_BYTES);
  });
});

test('apt warns that its CLI is not stable', () => {
  const r = run(debian(), ['apt', 'update']);
  expect(r.stderr).toBe('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
});

test('aptSize follows apt SizeToStr', () => {
  expect([aptSize(999), aptSize(12345), aptSize(1630208), aptSize(179036160), aptSize(19868756)]).toEqual(['999 B', '12.3 kB', '1630 kB', '179 MB', '19.9 MB']);
});
