/**
 * The parser of Go's text/template (src/text/template/parse/parse.go and node.go), ported for
 * `docker ... --format`: the same tree, the same positions (they appear in execution errors as
 * `:1:9`) and the same error texts (`template: :1: function "foo" not defined`).
 * `{{define}}`, `{{template}}` and `{{block}}` are not simulated and say so.
 */
import { err, ok, type Result } from '../../../diagnostics.ts';
import { goQuote, itemString, lexTemplate, type Item, type ItemType } from './lex.ts';

export interface FieldNode { type: 'field'; pos: number; ident: string[] }
export interface VariableNode { type: 'variable'; pos: number; ident: string[] }
export interface ChainNode { type: 'chain'; pos: number; node: ArgNode; field: string[] }
export interface IdentifierNode { type: 'identifier'; pos: number; ident: string }
export interface NumberNode { type: 'number'; pos: number; text: string; isInt: boolean; isUint: boolean; isFloat: boolean; value: number }
export type ArgNode =
  | FieldNode | VariableNode | ChainNode | IdentifierNode | NumberNode | PipeNode
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'string'; pos: number; quoted: string; text: string };
export interface CommandNode { type: 'command'; pos: number; args: ArgNode[] }
export interface PipeNode { type: 'pipe'; pos: number; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface ControlNode { type: 'if' | 'range' | 'with'; pos: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
export interface ListNode { type: 'list'; pos: number; nodes: TemplateNode[] }
export type TemplateNode =
  | ListNode | ControlNode
  | { type: 'text'; pos: number; text: string }
  | { type: 'action'; pos: number; pipe: PipeNode }
  | { type: 'break' | 'continue'; pos: number };
type Delimiter = { type: 'end' | 'else'; pos: number };
export type AnyNode = TemplateNode | ArgNode | CommandNode | Delimiter;

export interface Template {
  text: string;
  root: ListNode;
}

/** node.String() in Go: how a node is quoted in an error's `at <...>`. */
export function nodeString(n: AnyNode): string {
  switch (n.type) {
    case 'field':
      return `.${n.ident.join('.')}`;
    case 'variable':
      return n.ident.join('.');
    case 'chain':
      return `${n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)}.${n.field.join('.')}`;
    case 'identifier':
      return n.ident;
    case 'number':
      return n.text;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'string':
      return n.quoted;
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      const decl = n.decl.length > 0 ? `${n.decl.map(nodeString).join(', ')}${n.isAssign ? ' = ' : ' := '}` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with':
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList === null ? '' : `{{else}}${nodeString(n.elseList)}`}{{end}}`;
    default:
      return `{{${n.type}}}`;
  }
}

const isDelimiter = (n: TemplateNode | Delimiter): n is Delimiter => n.type === 'end' || n.type === 'else';

class ParseError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** Go's strconv.Unquote for the literals the lexer accepts. */
function unquote(quoted: string): string | null {
  if (quoted.startsWith('`')) return quoted.slice(1, -1);
  const body = quoted.slice(1, -1);
  const escapes: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      if (c === quoted[0]) return null;
      out += c;
      continue;
    }
    const e = body[++i] ?? '';
    const named = escapes[e];
    if (named !== undefined && (e !== "'" || quoted[0] === "'") && (e !== '"' || quoted[0] === '"')) out += named;
    else {
      const hex = { x: 2, u: 4, U: 8 }[e];
      const digits = hex === undefined ? body.slice(i, i + 3) : body.slice(i + 1, i + 1 + hex);
      const re = hex === undefined ? /^[0-7]{3}$/ : new RegExp(`^[0-9a-fA-F]{${hex}}$`);
      if (!re.test(digits)) return null;
      out += String.fromCodePoint(parseInt(digits, hex === undefined ? 8 : 16));
      i += hex === undefined ? 2 : hex;
    }
  }
  return out;
}

/** strconv.ParseInt/ParseUint/ParseFloat as parse.newNumber uses them (base prefixes, `_`). */
function parseNumber(pos: number, text: string, typ: ItemType): NumberNode {
  const node: NumberNode = { type: 'number', pos, text, isInt: false, isUint: false, isFloat: false, value: 0 };
  if (typ === 'charConstant') {
    const s = unquote(text);
    if (s === null || [...s].length !== 1) throw new ParseError(`malformed character constant: ${text}`);
    return { ...node, isInt: true, isUint: true, isFloat: true, value: s.codePointAt(0) as number };
  }
  if (typ === 'complex' || text.endsWith('i')) throw new ParseError(`complex constants are not simulated by Stagecraft: ${goQuote(text)}`);
  const int = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (int !== null && !/__|_$|^[+-]?_/.test(text)) {
    const digits = (int[2] as string).replace(/_/g, '');
    const radix = /^0[xX]/.test(digits) ? 16 : /^0[oO]/.test(digits) ? 8 : /^0[bB]/.test(digits) ? 2 : digits.length > 1 && digits.startsWith('0') ? 8 : 10;
    const body = radix === 10 || (radix === 8 && !/^0[oO]/.test(digits)) ? digits : digits.slice(2);
    const value = parseInt(body, radix) * (int[1] === '-' ? -1 : 1);
    return { ...node, isInt: true, isUint: value >= 0, isFloat: true, value };
  }
  if (/^[+-]?([0-9_]+\.?[0-9_]*|\.[0-9_]+)([eE][+-]?[0-9_]+)?$/.test(text)) {
    const value = Number(text.replace(/_/g, ''));
    if (!/[.eEpP]/.test(text)) throw new ParseError(`integer overflow: ${goQuote(text)}`);
    return { ...node, isFloat: true, isInt: Number.isInteger(value), isUint: Number.isInteger(value) && value >= 0, value };
  }
  throw new ParseError(`illegal number syntax: ${goQuote(text)}`);
}

