/**
 * A failed RUN's diagnostic says "its output above says why"; the playground shows that output next
 * to the diagnostic (in the editor tooltip and the hints list), since there is no terminal above it.
 */
import type { BuildDiagnostic, BuildResult } from '../../lib/build/index.ts';

const lastLines = (text: string, n: number) => text.trimEnd().split('\n').slice(-n).join('\n');

/** The output of the failed step on `line`, or null. */
export function failedOutput(result: BuildResult, line: number | null): string | null {
  for (const stage of result.stages) {
    const step = stage.steps.find((s) => s.status === 'failed' && s.line === line);
    if (step !== undefined) {
      const output = lastLines(step.stdout + step.stderr, 8);
      return output === '' ? null : output;
    }
  }
  return null;
}

/** The diagnostics with a failed step's output put in front of the hint. */
export function withFailureOutput(result: BuildResult): BuildDiagnostic[] {
  return result.diagnostics.map((d) => {
    const output = d.phase === 'build' ? failedOutput(result, d.line) : null;
    return output === null ? d : { ...d, hint: d.hint === undefined ? `Output:\n${output}` : `Output:\n${output}\n${d.hint}` };
  });
}
