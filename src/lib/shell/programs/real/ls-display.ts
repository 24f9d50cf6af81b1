/**
 * What `ls` decides from where its output goes: the format (one per line in a pipe or a build log,
 * columns on a terminal, or as -l/-1/-C/-x ask), the line width, and how names look there (GNU
 * quotes, BusyBox colours, and colours on --color).
 */
import { err, ok, type Result } from '../../../diagnostics.ts';
import type { FsNode } from '../../../vfs/index.ts';
import type { CommandContext } from '../../command.ts';
import { busyboxColumns, gnuColumns, type BusyboxCell } from './ls-columns.ts';
import { gnuColor, gnuPaint, gnuPalette, gnuReset, type GnuPalette } from './ls-gnu-colors.ts';
import { BUSYBOX_RESET, busyboxColor, busyboxColorsByDefault, displayWidth, needsQuoting, shellEscape } from './ls-names.ts';
import { busybox } from './support.ts';

export type LsFormat = 'long' | 'single' | 'columns' | 'across';

export interface LsDisplay {
  format: LsFormat;
  /** Cells per line for columns (BusyBox's is already one less than the terminal's). */
  width: number;
  /** GNU on a terminal: shell-escape quoting. */
  quote: boolean;
  /** BusyBox's colours by file type (Alpine's default on a terminal, or --color). */
  busyboxColor: boolean;
  /** GNU --color: the palette, when it colours. */
  gnuPalette: GnuPalette | undefined;
  busybox: boolean;
}

/**
 * `--color[=WHEN]` (taken out of the arguments before the other options are parsed), the last one
 * given; a bare `--color` is `always`.
 */
export function takeColorOption(args: readonly string[]): { rest: string[]; color: string | undefined } {
  const end = args.indexOf('--');
  let color: string | undefined;
  const rest = args.filter((arg, i) => {
    const option = (end === -1 || i < end) && (arg === '--color' || arg.startsWith('--color='));
    if (option) color = arg === '--color' ? 'always' : arg.slice('--color='.length);
    return !option;
  });
  return { rest, color };
}

/** BusyBox (ls.c): always/yes/force colour, auto/tty/if-tty on a terminal, n... never, others leave the default. */
function busyboxColorWhen(when: string | undefined, byDefault: boolean, tty: boolean, env: Readonly<Record<string, string>>): boolean {
  if (when === undefined) return byDefault;
  if (when.startsWith('n')) return false;
  if (['always', 'yes', 'force'].includes(when)) return true;
  if (['auto', 'tty', 'if-tty'].includes(when)) return byDefault || (tty && env['TERM'] !== 'dumb');
  return byDefault;
}

const GNU_WHEN: Readonly<Record<string, 'always' | 'never' | 'auto'>> = {
  always: 'always', yes: 'always', force: 'always', never: 'never', no: 'never', none: 'never', auto: 'auto', tty: 'auto', 'if-tty': 'auto',
};

/** GNU (argmatch): a value or an unambiguous beginning of one; otherwise ls's usage error. */
function gnuColorWhen(when: string): Result<'always' | 'never' | 'auto', string> {
  const exact = GNU_WHEN[when];
  const matches = new Set(Object.entries(GNU_WHEN).filter(([name]) => name.startsWith(when)).map(([, value]) => value));
  const only = [...matches][0];
  if (exact !== undefined) return ok(exact);
  if (matches.size === 1 && only !== undefined) return ok(only);
  const valid = "Valid arguments are:\n  - 'always', 'yes', 'force'\n  - 'never', 'no', 'none'\n  - 'auto', 'tty', 'if-tty'";
  return err(`${matches.size > 1 ? 'ambiguous' : 'invalid'} argument '${when}' for '--color'\n${valid}\nTry 'ls --help' for more information.`);
}

/**
 * The last of -l (or -n), -1, -C, -x wins, except that -1 does not undo -l (GNU and BusyBox alike);
 * with none of them, columns when stdout is a terminal. `width` is -w's value, `color` --color's.
 * A bad --color value is GNU's usage error (the message, without `ls: `).
 */
export function lsDisplay(args: readonly string[], ctx: CommandContext, width: string | undefined, color?: string): Result<LsDisplay, string> {
  const tty = ctx.stdout.terminal !== undefined;
  let format: LsFormat | undefined;
  for (const arg of args) {
    if (arg === '--') break;
    if (!/^-[^-]/.test(arg)) continue;
    for (const letter of arg.slice(1)) {
      if (letter === 'w') break;
      if (letter === 'l' || letter === 'n') format = 'long';
      else if (letter === '1' && format !== 'long') format = 'single';
      else if (letter === 'C') format = 'columns';
      else if (letter === 'x') format = 'across';
    }
  }
  const bb = busybox(ctx);
  const when = bb || color === undefined ? ok('never' as const) : gnuColorWhen(color);
  if (!when.ok) return when;
  const gnuColors = when.value === 'always' || (when.value === 'auto' && tty);
  return ok({
    format: format ?? (tty ? 'columns' : 'single'),
    width: width !== undefined && /^[0-9]+$/.test(width) ? Number(width) : bb ? busyboxWidth(ctx) : gnuWidth(ctx),
    quote: !bb && tty,
    busyboxColor: bb && busyboxColorWhen(color, busyboxColorsByDefault(ctx.env, tty), tty, ctx.env),
    gnuPalette: gnuColors ? gnuPalette(ctx.env) : undefined,
    busybox: bb,
  });
}

