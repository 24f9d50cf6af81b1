import { describe, expect, test } from 'vitest';
import { PROMPT, startHarness } from './fixtures.ts';

describe('terminal session: build, then run in the image', () => {
  test('docker run app id prints the non-root user of the image', async () => {
    const h = startHarness();
    await h.enter('docker build -q -t app .', 'docker run app id', 'docker run app');
    const id = h.daemon.store.images[0]?.id ?? '';
    expect(h.term.screen()).toBe([
      `${PROMPT}docker build -q -t app .`,
      `sha256:${id}`,
      `${PROMPT}docker run app id`,
      'uid=1000(app) gid=1000(app) groups=1000(app)',
      `${PROMPT}docker run app`,
      'hello from app',
      PROMPT.trimEnd(),
    ].join('\n'));
  });

  test('docker run -it app sh: a prompt inside the container, state kept across lines, exit returns', async () => {
    const h = startHarness();
    await h.enter('docker build -q -t app .');
    await h.keys('\x0c');
    await h.enter('docker run -it app sh', 'ls /', 'cd /tmp && touch note && ls', 'X=42', 'echo $X $(pwd)', 'touch /etc/motd', 'exit', 'pwd');
    expect(h.term.screen()).toBe([
      `${PROMPT}docker run -it app sh`,
      '/app $ ls /',
      // On a terminal BusyBox's ls lays the names out in columns (each the widest name + 2).
      'app    dev    home   media  opt    root   sbin   sys    usr',
      'bin    etc    lib    mnt    proc   run    srv    tmp    var',
      '/app $ cd /tmp && touch note && ls',
      'note',
      '/tmp $ X=42',
      '/tmp $ echo $X $(pwd)',
      '42 /tmp',
      '/tmp $ touch /etc/motd',
      'touch: /etc/motd: Permission denied',
      '/tmp $ exit',
      `${PROMPT}pwd`,
      '/home/learner/project',
      PROMPT.trimEnd(),
    ].join('\n'));
  });

  test('a fresh container each run: files written in one run are gone in the next', async () => {
    const h = startHarness();
    await h.enter('docker build -q -t app .');
    await h.keys('\x0c');
    await h.enter('docker run app sh -c "echo hi > /tmp/f; cat /tmp/f"', 'docker run app cat /tmp/f');
    expect(h.term.screen()).toBe([
      `${PROMPT}docker run app sh -c "echo hi > /tmp/f; cat /tmp/f"`,
      'hi',
      `${PROMPT}docker run app cat /tmp/f`,
      'cat: can\'t open \'/tmp/f\': No such file or directory',
      PROMPT.trimEnd(),
    ].join('\n'));
  });

  test('a bash image gets the Debian prompt; Ctrl-D leaves the shell', async () => {
    const h = startHarness();
    await h.enter('docker run --rm -it -h box debian:trixie bash', 'cd ~');
    await h.keys('\x04');
    expect(h.term.screen()).toBe([
      `${PROMPT}docker run --rm -it -h box debian:trixie bash`,
      "Unable to find image 'debian:trixie' locally",
      'trixie: Pulling from library/debian',
      "Status: Downloaded newer image for debian:trixie (simulated: taken from Stagecraft's image catalogue, not a registry)",
      'root@box:/# cd ~',
      'root@box:~#',
      'exit',
      PROMPT.trimEnd(),
    ].join('\n'));
  });
});

