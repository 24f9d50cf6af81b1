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
