/**
 * The simulated programs inside the real shell: Dockerfile-like RUN lines run step by step through
 * runShell, with the user switched between steps as USER does.
 */
import { describe, expect, test } from 'vitest';
import { runShell } from '../../../../src/lib/shell/index.ts';
import type { ShellResult } from '../../../../src/lib/shell/index.ts';
import { AS_ROOT, chmod, mkdir, symlink, writeFile } from '../../../../src/lib/vfs/index.ts';
import type { Cred, DirNode } from '../../../../src/lib/vfs/index.ts';
import { bytesAt, makeTree, nodeAt, textAt } from './harness.ts';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const ROOT: Cred = { uid: 0, gid: 0, groups: [] };

const must = (r: { ok: true; value: DirNode } | { ok: false; error: { message: string } }): DirNode => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** Makes `paths` executable files (programs the image ships). */
function withPrograms(tree: DirNode, paths: readonly string[]): DirNode {
  return paths.reduce((t, path) => must(chmod(t, AS_ROOT, path, 0o755)), tree);
}

function alpineImage(): DirNode {
  let tree = makeTree({
    files: {
      '/bin/busybox': 819200,
      '/sbin/apk': 114688,
      '/etc/alpine-release': '3.21.3\n',
      '/etc/apk/repositories': 'https://dl-cdn.alpinelinux.org/alpine/v3.21/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.21/community\n',
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n',
      '/etc/group': 'root:x:0:root\nnogroup:x:65533:\nnobody:x:65534:\n',
      '/etc/shadow': 'root:*::0:::::\n',
    },
    dirs: ['/var/cache/apk', '/lib/apk/db', '/opt', '/home', '/usr/sbin'],
  });
  tree = withPrograms(tree, ['/bin/busybox', '/sbin/apk']);
  for (const applet of ['/bin/sh', '/bin/touch', '/bin/rm', '/bin/mkdir', '/bin/echo', '/bin/ls', '/bin/cat', '/usr/bin/id', '/usr/sbin/adduser', '/usr/sbin/addgroup', '/usr/bin/wget']) {
    tree = must(symlink(tree, AS_ROOT, '/bin/busybox', applet));
  }
  return tree;
}

function debianImage(): DirNode {
  let tree = makeTree({
    files: {
      '/bin/dash': 125000,
      '/bin/rm': 72000,
      '/bin/touch': 100000,
      '/bin/ls': 150000,
      '/usr/bin/apt-get': 60000,
      '/usr/sbin/useradd': 150000,
      '/etc/debian_version': '12.9\n',
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
      '/etc/group': 'root:x:0:\nnogroup:x:65534:\n',
      '/etc/shadow': 'root:*:19000:0:99999:7:::\n',
    },
    dirs: ['/var/lib/apt/lists/partial', '/var/lib/dpkg', '/srv'],
  });
  tree = withPrograms(tree, ['/bin/dash', '/bin/rm', '/bin/touch', '/bin/ls', '/usr/bin/apt-get', '/usr/sbin/useradd']);
  return must(symlink(tree, AS_ROOT, 'dash', '/bin/sh'));
}

function step(fs: DirNode, script: string, cred: Cred = ROOT, cwd = '/', env: Record<string, string> = {}): ShellResult {
  return runShell(script, { fs, cred, user: cred.uid === 0 ? 'root' : 'app', cwd, env: { PATH, HOME: '/root', ...env } });
}

