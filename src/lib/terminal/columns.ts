/** Words in columns, filled top to bottom like `ls` and bash's completion list; lines end in `\n`. */
export function columns(words: readonly string[], cols: number, paint: (word: string) => string = (w) => w): string {
  if (words.length === 0) return '';
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c * rows + r < words.length; c++) cells.push(words[c * rows + r] as string);
    out += `${cells.map((w, i) => paint(w) + (i === cells.length - 1 ? '' : ' '.repeat(width - w.length))).join('')}\n`;
  }
  return out;
}

/**
 * GNU ls's layout: as many columns as fit in `cols`, each as wide as its longest name plus two
 * spaces (the last column unpadded), filled top to bottom.
 */
export function lsColumns(words: readonly string[], cols: number, paint: (word: string) => string = (w) => w): string {
  if (words.length === 0) return '';
  for (let n = words.length; n >= 1; n--) {
    const rows = Math.ceil(words.length / n);
    // n columns may need fewer than n to hold the words at this row count; that layout is tried later.
    if (Math.ceil(words.length / rows) !== n) continue;
    const widths = Array.from({ length: n }, (_, c) => Math.max(...words.slice(c * rows, (c + 1) * rows).map((w) => w.length)) + 2);
    const total = widths.reduce((a, b) => a + b, 0) - 2;
    if (total > cols && n > 1) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < n && c * rows + r < words.length; c++) cells.push(words[c * rows + r] as string);
      out += `${cells.map((w, c) => paint(w) + (c === cells.length - 1 ? '' : ' '.repeat((widths[c] as number) - w.length))).join('')}\n`;
    }
    return out;
  }
  return '';
}
