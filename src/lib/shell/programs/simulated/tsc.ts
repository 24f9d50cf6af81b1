/**
 * `tsc` (node_modules/.bin/tsc), simulated: reads tsconfig.json, turns each .ts source into .js in
 * outDir (or beside it) with simple types stripped. The output is labelled simulated.
 */
import type { Command, CommandContext } from '../../command.ts';
import { readFile, walk } from '../../../vfs/index.ts';
import { putFile, runSteps } from './fs-steps.ts';
import type { Step } from './fs-steps.ts';
import { joinPath } from './npm-project.ts';
import { stripTypes } from './strip-types.ts';
import { toolVersion } from './tool-version.ts';

interface TsConfig {
  compilerOptions?: { outDir?: string; rootDir?: string; noEmit?: boolean };
  include?: string[];
}

/** tsconfig.json is JSONC: comments and trailing commas are allowed. */
function parseJsonc(text: string): unknown {
  const cleaned = text
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, str: string | undefined) => str ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  try {
    return JSON.parse(cleaned);
  } catch {
    return undefined;
  }
}

/** A tsconfig path: absolute, or relative to the project folder. */
const fromProject = (project: string, path: string): string => (path.startsWith('/') ? path : joinPath(project, path));

const isSource = (path: string): boolean => /\.(m|c)?tsx?$/.test(path) && !/\.d\.(m|c)?ts$/.test(path);
const outputName = (path: string): string => path.replace(/\.tsx?$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');

/** The longest common folder of the sources (tsc's default rootDir). */
function commonDir(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').slice(0, -1));
  const first = split[0] ?? [];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/') || '/';
}

function compile(ctx: CommandContext, project: string, config: TsConfig): number {
  const options = config.compilerOptions ?? {};
  const outDir = options.outDir === undefined ? undefined : ctx.resolve(fromProject(project, options.outDir));
  const roots = (config.include ?? ['.']).map((pattern) => fromProject(project, pattern.split('/').filter((part) => !part.includes('*')).join('/') || '.'));
  const sources = new Set<string>();
  for (const root of roots) {
    for (const entry of walk(ctx.fs, ctx.resolve(root))) {
      if (entry.node.kind !== 'file' || !isSource(entry.path) || entry.path.includes('/node_modules/')) continue;
      if (outDir !== undefined && entry.path.startsWith(`${outDir}/`)) continue;
      sources.add(entry.path);
    }
  }
  const files = [...sources].sort();
  if (files.length === 0) {
    ctx.stdout.write(`error TS18003: No inputs were found in config file '${joinPath(project, 'tsconfig.json')}'. Specified 'include' paths were '${JSON.stringify(config.include ?? ['**/*'])}' and 'exclude' paths were '${JSON.stringify(outDir === undefined ? [] : [outDir])}'.\n`);
    return 2;
  }
  if (options.noEmit) return 0;
  return compileFiles(ctx, files, outDir, options.rootDir === undefined ? undefined : ctx.resolve(fromProject(project, options.rootDir)));
}

/** Writes each source's .js into outDir (mirroring rootDir, by default the sources' common folder) or beside it. */
function compileFiles(ctx: CommandContext, files: readonly string[], outDir: string | undefined, rootDirOption: string | undefined): number {
  for (const file of files) {
    if (!readFile(ctx.fs, ctx.access, file).ok) {
      const shown = file.startsWith(`${ctx.cwd}/`) ? file.slice(ctx.cwd.length + 1) : file;
      ctx.stdout.write(`error TS6053: File '${shown}' not found.\n  The file is in the program because:\n    Root file specified for compilation\n`);
      return 2;
    }
  }
  const rootDir = rootDirOption ?? commonDir(files);
  const origin = { simulated: true as const, by: 'tsc' };
  const steps: Step[] = [];
  const written: string[] = [];
  for (const file of files) {
    const source = readFile(ctx.fs, ctx.access, file);
    if (!source.ok) continue;
    const relative = file.slice(rootDir === '/' ? 1 : rootDir.length + 1);
    const target = outputName(outDir === undefined ? file : joinPath(outDir, relative));
    steps.push(putFile(ctx.access, target, { content: stripTypes(source.value.content ?? ''), origin }));
    written.push(target);
  }
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stdout.write(`error TS5033: Could not write file '${done.error.path}': EACCES: permission denied, open '${done.error.path}'.\n`);
    return 2;
  }
  ctx.fs = done.value;
  ctx.simulate({ by: 'tsc', summary: `compiled ${written.length} TypeScript file${written.length === 1 ? '' : 's'} to JavaScript by stripping types (simulated)`, paths: written });
  return 0;
}

export const tsc: Command = {
  name: 'tsc',
  run(args, ctx) {
    if (args.includes('-v') || args.includes('--version')) {
      ctx.stdout.write(`Version ${toolVersion(ctx, 'typescript')}\n`);
      return 0;
    }
    const p = args.findIndex((arg) => arg === '-p' || arg === '--project');
    const projectArg = p === -1 ? undefined : args[p + 1];
    const configPath = projectArg === undefined ? joinPath(ctx.cwd, 'tsconfig.json') : ctx.resolve(projectArg.endsWith('.json') ? projectArg : joinPath(projectArg, 'tsconfig.json'));
    const project = configPath.slice(0, configPath.lastIndexOf('/')) || '/';
    const outDirIndex = args.indexOf('--outDir');
    const outDirFlag = outDirIndex === -1 ? undefined : args[outDirIndex + 1];
    const valued = new Set(['-p', '--project', '--outDir', '--rootDir', '--target', '--module', '--moduleResolution', '--lib', '--jsx']);
    const fileArgs = args.filter((arg, i) => isSource(arg) && !valued.has(args[i - 1] ?? ''));
    if (fileArgs.length > 0) {
      // tsc with file names ignores tsconfig.json and compiles just those files.
      return compileFiles(ctx, fileArgs.map((f) => ctx.resolve(f)), outDirFlag === undefined ? undefined : ctx.resolve(outDirFlag), undefined);
    }
    const file = readFile(ctx.fs, ctx.access, configPath);
    if (!file.ok) {
      if (projectArg !== undefined) {
        ctx.stdout.write(`error TS5058: The specified path does not exist: '${projectArg}'.\n`);
        return 1;
      }
      const version = toolVersion(ctx, 'typescript');
      ctx.stdout.write(`Version ${version}\ntsc: The TypeScript Compiler - Version ${version}\n\nCOMMON COMMANDS\n\n  tsc\n  Compiles the current project (tsconfig.json in the working directory.)\n`);
      return 1;
    }
    const config = parseJsonc(file.value.content ?? '');
    if (typeof config !== 'object' || config === null) {
      ctx.stdout.write(`${configPath}: error TS1005: '{' expected.\n`);
      return 1;
    }
    const merged = config as TsConfig;
    const withFlags: TsConfig = {
      ...merged,
      compilerOptions: {
        ...merged.compilerOptions,
        ...(outDirFlag === undefined ? {} : { outDir: outDirFlag }),
        ...(args.includes('--noEmit') ? { noEmit: true } : {}),
      },
    };
    return compile(ctx, project, withFlags);
  },
};