describe('Alpine: users, permissions and apk through the shell', () => {
  test('adduser, then writing as that user into a root-owned folder fails; its home works', () => {
    const created = step(alpineImage(), 'addgroup -S app && adduser -S -G app app');
    expect([created.exitCode, created.stderr]).toEqual([0, '']);
    expect(textAt(created.fs, '/etc/passwd')).toContain('app:x:100:100:Linux User,,,:/home/app:/sbin/nologin\n');
    const app: Cred = { uid: 100, gid: 100, groups: [100] };
    const denied = step(created.fs, 'touch /opt/data', app);
    expect(denied.exitCode).toBe(1);
    expect(denied.stderr).toBe("touch: /opt/data: Permission denied\n");
    const home = step(created.fs, 'touch /home/app/data', app);
    expect(home.exitCode).toBe(0);
    expect(nodeAt(home.fs, '/home/app/data')).toMatchObject({ uid: 100, gid: 100 });
  });

  test('apk add --no-cache makes curl available; before it the image has none', () => {
    const before = step(alpineImage(), 'curl -fsSL -o /tmp/x https://example.com/x');
    expect([before.exitCode, before.stderr]).toEqual([127, '/bin/sh: curl: not found\n']);
    const after = step(alpineImage(), 'apk add --no-cache curl && curl -fsSL -o /tmp/x https://example.com/x');
    expect(after.exitCode).toBe(0);
    expect(nodeAt(after.fs, '/tmp/x')).toMatchObject({ size: 1048576 });
    expect(bytesAt(after.fs, '/var/cache/apk')).toBe(0);
    expect(after.effects.map((e) => e.by)).toEqual(['apk add', 'curl']);
  });

  test('apk add without --no-cache leaves the index until rm -rf /var/cache/apk/*', () => {
    const cached = step(alpineImage(), 'apk add make');
    expect(bytesAt(cached.fs, '/var/cache/apk')).toBeGreaterThan(2_000_000);
    const cleaned = step(cached.fs, 'rm -rf /var/cache/apk/*');
    expect(bytesAt(cleaned.fs, '/var/cache/apk')).toBe(0);
  });

  test('as a non-root user apk cannot lock its database', () => {
    const r = step(alpineImage(), 'apk add curl', { uid: 1000, gid: 1000, groups: [] });
    expect([r.exitCode, r.stderr]).toEqual([99, 'ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n']);
  });
});

describe('Debian: apt lists cost bytes until removed', () => {
  test('apt-get update && install && rm -rf /var/lib/apt/lists/* in one RUN leaves no lists', () => {
    const split = step(debianImage(), 'apt-get update && apt-get install -y --no-install-recommends make');
    expect(split.exitCode).toBe(0);
    expect(bytesAt(split.fs, '/var/lib/apt/lists')).toBe(19_856_468);
    const joined = step(debianImage(), 'apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*');
    expect(joined.exitCode).toBe(0);
    expect(bytesAt(joined.fs, '/var/lib/apt/lists')).toBe(0);
    expect(nodeAt(joined.fs, '/usr/bin/make')).toBeDefined();
  });

  test('install without update fails and stops the && chain', () => {
    const r = step(debianImage(), 'apt-get install -y curl && touch /done');
    expect([r.exitCode, r.stderr]).toEqual([100, 'E: Unable to locate package curl\n']);
    expect(nodeAt(r.fs, '/done')).toBeUndefined();
  });

  test('apt-get install gcc make, then make builds with $(CC) = cc through the alternatives link', () => {
    const tree = makeTreeOnto(debianImage(), { '/src/Makefile': 'hello: hello.c\n\t$(CC) -O2 -o $@ $<\n', '/src/hello.c': 'int main(void){return 0;}\n' });
    const r = step(tree, 'apt-get update -qq && apt-get install -y --no-install-recommends gcc make libc6-dev && make', ROOT, '/src');
    expect(r.stderr).toBe('debconf: delaying package configuration, since apt-utils is not installed\n');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.endsWith('cc -O2 -o hello hello.c\n')).toBe(true);
    expect(nodeAt(r.fs, '/src/hello')).toMatchObject({ kind: 'file', mode: 0o755, origin: { simulated: true, by: 'cc (dynamic, glibc)' } });
  });

  test("pip in Debian's own Python refuses after apt-get install python3-pip (PEP 668)", () => {
    let tree = debianImage();
    const installed = step(tree, 'apt-get update && apt-get install -y --no-install-recommends python3-pip');
    expect(installed.exitCode).toBe(0);
    tree = installed.fs;
    const refused = step(tree, 'pip install flask');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe('error: externally-managed-environment');
    expect(step(tree, 'pip install --break-system-packages flask').exitCode).toBe(0);
  });

  test('useradd then the user cannot write /srv (root-owned)', () => {
    const created = step(debianImage(), 'useradd -r -m app');
    expect(created.exitCode).toBe(0);
    const r = step(created.fs, 'touch /srv/x', { uid: 999, gid: 999, groups: [] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("touch: cannot touch '/srv/x': Permission denied\n");
  });
});

describe('npm run through the shell', () => {
  test('npm ci then npm run build runs tsc from node_modules/.bin', () => {
    let tree = debianImage();
    tree = makeTreeOnto(tree, {
      '/app/package.json': JSON.stringify({ name: 'api', version: '1.0.0', scripts: { build: 'tsc' }, devDependencies: { typescript: '^5.6.0' } }),
      '/app/package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': { devDependencies: { typescript: '^5.6.0' } }, 'node_modules/typescript': { version: '7.0.2', dev: true } } }),
      '/app/tsconfig.json': '{ "compilerOptions": { "outDir": "dist" } }',
      '/app/src/index.ts': 'export const port: number = 3000;\n',
      '/usr/local/bin/npm': 4096,
    });
    tree = withPrograms(tree, ['/usr/local/bin/npm']);
    const r = step(tree, 'npm ci && npm run build', ROOT, '/app');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(textAt(r.fs, '/app/dist/index.js')).toBe('export const port = 3000;\n');
    expect(r.effects.map((e) => e.by)).toEqual(['npm ci', 'tsc']);
  });

  test('npm run of a missing script fails the RUN', () => {
    let tree = makeTreeOnto(debianImage(), { '/app/package.json': '{"name":"api","version":"1.0.0","scripts":{}}', '/usr/local/bin/npm': 4096 });
    tree = withPrograms(tree, ['/usr/local/bin/npm']);
    const r = step(tree, 'npm run build', ROOT, '/app');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('npm error Missing script: "build"');
  });
});

