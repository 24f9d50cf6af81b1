/**
 * `make`, real over the filesystem for simple Makefiles: variables (= := ?= +=), rules with
 * prerequisites, automatic variables ($@ $< $^), .PHONY; each recipe line runs through `sh -c`.
 * Files have no times here, so a target is remade unless it exists and has no prerequisites.
 */
import type { Command, CommandContext } from '../../command.ts';
import { exists, readText } from './fs-steps.ts';
import { joinPath } from './npm-project.ts';

interface Rule {
  target: string;
  prerequisites: string[];
  recipe: { text: string; line: number }[];
}

interface Makefile {
  name: string;
  vars: Map<string, string>;
  rules: Map<string, Rule>;
  order: string[];
  phony: Set<string>;
}

function expand(text: string, vars: ReadonlyMap<string, string>, auto: Record<string, string> = {}, depth = 0): string {
  if (depth > 20) return text;
  return text.replace(/\$(?:\(([^)]+)\)|\{([^}]+)\}|([@<^$]))/g, (_, paren?: string, brace?: string, single?: string) => {
    if (single === '$') return '$';
    const key = paren ?? brace ?? single ?? '';
    if (key in auto) return auto[key] ?? '';
    const value = vars.get(key);
    return value === undefined ? '' : expand(value, vars, auto, depth + 1);
  });
}

/** A few of GNU make's built-in variables, which Makefiles rely on ($(CC) is `cc`). */
const BUILTIN_VARS: Readonly<Record<string, string>> = { CC: 'cc', CXX: 'g++', CPP: '$(CC) -E', RM: 'rm -f', AR: 'ar', MAKE: 'make' };

