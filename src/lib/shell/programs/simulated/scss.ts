/**
 * A small SCSS compiler for the simulated `sass`: variables (`$x`, `!default`, `!global`, block
 * scope), nesting with `&`, `#{}` interpolation, `//` and `/* *\/` comments, @media/@supports blocks
 * (bubbled out of rules), `@import` and `@use` of local partials. Output follows Dart Sass's expanded
 * and compressed styles. Anything else (mixins, functions, control flow, arithmetic) is reported as
 * beyond the simulation rather than compiled wrongly.
 */
import type { Result } from '../../../diagnostics.ts';

/** Dart Sass has expanded and compressed; LibSass (sassc) also nested (its default) and compact. */
export type SassStyle = 'expanded' | 'compressed' | 'nested' | 'compact';

export interface ScssSource {
  /** The path as the user named it (Dart Sass prints it in error traces). */
  path: string;
  text: string;
}

/** Finds `@import`/`@use` targets: the url as written, from the importing file's path. */
export type ScssLoader = (url: string, from: string) => ScssSource | undefined;

export interface ScssError {
  message: string;
  path: string;
  /** 1-based line and column of the offending text, and its length (for the `^^^` marker). */
  line: number;
  column: number;
  length: number;
  lineText: string;
  /** The error is a limit of Stagecraft's compiler, not something Dart Sass would report. */
  unsupported: boolean;
}

interface Located {
  at: number;
  src: ScssSource;
}

type Stmt =
  | (Located & { kind: 'decl'; prop: string; value: string })
  | (Located & { kind: 'var'; name: string; value: string; flags: string[] })
  | (Located & { kind: 'rule'; selector: string; body: Stmt[] })
  | (Located & { kind: 'block'; name: string; params: string; body: Stmt[] })
  | (Located & { kind: 'at'; name: string; params: string })
  | (Located & { kind: 'comment'; text: string });

/** The first error of a compilation (later ones would be its consequences). */
class Problems {
  first: ScssError | undefined;
  report(src: ScssSource, at: number, length: number, message: string, unsupported = false): void {
    if (this.first !== undefined) return;
    const before = src.text.slice(0, at);
    const start = before.lastIndexOf('\n') + 1;
    const end = src.text.indexOf('\n', at);
    this.first = { message, path: src.path, line: before.split('\n').length, column: at - start + 1, length: Math.max(1, length), lineText: src.text.slice(start, end === -1 ? undefined : end), unsupported };
  }
}

/** `//` comments blanked to spaces (offsets kept), outside strings and parentheses (`url(http://…)`). */
function blankLineComments(text: string): string {
  let out = '';
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== '') {
      if (c === '\\') {
        out += c + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) quote = '';
      out += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      out += c;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop - 1;
    } else if (c === '/' && text[i + 1] === '/' && depth === 0) {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
      if (i < text.length) out += '\n';
    } else {
      if (c === '(') depth++;
      if (c === ')') depth = Math.max(0, depth - 1);
      out += c;
    }
  }
  return out;
}

