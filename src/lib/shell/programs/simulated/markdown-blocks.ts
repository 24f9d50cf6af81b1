/**
 * CommonMark's block structure (spec 0.31, the line-by-line algorithm of its appendix) for the
 * blocks the simulated site generators need: block quotes, bullet and ordered lists (nested by
 * indentation, tight or loose), paragraphs with lazy continuation lines, ATX and setext headings,
 * fenced and indented code, thematic breaks; tabs count to the next multiple of 4 columns, and a
 * tab only partly used as indentation leaves its other columns as spaces. Not handled: HTML blocks
 * and link reference definitions.
 */

export type BlockKind = 'document' | 'quote' | 'list' | 'item' | 'paragraph' | 'heading' | 'fence' | 'code' | 'rule';

export interface Block {
  kind: BlockKind;
  parent: Block | undefined;
  children: Block[];
  open: boolean;
  /** Whether the last line this block saw was blank (decides whether a list is loose). */
  lastLineBlank: boolean;
  /** Text lines of a paragraph or code block. */
  lines: string[];
  /** Lists: ordered or not, the bullet character or the delimiter (`.` or `)`), the first number, tight. */
  ordered?: boolean;
  marker?: string;
  start?: number;
  tight?: boolean;
  /** Items: the column their content starts at; fences: the indentation of the opening fence. */
  indent?: number;
  /** Fences: the opening fence (```` ``` ```` or `~~~`, at least three). */
  fence?: string;
  info?: string;
  /** Headings: the level and the raw text. */
  level?: number;
  text?: string;
  /** Items: the line they started on (an empty item does not survive a blank line after it). */
  startLine?: number;
}

const block = (kind: BlockKind, parent: Block | undefined): Block => ({ kind, parent, children: [], open: true, lastLineBlank: false, lines: [] });

/** A line being consumed left to right by the containers it continues, by character and by column. */
interface Cursor {
  line: string;
  offset: number;
  column: number;
  /** The character at `offset` is a tab of which some columns were consumed. */
  partialTab: boolean;
  number: number;
}

const isBlank = (text: string): boolean => /^[ \t]*$/.test(text);

/** Where the next non-space character is, as character offset and column. */
function nonspace(c: Cursor): { offset: number; column: number } {
  let { offset, column } = c;
  for (;;) {
    const ch = c.line[offset];
    if (ch === ' ') column++;
    else if (ch === '\t') column += 4 - (column % 4);
    else return { offset, column };
    offset++;
  }
}

const indentOf = (c: Cursor): number => nonspace(c).column - c.column;

function skipSpaces(c: Cursor): void {
  const next = nonspace(c);
  c.offset = next.offset;
  c.column = next.column;
  c.partialTab = false;
}

/** Moves on `count` characters, or (`columns`) `count` columns, where a tab may be consumed in part. */
function advance(c: Cursor, count: number, columns: boolean): void {
  for (let left = count; left > 0 && c.offset < c.line.length; ) {
    if (c.line[c.offset] === '\t') {
      const toTab = 4 - (c.column % 4);
      if (columns) {
        c.partialTab = toTab > left;
        const step = Math.min(toTab, left);
        c.column += step;
        if (!c.partialTab) c.offset++;
        left -= step;
      } else {
        c.partialTab = false;
        c.column += toTab;
        c.offset++;
        left--;
      }
    } else {
      c.partialTab = false;
      c.offset++;
      c.column++;
      left--;
    }
  }
}

/** The rest of the line as a leaf's content: the unused columns of a partly consumed tab become spaces. */
const leafText = (c: Cursor): string => (c.partialTab ? ' '.repeat(4 - (c.column % 4)) + c.line.slice(c.offset + 1) : c.line.slice(c.offset));

const isSpaceOrTab = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/;
const ATX_HEADING = /^#{1,6}(?:[ \t]+|$)/;
const OPENING_FENCE = /^(?:`{3,}(?![^`]*`)|~{3,})/;
const SETEXT_UNDERLINE = /^(?:=+|-+)[ \t]*$/;

const lastOpenChild = (b: Block): Block | undefined => {
  const child = b.children[b.children.length - 1];
  return child?.open ? child : undefined;
};

/** Whether a container continues on this line, consuming its markers: 'yes', 'no', or 'done' (the line closed it). */
function continues(b: Block, c: Cursor): 'yes' | 'no' | 'done' {
  const indent = indentOf(c);
  const rest = c.line.slice(nonspace(c).offset);
  switch (b.kind) {
    case 'quote':
      if (indent >= 4 || !rest.startsWith('>')) return 'no';
      quoteMarker(c);
      return 'yes';
    case 'item':
      if (isBlank(rest)) {
        if (b.children.length === 0) return 'no';
        skipSpaces(c);
        return 'yes';
      }
      if (indent < (b.indent ?? 0)) return 'no';
      advance(c, b.indent ?? 0, true);
      return 'yes';
    case 'fence': {
      const close = /^(`{3,}|~{3,})[ \t]*$/.exec(rest);
      if (indent < 4 && close !== null && close[1]?.[0] === b.fence?.[0] && (close[1]?.length ?? 0) >= (b.fence?.length ?? 0)) return 'done';
      for (let i = b.indent ?? 0; i > 0 && isSpaceOrTab(c.line[c.offset]); i--) advance(c, 1, true);
      return 'yes';
    }
    case 'code':
      if (indent >= 4) advance(c, 4, true);
      else if (isBlank(rest)) skipSpaces(c);
      else return 'no';
      return 'yes';
    case 'paragraph':
      return isBlank(rest) ? 'no' : 'yes';
    case 'heading':
    case 'rule':
      return 'no';
    default:
      return 'yes';
  }
}

