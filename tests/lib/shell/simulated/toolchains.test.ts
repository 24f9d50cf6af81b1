import { describe, expect, test } from 'vitest';
import type { CommandContext } from '../../../../src/lib/shell/command.ts';
import { bytesAt, makeTree, nodeAt, run, textAt } from './harness.ts';

const goMod = 'module example.com/api\n\ngo 1.23\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/acme/tool v0.1.0 // indirect\n)\n';
const mainGo = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n';
const GOENV = { GOPATH: '/go', HOME: '/root' };

describe('go', () => {
  test('go build -o writes a binary of the estimated size (static without a C compiler) and fills the caches', () => {
    const tree = makeTree({ files: { '/src/go.mod': goMod, '/src/main.go': mainGo } });
    const r = run(tree, ['go', 'build', '-o', '/out/server', '.'], { cwd: '/src', env: GOENV });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('go: downloading github.com/gin-gonic/gin v1.10.0\ngo: downloading github.com/acme/tool v0.1.0\n');
    expect(nodeAt(r.fs, '/out/server')).toMatchObject({ kind: 'file', size: 7864320, mode: 0o755, origin: { simulated: true, by: 'go build (static)' } });
    expect(bytesAt(r.fs, '/go/pkg/mod')).toBe(1153434 + 1572864);
    expect(bytesAt(r.fs, '/root/.cache/go-build')).toBe(41943040);
  });

  test('-ldflags="-s -w" makes the binary smaller', () => {
    const tree = makeTree({ files: { '/src/go.mod': 'module example.com/hello\n', '/src/main.go': 'package main\nimport "fmt"\nfunc main() { fmt.Println("hi") }\n' } });
    const r = run(tree, ['go', 'build', '-ldflags=-s -w', '-o', 'hello'], { cwd: '/src', env: GOENV });
    expect(nodeAt(r.fs, '/src/hello')).toMatchObject({ size: Math.round(2202009 * 0.7) });
  });

  test('without go.mod, go build and go mod download fail as go does', () => {
    const tree = makeTree({ files: { '/src/main.go': mainGo } });
    for (const argv of [['go', 'build', '-o', '/out/app', '.'], ['go', 'mod', 'download'], ['go', 'test', './...']]) {
      const r = run(tree, argv, { cwd: '/src', env: GOENV });
      expect([r.status, r.stderr]).toEqual([1, "go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n"]);
    }
  });

  test('go mod download fills the module cache once', () => {
    const tree = makeTree({ files: { '/src/go.mod': goMod } });
    const r = run(tree, ['go', 'mod', 'download'], { cwd: '/src', env: GOENV });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(nodeAt(r.fs, '/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0')).toMatchObject({ kind: 'dir', summary: { bytes: 1153434 } });
    expect(run(r.fs, ['go', 'mod', 'download'], { cwd: '/src', env: GOENV }).effects).toEqual([]);
  });

  test('go test reports packages without running them', () => {
    const tree = makeTree({ files: { '/src/go.mod': goMod, '/src/main.go': mainGo, '/src/main_test.go': 'package main\n', '/src/util/u.go': 'package util\n' } });
    const r = run(tree, ['go', 'test', './...'], { cwd: '/src', env: GOENV });
    expect(r.stdout).toBe('ok  \texample.com/api\t0.002s\n?   \texample.com/api/util\t[no test files]\n');
  });
});

