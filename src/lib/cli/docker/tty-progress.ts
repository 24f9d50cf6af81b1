/**
 * BuildKit's progress display as a terminal shows it once the build ends (`--progress=tty`, the
 * default in a terminal): a `[+] Building` header, one line per vertex with its time, sub-lines of
 * internal vertices (` => => transferring context: 2B`), finished lines in blue and the failed one
 * in red. The engine has no clock, so every time reads 0.0s.
 */
import type { ProgressEvent } from '../../build/index.ts';

const BLUE = '\x1b[34m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

interface Vertex {
  name: string;
  state: 'running' | 'done' | 'cached' | 'error';
  details: string[];
}

function vertices(events: readonly ProgressEvent[]): Vertex[] {
  const byNumber = new Map<number, Vertex>();
  for (const e of events) {
    if (e.kind === 'start') {
      byNumber.set(e.vertex, { name: e.text, state: 'running', details: [] });
      continue;
    }
    const v = byNumber.get(e.vertex);
    if (v === undefined) continue;
    if (e.kind === 'done') v.state = 'done';
    else if (e.kind === 'cached') v.state = 'cached';
    else if (e.kind === 'error') v.state = 'error';
    // Output of RUN (`0.000 text`) is not part of the final display; sub-steps are.
    else if (!/^\d+\.\d{3} /.test(e.text)) v.details.push(e.text.replace(/ done$/, ''));
  }
  return [...byNumber.values()];
}

/** `text` on the left and `right` flush with the last column, shortened with `...` when too long. */
function line(text: string, right: string, width: number): string {
  const room = width - right.length - 1;
  const left = text.length > room ? `${text.slice(0, Math.max(0, room - 3))}...` : text;
  return `${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}`;
}

export function formatTtyProgress(events: readonly ProgressEvent[], ok: boolean, width: number, color: boolean): string {
  const paint = (code: string, text: string): string => (color && code !== '' ? `${code}${text}${RESET}` : text);
  const all = vertices(events);
  const finished = all.filter((v) => v.state !== 'running').length;
  const header = line(`[+] Building 0.0s (${finished}/${all.length})${ok ? ' FINISHED' : ''}`, 'docker:default', width);
  const out = [paint(ok ? BLUE : '', header)];
  for (const v of all) {
    const label = v.state === 'cached' ? `CACHED ${v.name}` : v.state === 'error' ? `ERROR ${v.name}` : v.name;
    const code = v.state === 'error' ? RED : v.state === 'running' ? '' : BLUE;
    out.push(paint(code, line(` => ${label}`, '0.0s', width)));
    for (const d of v.details) out.push(paint(code, line(` => => ${d}`, '0.0s', width)));
  }
  return `${out.join('\n')}\n`;
}
