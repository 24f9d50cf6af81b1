/**
 * The lexer of Go's text/template (src/text/template/parse/lex.go), ported for `docker ... --format`:
 * the same items, trim markers (`{{- ` / ` -}}`), comments and error texts, so a template that Go
 * rejects is rejected here with Go's words. Positions are UTF-16 offsets into the template.
 */

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'complex' | 'assign' | 'declare' | 'eof' | 'field'
  | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim'
  | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // Keywords.
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Readonly<Record<string, ItemType>> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else',
  end: 'end', if: 'if', nil: 'nil', range: 'range', template: 'template', with: 'with',
};
const KEYWORD_TYPES = new Set(Object.values(KEYWORDS));

/** Go's `%q` for a string (strconv.Quote, ASCII control characters as Go escapes them). */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, (_, hex: string) => {
    const named: Record<string, string> = { '07': '\\a', '0b': '\\v' };
    return named[hex] ?? `\\x${hex}`;
  }).replace(/\u007f/g, '\\x7f');
}

/** Go's `%#U`: `U+0021 '!'`. */
export const goRune = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(cp)}'`;

/** How the parser names an item in "unexpected %s" (item.String() in lex.go). */
export function itemString(i: Item): string {
  if (i.typ === 'eof') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (KEYWORD_TYPES.has(i.typ)) return `<${i.val}>`;
  const chars = [...i.val];
  return chars.length > 10 ? `${goQuote(chars.slice(0, 10).join(''))}...` : goQuote(i.val);
}

const EOF = -1;
const isSpace = (r: number): boolean => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
const isAlphaNumeric = (r: number): boolean => r === 0x5f || (r >= 0 && /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r)));
const SPACE_CHARS = /[ \t\r\n]/;
const hasLeftTrimMarker = (s: string): boolean => s.length >= 2 && s[0] === '-' && SPACE_CHARS.test(s[1] as string);
const hasRightTrimMarker = (s: string): boolean => s.length >= 2 && SPACE_CHARS.test(s[0] as string) && s[1] === '-';
const rightTrimLength = (s: string): number => s.length - s.replace(/[ \t\r\n]+$/, '').length;
const leftTrimLength = (s: string): number => s.length - s.replace(/^[ \t\r\n]+/, '').length;
const newlines = (s: string): number => s.split('\n').length - 1;

const LEFT = '{{';
const RIGHT = '}}';

