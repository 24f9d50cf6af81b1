import { describe, expect, test } from 'vitest';
import { build, createBuildCache, defaultDeps, type RunRequest } from '../../../../src/lib/build/index.ts';
import { loadBaseImage } from '../../../../src/lib/images/index.ts';
import { binaryOrigin, linkageOf, missingLoader, missingLoaderMessage } from '../../../../src/lib/shell/programs/simulated/linkage.ts';
import { AS_ROOT, chmod, emptyTree, mkdir, writeFile, type DirNode } from '../../../../src/lib/vfs/index.ts';
import { makeTree, nodeAt, run } from './harness.ts';

const httpMain = 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() { fmt.Println(http.ListenAndServe(":8080", nil)) }\n';
const plainMain = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n';
const withGcc = (files: Record<string, string | number>): DirNode => {
  const made = chmod(makeTree({ files: { '/usr/bin/gcc': 1_000_000, ...files } }), AS_ROOT, '/usr/bin/gcc', 0o755);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
};
const goBuild = (tree: DirNode, env: Record<string, string> = {}, extra: string[] = []) =>
  nodeAt(run(tree, ['go', 'build', ...extra, '-o', '/out/app', '.'], { cwd: '/src', env: { GOPATH: '/go', ...env } }).fs, '/out/app');