function parse(src: ScssSource, problems: Problems): Stmt[] {
  const text = blankLineComments(src.text);
  let pos = 0;
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  /** Reads up to `;`, `{` or `}` at depth 0; returns the text and the terminator ('' at the end). */
  const readChunk = (): { body: string; start: number; end: string } => {
    const start = pos;
    let quote = '';
    let depth = 0;
    for (; pos < text.length; pos++) {
      const c = text[pos] as string;
      if (quote !== '') {
        if (c === '\\') pos++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#' && text[pos + 1] === '{') {
        const close = text.indexOf('}', pos);
        if (close === -1) {
          problems.report(src, pos, 2, 'expected "}".');
          pos = text.length;
          return { body: '', start, end: '' };
        }
        pos = close;
      } else if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (depth <= 0 && (c === ';' || c === '{' || c === '}')) return { body: text.slice(start, pos), start, end: c };
    }
    return { body: text.slice(start), start, end: '' };
  };
  const block = (nested: boolean): Stmt[] => {
    const stmts: Stmt[] = [];
    for (;;) {
      if (problems.first !== undefined) return stmts;
      skipSpace();
      if (pos >= text.length) {
        if (nested) problems.report(src, text.length, 1, 'expected "}".');
        return stmts;
      }
      if (text.startsWith('/*', pos)) {
        const end = text.indexOf('*/', pos + 2);
        if (end === -1) {
          problems.report(src, text.length, 1, 'expected more input.');
          return stmts;
        }
        stmts.push({ kind: 'comment', text: text.slice(pos, end + 2), at: pos, src });
        pos = end + 2;
        continue;
      }
      if (text[pos] === '}') {
        if (!nested) problems.report(src, pos, 1, 'unmatched "}".');
        pos++;
        return stmts;
      }
      if (text[pos] === ';') {
        pos++;
        continue;
      }
      const chunk = readChunk();
      const lead = chunk.body.length - chunk.body.trimStart().length;
      const at = chunk.start + lead;
      const body = chunk.body.trim();
      if (chunk.end === '{') {
        pos++;
        if (body.startsWith('@')) {
          const name = /^@[\w-]+/.exec(body)?.[0] ?? '@';
          stmts.push({ kind: 'block', name, params: body.slice(name.length).trim(), body: block(true), at, src });
        } else stmts.push({ kind: 'rule', selector: body, body: block(true), at, src });
        continue;
      }
      if (chunk.end === ';') pos++;
      if (body.startsWith('$') || /^[\w-]+\.\$/.test(body)) {
        const colon = body.indexOf(':');
        if (colon === -1) {
          problems.report(src, at + body.length, 1, 'expected ":".');
          return stmts;
        }
        const flags = [...body.slice(colon + 1).matchAll(/!(default|global)\b/g)].map((m) => m[1] as string);
        stmts.push({ kind: 'var', name: body.slice(0, colon).trim(), value: body.slice(colon + 1).replace(/!(default|global)\b/g, '').trim(), flags, at, src });
      } else if (body.startsWith('@')) {
        const name = /^@[\w-]+/.exec(body)?.[0] ?? '@';
        stmts.push({ kind: 'at', name, params: body.slice(name.length).trim(), at, src });
      } else if (body.includes(':')) {
        const colon = body.indexOf(':');
        stmts.push({ kind: 'decl', prop: body.slice(0, colon).trim(), value: body.slice(colon + 1).trim(), at, src });
      } else {
        problems.report(src, at + body.length, 1, 'expected "{".');
        return stmts;
      }
    }
  };
  return block(false);
}

/** The CSS that evaluation produces, before formatting. */
type Css =
  /** depth: how many rules enclose it in the source (the nested style indents by it). */
  | { kind: 'style'; selectors: Selector[]; decls: string[]; groupEnd: boolean; depth: number }
  | { kind: 'atrule'; name: string; params: string; children: Css[]; groupEnd: boolean }
  | { kind: 'statement'; text: string; groupEnd: boolean }
  | { kind: 'comment'; text: string; groupEnd: boolean };

/** One complex selector, and whether the source had a line break before it in its list. */
interface Selector {
  text: string;
  breakBefore: boolean;
}

class Scope {
  readonly vars = new Map<string, string>();
  readonly parent: Scope | undefined;
  constructor(parent: Scope | undefined) {
    this.parent = parent;
  }
  lookup(name: string): string | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }
  /** Assigns where the variable already lives, else here (Sass's scoping for plain assignments). */
  assign(name: string, value: string): void {
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, value);
        return;
      }
    }
    this.vars.set(name, value);
  }
  get root(): Scope {
    return this.parent?.root ?? this;
  }
}

const BEYOND = "is beyond Stagecraft's simulated Sass (variables, nesting, @media, @import and @use are simulated).";
const UNSUPPORTED_AT = new Set(['@mixin', '@include', '@function', '@return', '@extend', '@each', '@for', '@if', '@else', '@while', '@forward', '@debug', '@warn', '@error', '@at-root', '@content']);
/**
 * Sass expressions the compiler would copy through instead of computing: arithmetic on numbers or
 * variables, and Sass's own functions (color, math, maps, strings). Reported as beyond the simulation.
 */
const EXPRESSION = new RegExp(
  [
    String.raw`(?:\$[\w-]+|\d[\w%.]*|\))\s*[*%]\s*(?:\$|\d|\()`,
    String.raw`(?:\$[\w-]+|\d[\w%.]*|\))\s+[+-]\s+(?:\$|\d|\()`,
    String.raw`\$[\w-]+\s*\/|\/\s*\$`,
    String.raw`\b(?:darken|lighten|saturate|desaturate|mix|adjust-hue|percentage|ceil|floor|map-get|map-merge|nth|length|if|transparentize|opacify|fade-in|fade-out|complement|invert|grayscale|scale-color|adjust-color|change-color|unquote|quote|str-[\w-]+|(?:math|color|map|list|string|meta|selector)\.[\w-]+)\(`,
    String.raw`\brgba?\(\s*(?:#|\$)`,
  ].join('|'),
);