describe('pip', () => {
  const python = () => makeTree({ files: { '/app/requirements.txt': '# web\nflask==3.1.3\nrequests>=2.31  # http\n' }, dirs: ['/usr/local/lib/python3.12/site-packages'] });

  test('pip install -r installs the measured packages into site-packages and keeps wheels in ~/.cache/pip', () => {
    const r = run(python(), ['pip', 'install', '-r', 'requirements.txt'], { cwd: '/app' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Successfully installed flask-3.1.3 requests-2.34.2\n');
    expect(bytesAt(r.fs, '/usr/local/lib/python3.12/site-packages/flask')).toBe(5165619);
    expect(bytesAt(r.fs, '/root/.cache/pip')).toBe(Math.round((5165619 + 3364587) * 0.4));
    expect(r.stderr).toContain("WARNING: Running pip as the 'root' user");
  });

  test('a user who may not write site-packages gets a user installation in ~/.local', () => {
    const r = run(python(), ['pip', 'install', '--no-cache-dir', 'flask'], { cwd: '/app', cred: { uid: 1000, gid: 1000, groups: [] }, env: { HOME: '/home/app' } });
    expect(r.status).toBe(1); // /home/app does not exist in this tree, so even that fails
    const withHome = makeTree({ dirs: { '/usr/local/lib/python3.12/site-packages': {}, '/home/app': { uid: 1000, gid: 1000 } } });
    const ok = run(withHome, ['pip', 'install', '--no-cache-dir', 'flask'], { cred: { uid: 1000, gid: 1000, groups: [] }, env: { HOME: '/home/app' } });
    expect(ok.status).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('Defaulting to user installation because normal site-packages is not writeable');
    expect(bytesAt(ok.fs, '/home/app/.local/lib/python3.12/site-packages/flask')).toBe(5165619);
  });

  test('--no-cache-dir leaves no cache', () => {
    const r = run(python(), ['pip', 'install', '--no-cache-dir', '-r', 'requirements.txt'], { cwd: '/app' });
    expect(nodeAt(r.fs, '/root/.cache/pip')).toBeUndefined();
  });

  test('a missing requirements file is pip error', () => {
    const r = run(python(), ['pip', 'install', '-r', 'reqs.txt'], { cwd: '/app' });
    expect([r.status, r.stderr]).toEqual([1, "ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'reqs.txt'\n"]);
  });

  test("Debian's system Python refuses with externally-managed-environment", () => {
    const tree = makeTree({ files: { '/usr/lib/python3.11/EXTERNALLY-MANAGED': '[externally-managed]\n', '/etc/debian_version': '12.9\n' }, dirs: ['/usr/local/lib/python3.11/dist-packages'] });
    const r = run(tree, ['pip3', 'install', 'flask']);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error: externally-managed-environment');
    expect(r.stderr).toContain('    See /usr/share/doc/python3.11/README.venv for more information.\n');
    const forced = run(tree, ['pip3', 'install', '--break-system-packages', 'flask']);
    expect(forced.status).toBe(0);
    expect(bytesAt(forced.fs, '/usr/local/lib/python3.11/dist-packages/flask')).toBe(5165619);
  });
});

describe('cargo and mvn', () => {
  test('cargo build --release writes target/release/<name>', () => {
    const tree = makeTree({ files: { '/app/Cargo.toml': '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n' } });
    const r = run(tree, ['cargo', 'build', '--release'], { cwd: '/app' });
    expect(r.status).toBe(0);
    expect(nodeAt(r.fs, '/app/target/release/hello')).toMatchObject({ size: 445912, mode: 0o755 });
    expect(r.stderr).toBe('   Compiling hello v0.1.0 (/app)\n    Finished `release` profile [optimized] target(s) in 1.00s\n');
  });

  test('cargo build without Cargo.toml fails', () => {
    const r = run(makeTree({ dirs: ['/app'] }), ['cargo', 'build', '--release'], { cwd: '/app' });
    expect([r.status, r.stderr]).toEqual([101, 'error: could not find `Cargo.toml` in `/app` or any parent directory\n']);
  });

  test('mvn package writes target/<artifactId>-<version>.jar', () => {
    const pom = '<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.4.0</version></parent><artifactId>demo</artifactId><version>0.0.1-SNAPSHOT</version><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>';
    const r = run(makeTree({ files: { '/app/pom.xml': pom } }), ['mvn', '-B', 'package', '-DskipTests'], { cwd: '/app' });
    expect(r.status).toBe(0);
    expect(nodeAt(r.fs, '/app/target/demo-0.0.1-SNAPSHOT.jar')).toMatchObject({ size: 20971520 });
    expect(bytesAt(r.fs, '/root/.m2/repository')).toBe(31457280);
  });

  test('mvn without pom.xml fails', () => {
    const r = run(makeTree({ dirs: ['/app'] }), ['mvn', 'package'], { cwd: '/app' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[ERROR] The goal you specified requires a project to execute but there is no POM in this directory (/app). Please verify you invoked Maven from the correct directory. -> [Help 1]\n');
    expect(r.stdout).toContain('[INFO] BUILD FAILURE\n');
  });
});

describe('gcc and make', () => {
  test('gcc -o compiles to a binary; glibc, musl and -static differ in size', () => {
    const src = '#include <stdio.h>\nint main(void){puts("hi");return 0;}\n';
    const glibc = run(makeTree({ files: { '/src/hello.c': src } }), ['gcc', '-O2', '-o', 'hello', 'hello.c'], { cwd: '/src' });
    expect(nodeAt(glibc.fs, '/src/hello')).toMatchObject({ size: 15960 + Math.round(src.length * 0.5), mode: 0o755, origin: { by: 'gcc (dynamic, glibc)' } });
    const musl = run(makeTree({ files: { '/src/hello.c': src, '/etc/alpine-release': '3.21.3\n' } }), ['cc', '-o', 'hello', 'hello.c'], { cwd: '/src' });
    expect(nodeAt(musl.fs, '/src/hello')).toMatchObject({ size: 18432 + Math.round(src.length * 0.5), origin: { by: 'cc (dynamic, musl)' } });
    const stat = run(makeTree({ files: { '/src/hello.c': src } }), ['gcc', '-static', 'hello.c'], { cwd: '/src' });
    expect(nodeAt(stat.fs, '/src/a.out')).toMatchObject({ size: 762424 + Math.round(src.length * 0.5), origin: { by: 'gcc (static)' } });
    const objects = run(makeTree({ files: { '/src/hello.c': src } }), ['gcc', '-c', 'hello.c'], { cwd: '/src' });
    expect(nodeAt(objects.fs, '/src/hello.o')).toMatchObject({ origin: { by: 'gcc' } });
  });

  // gcc, make, curl, mvn and cargo messages below were checked against the real tools (gcc 12, GNU make 4.3, curl 7.88, Maven 3.8, cargo 1.95).
  test('gcc with a missing source fails as gcc does', () => {
    const r = run(makeTree({ dirs: ['/src'] }), ['gcc', '-o', 'app', 'main.c'], { cwd: '/src' });
    expect([r.status, r.stderr]).toEqual([1, 'cc1: fatal error: main.c: No such file or directory\ncompilation terminated.\n']);
    expect(run(makeTree({ dirs: ['/src'] }), ['gcc', '-o', 'app', 'main.o'], { cwd: '/src' }).stderr).toBe('/usr/bin/ld: cannot find main.o: No such file or directory\ncollect2: error: ld returned 1 exit status\n');
    expect(run(makeTree({}), ['gcc']).stderr).toBe('gcc: fatal error: no input files\ncompilation terminated.\n');
  });

  test('make runs the default target recipe through sh, with variables and automatic variables', () => {
    const makefile = 'CC = gcc\nCFLAGS := -O2\n\napp: main.c util.c\n\t$(CC) $(CFLAGS) -o $@ $^\n\n.PHONY: clean\nclean:\n\trm -f app\n';
    const seen: string[][] = [];
    const exec = (argv: readonly string[], _ctx: CommandContext) => {
      seen.push([...argv]);
      return 0;
    };
    const r = run(makeTree({ files: { '/src/Makefile': makefile, '/src/main.c': 'int main(){}', '/src/util.c': '' } }), ['make'], { cwd: '/src', exec });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('gcc -O2 -o app main.c util.c\n');
    expect(seen).toEqual([['sh', '-c', 'gcc -O2 -o app main.c util.c']]);
  });

  test('make reports targets with nothing to do as GNU make does', () => {
    const tree = makeTree({ files: { '/src/Makefile': 'all: app\n\napp: main.c\n\t@echo building\n\nx:\n\techo x\n\nempty: main.c\n', '/src/main.c': '', '/src/x': '' } });
    const ok = () => 0;
    expect(run(tree, ['make'], { cwd: '/src', exec: ok }).stdout).toBe('');
    expect(run(tree, ['make', 'x'], { cwd: '/src', exec: ok }).stdout).toBe("make: 'x' is up to date.\n");
    expect(run(tree, ['make', 'empty'], { cwd: '/src', exec: ok }).stdout).toBe("make: Nothing to be done for 'empty'.\n");
  });

  test('make stops at a failing recipe line and without a makefile', () => {
    const failing = run(makeTree({ files: { '/src/Makefile': 'all:\n\tfalse\n' } }), ['make'], { cwd: '/src', exec: () => 1 });
    expect([failing.status, failing.stderr]).toEqual([2, 'make: *** [Makefile:2: all] Error 1\n']);
    const none = run(makeTree({ dirs: ['/src'] }), ['make'], { cwd: '/src' });
    expect([none.status, none.stderr]).toEqual([2, 'make: *** No targets specified and no makefile found.  Stop.\n']);
    const missing = run(makeTree({ files: { '/src/Makefile': 'all: main.o\n\techo\n' } }), ['make'], { cwd: '/src' });
    expect(missing.stderr).toBe("make: *** No rule to make target 'main.o', needed by 'all'.  Stop.\n");
  });
});

describe('curl and wget', () => {
  test('curl -fsSL -o writes a file of the listed size, labelled a simulated download', () => {
    const url = 'https://github.com/krallin/tini/releases/download/v0.19.0/tini-static';
    const r = run(makeTree({}), ['curl', '-fsSL', '-o', '/usr/local/bin/tini', url]);
    expect(r.status).toBe(0);
    expect(nodeAt(r.fs, '/usr/local/bin/tini')).toMatchObject({ size: 865432, origin: { simulated: true, by: 'curl' } });
    expect(r.effects[0]?.summary).toBe(`downloaded ${url} to /usr/local/bin/tini (size from the table of well-known URLs; no network) (simulated)`);
  });

  test('an unknown URL gets the default size and says so; -O keeps the remote name', () => {
    const r = run(makeTree({ dirs: ['/tmp'] }), ['curl', '-LO', 'https://example.com/files/data.tar.gz'], { cwd: '/tmp' });
    expect(nodeAt(r.fs, '/tmp/data.tar.gz')).toMatchObject({ size: 1048576 });
    expect(r.effects[0]?.summary).toContain('unknown URL: size is the default estimate');
  });

  test('curl to stdout prints a placeholder comment, so piping it to sh runs nothing', () => {
    const r = run(makeTree({}), ['curl', '-fsSL', 'https://sh.rustup.rs']);
    expect(r.stdout).toBe('# simulated download of https://sh.rustup.rs (25000 bytes): Stagecraft has no network\n');
  });

  test('curl without a URL', () => {
    expect(run(makeTree({}), ['curl'])).toMatchObject({ status: 2, stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n" });
  });

  test('a download into a folder the user may not write fails', () => {
    const r = run(makeTree({}), ['curl', '-o', '/usr/local/bin/x', 'https://example.com/x'], { cred: { uid: 1000, gid: 1000, groups: [] } });
    expect([r.status, r.stderr]).toEqual([23, 'Warning: Failed to open the file /usr/local/bin/x: Permission denied\ncurl: (23) Failure writing output to destination\n']);
    const silent = run(makeTree({}), ['curl', '-fsSL', '-o', '/usr/local/bin/x', 'https://example.com/x'], { cred: { uid: 1000, gid: 1000, groups: [] } });
    expect([silent.status, silent.stderr]).toEqual([23, 'curl: (23) Failure writing output to destination\n']);
  });

  test('busybox wget -O saves the file and reports it', () => {
    const r = run(makeTree({ dirs: ['/tmp'] }), ['wget', '-O', '/tmp/wait.sh', 'https://raw.githubusercontent.com/vishnubob/wait-for-it/master/wait-for-it.sh'], { flavor: 'busybox' });
    expect(r.status).toBe(0);
    expect(nodeAt(r.fs, '/tmp/wait.sh')).toMatchObject({ size: 5224 });
    expect(r.stderr).toContain("'/tmp/wait.sh' saved\n");
  });

  test('GNU wget (Debian) reports in its own words', () => {
    const r = run(makeTree({ dirs: ['/tmp'] }), ['wget', 'https://example.com/a.tgz'], { cwd: '/tmp' });
    expect(r.stderr).toBe('--2025-01-15 00:00:00--  https://example.com/a.tgz\nSaving to: ‘a.tgz’\n\n2025-01-15 00:00:00 (simulated, no network) - ‘a.tgz’ saved [1048576/1048576]\n\n');
  });
});

describe('node, tsc and vite', () => {
  test("node with a missing script prints Node's real error", () => {
    const r = run(makeTree({ dirs: ['/app'] }), ['node', 'server.js'], { cwd: '/app', env: { NODE_VERSION: '22.16.0' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Error: Cannot find module '/app/server.js'\n");
    expect(r.stderr.endsWith('Node.js v22.16.0\n')).toBe(true);
    const node20 = run(makeTree({ dirs: ['/app'] }), ['node', 'x.js'], { cwd: '/app', env: { NODE_VERSION: '20.20.2' } });
    expect(node20.stderr).toBe(
      "node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n\nError: Cannot find module '/app/x.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)\n    at Module._load (node:internal/modules/cjs/loader:1038:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)\n    at node:internal/main/run_main_module:28:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v20.20.2\n",
    );
  });

  test('node with an existing script is a labelled simulated run', () => {
    const r = run(makeTree({ files: { '/app/server.js': 'console.log(1)' } }), ['node', 'server.js'], { cwd: '/app' });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '[simulated] node: ran /app/server.js (Stagecraft does not execute JavaScript; its output is unknown)\n']);
    expect(r.effects).toEqual([{ by: 'node', summary: 'ran /app/server.js (simulated: Stagecraft does not execute JavaScript)', paths: ['/app/server.js'] }]);
    const inline = run(makeTree({ dirs: ['/app'] }), ['node', '-e', 'console.log(1)'], { cwd: '/app' });
    expect([inline.status, inline.stderr]).toEqual([0, '[simulated] node: evaluated inline JavaScript (Stagecraft does not execute JavaScript; its output is unknown)\n']);
  });

  test('tsc turns src/**/*.ts into outDir/**/*.js with the types stripped', () => {
    const tree = makeTree({
      files: {
        '/app/tsconfig.json': '{\n  // build settings\n  "compilerOptions": { "outDir": "dist", "rootDir": "src", },\n  "include": ["src"]\n}\n',
        '/app/src/index.ts': "import type { Server } from 'node:http';\nconst port: number = 3000;\nexport function start(name: string): void {\n  console.log(name, port);\n}\n",
        '/app/src/lib/util.ts': 'export interface Options {\n  verbose: boolean;\n}\nexport const add = (a: number, b: number): number => a + b;\n',
        '/app/src/types.d.ts': 'declare const x: number;\n',
      },
    });
    const r = run(tree, ['tsc'], { cwd: '/app' });
    expect(r.status).toBe(0);
    expect(textAt(r.fs, '/app/dist/index.js')).toBe('const port = 3000;\nexport function start(name) {\n  console.log(name, port);\n}\n');
    expect(textAt(r.fs, '/app/dist/lib/util.js')).toBe('export const add = (a, b) => a + b;\n');
    expect(nodeAt(r.fs, '/app/dist/types.d.js')).toBeUndefined();
    expect(nodeAt(r.fs, '/app/dist/index.js')).toMatchObject({ origin: { simulated: true, by: 'tsc' } });
  });

  test('tsc with file names compiles just those files, beside them or into --outDir', () => {
    const tree = makeTree({ files: { '/app/a.ts': 'let n: number = 1;\n', '/app/tsconfig.json': '{ "compilerOptions": { "outDir": "ignored" } }' } });
    const beside = run(tree, ['tsc', 'a.ts'], { cwd: '/app' });
    expect(textAt(beside.fs, '/app/a.js')).toBe('let n = 1;\n');
    const out = run(tree, ['tsc', '--outDir', 'build', 'a.ts'], { cwd: '/app' });
    expect(textAt(out.fs, '/app/build/a.js')).toBe('let n = 1;\n');
    // as TypeScript 6 prints them
    expect(run(tree, ['tsc', 'missing.ts'], { cwd: '/app' })).toMatchObject({ status: 2, stdout: "error TS6053: File 'missing.ts' not found.\n  The file is in the program because:\n    Root file specified for compilation\n" });
    expect(run(tree, ['tsc', '-p', 'nothere'], { cwd: '/app' })).toMatchObject({ status: 1, stdout: "error TS5058: The specified path does not exist: 'nothere'.\n" });
    const empty = makeTree({ files: { '/app/tsconfig.json': '{"compilerOptions":{"outDir":"dist"},"include":["src"]}' } });
    expect(run(empty, ['tsc'], { cwd: '/app' })).toMatchObject({
      status: 2,
      stdout: `error TS18003: No inputs were found in config file '/app/tsconfig.json'. Specified 'include' paths were '["src"]' and 'exclude' paths were '["/app/dist"]'.\n`,
    });
  });

  test('vite build writes dist/index.html and hashed assets', () => {
    const tree = makeTree({
      files: {
        '/app/package.json': JSON.stringify({ dependencies: { react: '^19.0.0', 'react-dom': '^19.0.0' } }),
        '/app/index.html': '<!doctype html>\n<html>\n  <head>\n    <title>App</title>\n  </head>\n  <body>\n    <div id="root"></div>\n    <script type="module" src="/src/main.tsx"></script>\n  </body>\n</html>\n',
        '/app/src/main.tsx': 'x'.repeat(1000),
        '/app/src/index.css': 'y'.repeat(400),
        '/app/public/favicon.svg': '<svg/>',
      },
    });
    const r = run(tree, ['vite', 'build'], { cwd: '/app' });
    expect(r.status).toBe(0);
    const html = textAt(r.fs, '/app/dist/index.html') ?? '';
    const js = /src="\/(assets\/index-[\w-]{8}\.js)"/.exec(html)?.[1];
    const css = /href="\/(assets\/index-[\w-]{8}\.css)"/.exec(html)?.[1];
    expect(nodeAt(r.fs, `/app/dist/${js}`)).toMatchObject({ size: 146000 + 550 });
    expect(nodeAt(r.fs, `/app/dist/${css}`)).toMatchObject({ size: 220 });
    expect(textAt(r.fs, '/app/dist/favicon.svg')).toBe('<svg/>');
    expect(r.stdout.split('\n')[0]).toBe('vite v8.3.8 building client environment for production...');
  });

  test('vite build without index.html fails', () => {
    const r = run(makeTree({ dirs: ['/app'] }), ['vite', 'build'], { cwd: '/app' });
    expect([r.status, r.stderr]).toEqual([1, 'error during build:\nCould not resolve entry module "index.html".\n']);
  });
});
