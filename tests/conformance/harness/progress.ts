/** Reads BuildKit's `--progress=plain` output: its step vertices, which were CACHED, which failed. */

export interface ProgressVertex {
  id: number;
  /** `builder`, `stage-2`, or null when the Dockerfile has a single stage. */
  label: string | null;
  step: number;
  total: number;
  /** The instruction as printed after the bracket. */
  text: string;
  cached: boolean;
  error: string | null;
}

const STEP = /^#(\d+) \[(?:(\S+) )?(\d+)\/(\d+)\] (.*)$/;
const STATUS = /^#(\d+) (CACHED|ERROR: .*)$/;

export function parseProgress(output: string): ProgressVertex[] {
  const byId = new Map<number, ProgressVertex>();
  const order: ProgressVertex[] = [];
  for (const line of output.split('\n')) {
    const step = STEP.exec(line);
    if (step) {
      const id = Number(step[1]);
      if (!byId.has(id)) {
        const vertex: ProgressVertex = {
          id,
          label: step[2] ?? null,
          step: Number(step[3]),
          total: Number(step[4]),
          text: step[5] ?? '',
          cached: false,
          error: null,
        };
        byId.set(id, vertex);
        order.push(vertex);
      }
      continue;
    }
    const status = STATUS.exec(line);
    const vertex = status ? byId.get(Number(status[1])) : undefined;
    if (!status || !vertex) continue;
    if (status[2] === 'CACHED') vertex.cached = true;
    else vertex.error = (status[2] ?? '').slice('ERROR: '.length);
  }
  return order;
}

/** The error the CLI printed last (after the progress), without a leading `ERROR: `. */
export function finalError(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return (lines.at(-1) ?? '').replace(/^ERROR: /, '');
}
