/**
 * GNU ls --color (coreutils 9.1, ls.c): which colour a name gets and the escapes around it. The
 * palette is LS_COLORS when set (`di=01;34:ln=01;36:*.tar=01;31`), else ls's built-in defaults,
 * which it uses only on a terminal type it knows (dircolors' TERM list) or with COLORTERM set.
 */
import type { FsNode } from '../../../vfs/index.ts';

export interface GnuPalette {
  /** Indicators by their two-letter key (lc, rc, rs, ec, di, ln, ex, ...). */
  indicators: Record<string, string | undefined>;
  /** `*suffix=colour` entries, the later first as ls keeps them. */
  suffixes: { suffix: string; color: string }[];
}

/** ls.c color_indicator: what is coloured when LS_COLORS is unset. */
const DEFAULTS: Readonly<Record<string, string>> = {
  lc: '\x1b[', rc: 'm', rs: '0', di: '01;34', ln: '01;36', pi: '33', so: '01;35', bd: '01;33', cd: '01;33',
  ex: '01;32', do: '01;35', su: '37;41', sg: '30;43', st: '37;44', ow: '34;42', tw: '30;42', cl: '\x1b[K',
};

/** dircolors.hin's TERM patterns (coreutils 9.1). */
const KNOWN_TERMS = /^(Eterm|ansi|.*color.*|con[0-9]*x[0-9]*|cons25|console|cygwin|.*direct.*|dtterm|gnome|hurd|jfbterm|konsole|kterm|linux|linux-c|mlterm|putty|rxvt.*|screen.*|st|terminator|tmux.*|vt100|xterm.*)$/;

/** The palette --color would use in this environment, or undefined when ls prints no colour. */
export function gnuPalette(env: Readonly<Record<string, string>>): GnuPalette | undefined {
  const lsColors = env['LS_COLORS'] ?? '';
  if (lsColors === '') {
    const known = (env['COLORTERM'] ?? '') !== '' || KNOWN_TERMS.test(env['TERM'] ?? '');
    return known ? { indicators: { ...DEFAULTS }, suffixes: [] } : undefined;
  }
  const palette: GnuPalette = { indicators: { ...DEFAULTS }, suffixes: [] };
  for (const entry of lsColors.split(':')) {
    const eq = entry.indexOf('=');
    if (eq === -1) continue;
    const key = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (key.startsWith('*')) palette.suffixes.unshift({ suffix: key.slice(1).toLowerCase(), color: value });
    else palette.indicators[key] = value;
  }
  return palette;
}

/** ls.c is_colored: set, and not a plain `0` or `00`. */
const isColored = (palette: GnuPalette, key: string): boolean => {
  const value = palette.indicators[key];
  return value !== undefined && value !== '' && value !== '0' && value !== '00';
};

/**
 * The colour of a name (get_color_indicator): `node` is the entry itself (a symlink as such), or for
 * a symlink's target in -l what it leads to; `dangling` when a symlink leads nowhere.
 */
export function gnuColor(palette: GnuPalette, name: string, node: FsNode | undefined, dangling: boolean): string | undefined {
  let key: string;
  if (node === undefined) key = isColored(palette, 'mi') ? 'mi' : 'or';
  else if (node.kind === 'file') {
    const mode = node.mode;
    if (mode & 0o4000 && isColored(palette, 'su')) key = 'su';
    else if (mode & 0o2000 && isColored(palette, 'sg')) key = 'sg';
    else if (mode & 0o111 && isColored(palette, 'ex')) key = 'ex';
    else key = 'fi';
  } else if (node.kind === 'dir') {
    const mode = node.mode;
    if (mode & 0o1000 && mode & 0o002 && isColored(palette, 'tw')) key = 'tw';
    else if (mode & 0o002 && isColored(palette, 'ow')) key = 'ow';
    else if (mode & 0o1000 && isColored(palette, 'st')) key = 'st';
    else key = 'di';
  } else key = dangling && isColored(palette, 'or') ? 'or' : 'ln';
  if (key === 'fi') {
    const lower = name.toLowerCase();
    const bySuffix = palette.suffixes.find((s) => lower.endsWith(s.suffix));
    if (bySuffix !== undefined) return bySuffix.color;
  }
  return palette.indicators[key];
}

/** `text` in `color`: ESC[<colour>m text, then the reset (ec, or ESC[0m). */
export function gnuPaint(palette: GnuPalette, color: string, text: string): string {
  const { lc = '', rc = '' } = palette.indicators;
  return `${lc}${color}${rc}${text}${gnuReset(palette)}`;
}

/** What ls writes after a coloured name, and once before its first colour (prep_non_filename_text). */
export const gnuReset = (palette: GnuPalette): string => palette.indicators['ec'] ?? `${palette.indicators['lc'] ?? ''}${palette.indicators['rs'] ?? ''}${palette.indicators['rc'] ?? ''}`;
