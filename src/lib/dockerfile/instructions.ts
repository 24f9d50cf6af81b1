/**
 * SyntaxNode → typed Instruction, following BuildKit's instructions/parse.go: argument counts,
 * per-instruction flags, FROM's stage name, ONBUILD's trigger, HEALTHCHECK's options. Returns null
 * (with diagnostics) when BuildKit would refuse the instruction.
 */
import type { Diagnostic, SourceRange } from '../diagnostics.ts';
import type {
  AddInstruction,
  ArgDefinition,
  CommandLine,
  CopyInstruction,
  Flag,
  HealthcheckConfig,
  HeredocSource,
  Instruction,
  InstructionBase,
  Keyword,
  ParseErrorCode,
  RunMount,
  SyntaxNode,
  Word,
} from './types.ts';
import { parseFlags, unchecked, type FlagSpec, type ParsedFlags } from './flags.ts';
import { parseError } from './parse-errors.ts';
import { withSuggestion } from './suggest.ts';
import { chompHeredocContent, heredocFromWord } from './heredoc.ts';
import { parseGoDuration } from './duration.ts';
import { goQuote } from './go-quote.ts';

export const KEYWORDS: readonly Keyword[] = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK',
  'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

const isKeyword = (k: string): k is Keyword => (KEYWORDS as readonly string[]).includes(k);

/**
 * The flags each instruction accepts, as BuildKit declares them with BFlags: 'string' takes a value,
 * 'bool' may stand alone, 'strings' is repeatable. STOPSIGNAL's flags are never checked by BuildKit.
 */
