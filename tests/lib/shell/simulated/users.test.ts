import { describe, expect, test } from 'vitest';
import { makeTree, nodeAt, run, textAt } from './harness.ts';

const alpinePasswd = 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n';
const alpineGroup = 'root:x:0:root\nbin:x:1:root,bin,daemon\nnogroup:x:65533:\nnobody:x:65534:\n';
const alpine = () =>
  makeTree({
    files: { '/etc/passwd': alpinePasswd, '/etc/group': alpineGroup, '/etc/shadow': 'root:*::0:::::\nbin:!::0:::::\n', '/etc/alpine-release': '3.21.3\n' },
    dirs: ['/home'],
  });
const debian = () =>
  makeTree({
    files: {
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
      '/etc/group': 'root:x:0:\nusers:x:100:\nnogroup:x:65534:\n',
      '/etc/shadow': 'root:*:19000:0:99999:7:::\n',
      '/etc/gshadow': 'root:*::\nusers:*::\n',
      '/etc/skel/.bashrc': '# ~/.bashrc\n',
      '/etc/default/useradd': 'SHELL=/bin/sh\n',
      '/etc/debian_version': '12.9\n',
    },
  });
const DAY = Math.floor(Date.UTC(2025, 0, 15) / 86_400_000);
const user = { uid: 1000, gid: 1000, groups: [] };