function parseMakefile(name: string, text: string, env: Readonly<Record<string, string>>): Makefile {
  const vars = new Map<string, string>([...Object.entries(BUILTIN_VARS), ...Object.entries(env)]);
  const makefile: Makefile = { name, vars, rules: new Map(), order: [], phony: new Set() };
  let current: Rule | undefined;
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  lines.forEach((raw, index) => {
    if (raw.startsWith('\t') && current !== undefined) {
      if (raw.trim() !== '') current.recipe.push({ text: raw.slice(1), line: index + 1 });
      return;
    }
    const line = raw.replace(/(^|[^\\])#.*$/, '$1').trimEnd();
    if (line.trim() === '') return;
    const assign = /^\s*([\w.-]+)\s*(:=|::=|\?=|\+=|=)\s*(.*)$/.exec(line);
    if (assign) {
      const [, key = '', op, value = ''] = assign;
      current = undefined;
      if (op === '?=' && vars.has(key)) return;
      if (op === '+=') vars.set(key, `${vars.get(key) ?? ''} ${value}`.trim());
      else vars.set(key, op === ':=' || op === '::=' ? expand(value, vars) : value);
      return;
    }
    const rule = /^([^:=]+):(?!=)\s*(.*)$/.exec(line);
    if (!rule) return;
    const targets = expand(rule[1] ?? '', vars).split(/\s+/).filter(Boolean);
    const [prereqText, inlineRecipe] = (rule[2] ?? '').split(';');
    const prerequisites = expand(prereqText ?? '', vars).split(/\s+/).filter(Boolean);
    for (const target of targets) {
      if (target === '.PHONY') {
        prerequisites.forEach((p) => makefile.phony.add(p));
        continue;
      }
      const existing = makefile.rules.get(target);
      current = existing ?? { target, prerequisites: [], recipe: [] };
      current.prerequisites.push(...prerequisites);
      if (inlineRecipe !== undefined && inlineRecipe.trim() !== '') current.recipe.push({ text: inlineRecipe.trim(), line: index + 1 });
      if (existing === undefined) {
        makefile.rules.set(target, current);
        if (!target.startsWith('.')) makefile.order.push(target);
      }
    }
  });
  return makefile;
}

/** One make run: the targets already considered and how many recipe lines ran. */
interface Run {
  dir: string;
  makefile: Makefile;
  done: Set<string>;
  commands: number;
}

/** Brings `target` up to date; returns make's exit status. */
function make(ctx: CommandContext, run: Run, target: string, parent?: string): number {
  const { dir, makefile, done } = run;
  if (done.has(target)) return 0;
  const rule = makefile.rules.get(target);
  const path = joinPath(dir, target);
  if (rule === undefined) {
    if (exists(ctx.fs, ctx.access, path)) return 0;
    ctx.stderr.write(`make: *** No rule to make target '${target}'${parent === undefined ? '' : `, needed by '${parent}'`}.  Stop.\n`);
    return 2;
  }
  for (const prerequisite of rule.prerequisites) {
    const status = make(ctx, run, prerequisite, target);
    if (status !== 0) return status;
  }
  done.add(target);
  if (!makefile.phony.has(target) && rule.prerequisites.length === 0 && exists(ctx.fs, ctx.access, path)) return 0;
  const auto = { '@': target, '<': rule.prerequisites[0] ?? '', '^': [...new Set(rule.prerequisites)].join(' ') };
  for (const step of rule.recipe) {
    let command = expand(step.text, makefile.vars, auto);
    let silent = false;
    let ignore = false;
    while (/^[@-]/.test(command)) {
      if (command.startsWith('@')) silent = true;
      else ignore = true;
      command = command.slice(1);
    }
    if (!silent) ctx.stdout.write(`${command}\n`);
    run.commands++;
    const status = ctx.exec(['sh', '-c', command], { cwd: dir });
    if (status !== 0 && !ignore) {
      ctx.stderr.write(`make: *** [${makefile.name}:${step.line}: ${target}] Error ${status}\n`);
      return 2;
    }
  }
  return 0;
}

export const makeCommand: Command = {
  name: 'make',
  run(args, ctx) {
    let dir = ctx.cwd;
    let file: string | undefined;
    const goals: string[] = [];
    const overrides: Record<string, string> = {};
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      if (arg === '-C') dir = ctx.resolve(args[++i] ?? '.');
      else if (arg === '-f') file = args[++i];
      else if (arg === '-j' || arg === '-l') {
        if (/^\d+$/.test(args[i + 1] ?? '')) i++;
      } else if (/^[\w.-]+=/.test(arg)) {
        const [key = '', ...value] = arg.split('=');
        overrides[key] = value.join('=');
      } else if (!arg.startsWith('-')) goals.push(arg);
    }
    const names = file === undefined ? ['GNUmakefile', 'makefile', 'Makefile'] : [file];
    const found = names.map((name) => ({ name, text: readText(ctx.fs, ctx.access, joinPath(dir, name)) })).find((m) => m.text !== undefined);
    if (found?.text === undefined) {
      if (file !== undefined) {
        ctx.stderr.write(`make: ${file}: No such file or directory\nmake: *** No rule to make target '${file}'.  Stop.\n`);
        return 2;
      }
      ctx.stderr.write('make: *** No targets specified and no makefile found.  Stop.\n');
      return 2;
    }
    const makefile = parseMakefile(found.name, found.text, ctx.env);
    for (const [key, value] of Object.entries(overrides)) makefile.vars.set(key, value);
    const targets = goals.length > 0 ? goals : makefile.order.slice(0, 1);
    if (targets.length === 0) {
      ctx.stderr.write('make: *** No targets.  Stop.\n');
      return 2;
    }
    const run: Run = { dir, makefile, done: new Set(), commands: 0 };
    for (const target of targets) {
      const before = run.commands;
      const status = make(ctx, run, target);
      if (status !== 0) return status;
      if (run.commands === before) {
        ctx.stdout.write(makefile.rules.get(target)?.recipe.length ? `make: '${target}' is up to date.\n` : `make: Nothing to be done for '${target}'.\n`);
      }
    }
    return 0;
  },
};
