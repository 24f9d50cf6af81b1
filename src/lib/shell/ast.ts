/** The syntax tree of a /bin/sh script, as a tagged union (the lexer builds words, the parser the rest). */

/** A piece of a word. `quoted` parts are protected from field splitting and globbing. */
export type WordPart =
  | { kind: 'literal'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; op: ParamOp; arg: Word | undefined; quoted: boolean }
  | { kind: 'length'; name: string; quoted: boolean }
  | { kind: 'command'; script: Script; quoted: boolean }
  | { kind: 'arith'; expr: Word; quoted: boolean }
  | { kind: 'tilde'; user: string };

/**
 * `${x-y}` family and pattern removal; '' is plain `$x` / `${x}`. The rest are not POSIX: `:`
 * (substring) and `/` `//` (replacement) are ash and bash, `^^` `^` `,,` `,` (case) bash only, and
 * 'bad' is anything else: each shell reports "bad substitution" when the word is expanded.
 */
export type ParamOp =
  | '' | '-' | ':-' | '=' | ':=' | '?' | ':?' | '+' | ':+' | '#' | '##' | '%' | '%%'
  | ':' | '/' | '//' | '^^' | '^' | ',,' | ',' | 'bad';

export interface Word {
  parts: WordPart[];
  /** The source text of the word (for reserved words, assignments, heredoc delimiters, traces). */
  raw: string;
}

export type RedirectOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '<<' | '<<-';

export interface Redirect {
  /** The file descriptor redirected; default 1 for output operators, 0 for input. */
  fd: number;
  op: RedirectOp;
  /** The file, the fd to duplicate (`2>&1`), or the heredoc delimiter. */
  target: Word;
  /** A heredoc's body: expanded like a double-quoted string unless the delimiter was quoted. */
  heredoc?: { body: Word; expand: boolean };
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
  line: number;
}

export interface Subshell { kind: 'subshell'; body: List; redirects: Redirect[]; line: number }
export interface Group { kind: 'group'; body: List; redirects: Redirect[]; line: number }
export interface If {
  kind: 'if';
  clauses: { condition: List; body: List }[];
  elseBody: List | undefined;
  redirects: Redirect[];
  line: number;
}
export interface For { kind: 'for'; name: string; items: Word[] | undefined; body: List; redirects: Redirect[]; line: number }
export interface Loop { kind: 'loop'; until: boolean; condition: List; body: List; redirects: Redirect[]; line: number }
export interface Case {
  kind: 'case';
  word: Word;
  items: { patterns: Word[]; body: List }[];
  redirects: Redirect[];
  line: number;
}
export interface FunctionDef { kind: 'function'; name: string; body: CommandNode; line: number }

export type CommandNode = SimpleCommand | Subshell | Group | If | For | Loop | Case | FunctionDef;

export interface Pipeline { kind: 'pipeline'; negated: boolean; commands: CommandNode[] }

export interface AndOr { kind: 'and-or'; first: Pipeline; rest: { op: '&&' | '||'; pipeline: Pipeline }[] }

/** Commands separated by `;`, `&` or newlines. `&` is accepted and run in the foreground. */
export interface List { kind: 'list'; items: AndOr[] }

export type Script = List;