describe('terminal session: host commands over the build context', () => {
  test('ls, ls -la, cat, cd, pwd, tree', async () => {
    const h = startHarness();
    await h.enter('ls', 'ls -la', 'cat hello.sh', 'cd src', 'pwd', 'ls', 'cd ..', 'tree', 'cd /etc', 'cat nope');
    expect(h.term.screen()).toBe([
      `${PROMPT}ls`,
      'Dockerfile  hello.sh  src',
      `${PROMPT}ls -la`,
      'total 24',
      'drwxr-xr-x 1 learner learner 4096 Jan  1 00:00 .',
      'drwxr-xr-x 1 learner learner 4096 Jan  1 00:00 ..',
      '-rw-r--r-- 1 learner learner  175 Jan  1 00:00 Dockerfile',
      '-rw-r--r-- 1 learner learner    5 Jan  1 00:00 .dockerignore',
      '-rw-r--r-- 1 learner learner   26 Jan  1 00:00 hello.sh',
      'drwxr-xr-x 1 learner learner 4096 Jan  1 00:00 src',
      `${PROMPT}cat hello.sh`,
      'echo hello from $(whoami)',
      `${PROMPT}cd src`,
      'learner@stagecraft:~/project/src$ pwd',
      '/home/learner/project/src',
      'learner@stagecraft:~/project/src$ ls',
      'main.go',
      'learner@stagecraft:~/project/src$ cd ..',
      `${PROMPT}tree`,
      '.',
      '├── Dockerfile',
      '├── hello.sh',
      '└── src',
      '    └── main.go',
      '',
      '1 directory, 3 files',
      `${PROMPT}cd /etc`,
      "bash: cd: /etc: outside the project (this terminal's host has only the build context)",
      `${PROMPT}cat nope`,
      'cat: nope: No such file or directory',
      PROMPT.trimEnd(),
    ].join('\n'));
  });

  test('unknown commands, && and || chains, quoting errors', async () => {
    const h = startHarness();
    await h.enter('foo', 'cat nope && echo yes || echo no', 'echo "unclosed');
    expect(h.term.screen()).toBe([
      `${PROMPT}foo`,
      'foo: command not found (this terminal has docker and ls, cat, cd, pwd, tree, echo, history, clear, exit, help; try help)',
      `${PROMPT}cat nope && echo yes || echo no`,
      'cat: nope: No such file or directory',
      'no',
      `${PROMPT}echo "unclosed`,
      "bash: unexpected EOF while looking for matching `\"'",
      PROMPT.trimEnd(),
    ].join('\n'));
  });

  test('the build context is read when the command runs, so playground edits show up', async () => {
    const files: Record<string, { content: string }> = { 'a.txt': { content: 'one\n' } };
    const h = startHarness(files);
    await h.enter('cat a.txt');
    files['a.txt'] = { content: 'two\n' };
    await h.enter('cat a.txt');
    expect(h.term.screen()).toBe([`${PROMPT}cat a.txt`, 'one', `${PROMPT}cat a.txt`, 'two', PROMPT.trimEnd()].join('\n'));
  });
});

describe('terminal session: keys', () => {
  test('Ctrl-C abandons the line and shows a new prompt; nothing runs', async () => {
    const h = startHarness();
    await h.keys('docker build .\x03');
    expect(h.term.screen()).toBe(`${PROMPT}docker build .^C\n${PROMPT.trimEnd()}`);
    expect(h.daemon.store.images).toEqual([]);
    expect(h.session.history.entries).toEqual([]);
  });

  test('history: Up recalls earlier lines, Down returns to the line being typed', async () => {
    const h = startHarness();
    await h.enter('pwd', 'echo one');
    await h.keys('draft\x1b[A\x1b[A');
    expect(h.term.screen().split('\n').at(-1)).toBe(`${PROMPT}pwd`);
    await h.keys('\x1b[B\x1b[B');
    expect(h.term.screen().split('\n').at(-1)).toBe(`${PROMPT}draft`);
    await h.keys('\x1b[A\r');
    expect(h.term.screen().split('\n').slice(-3)).toEqual([`${PROMPT}echo one`, 'one', PROMPT.trimEnd()]);
    expect(h.session.history.entries).toEqual(['pwd', 'echo one']);
  });

  test('the container shell keeps its own history', async () => {
    const h = startHarness();
    await h.enter('docker run -it alpine:3.20 sh', 'echo inside');
    await h.keys('\x1b[A\x1b[A');
    expect(h.term.screen().split('\n').at(-1)).toBe('/ # echo inside');
  });

  test('Ctrl-L clears the screen and keeps the line being typed', async () => {
    const h = startHarness();
    await h.enter('pwd');
    await h.keys('ls -l\x0c');
    expect(h.term.screen()).toBe(`${PROMPT}ls -l`);
  });

  test('Tab completes commands, subcommands, images, stages and paths; a second Tab lists', async () => {
    const h = startHarness();
    await h.enter('docker build -q -t app .');
    await h.keys('\x0cdoc\t');
    expect(h.term.cursorLine()).toBe(`${PROMPT}docker `);
    await h.keys('bu\t--tar\tr\t');
    expect(h.term.cursorLine()).toBe(`${PROMPT}docker build --target runtime `);
    await h.keys('\x15docker run a\t');
    expect(h.term.cursorLine()).toBe(`${PROMPT}docker run app `);
    await h.keys('\x15cat h\t');
    expect(h.term.cursorLine()).toBe(`${PROMPT}cat hello.sh `);
    await h.keys('\x15cd s\t');
    expect(h.term.cursorLine()).toBe(`${PROMPT}cd src/`);
    await h.keys('\x15docker i\t');
    expect(h.term.output.endsWith('\x07')).toBe(true);
    await h.keys('\t');
    expect(h.term.screen()).toBe([`${PROMPT}docker i`, 'image    images   inspect', `${PROMPT}docker i`].join('\n'));
  });

  test('image prune asks first; the answer is read like a line', async () => {
    const h = startHarness();
    await h.enter('docker build -q -t app .', 'docker build -q -t app --target build .', 'docker tag app keep');
    const [build, runtime] = h.daemon.store.images.map((i) => i.id);
    await h.keys('\x0c');
    await h.enter('docker image prune', 'n', 'docker image prune -a', 'y', 'docker images');
    expect(h.term.screen()).toBe([
      `${PROMPT}docker image prune`,
      'WARNING! This will remove all dangling images.',
      'Are you sure you want to continue? [y/N] n',
      `${PROMPT}docker image prune -a`,
      'WARNING! This will remove all images without at least one container associated to them.',
      'Are you sure you want to continue? [y/N] y',
      'Deleted Images:',
      'untagged: app:latest',
      'untagged: keep:latest',
      `deleted: sha256:${build}`,
      `deleted: sha256:${runtime}`,
      '',
      'Total reclaimed space: 7.8MB',
      `${PROMPT}docker images`,
      'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE',
      PROMPT.trimEnd(),
    ].join('\n'));
  });

  test('inside a container: Tab completes its programs and paths; Ctrl-C gives a fresh prompt', async () => {
    const h = startHarness();
    await h.enter('docker run -it alpine:3.20 sh');
    await h.keys('\x0cwhoa\t');
    expect(h.term.cursorLine()).toBe('/ # whoami ');
    await h.keys('\x15cat /etc/os-r\t');
    expect(h.term.cursorLine()).toBe('/ # cat /etc/os-release ');
    await h.keys('\x15ls /ro\t');
    expect(h.term.cursorLine()).toBe('/ # ls /root/');
    await h.keys('\x03');
    expect(h.term.screen()).toBe('/ # ls /root/^C\n/ #');
  });
});