const BUBBLING = new Set(['@media', '@supports', '@container', '@layer']);

function splitSelectors(text: string): Selector[] {
  const parts: Selector[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if ((c === ',' && depth === 0) || i === text.length) {
      const raw = text.slice(start, i);
      parts.push({ text: raw.trim().replace(/\s+/g, ' '), breakBefore: parts.length > 0 && /^[ \t]*\n/.test(raw) });
      start = i + 1;
    }
  }
  return parts.filter((p) => p.text !== '');
}

function nestSelectors(parents: Selector[] | undefined, children: Selector[]): Selector[] {
  if (parents === undefined) return children;
  return parents.flatMap((parent, p) =>
    children.map((child, c) => ({
      text: child.text.includes('&') ? child.text.replace(/&/g, parent.text) : `${parent.text} ${child.text}`,
      breakBefore: c === 0 ? p > 0 && parent.breakBefore : child.breakBefore,
    })),
  );
}

class Evaluator {
  private readonly used = new Set<string>();
  private readonly load: ScssLoader;
  private readonly problems: Problems;
  constructor(load: ScssLoader, problems: Problems) {
    this.load = load;
    this.problems = problems;
  }

  /** Reports an expression Sass would compute (see EXPRESSION); true when there was one. */
  private unsupportedExpression(where: Located, value: string): boolean {
    // CSS's own math functions keep their operators: calc(100% - 10px) is plain CSS.
    const plain = value.replace(/\b(?:calc|clamp|min|max|round|abs|var|env)\((?:[^()]|\([^()]*\))*\)/g, (css) => 'x'.repeat(css.length));
    const match = EXPRESSION.exec(plain);
    if (match === null) return false;
    const offset = where.src.text.indexOf(value, where.at);
    this.problems.report(where.src, (offset === -1 ? where.at : offset) + match.index, match[0].length, `this expression ${BEYOND.replace('(variables', '(plain values with variables')}`, true);
    return true;
  }