describe('busybox adduser / addgroup', () => {
  test('adduser -D creates the user, a group of its own and a home owned by it', () => {
    const r = run(alpine(), ['adduser', '-D', 'app'], { flavor: 'busybox' });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(textAt(r.fs, '/etc/passwd')).toBe(`${alpinePasswd}app:x:1000:1000:Linux User,,,:/home/app:/bin/sh\n`);
    expect(textAt(r.fs, '/etc/group')).toBe(`${alpineGroup}app:x:1000:\n`);
    expect(textAt(r.fs, '/etc/shadow')).toBe(`root:*::0:::::\nbin:!::0:::::\napp:!:${DAY}:0:99999:7:::\n`);
    expect(nodeAt(r.fs, '/home/app')).toMatchObject({ kind: 'dir', uid: 1000, gid: 1000, mode: 0o2755 });
  });

  test('addgroup -S then adduser -S -G puts a system user in that group with nologin', () => {
    const g = run(alpine(), ['addgroup', '-S', 'app'], { flavor: 'busybox' });
    const u = run(g.fs, ['adduser', '-S', '-D', '-H', '-G', 'app', 'app'], { flavor: 'busybox' });
    expect(u.status).toBe(0);
    expect(textAt(u.fs, '/etc/group')).toBe(`${alpineGroup}app:x:100:app\n`);
    expect(textAt(u.fs, '/etc/passwd')).toContain('app:x:100:100:Linux User,,,:/home/app:/sbin/nologin\n');
    expect(nodeAt(u.fs, '/home/app')).toBeUndefined();
  });

  test('adduser -S without -G joins nogroup', () => {
    const r = run(alpine(), ['adduser', '-S', '-D', 'svc'], { flavor: 'busybox' });
    expect(textAt(r.fs, '/etc/passwd')).toContain('svc:x:100:65533:Linux User,,,:/home/svc:/sbin/nologin\n');
    expect(textAt(r.fs, '/etc/group')).toContain('nogroup:x:65533:svc\n');
  });

  test('the long options of the Next.js example work: addgroup --system --gid 1001 / adduser --system --uid 1001', () => {
    const g = run(alpine(), ['addgroup', '--system', '--gid', '1001', 'nodejs'], { flavor: 'busybox' });
    const u = run(g.fs, ['adduser', '--system', '--uid', '1001', 'nextjs'], { flavor: 'busybox' });
    expect(u.status).toBe(0);
    expect(textAt(u.fs, '/etc/passwd')).toContain('nextjs:x:1001:65533:Linux User,,,:/home/nextjs:/sbin/nologin\n');
    expect(textAt(u.fs, '/etc/group')).toContain('nodejs:x:1001:\n');
  });

  test('a user that exists is in use', () => {
    const once = run(alpine(), ['adduser', '-D', 'app'], { flavor: 'busybox' });
    const twice = run(once.fs, ['adduser', '-D', 'app'], { flavor: 'busybox' });
    expect([twice.status, twice.stderr]).toEqual([1, "adduser: user 'app' in use\n"]);
    const group = run(once.fs, ['addgroup', 'app'], { flavor: 'busybox' });
    expect([group.status, group.stderr]).toEqual([1, "addgroup: group 'app' in use\n"]);
  });

  test('an unknown -G group and a taken gid are errors', () => {
    expect(run(alpine(), ['adduser', '-D', '-G', 'staff', 'app'], { flavor: 'busybox' }).stderr).toBe('adduser: unknown group staff\n');
    expect(run(alpine(), ['addgroup', '-g', '65533', 'x'], { flavor: 'busybox' }).stderr).toBe("addgroup: gid '65533' in use\n");
  });

  test('only root may add users', () => {
    const r = run(alpine(), ['adduser', '-D', 'app'], { flavor: 'busybox', cred: user });
    expect(run(alpine(), ['addgroup', 'app'], { flavor: 'busybox', cred: user }).stderr).toBe('addgroup: permission denied (are you root?)\n');
    expect([r.status, r.stderr]).toEqual([1, 'adduser: permission denied (are you root?)\n']);
    expect(textAt(r.fs, '/etc/passwd')).toBe(alpinePasswd);
  });

  test('without -D adduser asks for a password that a build cannot give', () => {
    const r = run(alpine(), ['adduser', 'app'], { flavor: 'busybox' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('passwd: password for app is unchanged\n');
  });

  test('addgroup USER GROUP adds a member', () => {
    const u = run(alpine(), ['adduser', '-D', 'app'], { flavor: 'busybox' });
    const r = run(u.fs, ['addgroup', 'app', 'bin'], { flavor: 'busybox' });
    expect(textAt(r.fs, '/etc/group')).toContain('bin:x:1:root,bin,daemon,app\n');
    const again = run(r.fs, ['addgroup', 'app', 'bin'], { flavor: 'busybox' });
    expect([again.status, again.stderr, textAt(again.fs, '/etc/group')]).toEqual([0, '', textAt(r.fs, '/etc/group')]);
    expect(run(u.fs, ['addgroup', 'ghost', 'bin'], { flavor: 'busybox' }).stderr).toBe('addgroup: unknown user ghost\n');
  });
});

// Expected outputs below were recorded from Debian bookworm's adduser 3.134 and shadow 4.13 run on a
// scratch copy of /etc (same starting passwd/group as debian() here).
describe('Debian adduser / addgroup', () => {
  test('adduser --disabled-password --gecos "": own group, supplemental users, home 0700 with /etc/skel', () => {
    const r = run(debian(), ['adduser', '--disabled-password', '--gecos', '', 'app']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        "Adding user `app' ...",
        "Adding new group `app' (1000) ...",
        "Adding new user `app' (1000) with group `app (1000)' ...",
        "Creating home directory `/home/app' ...",
        "Copying files from `/etc/skel' ...",
        "Adding new user `app' to supplemental / extra groups `users' ...",
        "Adding user `app' to group `users' ...",
        '',
      ].join('\n'),
    );
    expect(textAt(r.fs, '/etc/passwd')).toContain('app:x:1000:1000:,,,:/home/app:/bin/bash\n');
    expect(textAt(r.fs, '/etc/group')).toBe('root:x:0:\nusers:x:100:app\nnogroup:x:65534:\napp:x:1000:\n');
    expect(textAt(r.fs, '/etc/shadow')).toContain(`app:!:${DAY}:0:99999:7:::\n`);
    expect(textAt(r.fs, '/etc/gshadow')).toBe('root:*::\nusers:*::app\napp:!::\n');
    expect(nodeAt(r.fs, '/home/app')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o700 });
    expect(nodeAt(r.fs, '/home/app/.bashrc')).toMatchObject({ uid: 1000, gid: 1000, content: '# ~/.bashrc\n' });
  });

  test('without --disabled-password and --gecos, the prompts meet end of input and adduser still succeeds', () => {
    const r = run(debian(), ['adduser', 'app']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "Copying files from `/etc/skel' ...\nTry again? [y/N] Changing the user information for app\nEnter the new value, or press ENTER for the default\n\tFull Name []: \tRoom Number []: \tWork Phone []: \tHome Phone []: \tOther []: Is the information correct? [Y/n] Adding new user `app' to supplemental",
    );
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'New password: Password change has been aborted.',
      'passwd: Authentication token manipulation error',
      'passwd: password unchanged',
      'Use of uninitialized value $answer in chop at /usr/sbin/adduser line 740.',
    ]);
  });

  test('adduser --system: uid from 100, nogroup, nologin, /nonexistent not created; a second run exits 0', () => {
    const r = run(debian(), ['adduser', '--system', 'svc']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe("Adding system user `svc' (UID 100) ...\nAdding new user `svc' (UID 100) with group `nogroup' ...\nNot creating `/nonexistent'.\n");
    expect(textAt(r.fs, '/etc/passwd')).toContain('svc:x:100:65534::/nonexistent:/usr/sbin/nologin\n');
    expect(textAt(r.fs, '/etc/shadow')).toContain(`svc:!:${DAY}::::::\n`);
    const again = run(r.fs, ['adduser', '--system', 'svc']);
    expect([again.status, again.stdout]).toEqual([0, "The system user `svc' already exists. Exiting.\n"]);
  });

  test('adduser --system --group makes a system group; --comment becomes the GECOS full name', () => {
    const r = run(debian(), ['adduser', '--system', '--group', '--comment', 'App user', 'app']);
    expect(r.stdout).toBe("Adding system user `app' (UID 100) ...\nAdding new group `app' (GID 101) ...\nAdding new user `app' (UID 100) with group `app' ...\nNot creating `/nonexistent'.\n");
    expect(textAt(r.fs, '/etc/passwd')).toContain('app:x:100:101:App user,,,:/nonexistent:/usr/sbin/nologin\n');
  });

  test('addgroup --system then adduser --system --ingroup; --home creates it 0755', () => {
    const g = run(debian(), ['addgroup', '--system', 'app']);
    expect(g.stdout).toBe("Adding group `app' (GID 101) ...\nDone.\n");
    const u = run(g.fs, ['adduser', '--system', '--ingroup', 'app', '--home', '/app', 'app']);
    expect(u.stdout).toBe("Adding system user `app' (UID 100) ...\nAdding new user `app' (UID 100) with group `app' ...\nCreating home directory `/app' ...\n");
    expect(textAt(u.fs, '/etc/passwd')).toContain('app:x:100:101::/app:/usr/sbin/nologin\n');
    expect(nodeAt(u.fs, '/app')).toMatchObject({ uid: 100, gid: 101, mode: 0o755 });
  });

  test("BusyBox's -S is ambiguous for Debian's Getopt::Long: usage and status 1", () => {
    const r = run(debian(), ['addgroup', '-S', 'app']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Option s is ambiguous (shell, system)\n');
    expect(r.stdout.split('\n')[0]).toBe('adduser [--uid id] [--firstuid id] [--lastuid id]');
    expect(run(debian(), ['adduser', '-D', 'app']).stderr).toBe('Option d is ambiguous (debug, disabled-login, disabled-password)\n');
  });

  test('errors: existing user or group, not root, already a member', () => {
    const once = run(debian(), ['adduser', '--disabled-password', '--gecos', '', 'app']);
    expect(run(once.fs, ['adduser', '--disabled-password', '--gecos', '', 'app'])).toMatchObject({ status: 1, stderr: "adduser: The user `app' already exists.\n" });
    expect(run(once.fs, ['addgroup', 'app'])).toMatchObject({ status: 1, stderr: "addgroup: The group `app' already exists.\n" });
    expect(run(once.fs, ['adduser', 'app', 'users'])).toMatchObject({ status: 0, stderr: "adduser: The user `app' is already a member of `users'.\n" });
    expect(run(debian(), ['adduser', '--system', 'svc'], { cred: user })).toMatchObject({ status: 1, stderr: 'adduser: Only root may add a user or group to the system.\n' });
  });
});

