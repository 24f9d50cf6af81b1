/**
 * Conformance cases: tests/conformance/<case>/ holds a Dockerfile, a context/ folder and an optional
 * case.json describing one or more builds (target, build args, no-cache, edits made to the context or
 * the Dockerfile before that build, expected outcome).
 */
import {
  chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync,
  writeFileSync, type Stats,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export interface Edits {
  /** Files to write in the context: relative path → content. */
  write?: Record<string, string>;
  /** Context paths to delete. */
  delete?: string[];
  /** Permission bits to set on context paths (octal strings). */
  modes?: Record<string, string>;
  /** A replacement Dockerfile. */
  dockerfile?: string;
}

export interface BuildSpec {
  target?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  edits?: Edits;
  expect?: 'ok' | 'fail';
}

export interface CaseSpec {
  name: string;
  dir: string;
  description: string;
  /** Permission bits for context paths before the first build (git keeps only the x bit). */
  modes: Record<string, string>;
  /** Archives made in the context before the first build: name (`x.tar`, `x.tar.gz`) → folder of the case. */
  archives: Record<string, string>;
  builds: BuildSpec[];
}

export const CONFORMANCE_DIR = dirname(import.meta.dirname);

export function listCases(root: string = CONFORMANCE_DIR): CaseSpec[] {
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'Dockerfile')))
    .sort()
    .map((name) => loadCase(join(root, name)));
}

export function loadCase(dir: string): CaseSpec {
  const name = dir.split('/').pop() ?? dir;
  const file = join(dir, 'case.json');
  const raw: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const spec = (raw ?? {}) as Partial<Omit<CaseSpec, 'name' | 'dir'>>;
  return {
    name,
    dir,
    description: spec.description ?? '',
    modes: spec.modes ?? {},
    archives: spec.archives ?? {},
    builds: spec.builds && spec.builds.length > 0 ? spec.builds : [{}],
  };
}

/** A case's working copy: the context folder and the current Dockerfile text, changed build by build. */
export class Workspace {
  readonly root: string;
  readonly context: string;
  readonly dockerfilePath: string;
  dockerfile: string;

  constructor(spec: CaseSpec) {
    this.root = mkdtempSync(join(tmpdir(), `conformance-${spec.name}-`));
    this.context = join(this.root, 'context');
    this.dockerfilePath = join(this.root, 'Dockerfile');
    const source = join(spec.dir, 'context');
    if (existsSync(source)) cpSync(source, this.context, { recursive: true, verbatimSymlinks: true });
    else mkdirSync(this.context);
    normaliseModes(this.context);
    for (const [name, folder] of Object.entries(spec.archives)) makeArchive(join(spec.dir, folder), join(this.context, name));
    this.applyModes(spec.modes);
    this.dockerfile = readFileSync(join(spec.dir, 'Dockerfile'), 'utf8');
    writeFileSync(this.dockerfilePath, this.dockerfile);
  }

  apply(edits: Edits | undefined): void {
    if (!edits) return;
    for (const path of edits.delete ?? []) rmSync(join(this.context, path), { recursive: true, force: true });
    for (const [path, content] of Object.entries(edits.write ?? {})) {
      const full = join(this.context, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      chmodSync(full, 0o644);
    }
    this.applyModes(edits.modes ?? {});
    if (edits.dockerfile !== undefined) {
      this.dockerfile = edits.dockerfile;
      writeFileSync(this.dockerfilePath, this.dockerfile);
    }
  }

  /** The context as relative path → entry, for the simulator. */
  files(): ContextEntry[] {
    const out: ContextEntry[] = [];
    walk(this.context, (full, stat, isLink) => {
      const path = relative(this.context, full);
      if (isLink) out.push({ path, type: 'symlink', mode: 0o777, data: new Uint8Array(), target: readlinkSync(full, 'utf8') });
      else if (stat.isDirectory()) out.push({ path, type: 'dir', mode: stat.mode & 0o7777, data: new Uint8Array(), target: null });
      else out.push({ path, type: 'file', mode: stat.mode & 0o7777, data: readFileSync(full), target: null });
    });
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private applyModes(modes: Record<string, string>): void {
    for (const [path, mode] of Object.entries(modes)) chmodSync(join(this.context, path), parseInt(mode, 8));
  }
}

export interface ContextEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  data: Uint8Array;
  target: string | null;
}

function walk(dir: string, visit: (full: string, stat: Stats, isLink: boolean) => void): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const stat = lstatSync(full);
    visit(full, stat, stat.isSymbolicLink());
    if (stat.isDirectory()) walk(full, visit);
  }
}

/** Tar fixtures are made at run time (root-owned, fixed times) so no binary is committed. */
function makeArchive(folder: string, dest: string): void {
  const gzip = dest.endsWith('.gz') ? ['-z'] : [];
  const result = spawnSync('tar', [...gzip, '--numeric-owner', '--owner=0', '--group=0', '--sort=name', '--mtime=@1700000000',
    '-C', folder, '-cf', dest, '.'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tar ${dest}: ${result.stderr}`);
  chmodSync(dest, 0o644);
}

/** Git checkouts and umasks vary: start every case from 0755 folders and 0644 (or 0755 if x) files. */
function normaliseModes(dir: string): void {
  walk(dir, (full, stat, isLink) => {
    if (isLink) return;
    if (stat.isDirectory()) chmodSync(full, 0o755);
    else chmodSync(full, stat.mode & 0o100 ? 0o755 : 0o644);
  });
  chmodSync(dir, 0o755);
}
