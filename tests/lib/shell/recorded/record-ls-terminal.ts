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

type Kind = 'd' | 'f' | 'x' | 'l';
const dirs = (names: string): [string, Kind][] => names.split(' ').map((n) => [n, 'd']);

const scenarios: Record<string, [string, Kind][]> = {
  'debian-root': dirs('bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var'),
  'alpine-root': dirs('bin dev etc home lib media mnt opt proc root run sbin srv sys tmp usr var'),
  'node-app': [['Dockerfile', 'f'], ['README.md', 'f'], ['dist', 'd'], ['node_modules', 'd'], ['package-lock.json', 'f'], ['package.json', 'f'], ['src', 'd'], ['tsconfig.json', 'f'], ['vite.config.ts', 'f'], ['.dockerignore', 'f']],
  mixed: [['app', 'd'], ['build.sh', 'x'], ['server', 'x'], ['config.yaml', 'f'], ['current', 'l'], ['logs', 'd'], ['notes.txt', 'f'], ['a', 'f'], ['run', 'x'], ['z', 'd']],
  many: Array.from({ length: 25 }, (_, i): [string, Kind] => [`file-${String(i + 1).padStart(2, '0')}${(i + 1) % 3 ? '.txt' : '-with-a-longer-name.json'}`, 'f']),
  quoted: [['a b', 'f'], ['dir', 'd'], ["it's", 'f'], ['ok.txt', 'f'], ['plain', 'f'], ['x$y', 'f']],
  short: [...'abcdefghijklmnopqrstuvwxyz'].map((c): [string, Kind] => [c, 'f']).concat([['aa', 'f']]),
};

/** Every scenario at these widths with these options... */
const widths: Record<string, number[]> = { 'debian-root': [80, 40, 20], 'alpine-root': [80, 40], 'node-app': [80, 60, 30], mixed: [80, 35, 24], many: [120, 80, 50], quoted: [80, 30], short: [80, 20, 7] };
const options = ['ls', 'ls -x', 'ls -F', 'ls -a'];
/** ...and these command lines at one width: pipes, -1, -l, -C off a terminal, COLUMNS, -w, stdin not a terminal. */
const extras: [string, number, string][] = [
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
];

/** The recorded command: BusyBox as an Alpine shell would run it, with its default colours. */
const real = (tool: string, line: string): string => (tool === 'gnu' ? line : line.replace(/\bls\b/g, 'busybox ls --color=auto'));

const outputs: { scenario: string; tool: string; cols: number; command: string; stdout: string }[] = [];
const env = { PATH: process.env['PATH'] ?? '', HOME: '/root', TERM: 'xterm', LC_ALL: 'C', TZ: 'UTC' };
// Every file gets this time (a recent minute, so -l shows hours), which the test gives the simulator as its clock.
const time = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
for (const [scenario, entries] of Object.entries(scenarios)) {
  const dir = mkdtempSync(join(tmpdir(), 'ls-'));
  for (const [name, kind] of entries) {
    const path = join(dir, name);
    if (kind === 'd') mkdirSync(path);
    else if (kind === 'l') symlinkSync('notes.txt', path);
    else {
      writeFileSync(path, '');
      chmodSync(path, kind === 'x' ? 0o755 : 0o644);
    }
    lutimesSync(path, time / 1000, time / 1000);
  }
  utimesSync(dir, time / 1000, time / 1000);
  const runs = [...(widths[scenario] ?? []).flatMap((cols) => options.map((command): [number, string] => [cols, command])), ...extras.filter(([s]) => s === scenario).map(([, cols, command]): [number, string] => [cols, command])];
  for (const [cols, command] of runs) {
    for (const tool of ['gnu', 'busybox']) {
      const r = spawnSync('script', ['-qc', `stty cols ${cols} rows 24; ${real(tool, command)}`, '/dev/null'], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      outputs.push({ scenario, tool, cols, command, stdout: r.stdout.replaceAll('\r\n', '\n') });
    }
  }
  rmSync(dir, { recursive: true });
}
writeFileSync(new URL('./ls-terminal.json', import.meta.url), `${JSON.stringify({ time, scenarios, outputs }, null, 1)}\n`);
console.log(`${outputs.length} outputs recorded`);