describe('useradd, groupadd, usermod', () => {
  test('useradd -r takes the highest free system id and makes a user group; no home without -m', () => {
    const r = run(debian(), ['useradd', '-r', 'svc']);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(textAt(r.fs, '/etc/passwd')).toContain('svc:x:999:999::/home/svc:/bin/sh\n');
    expect(textAt(r.fs, '/etc/group')).toContain('svc:x:999:\n');
    expect(textAt(r.fs, '/etc/shadow')).toContain(`svc:!:${DAY}::::::\n`);
    expect(nodeAt(r.fs, '/home/svc')).toBeUndefined();
  });

  test('useradd -m -u -s -G creates the home and joins the groups', () => {
    const r = run(debian(), ['useradd', '-m', '-u', '1001', '-s', '/bin/bash', '-G', 'users', 'dev']);
    expect(r.status).toBe(0);
    expect(textAt(r.fs, '/etc/passwd')).toContain('dev:x:1001:1001::/home/dev:/bin/bash\n');
    expect(textAt(r.fs, '/etc/group')).toContain('users:x:100:dev\n');
    expect(textAt(r.fs, '/etc/gshadow')).toContain('users:*::dev\n');
    expect(nodeAt(r.fs, '/home/dev')).toMatchObject({ uid: 1001, gid: 1001, mode: 0o755 });
  });

  test('useradd errors: existing user, unknown group, taken uid, not root', () => {
    const made = run(debian(), ['useradd', 'app']).fs;
    expect(run(made, ['useradd', 'app'])).toMatchObject({ status: 9, stderr: "useradd: user 'app' already exists\n" });
    expect(run(debian(), ['useradd', '-g', 'staff', 'x'])).toMatchObject({ status: 6, stderr: "useradd: group 'staff' does not exist\n" });
    expect(run(made, ['useradd', '-u', '1000', 'x'])).toMatchObject({ status: 4, stderr: 'useradd: UID 1000 is not unique\n' });
    expect(run(debian(), ['useradd', 'x'], { cred: user })).toMatchObject({ status: 1, stderr: 'useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n' });
  });

  test('groupadd -r / -g and its errors', () => {
    const r = run(debian(), ['groupadd', '-r', 'svc']);
    expect(textAt(r.fs, '/etc/group')).toContain('svc:x:999:\n');
    expect(run(r.fs, ['groupadd', 'svc'])).toMatchObject({ status: 9, stderr: "groupadd: group 'svc' already exists\n" });
    expect(run(r.fs, ['groupadd', '-g', '999', 'other'])).toMatchObject({ status: 4, stderr: "groupadd: GID '999' already exists\n" });
    expect(run(r.fs, ['groupadd', '-f', 'svc']).status).toBe(0);
  });

  test('usermod -aG appends groups; -s changes the shell; unknown users are errors', () => {
    const made = run(debian(), ['useradd', 'app']).fs;
    const r = run(made, ['usermod', '-aG', 'users', '-s', '/bin/bash', 'app']);
    expect(r.status).toBe(0);
    expect(textAt(r.fs, '/etc/group')).toContain('users:x:100:app\n');
    expect(textAt(r.fs, '/etc/passwd')).toContain('app:x:1000:1000::/home/app:/bin/bash\n');
    expect(run(made, ['usermod', '-s', '/bin/sh', 'ghost'])).toMatchObject({ status: 6, stderr: "usermod: user 'ghost' does not exist\n" });
  });
});
