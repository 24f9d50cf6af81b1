/**
 * Progress records in the shape of BuildKit's `--progress=plain` output: numbered vertices
 * (`#7 [builder 3/5] RUN go build -o /app/myapp`, `#7 CACHED`, `#7 DONE 0.0s`). There is no clock
 * in the engine, so every duration reads 0.0s and log lines carry 0.000.
 */
import type { ProgressEvent } from './result.ts';

export class ProgressLog {
  readonly events: ProgressEvent[] = [];
  private next = 1;
  private readonly origin = new Map<number, { stage: number | null; line: number | null }>();

  /** Opens a vertex and returns its number. */
  start(text: string, stage: number | null = null, line: number | null = null): number {
    const vertex = this.next++;
    this.origin.set(vertex, { stage, line });
    this.events.push({ vertex, kind: 'start', text, stage, line });
    return vertex;
  }

  log(vertex: number, text: string): void {
    const at = this.at(vertex);
    for (const l of text.replace(/\n$/, '').split('\n')) {
      this.events.push({ ...at, vertex, kind: 'log', text: `0.000 ${l}` });
    }
  }

  /** A sub-line of an internal vertex (`transferring context: 2B done`). */
  detail(vertex: number, text: string): void {
    this.events.push({ ...this.at(vertex), vertex, kind: 'log', text });
  }

  cached(vertex: number): void {
    this.events.push({ ...this.at(vertex), vertex, kind: 'cached', text: 'CACHED' });
  }

  done(vertex: number): void {
    this.events.push({ ...this.at(vertex), vertex, kind: 'done', text: 'DONE 0.0s' });
  }

  error(vertex: number, message: string): void {
    this.events.push({ ...this.at(vertex), vertex, kind: 'error', text: `ERROR: ${message}` });
  }

  /** A whole internal vertex: start, details, done. */
  internal(text: string, details: readonly string[] = []): void {
    const v = this.start(text);
    for (const d of details) this.detail(v, d);
    this.done(v);
  }

  private at(vertex: number): { stage: number | null; line: number | null } {
    return this.origin.get(vertex) ?? { stage: null, line: null };
  }
}

/** `[builder 3/5] ` — the stage name is shown when the Dockerfile has more than one stage. */
export function stepPrefix(stageName: string | null, index: number, total: number): string {
  const width = 1 + Math.floor(Math.log10(Math.max(total, 1)));
  const n = String(index).padStart(width, ' ');
  return `[${stageName === null ? '' : `${stageName} `}${n}/${total}] `;
}

/** Docker's human sizes (go-units HumanSize: 3 significant digits, decimal units). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

/** Plain progress text, as `docker build --progress=plain` prints it. */
export function formatProgress(events: readonly ProgressEvent[]): string {
  const out: string[] = [];
  let last = 0;
  for (const e of events) {
    if (e.kind === 'start' && last !== 0) out.push('');
    out.push(`#${e.vertex} ${e.text}`);
    last = e.vertex;
  }
  return out.join('\n') + '\n';
}