/** Every item of `input`, ending with an `eof` or the first `error` item. */
export function lexTemplate(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let atEOF = false;
  let parenDepth = 0;

  const next = (): number => {
    if (pos >= input.length) {
      atEOF = true;
      return EOF;
    }
    const cp = input.codePointAt(pos) as number;
    pos += cp > 0xffff ? 2 : 1;
    if (cp === 0x0a) line++;
    return cp;
  };
  const backup = (): void => {
    if (atEOF || pos === 0) return;
    const low = input.charCodeAt(pos - 1);
    pos -= low >= 0xdc00 && low <= 0xdfff && pos >= 2 ? 2 : 1;
    if (low === 0x0a) line--;
  };
  const peek = (): number => {
    const r = next();
    backup();
    return r;
  };
  const thisItem = (typ: ItemType): Item => {
    const item = { typ, pos: start, val: input.slice(start, pos), line: startLine };
    start = pos;
    startLine = line;
    return item;
  };
  const ignore = (): void => {
    line += newlines(input.slice(start, pos));
    start = pos;
    startLine = line;
  };
  const accept = (valid: string): boolean => {
    const r = next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    backup();
    return false;
  };
  const acceptRun = (valid: string): void => {
    for (let r = next(); r !== EOF && valid.includes(String.fromCodePoint(r)); r = next());
    backup();
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrimMarker(input.slice(pos)) && input.startsWith(RIGHT, pos + 2)) return [true, true];
    return [input.startsWith(RIGHT, pos), false];
  };
  const atTerminator = (): boolean => {
    const r = peek();
    if (isSpace(r) || r === EOF || '.,|:)('.includes(String.fromCodePoint(r))) return true;
    return input.startsWith(RIGHT, pos);
  };

  let insideAction = false;
  let done = false;
  const emit = (typ: ItemType): void => {
    items.push(thisItem(typ));
  };
  const fail = (message: string): void => {
    items.push({ typ: 'error', pos: start, val: message, line: startLine });
    done = true;
  };

  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };

  const lexNumber = (): void => {
    if (!scanNumber()) return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
    const sign = peek();
    if (sign === 0x2b || sign === 0x2d) {
      if (!scanNumber() || input[pos - 1] !== 'i') return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
      return emit('complex');
    }
    emit('number');
  };

  const lexQuoted = (close: number, raw: boolean): void => {
    for (;;) {
      const r = next();
      if (!raw && r === 0x5c) {
        const escaped = next();
        if (escaped !== EOF && escaped !== 0x0a) continue;
        return fail(close === 0x27 ? 'unterminated character constant' : 'unterminated quoted string');
      }
      if (r === EOF || (!raw && r === 0x0a)) {
        return fail(raw ? 'unterminated raw quoted string' : close === 0x27 ? 'unterminated character constant' : 'unterminated quoted string');
      }
      if (r === close) break;
    }
    emit(raw ? 'rawString' : close === 0x27 ? 'charConstant' : 'string');
  };

  const lexFieldOrVariable = (typ: 'field' | 'variable'): void => {
    if (atTerminator()) return emit(typ === 'variable' ? 'variable' : 'dot');
    let r: number;
    for (;;) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) return fail(`bad character ${goRune(r)}`);
    emit(typ);
  };

  const lexIdentifier = (): void => {
    let r: number;
    do r = next();
    while (isAlphaNumeric(r));
    backup();
    const word = input.slice(start, pos);
    if (!atTerminator()) return fail(`bad character ${goRune(r)}`);
    const keyword = KEYWORDS[word];
    if (keyword !== undefined) emit(keyword);
    else if (word === 'true' || word === 'false') emit('bool');
    else emit('identifier');
  };

  const lexRightDelim = (): void => {
    const [, trim] = atRightDelim();
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += RIGHT.length;
    const item = thisItem('rightDelim');
    if (trim) {
      pos += leftTrimLength(input.slice(pos));
      ignore();
    }
    insideAction = false;
    items.push(item);
  };

  const lexSpace = (): void => {
    let count = 0;
    while (isSpace(peek())) {
      next();
      count++;
    }
    if (hasRightTrimMarker(input.slice(pos - 1)) && input.startsWith(RIGHT, pos - 1 + 2)) {
      backup();
      if (count === 1) return lexRightDelim();
    }
    emit('space');
  };

  const lexInsideAction = (): void => {
    const [delim] = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim();
      return fail('unclosed left paren');
    }
    const r = next();
    const c = r === EOF ? '' : String.fromCodePoint(r);
    if (r === EOF) return fail('unclosed action');
    if (isSpace(r)) {
      backup();
      return lexSpace();
    }
    if (c === '=') return emit('assign');
    if (c === ':') return next() === 0x3d ? emit('declare') : fail('expected :=');
    if (c === '|') return emit('pipe');
    if (c === '"') return lexQuoted(0x22, false);
    if (c === '`') return lexQuoted(0x60, true);
    if (c === '$') return atTerminator() ? emit('variable') : lexFieldOrVariable('variable');
    if (c === "'") return lexQuoted(0x27, false);
    if (c === '.' && pos < input.length && !/[0-9]/.test(input[pos] as string)) return lexFieldOrVariable('field');
    if (c === '.' || c === '+' || c === '-' || /[0-9]/.test(c)) {
      backup();
      return lexNumber();
    }
    if (isAlphaNumeric(r)) {
      backup();
      return lexIdentifier();
    }
    if (c === '(') {
      parenDepth++;
      return emit('leftParen');
    }
    if (c === ')') {
      parenDepth--;
      return parenDepth < 0 ? fail('unexpected right paren') : emit('rightParen');
    }
    if (r <= 0x7e && r >= 0x20) return emit('char');
    fail(`unrecognized character in action: ${goRune(r)}`);
  };

  const lexText = (): void => {
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) {
        line += newlines(input.slice(start, pos));
        emit('text');
      }
      emit('eof');
      done = true;
      return;
    }
    if (x > pos) {
      pos = x;
      const trim = hasLeftTrimMarker(input.slice(pos + LEFT.length)) ? rightTrimLength(input.slice(start, pos)) : 0;
      pos -= trim;
      line += newlines(input.slice(start, pos));
      const text = thisItem('text');
      pos += trim;
      ignore();
      if (text.val.length > 0) items.push(text);
    }
    lexLeftDelim();
  };

  const lexLeftDelim = (): void => {
    pos += LEFT.length;
    const after = hasLeftTrimMarker(input.slice(pos)) ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      return lexComment();
    }
    const item = thisItem('leftDelim');
    insideAction = true;
    pos += after;
    ignore();
    parenDepth = 0;
    items.push(item);
  };

  const lexComment = (): void => {
    pos += 2;
    const x = input.indexOf('*/', pos);
    if (x < 0) return fail('unclosed comment');
    pos = x + 2;
    const [delim, trim] = atRightDelim();
    if (!delim) return fail('comment ends before closing delimiter');
    line += newlines(input.slice(start, pos));
    start = pos;
    startLine = line;
    if (trim) pos += 2;
    pos += RIGHT.length;
    if (trim) pos += leftTrimLength(input.slice(pos));
    ignore();
  };

  while (!done) {
    if (insideAction) lexInsideAction();
    else lexText();
  }
  return items;
}
