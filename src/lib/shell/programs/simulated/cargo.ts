/** `cargo build`, simulated: target/{release,debug}/<name> from Cargo.toml, sizes from toolchains.json. */
import type { Command, CommandContext } from '../../command.ts';
import { toolchainCatalogue } from './catalogues.ts';
import { changeBulk, putFile, readText, runSteps } from './fs-steps.ts';
import { joinPath } from './npm-project.ts';

const CARGO = toolchainCatalogue.cargo;

interface Manifest {
  name: string;
  version: string;
  dependencies: string[];
}

/** The few Cargo.toml fields a build needs: [package] name/version, [dependencies] names. */
function parseCargoToml(text: string): Manifest {
  let section = '';
  const manifest: Manifest = { name: '', version: '0.1.0', dependencies: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    const kv = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, key = '', value = ''] = kv;
    if (section === 'package' && key === 'name') manifest.name = value.replace(/^"|"$/g, '');
    if (section === 'package' && key === 'version') manifest.version = value.replace(/^"|"$/g, '');
    if (section === 'dependencies') manifest.dependencies.push(key);
  }
  return manifest;
}

function build(ctx: CommandContext, args: readonly string[]): number {
  const text = readText(ctx.fs, ctx.access, joinPath(ctx.cwd, 'Cargo.toml'));
  if (text === undefined) {
    ctx.stderr.write(`error: could not find \`Cargo.toml\` in \`${ctx.cwd}\` or any parent directory\n`);
    return 101;
  }
  const manifest = parseCargoToml(text);
  const release = args.includes('--release') || args.includes('-r');
  const profile = release ? 'release' : 'debug';
  const deps = manifest.dependencies.length;
  const binary = Math.round((CARGO.binary.bytes + deps * CARGO.crate.bytes * 0.3) * (release ? 1 : CARGO.debugRatio.value));
  const target = joinPath(ctx.cwd, `target/${profile}`);
  const home = ctx.env['CARGO_HOME'] ?? `${ctx.env['HOME'] ?? '/root'}/.cargo`;
  const origin = { simulated: true as const, by: 'cargo build' };
  const steps = [
    putFile(ctx.access, `${target}/${manifest.name}`, { size: binary, mode: 0o755, origin }),
    changeBulk(ctx.access, `${target}/deps`, 10 + deps * 4, CARGO.targetOverhead.bytes + deps * CARGO.crate.bytes, `cargo build (simulated): ${CARGO.crate.source}`),
  ];
  if (deps > 0) steps.push(changeBulk(ctx.access, `${home}/registry`, deps * 20, CARGO.registryIndex.bytes, `cargo build (simulated): ${CARGO.registryIndex.source}`));
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stderr.write(`error: failed to create directory \`${done.error.path}\`\n\nCaused by:\n  ${done.error.message} (os error 13)\n`);
    return 101;
  }
  ctx.fs = done.value;
  for (const dep of manifest.dependencies) ctx.stderr.write(`   Compiling ${dep} (simulated)\n`);
  ctx.stderr.write(`   Compiling ${manifest.name} v${manifest.version} (${ctx.cwd})\n    Finished \`${profile}\` profile [${release ? 'optimized' : 'unoptimized + debuginfo'}] target(s) in 1.00s\n`);
  ctx.simulate({ by: 'cargo build', summary: `built target/${profile}/${manifest.name} (size estimated) (simulated)`, paths: [`${target}/${manifest.name}`], bytes: binary });
  return 0;
}

export const cargo: Command = {
  name: 'cargo',
  run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'build' || sub === 'b') return build(ctx, rest);
    if (sub === '--version' || sub === '-V') {
      ctx.stdout.write(`cargo ${ctx.env['RUST_VERSION'] ?? '1.83.0'}\n`);
      return 0;
    }
    ctx.stderr.write(`cargo ${sub ?? ''}: not simulated by Stagecraft (build is)\n`);
    return 101;
  },
};
