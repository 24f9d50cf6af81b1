/**
 * A /bin/sh script split into the plain commands the real mode can replay one by one, read with the
 * project's shell parser. Only `&&` and `;` lists of simple commands made of literal words (and
 * `$VAR` with a known value) can be followed; `cd DIR` moves the following commands.
 */
import type { Result } from '../diagnostics.ts';
import { parseScript, syntaxErrorText, type Redirect, type SimpleCommand, type Word } from '../shell/index.ts';

export type ScriptPart =
  | { kind: 'command'; argv: string[]; env: Record<string, string>; text: string }
  /** `cd DIR`: later commands of the script run in DIR. */
  | { kind: 'cd'; dir: string; text: string }
  /** A command the real mode cannot run faithfully (a pipe, a redirection, `$(...)`). */
  | { kind: 'unsupported'; text: string; why: string };

type Lookup = (name: string) => string | undefined;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

/** The script of `sh -c SCRIPT` (or bash, ash, dash; any folder), else null. */
export function shellScriptOf(argv: readonly string[]): string | null {
  const [program, flag, script] = argv;
  if (program === undefined || flag !== '-c' || script === undefined) return null;
  return SHELLS.has(program.slice(program.lastIndexOf('/') + 1)) ? script : null;
}

const GLOB = /[*?[]/;

/** The text of a redirection (`> .npmrc`, `2>&1`, `<<EOF`). */
function redirectText(r: Redirect): string {
  const fd = r.fd === (r.op.startsWith('<') ? 0 : 1) ? '' : String(r.fd);
  const gap = r.op.endsWith('&') || r.op.startsWith('<<') ? '' : ' ';
  return `${fd}${r.op}${gap}${r.target.raw}`;
}

/** The command as written. */
export function commandText(c: SimpleCommand): string {
  return [...c.assignments.map((a) => `${a.name}=${a.value.raw}`), ...c.words.map((w) => w.raw), ...c.redirects.map(redirectText)].join(' ');
}

/** A word's fields after `$VAR` expansion and field splitting, or why it cannot be expanded here. */
export function expandShellWord(word: Word, lookup: Lookup): Result<string[], string> {
  const fields: string[] = [];
  let current: string | null = null;
  for (const part of word.parts) {
    switch (part.kind) {
      case 'literal':
        if (!part.quoted && GLOB.test(part.text)) return { ok: false, error: `\`${word.raw}\` is a file pattern` };
        current = (current ?? '') + part.text;
        break;
      case 'param': {
        if (part.op !== '' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(part.name)) return { ok: false, error: `\`${word.raw}\` needs the shell's parameter expansion` };
        const value = lookup(part.name);
        if (value === undefined) return { ok: false, error: `\`$${part.name}\` is not set` };
        if (part.quoted) {
          current = (current ?? '') + value;
          break;
        }
        // Unquoted: the value is split into fields at blanks, as sh does.
        const pieces = value.split(/[ \t\n]+/);
        pieces.forEach((piece, i) => {
          if (i > 0) {
            if (current !== null && current !== '') fields.push(current);
            current = null;
          }
          if (piece !== '') current = (current ?? '') + piece;
        });
        break;
      }
      case 'command':
        return { ok: false, error: `\`${word.raw}\` runs a command substitution` };
      case 'arith':
        return { ok: false, error: `\`${word.raw}\` is shell arithmetic` };
      case 'length':
        return { ok: false, error: `\`${word.raw}\` needs the shell's parameter expansion` };
      case 'tilde':
        return { ok: false, error: `\`${word.raw}\` names a home folder` };
    }
  }
  if (current !== null) fields.push(current);
  return { ok: true, value: fields };
}

function simplePart(c: SimpleCommand, lookup: Lookup): ScriptPart {
  const text = commandText(c);
  if (c.redirects.length > 0) return { kind: 'unsupported', text, why: `\`${text}\` redirects its input or output, which the real mode does not replay` };
  const env: Record<string, string> = {};
  for (const a of c.assignments) {
    const value = expandShellWord(a.value, lookup);
    if (!value.ok) return { kind: 'unsupported', text, why: `${value.error}, which the real mode does not replay` };
    env[a.name] = value.value.join(' ');
  }
  const argv: string[] = [];
  for (const w of c.words) {
    const fields = expandShellWord(w, (name) => env[name] ?? lookup(name));
    if (!fields.ok) return { kind: 'unsupported', text, why: `${fields.error}, which the real mode does not replay` };
    argv.push(...fields.value);
  }
  // `exec node server.js` is `node server.js` replacing the shell: the same program runs.
  if (argv[0] === 'exec' && argv.length > 1) argv.shift();
  if (argv[0] === 'cd' && argv.length === 2 && Object.keys(env).length === 0) return { kind: 'cd', dir: argv[1] as string, text };
  if (argv.length === 0) return { kind: 'unsupported', text, why: `\`${text}\` only sets shell variables` };
  return { kind: 'command', argv, env, text };
}

/**
 * The script's commands in order, or (as the error) why the script as a whole cannot be followed:
 * `||`, `if`/`for`/loops, subshells and functions change what runs next, so no part of it is replayed.
 */
export function splitScript(source: string, lookup: Lookup): Result<ScriptPart[], string> {
  const parsed = parseScript(source);
  if (!parsed.ok) return { ok: false, error: `the shell cannot parse it (${syntaxErrorText(parsed.error.problem, 'gnu')})` };
  const parts: ScriptPart[] = [];
  for (const andOr of parsed.script.items) {
    if (andOr.rest.some((r) => r.op === '||')) return { ok: false, error: 'it uses `||`, which runs a command only when another fails' };
    for (const pipeline of [andOr.first, ...andOr.rest.map((r) => r.pipeline)]) {
      const [only, ...more] = pipeline.commands;
      if (only === undefined) continue;
      if (only.kind !== 'simple') return { ok: false, error: `it uses a shell \`${constructName(only.kind)}\`, which the real mode does not replay` };
      if (pipeline.negated || more.length > 0) {
        const text = `${pipeline.negated ? '! ' : ''}${pipeline.commands.map((c) => (c.kind === 'simple' ? commandText(c) : constructName(c.kind))).join(' | ')}`;
        parts.push({ kind: 'unsupported', text, why: `\`${text}\` is a pipeline, which the real mode does not replay` });
        continue;
      }
      parts.push(simplePart(only, lookup));
    }
  }
  return { ok: true, value: parts };
}

function constructName(kind: string): string {
  switch (kind) {
    case 'subshell': return '( ... )';
    case 'group': return '{ ... }';
    case 'loop': return 'while';
    case 'function': return 'function';
    default: return kind;
  }
}