/** Adds files to an existing tree (as root). */
function makeTreeOnto(tree: DirNode, files: Record<string, string | number>): DirNode {
  let next = tree;
  for (const [path, data] of Object.entries(files)) {
    next = must(mkdir(next, AS_ROOT, path.slice(0, path.lastIndexOf('/')), { parents: true }));
    next = must(writeFile(next, AS_ROOT, path, typeof data === 'string' ? { content: data } : { size: data }));
  }
  return next;
}

describe('programs a package manager installs are then found on PATH', () => {
  test('apk add nodejs npm: node, npm and npx run (Alpine versions), node-gyp is there but not simulated', () => {
    const r = step(alpineImage(), 'apk add --no-cache -q nodejs npm && node --version && npm --version && npx --version && npx -v; node-gyp --version');
    expect(r.stdout).toBe(
      [
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz',
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz',
        'OK: 69 MiB in 28 packages',
        'v22.16.0',
        '10.9.1',
        '10.9.1',
        '10.9.1',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('/bin/sh: node-gyp: not simulated by Stagecraft (/usr/bin/node-gyp is in the image, but the simulator has no implementation of it)\n');
    expect(r.exitCode).toBe(126);
    expect(nodeAt(r.fs, '/usr/lib/node_modules/npm/bin/npx-cli.js')).toMatchObject({ kind: 'file', size: 2921, mode: 0o755 });
  });

  test('apt-get install binutils git: ar (a link to x86_64-linux-gnu-ar) and git are found, and are not simulated', () => {
    const r = step(debianImage(), 'apt-get update >/dev/null && apt-get install -y --no-install-recommends binutils git curl >/dev/null 2>&1; for p in ar git curl; do command -v $p; done; ar --version; git --version');
    expect(r.stdout).toBe('/usr/bin/ar\n/usr/bin/git\n/usr/bin/curl\n');
    expect(r.stderr).toBe(
      '/bin/sh: 1: ar: not simulated by Stagecraft (/usr/bin/ar is in the image, but the simulator has no implementation of it)\n' +
        '/bin/sh: 1: git: not simulated by Stagecraft (/usr/bin/git is in the image, but the simulator has no implementation of it)\n',
    );
    expect(r.exitCode).toBe(126);
  });

  test("apt-get install nodejs: Debian's node 18 is found and reports its version; npm is not part of it", () => {
    const r = step(debianImage(), 'apt-get update >/dev/null && apt-get install -y --no-install-recommends nodejs >/dev/null 2>&1; node --version; command -v node nodejs; npm --version');
    expect(r.stdout).toBe('v18.20.4\n/usr/bin/node\n');
    expect(r.stderr).toBe('/bin/sh: 1: npm: not found\n');
    expect(r.exitCode).toBe(127);
  });

  function pythonImage(): DirNode {
    let tree = makeTreeOnto(debianImage(), { '/usr/local/bin/python3.13': 14400, '/usr/local/bin/pip': 230 });
    tree = must(mkdir(tree, AS_ROOT, '/usr/local/lib/python3.13/site-packages', { parents: true }));
    return withPrograms(tree, ['/usr/local/bin/python3.13', '/usr/local/bin/pip']);
  }

  test('pip install -r requirements.txt writes the console scripts to /usr/local/bin; they start Python, which is not simulated', () => {
    const tree = makeTreeOnto(pythonImage(), { '/app/requirements.txt': 'flask==3.1.3\ngunicorn\n' });
    const r = step(tree, 'pip install --no-cache-dir -r requirements.txt >/dev/null 2>&1 && ls /usr/local/bin && gunicorn --version', ROOT, '/app');
    expect(r.stdout).toBe('flask\ngunicorn\ngunicornc\npip\npython3.13\n');
    expect(r.stderr).toBe('/bin/sh: 1: /usr/local/bin/python3.13: not simulated by Stagecraft (/usr/local/bin/python3.13 is in the image, but the simulator has no implementation of it)\n');
    expect(r.exitCode).toBe(126);
    // Recorded from pip 23.2's --target install of flask 3.1.3, with this image's interpreter in the #! line.
    expect(textAt(r.fs, '/usr/local/bin/flask')).toBe(
      [
        '#!/usr/local/bin/python3.13',
        '# -*- coding: utf-8 -*-',
        'import re',
        'import sys',
        'from flask.cli import main',
        "if __name__ == '__main__':",
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])",
        '    sys.exit(main())',
        '',
      ].join('\n'),
    );
    expect(nodeAt(r.fs, '/usr/local/bin/gunicorn')).toMatchObject({ kind: 'file', mode: 0o755 });
  });

  test('pip install --user puts scripts in ~/.local/bin and warns, per distribution, that it is not on PATH', () => {
    const r = step(pythonImage(), 'pip install --user --no-cache-dir requests pytest >/dev/null && ls /root/.local/bin && normalizer');
    expect(r.stdout).toBe('idna\nnormalizer\npy.test\npygmentize\npytest\n');
    const notOnPath = (start: string): string =>
      `  WARNING: The ${start} installed in '/root/.local/bin' which is not on PATH.\n` +
      '  Consider adding this directory to PATH or, if you prefer to suppress this warning, use --no-warn-script-location.\n';
    expect(r.stderr).toBe(
      notOnPath('script idna is') +
        notOnPath('script normalizer is') +
        notOnPath('script pygmentize is') +
        notOnPath('scripts py.test and pytest are') +
        "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n" +
        '/bin/sh: 1: normalizer: not found\n',
    );
    expect(r.exitCode).toBe(127);
    const onPath = step(pythonImage(), 'pip install --user --no-cache-dir -q gunicorn 2>/dev/null; PATH=/root/.local/bin:$PATH; command -v gunicorn', ROOT, '/', {});
    expect(onPath.stdout).toBe('/root/.local/bin/gunicorn\n');
  });

  test("pip install --user into Debian's own Python is refused too (PEP 668 covers the user site)", () => {
    const installed = step(debianImage(), 'apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-pip >/dev/null');
    expect(installed.exitCode).toBe(0);
    const r = step(installed.fs, 'pip install --user flask');
    expect([r.exitCode, r.stderr.split('\n')[0]]).toEqual([1, 'error: externally-managed-environment']);
    const allowed = step(installed.fs, 'pip install --break-system-packages -q flask >/dev/null 2>&1; ls /usr/local/bin; read -r line < /usr/local/bin/flask; echo "$line"');
    expect(allowed.stdout).toBe('flask\n#!/usr/bin/python3\n');
  });
});
