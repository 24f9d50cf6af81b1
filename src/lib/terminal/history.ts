/** Lines entered in one shell of a terminal session, oldest first, as bash keeps them (no blank lines, no immediate repeats). */
export class LineHistory {
  readonly entries: string[] = [];
  private readonly max: number;

  constructor(max = 500) {
    this.max = max;
  }

  add(line: string): void {
    if (line.trim() === '' || this.entries[this.entries.length - 1] === line) return;
    this.entries.push(line);
    if (this.entries.length > this.max) this.entries.shift();
  }
}
