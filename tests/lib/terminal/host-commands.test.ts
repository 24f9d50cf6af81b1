import { describe, expect, test } from 'vitest';
import { PROMPT, startHarness } from './fixtures.ts';

/** What the commands printed, without the prompt lines. */
async function output(...lines: string[]): Promise<string> {
  const h = startHarness({
    Dockerfile: { content: 'FROM scratch\n' },
    'app/main.go': { content: 'package main\n' },
    'app/bin/tool': { size: 5000, mode: 0o755 },
    'docs/': {},
    '.env': { content: 'X=1\n' },
  });
  await h.enter(...lines);
  return h.term.screen().split('\n').filter((l) => !l.startsWith(PROMPT.trimEnd())).join('\n');
}

describe('host commands', () => {
  test('ls of several paths: files first, then each folder under its name; a missing one is reported', async () => {
    expect(await output('ls Dockerfile app nope docs')).toBe([
      "ls: cannot access 'nope': No such file or directory",
      'Dockerfile',
      '',
      'app:',
      'bin  main.go',
      '',
      'docs:',
    ].join('\n'));
  });

  test('ls -l shows modes and sizes of files given by size only; -a shows dot files', async () => {
    expect(await output('ls -l app/bin', 'ls -a')).toBe([
      'total 8',
      '-rwxr-xr-x 1 learner learner 5000 Jan  1 00:00 tool',
      '.  ..  app  Dockerfile  docs  .env',
    ].join('\n'));
  });

  test('option errors as GNU tools print them', async () => {
    expect(await output('ls -z', 'tree -x')).toBe([
      "ls: invalid option -- 'z'",
      "Try 'ls --help' for more information.",
      "tree: invalid option -- 'x'",
      "Try 'tree --help' for more information.",
    ].join('\n'));
  });

  test('cat of a folder, of a binary, of a file in a subfolder; cd into a file', async () => {
    expect(await output('cat app', 'cat app/bin/tool', 'cat app/../app/main.go', 'cd Dockerfile', 'cd a b')).toBe([
      'cat: app: Is a directory',
      '(app/bin/tool: 5000 bytes of binary content, not stored by Stagecraft)',
      'package main',
      'bash: cd: Dockerfile: Not a directory',
      'bash: cd: too many arguments',
    ].join('\n'));
  });

  test('cd with no argument and ~ go to the project; paths may be absolute inside it', async () => {
    const h = startHarness();
    await h.enter('cd src', 'cd', 'cd ~/project/src', 'cd /home/learner/project', 'pwd');
    expect(h.term.screen().split('\n').slice(-2)).toEqual(['/home/learner/project', PROMPT.trimEnd()]);
  });

  test('tree -a of a subfolder', async () => {
    expect(await output('tree -a app')).toBe(['app', '├── bin', '│   └── tool', '└── main.go', '', '1 directory, 2 files'].join('\n'));
  });

  test('exit on the host explains itself', async () => {
    expect(await output('exit')).toBe("exit: this is the page's own terminal; there is no shell outside it to return to");
  });

  test('history numbers the lines entered', async () => {
    expect(await output('echo a', 'history')).toBe(['a', '    1  echo a', '    2  history'].join('\n'));
  });

  test('help says what is simulated', async () => {
    const text = await output('help');
    expect(text.split('\n')[0]).toBe('This terminal is a simulation running in your browser: no real Docker, no network.');
    expect(text).toContain("Host commands (Stagecraft's small versions, over the build context only):\n  ls       list a folder of the build context (-l long, -a all)\n");
  });

  test('docker alone prints its command list', async () => {
    const text = await output('docker');
    expect(text.split('\n').slice(0, 6)).toEqual([
      'Usage:  docker [OPTIONS] COMMAND',
      '',
      "A self-sufficient runtime for containers (Stagecraft's simulation: images are built and run in your browser)",
      '',
      'Commands:',
      '  run         Create and run a new container from an image',
    ]);
  });
});