export const INSTRUCTION_FLAGS: Readonly<Record<Keyword, FlagSpec>> = {
  ADD: { chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string', unpack: 'bool', exclude: 'strings' },
  ARG: {},
  CMD: {},
  COPY: { chown: 'string', from: 'string', chmod: 'string', link: 'bool', exclude: 'strings', parents: 'bool' },
  ENTRYPOINT: {},
  ENV: {},
  EXPOSE: {},
  FROM: { platform: 'string' },
  HEALTHCHECK: { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' },
  LABEL: {},
  MAINTAINER: {},
  ONBUILD: {},
  RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  SHELL: {},
  STOPSIGNAL: {},
  USER: {},
  VOLUME: {},
  WORKDIR: {},
};
const mountTypes = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const mountBoolKeys = ['readonly', 'ro', 'readwrite', 'rw', 'required'];
const validStageName = /^[a-z][a-z0-9-_.]*$/;

class Typer {
  readonly diagnostics: Diagnostic[] = [];
  private readonly node: SyntaxNode;
  readonly keyword: string;

  constructor(node: SyntaxNode) {
    this.node = node;
    this.keyword = node.keyword.toUpperCase();
  }

  fail(code: ParseErrorCode, message: string, range: SourceRange = this.node.range): null {
    this.diagnostics.push(parseError(code, message, range));
    return null;
  }

  flags(spec: FlagSpec): ParsedFlags {
    return parseFlags(this.node.flags, spec, this.diagnostics);
  }

  base<K extends Keyword>(keyword: K, flags: Flag[]): InstructionBase<K> {
    const n = this.node;
    return { keyword, written: n.keyword, range: n.range, flags, original: n.original, node: n };
  }

  get ok(): boolean {
    return this.diagnostics.length === 0;
  }

  get args(): Word[] {
    return this.node.args;
  }

  exactlyOne(): Word | null {
    const [only] = this.args;
    if (this.args.length !== 1 || only === undefined) return this.fail('argument-count', `${this.keyword} requires exactly one argument`);
    return only;
  }

  atLeastOne(): boolean {
    if (this.args.length > 0) return true;
    this.fail('argument-count', `${this.keyword} requires at least one argument`);
    return false;
  }

  commandLine(): CommandLine {
    const args = this.args;
    const range = args.length > 0 ? spanOf(args) : this.node.range;
    if (this.node.json) return { form: 'exec', args: args.map((a) => a.value), range };
    return { form: 'shell', args: args.length === 0 ? [] : [args.map((a) => a.value).join(' ')], range };
  }
}

function spanOf(words: readonly Word[]): SourceRange {
  const first = words[0] as Word;
  const last = words[words.length - 1] as Word;
  return { line: first.range.line, column: first.range.column, endLine: last.range.endLine, endColumn: last.range.endColumn };
}

function optional<T extends object, K extends string, V>(target: T, key: K, value: V | undefined): T & Partial<Record<K, V>> {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  return target as T & Partial<Record<K, V>>;
}

export interface TypedResult {
  instruction: Instruction | null;
  /** What could be typed despite errors (a FROM with a bad stage name still starts a stage). */
  partial: Instruction | null;
  diagnostics: Diagnostic[];
}

/** Type one node. Diagnostics are the instruction's own errors (BuildKit reports the first of them). */
export function typeInstruction(node: SyntaxNode): TypedResult {
  const t = new Typer(node);
  const instruction = typeWith(t, node);
  const ok = t.diagnostics.every((d) => d.severity !== 'error');
  return { instruction: ok ? instruction : null, partial: instruction, diagnostics: t.diagnostics };
}

function typeWith(t: Typer, node: SyntaxNode): Instruction | null {
  const keyword = t.keyword;
  if (!isKeyword(keyword)) {
    return t.fail('unknown-instruction', withSuggestion(`unknown instruction: ${node.keyword}`, node.keyword, KEYWORDS, false), node.keywordRange);
  }
  switch (keyword) {
    case 'ENV':
    case 'LABEL': {
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      const pairs = node.pairs ?? [];
      if (pairs.length === 0) return t.fail('argument-count', `${keyword} requires at least one argument`);
      const blank = pairs.find((p) => p.key === '');
      if (blank) return t.fail('blank-name', `${keyword} names can not be blank`, blank.range);
      return keyword === 'ENV' ? { ...t.base('ENV', flags.all), pairs } : { ...t.base('LABEL', flags.all), pairs };
    }
    case 'MAINTAINER': {
      const arg = t.exactlyOne();
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      return arg && { ...t.base('MAINTAINER', flags.all), maintainer: arg.value };
    }
    case 'ADD':
    case 'COPY':
      return copyLike(t, node, keyword);
    case 'FROM':
      return from(t, node);
    case 'ONBUILD':
      return onbuild(t, node);
    case 'WORKDIR': {
      const path = t.exactlyOne();
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      return path && { ...t.base('WORKDIR', flags.all), path };
    }
    case 'RUN':
      return run(t, node);
    case 'CMD': {
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      return { ...t.base('CMD', flags.all), command: t.commandLine() };
    }
    case 'ENTRYPOINT': {
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      return { ...t.base('ENTRYPOINT', flags.all), command: t.commandLine() };
    }
    case 'HEALTHCHECK':
      return healthcheck(t, node);
    case 'EXPOSE': {
      if (!t.atLeastOne()) return null;
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      return { ...t.base('EXPOSE', flags.all), ports: t.args };
    }
    case 'USER': {
      const user = t.exactlyOne();
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      return user && { ...t.base('USER', flags.all), user };
    }
    case 'VOLUME': {
      if (!t.atLeastOne()) return null;
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      const empty = t.args.find((a) => a.value.trim() === '');
      if (empty) return t.fail('volume-empty', 'VOLUME specified can not be an empty string', empty.range);
      return { ...t.base('VOLUME', flags.all), paths: t.args.map((a) => ({ value: a.value.trim(), range: a.range })) };
    }
    case 'STOPSIGNAL': {
      // BuildKit never checks STOPSIGNAL's flags.
      const signal = t.exactlyOne();
      return signal && { ...t.base('STOPSIGNAL', unchecked(node.flags)), signal };
    }
    case 'ARG':
      return arg(t, node);
    case 'SHELL': {
      const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
      if (node.args.length === 0) return t.fail('argument-count', 'SHELL requires at least one argument');
      if (!node.json) return t.fail('shell-not-json', 'SHELL requires the arguments to be in JSON form');
      return { ...t.base('SHELL', flags.all), shell: node.args.map((a) => a.value) };
    }
  }
}

function copyLike(t: Typer, node: SyntaxNode, keyword: 'ADD' | 'COPY'): AddInstruction | CopyInstruction | null {
  if (node.args.length < 2) {
    t.fail('argument-count', `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`);
    return null;
  }
  const flags = t.flags(INSTRUCTION_FLAGS[keyword]);
  const dest = node.args[node.args.length - 1] as Word;
  if (heredocFromWord(dest.value)) return t.fail('heredoc-as-destination', `${keyword} cannot accept a heredoc as a destination`, dest.range);
  const byName = new Map(node.heredocs.map((h) => [h.name, h]));
  const sources: Word[] = [];
  const heredocSources: HeredocSource[] = [];
  for (const src of node.args.slice(0, -1)) {
    const h = heredocFromWord(src.value);
    if (!h) {
      sources.push(src);
      continue;
    }
    const body = byName.get(h.name);
    const content = body?.content ?? '';
    heredocSources.push({
      name: h.name,
      content: h.chomp ? chompHeredocContent(content) : content,
      expand: h.expand,
      range: body?.range ?? src.range,
    });
  }
  const common = {
    sources,
    heredocSources,
    dest,
    link: flags.value('link')?.value === 'true',
    exclude: flags.values('exclude'),
  };
  optional(common, 'chown', flags.value('chown'));
  optional(common, 'chmod', flags.value('chmod'));
  if (keyword === 'COPY') {
    const copy: CopyInstruction = { ...t.base('COPY', flags.all), ...common, parents: flags.value('parents')?.value === 'true' };
    return optional(copy, 'from', flags.value('from'));
  }
  const add: AddInstruction = { ...t.base('ADD', flags.all), ...common };
  optional(add, 'checksum', flags.value('checksum'));
  const keepGit = flags.value('keep-git-dir');
  if (keepGit) add.keepGitDir = keepGit.value === 'true';
  const unpack = flags.value('unpack');
  if (unpack) add.unpack = unpack.value === 'true';
  return add;
}

function from(t: Typer, node: SyntaxNode): Instruction | null {
  const [image, as, name] = node.args;
  if (node.args.length === 3 && as && name && as.value.toLowerCase() === 'as') {
    if (!validStageName.test(name.value.toLowerCase())) {
      t.fail(
        'invalid-stage-name',
        `invalid name for build stage: ${goQuote(name.value)}, name can't start with a number or contain symbols`,
        name.range,
      );
    }
  } else if (node.args.length !== 1) {
    t.fail('from-arguments', 'FROM requires either one or three arguments');
  }
  const flags = t.flags(INSTRUCTION_FLAGS.FROM);
  // A bare FROM still opens a (broken) stage, so the lines under it are not misreported.
  const base = image ?? { value: '', range: { ...node.keywordRange, column: node.keywordRange.endColumn } };
  const instr = { ...t.base('FROM', flags.all), image: base };
  if (node.args.length === 3 && as && name) Object.assign(instr, { as, stageName: name });
  return optional(instr, 'platform', flags.value('platform'));
}

function onbuild(t: Typer, node: SyntaxNode): Instruction | null {
  const child = node.child;
  if (!child) return t.fail('argument-count', 'ONBUILD requires at least one argument');
  const flags = t.flags(INSTRUCTION_FLAGS.ONBUILD);
  const trigger = child.keyword.trim().toUpperCase();
  if (trigger === 'ONBUILD') return t.fail('onbuild-chaining', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed', child.keywordRange);
  if (trigger === 'MAINTAINER' || trigger === 'FROM') {
    return t.fail('onbuild-trigger-not-allowed', `${trigger} isn't allowed as an ONBUILD trigger`, child.keywordRange);
  }
  let expression = node.original.replace(/^\s*ONBUILD\s*/i, '');
  for (const h of node.heredocs) expression += '\n' + h.content + h.name;
  const typed = typeInstruction(child);
  // BuildKit checks a trigger only when it runs (in a build FROM this image), so its errors warn here.
  for (const d of typed.diagnostics) {
    t.diagnostics.push({
      ...d,
      severity: 'warning',
      hint: `${d.hint ?? ''} This trigger fails when an image built FROM this one runs it.`.trim(),
    });
  }
  return { ...t.base('ONBUILD', flags.all), expression, trigger: typed.instruction };
}

function parseMount(raw: Word, t: Typer): RunMount | null {
  const fields: Record<string, string> = {};
  for (const field of raw.value.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0 && !mountBoolKeys.includes(key)) {
      return t.fail('flag-invalid-value', `invalid field '${field}' must be a key=value pair`, raw.range);
    }
    fields[key] = eq < 0 ? '' : field.slice(eq + 1);
  }
  const type = fields['type'] ?? 'bind';
  if (!mountTypes.includes(type)) {
    return t.fail('flag-invalid-value', withSuggestion(`unsupported mount type ${goQuote(type)}`, type, mountTypes, true), raw.range);
  }
  fields['type'] = type;
  return { raw: raw.value, fields, range: raw.range };
}

function run(t: Typer, node: SyntaxNode): Instruction | null {
  const flags = t.flags(INSTRUCTION_FLAGS.RUN);
  const mounts = flags.values('mount').map((m) => parseMount(m, t));
  const network = flags.value('network')?.value ?? 'default';
  if (network !== 'default' && network !== 'none' && network !== 'host') {
    return t.fail('flag-invalid-value', `invalid network mode ${goQuote(network)}`, flags.value('network')?.range);
  }
  const security = flags.value('security')?.value ?? 'sandbox';
  if (security !== 'sandbox' && security !== 'insecure') {
    return t.fail('flag-invalid-value', `security ${goQuote(security)} is not valid`, flags.value('security')?.range);
  }
  return {
    ...t.base('RUN', flags.all),
    command: t.commandLine(),
    heredocs: node.heredocs,
    mounts: mounts.filter((m): m is RunMount => m !== null),
    network,
    security,
  };
}

function healthcheck(t: Typer, node: SyntaxNode): Instruction | null {
  const [typeWord, ...rest] = node.args;
  if (!typeWord) return t.fail('argument-count', 'HEALTHCHECK requires at least one argument');
  const type = typeWord.value.toUpperCase();
  if (type === 'NONE') {
    // BuildKit does not look at the flags of HEALTHCHECK NONE.
    if (rest.length !== 0) return t.fail('healthcheck-invalid', 'HEALTHCHECK NONE takes no arguments');
    const health: HealthcheckConfig = { type: 'NONE' };
    return { ...t.base('HEALTHCHECK', unchecked(node.flags)), health };
  }
  const flags = t.flags(INSTRUCTION_FLAGS.HEALTHCHECK);
  if (type !== 'CMD') return t.fail('healthcheck-invalid', `Unknown type ${goQuote(type)} in HEALTHCHECK (try CMD)`, typeWord.range);
  const cmd = node.json ? rest.map((a) => a.value) : rest.length === 0 ? [] : [rest.map((a) => a.value).join(' ')];
  if (cmd.length === 0) return t.fail('healthcheck-invalid', 'Missing command after HEALTHCHECK CMD');
  const interval = (name: string): number => {
    const w = flags.value(name);
    if (!w || w.value === '') return 0;
    const d = parseGoDuration(w.value);
    if (!d.ok) {
      t.fail('flag-invalid-value', d.error, w.range);
      return 0;
    }
    if (d.value !== 0 && d.value < 1) {
      t.fail('flag-invalid-value', `Interval ${goQuote(name)} cannot be less than 1ms`, w.range);
      return 0;
    }
    return d.value;
  };
  const health: HealthcheckConfig = {
    type: 'CMD',
    test: [node.json ? 'CMD' : 'CMD-SHELL', ...cmd],
    intervalMs: interval('interval'),
    timeoutMs: interval('timeout'),
    startPeriodMs: interval('start-period'),
    startIntervalMs: interval('start-interval'),
    retries: 0,
  };
  const retries = flags.value('retries');
  if (retries && retries.value !== '') {
    const n = /^[+-]?\d+$/.test(retries.value) ? Number(retries.value) : NaN;
    if (Number.isNaN(n) || Math.abs(n) > 2 ** 31 - 1) {
      const why = Number.isNaN(n) ? 'invalid syntax' : 'value out of range';
      return t.fail('flag-invalid-value', `strconv.ParseInt: parsing ${goQuote(retries.value)}: ${why}`, retries.range);
    }
    if (n < 0) return t.fail('flag-invalid-value', `--retries cannot be negative (${n})`, retries.range);
    health.retries = n;
  }
  return { ...t.base('HEALTHCHECK', flags.all), health };
}

function arg(t: Typer, node: SyntaxNode): Instruction | null {
  // BuildKit never checks ARG's flags.
  if (!t.atLeastOne()) return null;
  const args: ArgDefinition[] = [];
  for (const a of node.args) {
    const eq = a.value.indexOf('=');
    if (eq === 0) return t.fail('blank-name', 'ARG names can not be blank', a.range);
    args.push(eq < 0 ? { key: a.value, range: a.range } : { key: a.value.slice(0, eq), value: a.value.slice(eq + 1), range: a.range });
  }
  return { ...t.base('ARG', unchecked(node.flags)), args };
}