describe('a terminal program in another thread', () => {
  test('keys and output pass through messages; the screen shows the same as a local session', async () => {
    const { createBufferTerminal, createRemoteTerminal, connectTerminal, startTerminalSession } = await import('../../../src/lib/terminal/index.ts');
    const { createDaemon } = await import('../../../src/lib/cli/docker/index.ts');
    const screen = createBufferTerminal({ cols: 100 });
    // Two one-way channels standing in for postMessage.
    let toProgram: (m: import('../../../src/lib/terminal/index.ts').KeyboardMessage) => void = () => undefined;
    const connection = connectTerminal(screen, (m) => toProgram(m));
    const remote = createRemoteTerminal((m) => connection.receive(m), { cols: 120, rows: 24 });
    toProgram = (m) => remote.receive(m);
    const files = { 'a.txt': { content: 'hello\n' } };
    const session = startTerminalSession(remote, createDaemon({ context: () => files }), { color: false });
    screen.type('cat a.txt\r');
    await session.idle();
    screen.type('pwd\x0c');
    await session.idle();
    expect(screen.screen()).toBe(`${PROMPT}pwd`);
    screen.type('\x15cat a.txt\r');
    await session.idle();
    expect(screen.screen()).toBe([`${PROMPT}pwd`.replace('pwd', 'cat a.txt'), 'hello', PROMPT.trimEnd()].join('\n'));
    screen.type('\x0c');
    await session.idle();
    expect(remote.cols).toBe(120);
    connection.resized();
    expect(remote.cols).toBe(100);
  });
});

test('a bug in a command is reported and the terminal stays usable', async () => {
  const { createBufferTerminal, startTerminalSession } = await import('../../../src/lib/terminal/index.ts');
  const { createDaemon } = await import('../../../src/lib/cli/docker/index.ts');
  const term = createBufferTerminal({ cols: 120 });
  let calls = 0;
  const daemon = createDaemon({
    context: () => {
      if (calls++ === 0) throw new Error('context unavailable');
      return {};
    },
  });
  const session = startTerminalSession(term, daemon, { color: false });
  term.type('docker build .\recho still here\r');
  await session.idle();
  expect(term.screen()).toBe([
    `${PROMPT}docker build .`,
    '',
    'Stagecraft hit a bug and stopped this command: context unavailable',
    `${PROMPT}echo still here`,
    'still here',
    PROMPT.trimEnd(),
  ].join('\n'));
});