/** `>` and one space or tab (column) after it. */
function quoteMarker(c: Cursor): void {
  skipSpaces(c);
  advance(c, 1, false);
  if (isSpaceOrTab(c.line[c.offset])) advance(c, 1, true);
}

/** A list marker at the cursor: consumes it and the spaces after it, and says what list and content column it makes. */
function listMarker(c: Cursor, interruptsParagraph: boolean): { ordered: boolean; marker: string; start: number; indent: number } | undefined {
  const indent = indentOf(c);
  const rest = c.line.slice(nonspace(c).offset);
  const bullet = /^[*+-]/.exec(rest);
  const ordered = bullet === null ? /^(\d{1,9})([.)])/.exec(rest) : null;
  const match = bullet ?? ordered;
  if (match === null) return undefined;
  if (ordered !== null && interruptsParagraph && ordered[1] !== '1') return undefined;
  const after = rest.slice(match[0].length);
  if (after !== '' && !isSpaceOrTab(after[0])) return undefined;
  if (interruptsParagraph && isBlank(after)) return undefined;
  skipSpaces(c);
  advance(c, match[0].length, true);
  const startColumn = c.column;
  const startOffset = c.offset;
  do advance(c, 1, true);
  while (c.column - startColumn < 5 && isSpaceOrTab(c.line[c.offset]));
  const spaces = c.column - startColumn;
  let padding = match[0].length + spaces;
  // 1 to 4 spaces after the marker belong to it; 5 or more (or none before the line's end) mean one
  if (spaces >= 5 || spaces < 1 || c.offset >= c.line.length) {
    padding = match[0].length + 1;
    c.column = startColumn;
    c.offset = startOffset;
    c.partialTab = false;
    if (isSpaceOrTab(c.line[c.offset])) advance(c, 1, true);
  }
  return {
    ordered: ordered !== null,
    marker: ordered !== null ? (ordered[2] as string) : match[0],
    start: ordered !== null ? Number(ordered[1]) : 1,
    indent: indent + padding,
  };
}

const canContain = (parent: BlockKind, child: BlockKind): boolean =>
  parent === 'list' ? child === 'item' : (parent === 'document' || parent === 'quote' || parent === 'item') && child !== 'item';

export class BlockParser {
  readonly document = block('document', undefined);
  private tip: Block = this.document;
  private lineNumber = 0;

  /** Adds `kind` under `parent`, closing open blocks that cannot contain it. */
  private add(parent: Block, kind: BlockKind): Block {
    let holder = parent;
    while (!canContain(holder.kind, kind)) {
      this.close(holder);
      holder = holder.parent as Block;
    }
    const child = block(kind, holder);
    holder.children.push(child);
    this.tip = child;
    return child;
  }

  private close(b: Block): void {
    if (!b.open) return;
    b.open = false;
    if (b.kind === 'code') {
      while (b.lines.length > 0 && isBlank(b.lines[b.lines.length - 1] as string)) b.lines.pop();
    }
    if (b.kind === 'list') b.tight = !b.children.some((item, i) => (endsWithBlankLine(item) && i < b.children.length - 1) || item.children.some((sub, j) => endsWithBlankLine(sub) && (i < b.children.length - 1 || j < item.children.length - 1)));
    this.tip = b.parent ?? this.document;
  }

