/**
 * `go` (the Go toolchain), simulated: build (a binary of plausible size at -o, static or linked
 * against the image's C library as cgo decides: see goLinkage), mod download
 * (modules into the module cache), test (reported, not run), version. Package builds need go.mod,
 * found in the working folder or a parent, as go requires.
 */
import type { Command, CommandContext } from '../../command.ts';
import { readFile, stat, walk } from '../../../vfs/index.ts';
import { toolchainCatalogue } from './catalogues.ts';
import { changeBulk, exists, parentOf, putFile, readText, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { fsFailure, plural } from './messages.ts';
import { binaryOrigin, imageLibc } from './linkage.ts';
import type { Linkage } from './linkage.ts';
import { joinPath } from './npm-project.ts';
import { onPath } from './path-lookup.ts';

const GO = toolchainCatalogue.go;

interface GoMod {
  dir: string;
  module: string;
  requires: { path: string; version: string }[];
}

function findGoMod(ctx: CommandContext): GoMod | undefined {
  for (let dir = ctx.cwd; ; dir = parentOf(dir)) {
    const file = readFile(ctx.fs, ctx.access, joinPath(dir, 'go.mod'));
    if (file.ok) {
      const text = file.value.content ?? '';
      const module = /^module\s+(\S+)/m.exec(text)?.[1] ?? 'main';
      const requires: { path: string; version: string }[] = [];
      const block = /^require\s*\(([\s\S]*?)^\)/m.exec(text)?.[1] ?? '';
      for (const line of [...block.split('\n'), ...[...text.matchAll(/^require[ \t]+([^\s(]\S*[ \t]+\S+)/gm)].map((m) => m[1] ?? '')]) {
        const [path, version] = line.replace(/\/\/.*$/, '').trim().split(/\s+/);
        if (path !== undefined && path !== '' && version !== undefined) requires.push({ path, version });
      }
      return { dir, module, requires };
    }
    if (dir === '/') return undefined;
  }
}

const noGoMod = (ctx: CommandContext): number => {
  ctx.stderr.write("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n");
  return 1;
};

const gopath = (ctx: CommandContext): string => ctx.env['GOPATH'] ?? `${ctx.env['HOME'] ?? '/root'}/go`;
const modCache = (ctx: CommandContext): string => ctx.env['GOMODCACHE'] ?? `${gopath(ctx)}/pkg/mod`;
const buildCache = (ctx: CommandContext): string => ctx.env['GOCACHE'] ?? `${ctx.env['HOME'] ?? '/root'}/.cache/go-build`;

/** Steps that put missing required modules into the module cache, with go's `downloading` lines. */
function downloadModules(ctx: CommandContext, mod: GoMod, quiet: boolean): { steps: Step[]; bytes: number; names: string[] } {
  const steps: Step[] = [];
  const names: string[] = [];
  let bytes = 0;
  for (const req of mod.requires) {
    const dir = `${modCache(ctx)}/${req.path}@${req.version}`;
    if (exists(ctx.fs, ctx.access, dir)) continue;
    const size = GO.modules[req.path] ?? GO.module.bytes;
    const source = GO.modules[req.path] === undefined ? `go (simulated): ${GO.module.source}` : 'go (simulated): estimated size of this module';
    steps.push(changeBulk(ctx.access, dir, Math.max(1, Math.round(size / 8192)), size, source));
    if (!quiet) ctx.stderr.write(`go: downloading ${req.path} ${req.version}\n`);
    names.push(req.path);
    bytes += size;
  }
  return { steps, bytes, names };
}

function goFiles(ctx: CommandContext, dir: string): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (const entry of walk(ctx.fs, dir)) {
    if (entry.node.kind !== 'file' || !entry.path.endsWith('.go') || entry.path.includes('/vendor/')) continue;
    files.push({ path: entry.path, text: entry.node.content ?? '' });
  }
  return files;
}

/** The import paths of a Go source file (single imports and import blocks). */
function importsOf(text: string): string[] {
  const blocks = [...text.matchAll(/^import\s*\(([\s\S]*?)\)/gm)].flatMap((m) => [...(m[1] ?? '').matchAll(/"([^"]+)"/g)].map((i) => i[1] ?? ''));
  const singles = [...text.matchAll(/^import\s+(?:[\w.]+\s+)?"([^"]+)"/gm)].map((m) => m[1] ?? '');
  return [...blocks, ...singles];
}

/** Third-party modules that import net (web frameworks, database drivers, gRPC). */
const NET_MODULES = /^(github\.com\/(gin-gonic|labstack\/echo|gofiber|gorilla|go-chi|lib\/pq|jackc\/pgx|go-sql-driver|redis)|google\.golang\.org\/grpc)/;

/**
 * What the Go linker produces. With cgo off (CGO_ENABLED=0, or unset and no C compiler on PATH as
 * in golang:alpine) every binary is static. With cgo on (golang's Debian images have gcc), a program
 * that imports "C", or net (directly or through net/http and the like) without the netgo tag, or
 * os/user without osusergo, links against the image's C library; -extldflags -static undoes that.
 */
function goLinkage(ctx: CommandContext, sources: readonly { text: string }[], tags: string, ldflags: string): Linkage {
  const cgo = ctx.env['CGO_ENABLED'] ?? (onPath(ctx, ctx.env['CC'] ?? 'gcc') ? '1' : '0');
  if (cgo !== '1' || /-extldflags[= ]+["']?-static/.test(ldflags)) return { kind: 'static' };
  const imports = sources.flatMap((s) => importsOf(s.text));
  const usesNet = imports.some((i) => i === 'net' || (i.startsWith('net/') && i !== 'net/url' && i !== 'net/netip') || NET_MODULES.test(i));
  const needsLibc = imports.includes('C') || (usesNet && !/\bnetgo\b/.test(tags)) || (imports.includes('os/user') && !/\bosusergo\b/.test(tags));
  return needsLibc ? { kind: 'dynamic', libc: imageLibc(ctx.fs, ctx.access) } : { kind: 'static' };
}

function build(ctx: CommandContext, args: readonly string[]): number {
  let output: string | undefined;
  let ldflags = '';
  let tags = '';
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-o') output = args[++i];
    else if (arg.startsWith('-o=')) output = arg.slice(3);
    else if (arg === '-ldflags') ldflags = args[++i] ?? '';
    else if (arg.startsWith('-ldflags=')) ldflags = arg.slice('-ldflags='.length);
    else if (arg === '-tags') tags = args[++i] ?? '';
    else if (arg.startsWith('-tags=')) tags = arg.slice('-tags='.length);
    else if (arg === '-gcflags' || arg === '-mod' || arg === '-p') i++;
    else if (!arg.startsWith('-')) targets.push(arg);
  }
  const fileArgs = targets.filter((t) => t.endsWith('.go'));
  const mod = findGoMod(ctx);
  if (mod === undefined && fileArgs.length === 0) return noGoMod(ctx);
  for (const file of fileArgs) {
    if (!exists(ctx.fs, ctx.access, ctx.resolve(file))) {
      ctx.stderr.write(`stat ${file}: no such file or directory\n`);
      return 1;
    }
  }
  const sources = fileArgs.length > 0 ? fileArgs.map((f) => ({ path: ctx.resolve(f), text: readText(ctx.fs, ctx.access, ctx.resolve(f)) ?? '' })) : goFiles(ctx, mod?.dir ?? ctx.cwd);
  if (sources.length === 0) {
    ctx.stderr.write(`no Go files in ${ctx.cwd}\n`);
    return 1;
  }
  const defaultName = fileArgs[0] !== undefined ? (fileArgs[0].split('/').pop() ?? 'main').replace(/\.go$/, '') : (mod?.module.split('/').pop() ?? 'main');
  let path = ctx.resolve(output ?? defaultName);
  if (output !== undefined && (output.endsWith('/') || isDir(ctx, path))) path = joinPath(path, defaultName);
  const usesHttp = sources.some((s) => /"net\/http"/.test(s.text));
  const stripped = /-s\b/.test(ldflags) && /-w\b/.test(ldflags);
  const size = Math.round((usesHttp ? GO.netHttpBinary.bytes : GO.binary.bytes) * (stripped ? GO.strippedRatio.value : 1));
  const downloads = mod === undefined ? { steps: [], bytes: 0, names: [] } : downloadModules(ctx, mod, false);
  const linkage = goLinkage(ctx, sources, tags, ldflags);
  const steps: Step[] = [...downloads.steps, putFile(ctx.access, path, { size, mode: 0o755, origin: binaryOrigin('go build', linkage) })];
  if (!exists(ctx.fs, ctx.access, buildCache(ctx))) steps.push(changeBulk(ctx.access, buildCache(ctx), 1500, GO.buildCache.bytes, `go build (simulated): ${GO.buildCache.source}`));
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stderr.write(`go: creating ${done.error.path}: open ${done.error.path}: ${done.error.message.toLowerCase()}\n`);
    return 1;
  }
  ctx.fs = done.value;
  ctx.simulate({
    by: 'go build',
    summary: `built ${path} (${usesHttp ? 'a net/http program' : 'a small program'}${stripped ? ', symbols stripped' : ''}, ${linkage.kind === 'static' ? 'statically linked' : `dynamically linked against ${linkage.libc}`}; size estimated) (simulated)`,
    paths: [path],
    bytes: size,
  });
  return 0;
}

function isDir(ctx: CommandContext, path: string): boolean {
  const node = stat(ctx.fs, ctx.access, path);
  return node.ok && node.value.kind === 'dir';
}

function modDownload(ctx: CommandContext): number {
  const mod = findGoMod(ctx);
  if (mod === undefined) return noGoMod(ctx);
  const { steps, bytes, names } = downloadModules(ctx, mod, true);
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) return fsFailure(ctx, 'go', done.error);
  ctx.fs = done.value;
  if (names.length > 0) ctx.simulate({ by: 'go mod download', summary: `downloaded ${plural(names.length, 'module')} into ${modCache(ctx)} (sizes estimated) (simulated)`, bytes });
  return 0;
}

function test(ctx: CommandContext): number {
  const mod = findGoMod(ctx);
  if (mod === undefined) return noGoMod(ctx);
  const files = goFiles(ctx, mod.dir);
  const packages = [...new Set(files.map((f) => parentOf(f.path)))].sort();
  for (const pkgDir of packages) {
    const importPath = pkgDir === mod.dir ? mod.module : `${mod.module}${pkgDir.slice(mod.dir.length)}`;
    const hasTests = files.some((f) => parentOf(f.path) === pkgDir && f.path.endsWith('_test.go'));
    ctx.stdout.write(hasTests ? `ok  \t${importPath}\t0.002s\n` : `?   \t${importPath}\t[no test files]\n`);
  }
  ctx.simulate({ by: 'go test', summary: 'reported the tests as passing without running them (simulated)' });
  return 0;
}

export const go: Command = {
  name: 'go',
  run(args, ctx) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'build':
        return build(ctx, rest);
      case 'mod':
        if (rest[0] === 'download') return modDownload(ctx);
        if (rest[0] === 'tidy' || rest[0] === 'verify') return findGoMod(ctx) === undefined ? noGoMod(ctx) : 0;
        break;
      case 'test':
        return test(ctx);
      case 'version':
        ctx.stdout.write(`go version go${ctx.env['GOLANG_VERSION'] ?? '1.23.4'} linux/amd64\n`);
        return 0;
      case 'env':
        ctx.stdout.write(`GOPATH='${gopath(ctx)}'\nGOMODCACHE='${modCache(ctx)}'\nGOCACHE='${buildCache(ctx)}'\n`);
        return 0;
      default:
        break;
    }
    ctx.stderr.write(`go ${args.join(' ')}: not simulated by Stagecraft (build, mod download, test, version are)\n`);
    return 2;
  },
};