/** GNU: the terminal's width when stdout is one, else COLUMNS, else 80. */
function gnuWidth(ctx: CommandContext): number {
  const cols = ctx.stdout.terminal?.cols ?? 0;
  if (cols > 0) return cols;
  const env = ctx.env['COLUMNS'];
  return env !== undefined && /^[0-9]+$/.test(env) ? Number(env) : 80;
}

/** BusyBox: COLUMNS if set (atoi), else the width of the terminal on stdin, else 80; then one less. */
function busyboxWidth(ctx: CommandContext): number {
  const env = ctx.env['COLUMNS'];
  let cols = env !== undefined ? Number.parseInt(env, 10) || 0 : (ctx.stdinTerminal?.cols ?? 0);
  if (cols <= 1 || cols >= 30000) cols = 80;
  return cols - 1;
}

/** A name as this listing prints it, with `suffix` (a -F mark) after it. */
export interface ShownName {
  name: string;
  node: FsNode;
  suffix: string;
  /** A symlink that leads nowhere (GNU colours it `or` when LS_COLORS sets that). */
  dangling?: boolean;
}

/**
 * One listing's names as printed. GNU on a terminal quotes the names that need it and, in columns
 * or -l, puts a space before the others when any is quoted, so the names line up inside the quotes.
 * `startCol` is where the names start on their line (-l), for GNU's clear-to-end-of-line after a
 * coloured name that wraps.
 */
export function renderNames(names: readonly ShownName[], display: LsDisplay, startCol = 0): BusyboxCell[] {
  const aligned = display.quote && display.format !== 'single' && names.some((n) => needsQuoting(n.name));
  return names.map(({ name, node, suffix, dangling }) => {
    if (display.busyboxColor) {
      return { text: `${busyboxColor(node)}${name}${BUSYBOX_RESET}${suffix}`, width: displayWidth(name + suffix), nameWidth: displayWidth(name) };
    }
    const pad = aligned && !needsQuoting(name) ? ' ' : '';
    const quoted = display.quote ? shellEscape(name) : name;
    const width = displayWidth(pad + quoted + suffix);
    const palette = display.gnuPalette;
    const color = palette === undefined ? undefined : gnuColor(palette, name, node, dangling === true);
    if (palette === undefined || color === undefined) return { text: pad + quoted + suffix, width, nameWidth: displayWidth(name) };
    const length = displayWidth(pad + quoted);
    const wraps = display.width > 0 && Math.floor(startCol / display.width) !== Math.floor((startCol + length - 1) / display.width);
    return { text: `${pad}${gnuPaint(palette, color, quoted)}${wraps ? (palette.indicators['cl'] ?? '') : ''}${suffix}`, width, nameWidth: displayWidth(name) };
  });
}

/** A symlink's target in -l (`-> x`): quoted or coloured (by what it leads to) like names. */
export function renderTarget(target: string, leadsTo: FsNode | undefined, display: LsDisplay): string {
  if (display.busyboxColor) return `${leadsTo === undefined ? '\x1b[1;31m' : busyboxColor(leadsTo)}${target}${BUSYBOX_RESET}`;
  const quoted = display.quote ? shellEscape(target) : target;
  const palette = display.gnuPalette;
  const color = palette === undefined ? undefined : gnuColor(palette, target, leadsTo, false);
  return palette === undefined || color === undefined ? quoted : gnuPaint(palette, color, quoted);
}

/** The printed names of one listing in the short formats, each line ending in a newline. */
export function layoutNames(cells: readonly BusyboxCell[], display: LsDisplay): string {
  if (cells.length === 0) return '';
  if (display.format === 'single') return cells.map((c) => `${c.text}\n`).join('');
  const across = display.format === 'across';
  // GNU pads with spaces only when it colours: some terminals mishandle tabs among colour codes.
  return display.busybox ? busyboxColumns(cells, display.width, across) : gnuColumns(cells, display.width, across, display.gnuPalette === undefined ? 8 : 0);
}

/** GNU writes a reset once, before the first colour of its output (prep_non_filename_text). */
export function withFirstReset(output: string, display: LsDisplay): string {
  const palette = display.gnuPalette;
  const left = palette?.indicators['lc'];
  if (palette === undefined || left === undefined || left === '') return output;
  const at = output.indexOf(left);
  return at === -1 ? output : output.slice(0, at) + gnuReset(palette) + output.slice(at);
}
