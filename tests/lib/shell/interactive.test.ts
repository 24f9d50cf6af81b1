import { expect, test } from 'vitest';
import { openShell } from '../../../src/lib/shell/index.ts';
import { busyboxTree, gnuTree, PATH, ROOT } from './fixtures.ts';

test('state carries over between lines until exit', () => {
  const shell = openShell({ fs: busyboxTree(), cred: ROOT, user: 'root', cwd: '/', env: { PATH } });
  expect(shell.run('x=41; f() { echo $((x + 1)); }; cd /tmp')).toEqual({ stdout: '', stderr: '', exitCode: 0, exited: false });
  expect(shell.run('f; pwd; touch made')).toEqual({ stdout: '42\n/tmp\n', stderr: '', exitCode: 0, exited: false });
  expect(shell.run('if true')).toEqual({ stdout: '', stderr: '/bin/sh: syntax error: unexpected end of file (expecting "then")\n', exitCode: 2, exited: false });
  expect(shell.run('echo $?; exit 3; echo never')).toEqual({ stdout: '2\n', stderr: '', exitCode: 3, exited: true });
  expect([shell.exited, shell.cwd, shell.run('echo late').exitCode]).toEqual([true, '/tmp', 3]);
});

test('each line has the full limits; bash gets pipefail, dash does not', () => {
  const bash = openShell({ fs: gnuTree(), cred: ROOT, user: 'root', cwd: '/', env: { PATH }, argv0: 'bash', limits: { maxCommands: 5 } });
  expect(bash.run('while :; do :; done').exitCode).toBe(124);
  expect(bash.run('set -o pipefail; false | true; echo $?').stdout).toBe('1\n');
  const dash = openShell({ fs: gnuTree(), cred: ROOT, user: 'root', cwd: '/', env: { PATH } });
  expect(dash.run('set -o pipefail').stderr).toBe('/bin/sh: 1: set: Illegal option -o pipefail\n');
});

test('the shell says which it is; a return at the prompt ends dash and ash as exit does', () => {
  const open = (fs: ReturnType<typeof gnuTree>, argv0?: string) => openShell({ fs, cred: ROOT, user: 'root', cwd: '/', env: { PATH }, ...(argv0 === undefined ? {} : { argv0 }) });
  expect([open(gnuTree()).dialect, open(busyboxTree()).dialect, open(gnuTree(), 'bash').dialect]).toEqual(['dash', 'ash', 'bash']);
  const ash = open(busyboxTree());
  expect([ash.run('return 3; echo never'), ash.exited]).toEqual([{ stdout: '', stderr: '', exitCode: 3, exited: true }, true]);
});
