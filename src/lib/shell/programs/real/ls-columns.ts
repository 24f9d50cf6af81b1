/**
 * How `ls` lays names out in columns (-C, -x, and by default on a terminal), as GNU coreutils and
 * BusyBox compute it. They differ: GNU sizes each column to its own widest name and fits as many
 * columns as it can (padding with tabs every 8 cells); BusyBox gives every column the width of the
 * widest name plus two and pads with spaces.
 */

/** One name as printed (`text` may carry colour escapes) and how many cells it takes on screen. */
export interface Cell {
  text: string;
  width: number;
}

/** GNU's narrowest column: one cell of name and two of gap. */
const MIN_COLUMN_WIDTH = 3;

/**
 * GNU ls (coreutils 9.1 to 9.11, Debian's and Ubuntu's): the most columns whose line stays shorter
 * than `lineLength` (ls.c calculate_columns), filled down each column, or across with `across` (-x).
 */
export function gnuColumns(cells: readonly Cell[], lineLength: number, across: boolean, tabsize = 8): string {
  const n = cells.length;
  if (n === 0) return '';
  const maxIdx = Math.floor(lineLength / MIN_COLUMN_WIDTH) + (lineLength % MIN_COLUMN_WIDTH !== 0 ? 1 : 0);
  const maxCols = maxIdx > 0 && maxIdx < n ? maxIdx : n;
  // Candidate layout i has i + 1 columns; each starts at the narrowest width and grows with its names.
  const layouts = Array.from({ length: maxCols }, (_, i) => ({ valid: true, lineLen: (i + 1) * MIN_COLUMN_WIDTH, widths: Array<number>(i + 1).fill(MIN_COLUMN_WIDTH) }));
  cells.forEach((cell, file) => {
    layouts.forEach((layout, i) => {
      if (!layout.valid) return;
      const col = across ? file % (i + 1) : Math.floor(file / Math.floor((n + i) / (i + 1)));
      const needed = cell.width + (col === i ? 0 : 2);
      const width = layout.widths[col] as number;
      if (width >= needed) return;
      layout.lineLen += needed - width;
      layout.widths[col] = needed;
      layout.valid = layout.lineLen < lineLength;
    });
  });
  let cols = maxCols;
  while (cols > 1 && !(layouts[cols - 1] as { valid: boolean }).valid) cols--;
  const widths = (layouts[cols - 1] as { widths: number[] }).widths;
  const rows = Math.ceil(n / cols);
  const at = (row: number, col: number): number => (across ? row * cols + col : col * rows + row);
  let out = '';
  for (let row = 0; row < rows; row++) {
    let pos = 0;
    for (let col = 0; col < cols; col++) {
      const cell = cells[at(row, col)] as Cell;
      out += cell.text;
      const next = at(row, col + 1);
      if (col + 1 === cols || next >= n) break;
      out += indent(pos + cell.width, pos + (widths[col] as number), tabsize);
      pos += widths[col] as number;
    }
    out += '\n';
  }
  return out;
}

/** GNU's padding from cell `from` to cell `to`: a tab wherever it reaches a tab stop, else spaces. */
function indent(from: number, to: number, tabsize: number): string {
  let out = '';
  while (from < to) {
    if (tabsize !== 0 && Math.floor(to / tabsize) > Math.floor((from + 1) / tabsize)) {
      out += '\t';
      from += tabsize - (from % tabsize);
    } else {
      out += ' ';
      from++;
    }
  }
  return out;
}

/** A BusyBox cell also knows its bare name's width: the column width counts that, not a -F mark. */
export interface BusyboxCell extends Cell {
  nameWidth: number;
}

/**
 * BusyBox ls (display_files): every column is the widest name plus two; as many as `width` holds
 * (BusyBox passes the terminal width less one), filled down, or across with `across`.
 */
export function busyboxColumns(cells: readonly BusyboxCell[], width: number, across: boolean): string {
  const n = cells.length;
  const columnWidth = Math.max(0, ...cells.map((c) => c.nameWidth)) + 2;
  let cols = Math.floor(width / columnWidth);
  let rows = n;
  if (cols > 1) rows = Math.ceil(n / cols);
  else cols = 1;
  let out = '';
  for (let row = 0; row < rows; row++) {
    let column = 0;
    let nextTab = 0;
    for (let col = 0; col < cols; col++) {
      const cell = cells[across ? row * cols + col : col * rows + row];
      if (cell === undefined) continue;
      if (column > 0) {
        out += ' '.repeat(nextTab - column);
        column = nextTab;
      }
      nextTab = column + columnWidth;
      out += cell.text;
      column += cell.width;
    }
    out += '\n';
  }
  return out;
}