const OPERAND_START: ReadonlySet<ItemType> = new Set<ItemType>([
  'bool', 'charConstant', 'complex', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen',
]);

class Parser {
  private i = 0;
  private furthest = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly items: readonly Item[];
  private readonly functions: ReadonlySet<string>;

  constructor(items: readonly Item[], functions: ReadonlySet<string>) {
    this.items = items;
    this.functions = functions;
  }

  private at(index: number): Item {
    this.furthest = Math.max(this.furthest, index);
    return this.items[Math.min(index, this.items.length - 1)] as Item;
  }
  private next(): Item {
    return this.at(this.i++);
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Item {
    return this.at(this.i);
  }
  private nextNonSpace(): Item {
    let t = this.next();
    while (t.typ === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  errorf(message: string): never {
    throw new ParseError(`template: :${this.at(this.furthest).line}: ${message}`);
  }
  private unexpected(token: Item, context: string): never {
    if (token.typ === 'error') this.errorf(token.val);
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }
  private expect(typ: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }

  parse(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'eof') {
      const n = this.textOrAction();
      if (isDelimiter(n)) this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    return root;
  }

  private itemList(): [ListNode, Delimiter] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (isDelimiter(n)) return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): TemplateNode | Delimiter {
    const token = this.nextNonSpace();
    if (token.typ === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.typ === 'leftDelim') return this.action();
    this.unexpected(token, 'input');
  }

  private action(): TemplateNode | Delimiter {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'break':
      case 'continue': {
        const after = this.nextNonSpace();
        if (after.typ !== 'rightDelim') this.unexpected(after, `{{${token.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${token.typ}}} outside {{range}}`);
        return { type: token.typ, pos: token.pos };
      }
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.control(token.typ);
      case 'block':
      case 'define':
      case 'template':
        this.errorf(`{{${token.typ}}} is not simulated by Stagecraft`);
    }
    this.backup();
    const first = this.peek();
    return { type: 'action', pos: first.pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private elseControl(): Delimiter {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if' || peek.typ === 'with') return { type: 'else', pos: peek.pos };
    return { type: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private control(context: 'if' | 'range' | 'with'): ControlNode {
    const saved = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | null = null;
    if (next.type === 'else') {
      if ((context === 'if' || context === 'with') && this.peek().typ === context) {
        this.next();
        elseList = { type: 'list', pos: next.pos, nodes: [this.control(context)] };
      } else {
        const [rest, end] = this.itemList();
        if (end.type !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
        elseList = rest;
      }
    }
    this.vars.length = saved;
    return { type: context, pos: pipe.pos, pipe, list, elseList };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const pipe: PipeNode = { type: 'pipe', pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    for (let more = true; more; ) {
      more = false;
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      const vIndex = this.i;
      this.next();
      const following = this.peekNonSpace();
      if (following.typ === 'assign' || following.typ === 'declare') {
        pipe.isAssign = following.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
      } else if (following.typ === 'char' && following.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().typ;
          if (t !== 'variable' && t !== 'rightDelim' && t !== 'rightParen') this.errorf('range can only initialize variables');
          more = true;
          continue;
        }
        this.errorf(`too many declarations in ${context}`);
      } else this.i = vIndex;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(token.typ)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes((c.args[0] as ArgNode).type)) this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (node === null || this.peek().typ !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      default:
        return { type: 'chain', pos, node, field: fields };
    }
  }

  private term(): ArgNode | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!this.functions.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, ident: token.val };
      case 'dot':
        return { type: 'dot', pos: token.pos };
      case 'nil':
        return { type: 'nil', pos: token.pos };
      case 'variable': {
        const name = token.val.split('.')[0] as string;
        if (!this.vars.includes(name)) this.errorf(`undefined variable ${goQuote(name)}`);
        return { type: 'variable', pos: token.pos, ident: token.val.split('.') };
      }
      case 'field':
        return { type: 'field', pos: token.pos, ident: [token.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        try {
          return parseNumber(token.pos, token.val, token.typ);
        } catch (e) {
          if (e instanceof ParseError) this.errorf(e.message);
          throw e;
        }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const text = unquote(token.val);
        if (text === null) this.errorf('invalid syntax');
        return { type: 'string', pos: token.pos, quoted: token.val, text };
      }
    }
    this.backup();
    return null;
  }
}

/** Parses `text` as Go's template.New("").Funcs(functions).Parse(text) would. */
export function parseTemplate(text: string, functions: ReadonlySet<string>): Result<Template, string> {
  const parser = new Parser(lexTemplate(text), functions);
  try {
    return ok({ text, root: parser.parse() });
  } catch (e) {
    if (e instanceof ParseError) return err(e.message);
    throw e;
  }
}