  /** `$var`, `ns.$var` and `#{…}` replaced by their values. */
  private substitute(value: string, scope: Scope, where: Located): string {
    const offset = where.src.text.indexOf(value, where.at);
    const base = offset === -1 ? where.at : offset;
    const withInterp = value.replace(/#\{([^}]*)\}/g, (_m, inner: string, index: number) =>
      this.substitute(inner.trim(), scope, { at: base + index + 2, src: where.src }).replace(/^(["'])(.*)\1$/, '$2'),
    );
    return withInterp.replace(/(?:[\w-]+\.)?\$[\w-]+/g, (name, index: number) => {
      const found = scope.lookup(name);
      if (found === undefined) this.problems.report(where.src, base + index, name.length, 'Undefined variable.');
      return found ?? name;
    });
  }

  run(stmts: Stmt[], scope: Scope, selectors: Selector[] | undefined, out: Css[], namespace: string, depth = -1): void {
    let style: Extract<Css, { kind: 'style' }> | undefined;
    const owner = selectors;
    const ensureStyle = (): Extract<Css, { kind: 'style' }> => {
      if (style === undefined && owner !== undefined) {
        style = { kind: 'style', selectors: owner, decls: [], groupEnd: false, depth };
        out.push(style);
      }
      return style as Extract<Css, { kind: 'style' }>;
    };
    if (owner !== undefined) ensureStyle();
    for (const stmt of stmts) {
      if (this.problems.first !== undefined) return;
      const before = out.length;
      switch (stmt.kind) {
        case 'var': {
          if (this.unsupportedExpression(stmt, stmt.value)) break;
          const name = namespace === '' ? stmt.name : `${namespace}.${stmt.name}`;
          const value = this.substitute(stmt.value, scope, stmt);
          const target = stmt.flags.includes('global') ? scope.root : scope;
          if (stmt.flags.includes('default') && target.lookup(name) !== undefined) break;
          if (stmt.flags.includes('global')) target.vars.set(name, value);
          else scope.assign(name, value);
          break;
        }
        case 'decl': {
          if (owner === undefined) {
            this.problems.report(stmt.src, stmt.at, stmt.prop.length, 'Declarations may only be used within style rules.');
            break;
          }
          if (this.unsupportedExpression(stmt, stmt.value)) break;
          const value = this.substitute(stmt.value, scope, stmt).replace(/\s+/g, ' ');
          ensureStyle().decls.push(`${this.substitute(stmt.prop, scope, stmt)}: ${value}`);
          break;
        }
        case 'comment':
          if (owner !== undefined) ensureStyle().decls.push(stmt.text);
          else out.push({ kind: 'comment', text: stmt.text, groupEnd: false });
          break;
        case 'rule': {
          const own = splitSelectors(this.substitute(stmt.selector, scope, stmt));
          this.run(stmt.body, new Scope(scope), nestSelectors(owner, own), out, namespace, depth + 1);
          break;
        }
        case 'block': {
          if (UNSUPPORTED_AT.has(stmt.name) || (!BUBBLING.has(stmt.name) && owner !== undefined)) {
            this.problems.report(stmt.src, stmt.at, stmt.name.length, `${stmt.name}${owner === undefined ? '' : ' inside a style rule'} ${BEYOND}`, true);
            break;
          }
          const children: Css[] = [];
          const params = this.substitute(stmt.params, scope, stmt).replace(/\s+/g, ' ');
          this.run(stmt.body, new Scope(scope), owner, children, namespace, depth);
          out.push({ kind: 'atrule', name: stmt.name, params, children, groupEnd: false });
          break;
        }
        case 'at':
          this.atStatement(stmt, scope, out);
          break;
      }
      // Dart Sass separates what each top-level statement produced by a blank line.
      const last = out.at(-1);
      if (owner === undefined && out.length > before && last !== undefined) last.groupEnd = true;
    }
    // A style rule with no declarations is left out, as Sass leaves out empty rules.
    if (style !== undefined && style.decls.length === 0) out.splice(out.indexOf(style), 1);
  }

  private atStatement(stmt: Extract<Stmt, { kind: 'at' }>, scope: Scope, out: Css[]): void {
    if (UNSUPPORTED_AT.has(stmt.name)) {
      this.problems.report(stmt.src, stmt.at, stmt.name.length, `${stmt.name} ${BEYOND}`, true);
      return;
    }
    if (stmt.name === '@charset') return;
    if (stmt.name !== '@import' && stmt.name !== '@use') {
      out.push({ kind: 'statement', text: `${stmt.name} ${this.substitute(stmt.params, scope, stmt)}`.trim(), groupEnd: false });
      return;
    }
    const url = /^(["'])(.*?)\1/.exec(stmt.params)?.[2];
    // Plain CSS imports stay as they are.
    if (url === undefined || /^(https?:)?\/\/|\.css$/.test(url) || stmt.params.startsWith('url(')) {
      out.push({ kind: 'statement', text: `@import ${stmt.params}`, groupEnd: false });
      return;
    }
    const length = stmt.params.length + stmt.name.length + 1;
    if (url.startsWith('sass:')) {
      this.problems.report(stmt.src, stmt.at, length, `the built-in module ${url} ${BEYOND}`, true);
      return;
    }
    const found = this.load(url, stmt.src.path);
    if (found === undefined) {
      this.problems.report(stmt.src, stmt.at, length, "Can't find stylesheet to import.");
      return;
    }
    const stmts = parse(found, this.problems);
    if (stmt.name === '@import') {
      this.run(stmts, scope, undefined, out, '');
      return;
    }
    const as = /\bas\s+([\w-]+|\*)\s*$/.exec(stmt.params)?.[1];
    const namespace = as === '*' ? '' : (as ?? (url.split('/').pop() ?? url).replace(/^_/, '').replace(/\.scss$/, ''));
    // A module's CSS is emitted once however many files use it; its variables are namespaced.
    const moduleScope = new Scope(undefined);
    const moduleOut: Css[] = [];
    this.run(stmts, moduleScope, undefined, moduleOut, '');
    for (const [name, value] of moduleScope.vars) scope.root.vars.set(namespace === '' ? name : `${namespace}.${name}`, value);
    if (!this.used.has(found.path)) out.push(...moduleOut);
    this.used.add(found.path);
  }
}

const joinSelectors = (selectors: Selector[], style: SassStyle): string =>
  selectors.map((s, i) => (i === 0 ? s.text : style === 'compressed' ? `,${s.text}` : `${s.breakBefore ? ',\n' : ', '}${s.text}`)).join('');

function formatExpanded(nodes: Css[], indent: string): string {
  let text = '';
  nodes.forEach((node, i) => {
    if (i > 0) text += nodes[i - 1]?.groupEnd === true && nodes[i - 1]?.kind !== 'comment' ? '\n\n' : '\n';
    if (node.kind === 'comment') text += indent + node.text;
    else if (node.kind === 'statement') text += `${indent}${node.text};`;
    else if (node.kind === 'style') {
      const selector = joinSelectors(node.selectors, 'expanded').replace(/\n/g, `\n${indent}`);
      text += `${indent}${selector} {\n${node.decls.map((d) => `${indent}  ${d}${d.startsWith('/*') ? '' : ';'}\n`).join('')}${indent}}`;
    } else text += `${indent}${node.name} ${node.params} {\n${formatExpanded(node.children, `${indent}  `)}\n${indent}}`;
  });
  return text;
}

/**
 * LibSass's nested style: declarations indented under the selector, the brace closing on the last
 * one, and each rule indented by how deeply it was nested in the source.
 */
function formatNested(nodes: Css[], indent: string): string {
  let text = '';
  nodes.forEach((node, i) => {
    if (i > 0) text += nodes[i - 1]?.groupEnd === true ? '\n\n' : '\n';
    if (node.kind === 'comment') text += indent + node.text;
    else if (node.kind === 'statement') text += `${indent}${node.text};`;
    else if (node.kind === 'style') {
      const pad = indent + '  '.repeat(Math.max(0, node.depth));
      const decls = node.decls.map((d) => `${pad}  ${d}${d.startsWith('/*') ? '' : ';'}`).join('\n');
      text += `${pad}${joinSelectors(node.selectors, 'expanded')} {\n${decls} }`;
    } else text += `${indent}${node.name} ${node.params} {\n${formatNested(node.children, `${indent}  `)} }`;
  });
  return text;
}

/** LibSass's compact style: one line per rule. */
function formatCompact(nodes: Css[]): string {
  let text = '';
  nodes.forEach((node, i) => {
    if (i > 0) text += nodes[i - 1]?.groupEnd === true ? '\n\n' : '\n';
    if (node.kind === 'comment' || node.kind === 'statement') text += node.kind === 'statement' ? `${node.text};` : node.text;
    else if (node.kind === 'style') text += `${joinSelectors(node.selectors, 'compressed').replace(/,/g, ', ')} { ${node.decls.filter((d) => !d.startsWith('/*')).map((d) => `${d};`).join(' ')} }`;
    else text += `${node.name} ${node.params} { ${formatCompact(node.children).replace(/\n+/g, ' ')} }`;
  });
  return text;
}

const compressValue = (decl: string): string => {
  const colon = decl.indexOf(':');
  return `${decl.slice(0, colon).trim()}:${decl.slice(colon + 1).trim().replace(/\s*,\s*/g, ',')}`;
};

function formatCompressed(nodes: Css[]): string {
  return nodes
    .map((node) => {
      if (node.kind === 'comment') return node.text.startsWith('/*!') ? node.text : '';
      if (node.kind === 'statement') return `${node.text};`;
      if (node.kind === 'style') {
        const decls = node.decls.filter((d) => !d.startsWith('/*')).map(compressValue);
        return `${joinSelectors(node.selectors, 'compressed')}{${decls.join(';')}}`;
      }
      return `${node.name} ${node.params}{${formatCompressed(node.children)}}`;
    })
    .join('');
}

/** Compiles SCSS to CSS text (without the source-map comment, which the CLI adds). */
export function compileScss(source: ScssSource, style: SassStyle, load: ScssLoader): Result<string, ScssError> {
  const problems = new Problems();
  const stmts = parse(source, problems);
  const out: Css[] = [];
  if (problems.first === undefined) new Evaluator(load, problems).run(stmts, new Scope(undefined), undefined, out, '');
  if (problems.first !== undefined) return { ok: false, error: problems.first };
  const css = style === 'compressed' ? formatCompressed(out) : style === 'nested' ? formatNested(out, '') : style === 'compact' ? formatCompact(out) : formatExpanded(out, '');
  // Non-ASCII output gets a charset: a declaration when expanded, a byte-order mark when compressed.
  if (!/[^\u0000-\u007f]/.test(css)) return { ok: true, value: css };
  return { ok: true, value: style === 'compressed' ? `\ufeff${css}` : `@charset "UTF-8";\n${css}` };
}

/** Dart Sass's error report: the message, the source line with `^` under the culprit, the trace. */
export function formatScssError(error: ScssError): string {
  const gutter = ' '.repeat(String(error.line).length);
  return [
    `Error: ${error.message}`,
    `${gutter} ╷`,
    `${error.line} │ ${error.lineText}`,
    `${gutter} │ ${' '.repeat(error.column - 1)}${'^'.repeat(Math.min(error.length, Math.max(1, error.lineText.length - error.column + 1)))}`,
    `${gutter} ╵`,
    `  ${error.path} ${error.line}:${error.column}  root stylesheet`,
    '',
  ].join('\n');
}
