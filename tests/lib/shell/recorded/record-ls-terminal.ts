/**
 * Records what the real GNU ls and BusyBox ls print on a pseudo-terminal of a given width, for
 * ls-terminal.test.ts. Needs `script` (util-linux), GNU coreutils and `busybox` on the machine.
 * Run from the repository root: `npx node tests/lib/shell/recorded/record-ls-terminal.ts`.
 * Alpine's BusyBox colours by default on a terminal (FEATURE_LS_COLOR_IS_DEFAULT); Debian's does not,
 * so BusyBox is recorded with `--color=auto`, which behaves the same there.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, lutimesSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder, a file, an executable, a symlink to notes.txt, a sticky world-writable folder (like /tmp). */
type Kind = 'd' | 'f' | 'x' | 'l' | 'w';
const dirs = (names: string): [string, Kind][] => names.split(' ').map((n) => [n, 'd']);

const scenarios: Record<string, [string, Kind][]> = {
  'debian-root': dirs('bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var'),
  'alpine-root': dirs('bin dev etc home lib media mnt opt proc root run sbin srv sys tmp usr var'),
  'node-app': [['Dockerfile', 'f'], ['README.md', 'f'], ['dist', 'd'], ['node_modules', 'd'], ['package-lock.json', 'f'], ['package.json', 'f'], ['src', 'd'], ['tsconfig.json', 'f'], ['vite.config.ts', 'f'], ['.dockerignore', 'f']],
  mixed: [['app', 'd'], ['build.sh', 'x'], ['server', 'x'], ['config.yaml', 'f'], ['current', 'l'], ['logs', 'd'], ['notes.txt', 'f'], ['a', 'f'], ['run', 'x'], ['z', 'd']],
  many: Array.from({ length: 25 }, (_, i): [string, Kind] => [`file-${String(i + 1).padStart(2, '0')}${(i + 1) % 3 ? '.txt' : '-with-a-longer-name.json'}`, 'f']),
  quoted: [['a b', 'f'], ['dir', 'd'], ["it's", 'f'], ['ok.txt', 'f'], ['plain', 'f'], ['x$y', 'f']],
  short: [...'abcdefghijklmnopqrstuvwxyz'].map((c): [string, Kind] => [c, 'f']).concat([['aa', 'f']]),
  modes: [['bin', 'd'], ['tmp', 'w'], ['var', 'd'], ['notes.txt', 'f'], ['gone', 'l'], ['current', 'l'], ['run.sh', 'x'], ['site.tar', 'f'], ['a-folder-with-a-rather-long-name', 'd'], ['build-and-deploy-it-all.sh', 'x']],
};

/** Every scenario at these widths with these options... */
const widths: Record<string, number[]> = { 'debian-root': [80, 40, 20], 'alpine-root': [80, 40], 'node-app': [80, 60, 30], mixed: [80, 35, 24], many: [120, 80, 50], quoted: [80, 30], short: [80, 20, 7], modes: [] };
const options = ['ls', 'ls -x', 'ls -F', 'ls -a'];
/**
 * ...and these command lines at one width: pipes, -1, -l, -C off a terminal, COLUMNS, -w, stdin not a
 * terminal, --color. The last element, when there, names the one program to record (BusyBox's
 * `--color=al` leaves the default on, which Debian's build cannot show).
 */
const extras: [string, number, string, string?][] = [
  ['node-app', 80, 'ls | cat'],
  ['node-app', 80, 'echo "$(ls)"'],
  ['node-app', 80, 'ls -C | cat'],
  ['node-app', 80, 'COLUMNS=30 ls -C | cat'],
  ['node-app', 80, 'COLUMNS=30 ls'],
  ['node-app', 80, 'ls -w 40'],
  ['node-app', 80, 'ls -C1'],
  ['node-app', 30, 'echo | ls'],
  ['quoted', 80, 'ls -1'],
  ['quoted', 80, 'ls -l'],
  ['mixed', 80, 'ls -l'],
  ['mixed', 80, 'ls -lC'],
  ['mixed', 80, 'ls -d app z notes.txt'],
  ['mixed', 80, 'ls app logs'],
  ['mixed', 80, 'ls --color'],
  ['mixed', 24, 'ls --color=auto -F'],
  ['mixed', 30, 'ls --color=always -x'],
  ['mixed', 80, 'ls -l --color=always'],
  ['mixed', 80, 'ls --color=always | cat'],
  ['mixed', 80, 'ls --color=auto | cat'],
  ['mixed', 80, 'ls --color=al', 'gnu'],
  ['quoted', 30, 'ls --color'],
  ['many', 50, 'ls -l --color'],
  ['many', 20, 'ls --color'],
  ['modes', 80, 'ls --color'],
  ['modes', 80, 'ls -l --color'],
  ['modes', 30, 'ls --color'],
  ['modes', 60, 'ls -l --color'],
  ['modes', 30, 'ls -l --color'],
  ['modes', 80, 'TERM=dumb ls --color'],
  ['modes', 80, "LS_COLORS='di=01;31:*.TAR=01;33:ex=00:or=40;31:ln=35' ls --color"],
  ['modes', 80, "LS_COLORS='di=01;31:*.TAR=01;33:ex=00:or=40;31:ln=35' TERM=dumb ls --color -l"],
];

/** The recorded command: BusyBox as an Alpine shell would run it, with its default colours unless --color is given. */
const real = (tool: string, line: string): string =>
  tool === 'gnu' ? line : line.replace(/\bls\b/g, line.includes('--color') ? 'busybox ls' : 'busybox ls --color=auto');

const outputs: { scenario: string; tool: string; cols: number; command: string; stdout: string }[] = [];
const env = { PATH: process.env['PATH'] ?? '', HOME: '/root', TERM: 'xterm', LC_ALL: 'C', TZ: 'UTC' };
// Every file gets this time (a recent minute, so -l shows hours), which the test gives the simulator as its clock.
const time = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
for (const [scenario, entries] of Object.entries(scenarios)) {
  const dir = mkdtempSync(join(tmpdir(), 'ls-'));
  for (const [name, kind] of entries) {
    const path = join(dir, name);
    if (kind === 'd' || kind === 'w') {
      mkdirSync(path);
      if (kind === 'w') chmodSync(path, 0o1777);
    } else if (kind === 'l') symlinkSync(name === 'gone' ? 'nowhere' : 'notes.txt', path);
    else {
      writeFileSync(path, '');
      chmodSync(path, kind === 'x' ? 0o755 : 0o644);
    }
    lutimesSync(path, time / 1000, time / 1000);
  }
  utimesSync(dir, time / 1000, time / 1000);
  const runs = [
    ...(widths[scenario] ?? []).flatMap((cols) => options.map((command): [number, string, string | undefined] => [cols, command, undefined])),
    ...extras.filter(([s]) => s === scenario).map(([, cols, command, only]): [number, string, string | undefined] => [cols, command, only]),
  ];
  for (const [cols, command, only] of runs) {
    for (const tool of only === undefined ? ['gnu', 'busybox'] : [only]) {
      const r = spawnSync('script', ['-qc', `stty cols ${cols} rows 24; ${real(tool, command)}`, '/dev/null'], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      outputs.push({ scenario, tool, cols, command, stdout: r.stdout.replaceAll('\r\n', '\n') });
    }
  }
  rmSync(dir, { recursive: true });
}
writeFileSync(new URL('./ls-terminal.json', import.meta.url), `${JSON.stringify({ time, scenarios, outputs }, null, 1)}\n`);
console.log(`${outputs.length} outputs recorded`);
