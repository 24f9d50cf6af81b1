/**
 * The Command interface as programs see it: the filesystem, effects, exec of children, standard
 * input, the environment, and the shell-level facts of a run (cwd, traces, heredocs).
 */
import { describe, expect, test } from 'vitest';
import { createRegistry, realCommands, runShell, type Command, type CommandContext } from '../../../src/lib/shell/index.ts';
import { readFile, AS_ROOT } from '../../../src/lib/vfs/index.ts';
import { busyboxTree, PATH, ROOT, sh } from './fixtures.ts';

/** A tree with /usr/bin/<name> for each test program (which need a file to be found). */
function treeWith(...names: string[]) {
  return sh(names.map((n) => `touch /usr/bin/${n} && chmod 755 /usr/bin/${n}`).join(' && ')).fs;
}

const seen: CommandContext[] = [];
const probe: Command = {
  name: 'probe',
  run(args, ctx) {
    seen.push(ctx);
    ctx.stdout.write(`argv0=${ctx.argv0} args=${args.join(',')} cwd=${ctx.cwd} user=${ctx.user} uid=${ctx.cred.uid} flavor=${ctx.flavor} FOO=${ctx.env['FOO'] ?? ''} stdin=${JSON.stringify(ctx.stdin)} resolved=${ctx.resolve('../x')}\n`);
    return 0;
  },
};
const installer: Command = {
  name: 'installer',
  run(_args, ctx) {
    const written = readFile(ctx.fs, AS_ROOT, '/etc/passwd');
    if (!written.ok) return 1;
    ctx.simulate({ by: 'installer', summary: 'pretended to install', paths: ['/opt/tool'], bytes: 42 });
    return ctx.exec(['sh', '-c', 'mkdir -p /opt/tool && echo "child saw $FOO in $PWD"'], { env: { FOO: 'child' }, cwd: '/tmp' });
  },
};
const registry = createRegistry(realCommands, [probe, installer]);

describe('CommandContext', () => {
  test('argv0, args, cwd, user, env with prefix assignments, stdin, resolve', () => {
    const r = sh('cd /app && echo input | FOO=bar probe a "b c"', { fs: treeWith('probe'), registry });
    expect(r.stdout).toBe('argv0=probe args=a,b c cwd=/app user=root uid=0 flavor=gnu FOO=bar stdin="input\\n" resolved=/x\n');
  });
  test('a program reached through a BusyBox symlink speaks BusyBox', () => {
    const fs = sh('ln -s /bin/busybox /usr/bin/probe').fs;
    expect(sh('probe', { fs, registry }).stdout).toContain('flavor=busybox');
  });
  test('effects are collected; exec runs a child with its env and cwd in the same filesystem', () => {
    const r = sh('installer; ls -d /opt/tool', { fs: treeWith('installer'), registry });
    expect(r.stdout).toBe('child saw child in /tmp\n/opt/tool\n');
    expect(r.effects).toEqual([{ by: 'installer', summary: 'pretended to install', paths: ['/opt/tool'], bytes: 42 }]);
  });
  test('stdin is read only when a program asks for it', () => {
    const r = sh('printf "1\\n2\\n3\\n" > /tmp/n; while read x; do echo "line $x"; true; done < /tmp/n');
    expect(r.stdout).toBe('line 1\nline 2\nline 3\n');
  });
  test('runShell options: stdin, cwd in the result, the fixed clock', () => {
    const r = runShell('cat; cd /tmp; date +%F', { fs: busyboxTree(), cred: ROOT, user: 'root', cwd: '/', env: { PATH }, stdin: 'from stdin\n' });
    expect([r.stdout, r.cwd]).toEqual(['from stdin\n2026-01-01\n', '/tmp']);
  });
});

describe('RUN scripts as Dockerfiles write them', () => {
  test('a heredoc body with several commands', () => {
    const r = sh('set -e\nmkdir -p /app/conf\ncat > /app/conf/app.ini <<EOF\n[server]\nport=${PORT:-8080}\nEOF\ncat /app/conf/app.ini', { env: { PATH, PORT: '3000' } });
    expect([r.exitCode, r.stdout]).toEqual([0, '[server]\nport=3000\n']);
  });
  test('&& chains stop at the first failure and its status is the step\'s', () => {
    const r = sh('mkdir /app/x && cd /nope && touch /app/x/never');
    expect([r.exitCode, r.stderr, sh('ls /app', { fs: r.fs }).stdout]).toEqual([2, "/bin/sh: cd: line 0: can't cd to /nope: No such file or directory\n", 'x\n']);
  });
  test('globs expand against the image\'s files', () => {
    const r = sh('mkdir -p /var/lib/apt/lists && touch /var/lib/apt/lists/a /var/lib/apt/lists/b && rm -rf /var/lib/apt/lists/* && ls -a /var/lib/apt/lists');
    expect(r.stdout).toBe('.\n..\n');
  });
  test('set -x traces expanded commands to stderr', () => {
    expect(sh('set -x; NAME=world; echo "hello $NAME"').stderr).toBe("+ NAME=world\n+ echo 'hello world'\n");
  });
});
