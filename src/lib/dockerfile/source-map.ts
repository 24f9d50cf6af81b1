/**
 * Maps offsets in a logical line (continuation lines joined) back to source lines and columns, so
 * every word the parser finds can carry the range where the user wrote it.
 */
import type { SourceRange } from '../diagnostics.ts';

export class LogicalLine {
  text = '';
  private readonly starts: number[] = [];
  private readonly lines: number[] = [];
  private readonly columns: number[] = [];

  /** Append `piece`, which starts at (line, column) in the source (1-based). */
  append(piece: string, line: number, column: number): void {
    if (piece === '') return;
    this.starts.push(this.text.length);
    this.lines.push(line);
    this.columns.push(column);
    this.text += piece;
  }

  private segment(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Position of the character at `offset` (an offset at the end maps just past the last character). */
  position(offset: number): { line: number; column: number } {
    if (this.starts.length === 0) return { line: 1, column: 1 };
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    if (clamped === this.text.length && clamped > 0) {
      const p = this.position(clamped - 1);
      return { line: p.line, column: p.column + 1 };
    }
    const s = this.segment(clamped);
    return { line: this.lines[s] as number, column: (this.columns[s] as number) + clamped - (this.starts[s] as number) };
  }

  /** Range of text[start, end). An empty span is a zero-width range at `start`. */
  range(start: number, end: number): SourceRange {
    const a = this.position(start);
    if (end <= start) return { line: a.line, column: a.column, endLine: a.line, endColumn: a.column };
    const b = this.position(end - 1);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column + 1 };
  }
}

/** Smallest range covering both. */
export function cover(a: SourceRange, b: SourceRange): SourceRange {
  const startFirst = a.line < b.line || (a.line === b.line && a.column <= b.column);
  const endLast = a.endLine > b.endLine || (a.endLine === b.endLine && a.endColumn >= b.endColumn);
  return {
    line: startFirst ? a.line : b.line,
    column: startFirst ? a.column : b.column,
    endLine: endLast ? a.endLine : b.endLine,
    endColumn: endLast ? a.endColumn : b.endColumn,
  };
}