  addLine(text: string): void {
    this.lineNumber++;
    const c: Cursor = { line: text, offset: 0, column: 0, partialTab: false, number: this.lineNumber };
    let container = this.document;
    let allMatched = true;
    for (let child = lastOpenChild(container); child !== undefined; child = lastOpenChild(container)) {
      const result = continues(child, c);
      if (result === 'done') {
        this.close(child);
        return;
      }
      if (result === 'no') {
        allMatched = false;
        break;
      }
      container = child;
    }
    this.unmatchedBelow = container;
    let started: Block | undefined;
    let blank = isBlank(c.line.slice(c.offset));
    while (container.kind !== 'fence' && container.kind !== 'code' && container.kind !== 'heading' && container.kind !== 'rule') {
      blank = isBlank(c.line.slice(c.offset));
      const next = this.start(container, c);
      if (next === undefined) break;
      started = container = next;
      if (next.kind !== 'quote' && next.kind !== 'item') break;
    }
    if (started === undefined && !allMatched && !blank && this.tip.kind === 'paragraph') {
      this.tip.lines.push(c.line.slice(nonspace(c).offset)); // a lazy continuation line
      return;
    }
    this.closeUnmatched();
    const last = container.children[container.children.length - 1];
    if (blank && last !== undefined) last.lastLineBlank = true;
    const lastLineBlank = blank && !(container.kind === 'quote' || container.kind === 'fence' || (container.kind === 'item' && container.children.length === 0 && container.startLine === c.number));
    for (let b: Block | undefined = container; b !== undefined; b = b.parent) b.lastLineBlank = lastLineBlank;
    switch (container.kind) {
      case 'fence':
        if (container !== started) container.lines.push(leafText(c));
        break;
      case 'code':
        container.lines.push(leafText(c));
        break;
      case 'paragraph':
        container.lines.push(c.line.slice(nonspace(c).offset));
        break;
      case 'heading':
      case 'rule':
        break;
      default:
        if (!blank) this.add(container, 'paragraph').lines.push(c.line.slice(nonspace(c).offset));
    }
  }

  /** The deepest block this line continued; the open blocks below it close once the line starts a block or turns out not lazy. */
  private unmatchedBelow: Block | undefined;

  private closeUnmatched(): void {
    if (this.unmatchedBelow === undefined) return;
    while (this.tip !== this.unmatchedBelow && this.tip.parent !== undefined) this.close(this.tip);
    this.unmatchedBelow = undefined;
  }

  /** A block that starts here inside `container` (closing what the line did not continue first), or undefined. */
  private start(container: Block, c: Cursor): Block | undefined {
    const indent = indentOf(c);
    const rest = c.line.slice(nonspace(c).offset);
    const inParagraph = container.kind === 'paragraph';
    const begin = (kind: BlockKind): Block => {
      this.closeUnmatched();
      return this.add(container, kind);
    };
    const toEnd = (): void => advance(c, c.line.length - c.offset, false);
    if (indent >= 4) {
      if (this.tip.kind === 'paragraph' || isBlank(rest)) return undefined;
      advance(c, 4, true);
      return begin('code');
    }
    if (rest.startsWith('>')) {
      quoteMarker(c);
      return begin('quote');
    }
    if (ATX_HEADING.test(rest)) {
      const level = /^#+/.exec(rest)?.[0].length ?? 1;
      const heading = begin('heading');
      heading.level = level;
      heading.text = rest.slice(level).replace(/^[ \t]*#+[ \t]*$/, '').replace(/[ \t]+#+[ \t]*$/, '').trim();
      toEnd();
      return heading;
    }
    const fence = OPENING_FENCE.exec(rest);
    if (fence !== null) {
      const code = begin('fence');
      code.fence = fence[0];
      code.indent = indent;
      code.info = rest.slice(fence[0].length).trim();
      toEnd();
      return code;
    }
    if (inParagraph && SETEXT_UNDERLINE.test(rest)) {
      this.closeUnmatched();
      container.kind = 'heading';
      container.level = rest.startsWith('=') ? 1 : 2;
      container.text = container.lines.join('\n').trim();
      this.close(container);
      toEnd();
      return container;
    }
    if (THEMATIC_BREAK.test(rest)) {
      toEnd();
      return begin('rule');
    }
    const marker = listMarker(c, inParagraph);
    if (marker !== undefined) {
      this.closeUnmatched();
      const list = container.kind === 'list' && container.open && container.ordered === marker.ordered && container.marker === marker.marker ? container : undefined;
      const holder = list ?? Object.assign(this.add(container, 'list'), { ordered: marker.ordered, marker: marker.marker, start: marker.start });
      const item = this.add(holder, 'item');
      item.indent = marker.indent;
      item.startLine = c.number;
      return item;
    }
    return undefined;
  }

  finish(): Block {
    while (this.tip !== this.document) this.close(this.tip);
    this.close(this.document);
    return this.document;
  }
}

function endsWithBlankLine(b: Block | undefined): boolean {
  for (let cur = b; cur !== undefined; cur = cur.kind === 'list' || cur.kind === 'item' ? cur.children[cur.children.length - 1] : undefined) {
    if (cur.lastLineBlank) return true;
  }
  return false;
}