describe('linkage of built executables', () => {
  test('the origin label round-trips; other origins have none', () => {
    expect(linkageOf(binaryOrigin('go build', { kind: 'dynamic', libc: 'musl' }))).toEqual({ kind: 'dynamic', libc: 'musl' });
    expect(linkageOf(binaryOrigin('gcc', { kind: 'static' }))).toEqual({ kind: 'static' });
    expect([linkageOf({ simulated: true, by: 'apk add' }), linkageOf(undefined)]).toEqual([undefined, undefined]);
  });

  test('go: cgo (a C compiler on PATH, CGO_ENABLED unset) links net/http against the image libc; CGO_ENABLED=0, netgo or no net keep it static', () => {
    const files = { '/src/go.mod': 'module example.com/app\n', '/src/main.go': httpMain };
    expect(goBuild(withGcc(files))).toMatchObject({ origin: { by: 'go build (dynamic, glibc)' } });
    expect(goBuild(withGcc({ ...files, '/etc/alpine-release': '3.21.3\n' }))).toMatchObject({ origin: { by: 'go build (dynamic, musl)' } });
    expect(goBuild(withGcc(files), { CGO_ENABLED: '0' })).toMatchObject({ origin: { by: 'go build (static)' } });
    expect(goBuild(withGcc(files), {}, ['-tags', 'netgo'])).toMatchObject({ origin: { by: 'go build (static)' } });
    expect(goBuild(withGcc(files), {}, ['-ldflags=-linkmode external -extldflags "-static"'])).toMatchObject({ origin: { by: 'go build (static)' } });
    expect(goBuild(makeTree({ files }))).toMatchObject({ origin: { by: 'go build (static)' } });
    expect(goBuild(withGcc({ ...files, '/src/main.go': plainMain }))).toMatchObject({ origin: { by: 'go build (static)' } });
  });

  test('missingLoader: a dynamic binary needs its libc loader in the image; static ones and other files need nothing', () => {
    const tree = withGcc({ '/src/go.mod': 'module m\n', '/src/main.go': httpMain });
    const built = run(tree, ['go', 'build', '-o', '/app/myapp', '.'], { cwd: '/src', env: { GOPATH: '/go' } }).fs;
    expect(missingLoader(built, AS_ROOT, '/app/myapp')).toBe('/lib64/ld-linux-x86-64.so.2');
    expect(missingLoaderMessage('/app/myapp')).toBe('exec /app/myapp: no such file or directory');
    const loaderLinked = makeTree({ dirs: ['/app'], files: { '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2': 210_000 }, links: { '/lib64/ld-linux-x86-64.so.2': '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' } });
    const moved = writeFile(loaderLinked, AS_ROOT, '/app/myapp', { size: 1, origin: { simulated: true, by: 'go build (dynamic, glibc)' } });
    expect(moved.ok && missingLoader(moved.value, AS_ROOT, '/app/myapp')).toBe(undefined);
    const staticBuilt = run(tree, ['go', 'build', '-o', '/app/myapp', '.'], { cwd: '/src', env: { GOPATH: '/go', CGO_ENABLED: '0' } }).fs;
    expect([missingLoader(staticBuilt, AS_ROOT, '/app/myapp'), missingLoader(built, AS_ROOT, '/src/main.go'), missingLoader(built, AS_ROOT, '/nope')]).toEqual([undefined, undefined, undefined]);
  });

  // The lesson of CGO in multi-stage builds: the same net/http program, built on golang's Debian image, runs on
  // Debian and distroless/base (glibc) but not on scratch, distroless/static or Alpine, unless built with CGO_ENABLED=0.
  test.each([
    ['debian:bookworm-slim', '1', undefined],
    ['gcr.io/distroless/base-debian12', '1', undefined],
    ['scratch', '1', '/lib64/ld-linux-x86-64.so.2'],
    ['gcr.io/distroless/static-debian12', '1', '/lib64/ld-linux-x86-64.so.2'],
    ['alpine:3.21', '1', '/lib64/ld-linux-x86-64.so.2'],
    ['scratch', '0', undefined],
  ])('golang:1.25 → %s with CGO_ENABLED=%s: missing loader %s', (runtime, cgo, missing) => {
    let builder: DirNode | undefined;
    const deps = { ...defaultDeps, run: (request: RunRequest) => { const outcome = defaultDeps.run(request); builder = outcome.fs; return outcome; } };
    const dockerfile = `FROM golang:1.25\nWORKDIR /src\nENV CGO_ENABLED=${cgo}\nCOPY go.mod main.go ./\nRUN go build -o /out/myapp .\n`;
    const r = build({ dockerfile, context: { 'go.mod': { content: 'module example.com/app\n' }, 'main.go': { content: httpMain } } }, createBuildCache(), deps);
    expect(r.ok).toBe(true);
    const binary = builder === undefined ? undefined : nodeAt(builder, '/out/myapp');
    if (binary?.kind !== 'file') throw new Error('go build wrote no binary');
    const image = runtime === 'scratch' ? emptyTree() : loadBaseImage(runtime);
    const base = 'kind' in image ? image : image.ok ? image.value.rootfs : emptyTree();
    const placed = mkdir(base, AS_ROOT, '/app', { parents: true });
    const copied = placed.ok ? writeFile(placed.value, AS_ROOT, '/app/myapp', { size: binary.size, mode: 0o755, ...(binary.origin ? { origin: binary.origin } : {}) }) : placed;
    if (!copied.ok) throw new Error(copied.error.message);
    expect(missingLoader(copied.value, AS_ROOT, '/app/myapp')).toBe(missing);
  });

  test('on Alpine, apk add libc6-compat gives a glibc binary the loader path it names', () => {
    const lastRunFs = (runtimeRun: string): DirNode | undefined => {
      let last: DirNode | undefined;
      const deps = { ...defaultDeps, run: (request: RunRequest) => { const outcome = defaultDeps.run(request); last = outcome.fs; return outcome; } };
      const dockerfile = `FROM golang:1.25 AS build\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN go build -o /out/myapp .\n\nFROM alpine:3.21\nCOPY --from=build /out/myapp /app/myapp\nRUN ${runtimeRun}\n`;
      const r = build({ dockerfile, context: { 'go.mod': { content: 'module example.com/app\n' }, 'main.go': { content: httpMain } } }, createBuildCache(), deps);
      expect(r.ok).toBe(true);
      return last;
    };
    const plain = lastRunFs('true');
    const compat = lastRunFs('apk add --no-cache libc6-compat');
    expect([plain && missingLoader(plain, AS_ROOT, '/app/myapp'), compat && missingLoader(compat, AS_ROOT, '/app/myapp')]).toEqual(['/lib64/ld-linux-x86-64.so.2', undefined]);
  });

  // The failure a learner sees: the binary is there, yet sh says "not found" and the runtime "no such file".
  test.each([
    ['alpine:3.21', 'RUN /app/myapp', '/bin/sh: /app/myapp: not found', 'process "/bin/sh -c /app/myapp" did not complete successfully: exit code: 127'],
    ['gcr.io/distroless/static-debian12', 'RUN ["/app/myapp"]', 'exec /app/myapp: no such file or directory', 'process "/app/myapp" did not complete successfully: exit code: 255'],
  ])('FROM %s, %s after COPY --from a cgo build', (runtime, run, log, error) => {
    const dockerfile = `FROM golang:1.25 AS build\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN go build -o /out/myapp .\n\nFROM ${runtime}\nCOPY --from=build /out/myapp /app/myapp\n${run}\n`;
    const r = build({ dockerfile, context: { 'go.mod': { content: 'module example.com/app\n' }, 'main.go': { content: httpMain } } }, createBuildCache(), defaultDeps);
    expect([r.ok, r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)]).toEqual([false, [error]]);
    expect(r.progress.filter((p) => p.kind === 'log').map((p) => p.text).at(-1)).toBe(`0.000 ${log}`);
  });
});
