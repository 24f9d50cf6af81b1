/** Engine diagnostics (1-based lines and columns) as CodeMirror lint diagnostics (document offsets). */
import type { Text } from '@codemirror/state';
import type { Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { BuildDiagnostic } from '../../lib/build/view-api.ts';

function offset(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max(column - 1, 0), l.to);
}

function renderMessage(d: BuildDiagnostic): () => Node {
  return () => {
    const box = document.createElement('div');
    const message = box.appendChild(document.createElement('p'));
    message.className = 'pg-lint-message';
    message.textContent = d.message;
    if (d.hint !== undefined) {
      const hint = box.appendChild(document.createElement('p'));
      hint.className = 'pg-lint-hint';
      hint.textContent = d.hint;
    }
    return box;
  };
}

/** Diagnostics without a line are left out (the hints view lists them). */
export function toEditorDiagnostics(doc: Text, diagnostics: readonly BuildDiagnostic[]): EditorDiagnostic[] {
  const out: EditorDiagnostic[] = [];
  for (const d of diagnostics) {
    const range = d.range ?? (d.line === null ? null : { line: d.line, column: 1, endLine: d.line, endColumn: Number.MAX_SAFE_INTEGER });
    if (range === null || range.line > doc.lines) continue;
    const from = offset(doc, range.line, range.column);
    const to = Math.max(from, offset(doc, range.endLine, range.endColumn));
    out.push({
      from,
      to,
      severity: d.severity,
      source: d.code,
      message: d.hint === undefined ? d.message : `${d.message}\n${d.hint}`,
      renderMessage: renderMessage(d),
    });
  }
  return out;
}
