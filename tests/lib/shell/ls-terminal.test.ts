/**
 * `ls` on a terminal (`docker run -it IMAGE sh`): names in columns across the terminal's width, as
 * GNU ls (Debian, Ubuntu) and BusyBox ls (Alpine, busybox) lay them out; one per line in a pipe.
 * recorded/ls-terminal.json holds what the real programs printed on a pseudo-terminal of each width
 * (recorded/record-ls-terminal.ts made it: GNU coreutils 9.1 ls, BusyBox 1.35.0 ls --color=auto,
 * which is what Alpine's BusyBox does by default, C locale, TERM=xterm, no COLUMNS).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AS_ROOT, chmod, mkdir, symlink, writeFile, type DirNode } from '../../../src/lib/vfs/index.ts';
import { openShell, runArgv, runShell } from '../../../src/lib/shell/index.ts';
import { busyboxTree, gnuTree, PATH, ROOT } from './fixtures.ts';

type Kind = 'd' | 'f' | 'x' | 'l' | 'w';
interface Recording {
  /** The files' time, the simulator's clock here. */
  time: number;
  scenarios: Record<string, [string, Kind][]>;
  outputs: { scenario: string; tool: 'gnu' | 'busybox'; cols: number; command: string; stdout: string }[];
}
const recorded = JSON.parse(readFileSync(new URL('./recorded/ls-terminal.json', import.meta.url), 'utf8')) as Recording;

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** The scenario's entries in /work of an image-like tree. */
function withEntries(base: DirNode, entries: readonly [string, Kind][]): DirNode {
  let fs = must(mkdir(base, AS_ROOT, '/work'));
  for (const [name, kind] of entries) {
    const path = `/work/${name}`;
    if (kind === 'd') fs = must(mkdir(fs, AS_ROOT, path));
    else if (kind === 'w') fs = must(mkdir(fs, AS_ROOT, path, { mode: 0o1777 }));
    else if (kind === 'l') fs = must(symlink(fs, AS_ROOT, name === 'gone' ? 'nowhere' : 'notes.txt', path));
    else fs = must(chmod(must(writeFile(fs, AS_ROOT, path, { content: '' })), AS_ROOT, path, kind === 'x' ? 0o755 : 0o644));
  }
  return fs;
}

/** A line typed at an interactive shell on a terminal `cols` wide (`docker run -it IMAGE sh`). */
function onTerminal(tool: 'gnu' | 'busybox', entries: readonly [string, Kind][], cols: number, line: string, env: Record<string, string> = {}) {
  const fs = withEntries(tool === 'gnu' ? gnuTree() : busyboxTree(), entries);
  const shell = openShell({ fs, cred: ROOT, user: 'root', cwd: '/work', env: { PATH, HOME: '/root', TERM: 'xterm', ...env }, terminal: { cols }, now: recorded.time });
  return shell.run(line);
}

describe('ls on a terminal, against the recording', () => {
  test.each(recorded.outputs)('$scenario, $tool, $cols columns: $command', ({ scenario, tool, cols, command, stdout }) => {
    const r = onTerminal(tool, recorded.scenarios[scenario] ?? [], cols, command);
    expect([r.stdout, r.stderr]).toEqual([stdout, '']);
  });
});

describe('what decides the layout', () => {
  const app = recorded.scenarios['node-app'] ?? [];
  const plainColumns = 'Dockerfile         node_modules       src\nREADME.md          package-lock.json  tsconfig.json\ndist               package.json       vite.config.ts\n';

  // BusyBox ls.c: colour by default only if TERM is not "dumb" and LS_COLORS is unset or neither '' nor 'none'.
  test.each([['LS_COLORS', 'none'], ['LS_COLORS', ''], ['TERM', 'dumb']])('BusyBox without colour when %s=%j', (name, value) => {
    expect(onTerminal('busybox', app, 60, 'ls', { [name]: value }).stdout).toBe(plainColumns);
  });

  test("BusyBox ignores LS_COLORS' value otherwise", () => {
    expect(onTerminal('busybox', app, 60, 'ls', { LS_COLORS: 'di=01;31' }).stdout).toContain('\x1b[1;34mdist\x1b[m');
  });

  test('no terminal (a RUN step): one name per line, whatever the width', () => {
    for (const tool of ['gnu', 'busybox'] as const) {
      const fs = withEntries(tool === 'gnu' ? gnuTree() : busyboxTree(), app);
      const r = runShell('ls', { fs, cred: ROOT, user: 'root', cwd: '/work', env: { PATH, TERM: 'xterm' } });
      expect(r.stdout).toBe('Dockerfile\nREADME.md\ndist\nnode_modules\npackage-lock.json\npackage.json\nsrc\ntsconfig.json\nvite.config.ts\n');
    }
  });

  test('docker run -t IMAGE ls: the container command writes to the terminal too', () => {
    const fs = withEntries(busyboxTree(), app);
    const r = runArgv(['ls'], { fs, cred: ROOT, user: 'root', cwd: '/work', env: { PATH, TERM: 'dumb' }, terminal: { cols: 60 } });
    expect(r.stdout).toBe(plainColumns);
  });

  test('ls >file and ls 2>&1 on a terminal: a file is not a terminal, stderr still is', () => {
    const r = onTerminal('gnu', [['a b', 'f'], ['c', 'f']], 80, 'ls > /tmp/out; cat /tmp/out; ls 2>&1');
    expect(r.stdout).toBe("a b\nc\n'a b'   c\n");
  });
});

describe('BusyBox --color[=WHEN] (recorded from BusyBox 1.35.0 through a pipe and on a terminal)', () => {
  const entries: [string, Kind][] = [['d', 'd'], ['f', 'f']];
  const colored = '\x1b[1;34md\x1b[m\n\x1b[0;0mf\x1b[m\n';
  test.each([
    ['ls --color | cat', colored],
    ['ls --color=always | cat', colored],
    ['ls --color=auto | cat', 'd\nf\n'],
    ['ls --color=never', 'd  f\n'],
    ['ls --color=no', 'd  f\n'],
    ['ls -- --color 2>&1 | cat', "ls: --color: No such file or directory\n"],
  ])('%s', (line, stdout) => {
    expect(onTerminal('busybox', entries, 80, line).stdout).toBe(stdout);
  });
});

describe('GNU ls --color=WHEN: a value or its unambiguous beginning (recorded from coreutils 9.1)', () => {
  const valid = "Valid arguments are:\n  - 'always', 'yes', 'force'\n  - 'never', 'no', 'none'\n  - 'auto', 'tty', 'if-tty'\nTry 'ls --help' for more information.\n";
  test.each([
    ['ls --color=bogus', `ls: invalid argument 'bogus' for '--color'\n${valid}`],
    ['ls --color=', `ls: ambiguous argument '' for '--color'\n${valid}`],
  ])('%s', (line, stderr) => {
    const r = onTerminal('gnu', [['d', 'd']], 80, line);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', stderr, 1]);
  });
  test('--color=n is never (no, none and never agree)', () => {
    expect(onTerminal('gnu', [['d', 'd']], 80, 'ls --color=n').stdout).toBe('d\n');
  });
});
