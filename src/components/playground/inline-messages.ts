/**
 * Diagnostics written at the end of their line in the editor (the underline and gutter dot come from
 * @codemirror/lint; the message and hint are in its tooltip and in the hints view). Only the first
 * message of a line is shown, so a line never carries more than one.
 */
import { StateEffect, StateField, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import type { BuildDiagnostic } from '../../lib/build/index.ts';

class MessageWidget extends WidgetType {
  readonly text: string;
  readonly severity: string;
  constructor(text: string, severity: string) {
    super();
    this.text = text;
    this.severity = severity;
  }
  override eq(other: MessageWidget) {
    return other.text === this.text && other.severity === this.severity;
  }
  toDOM() {
    const span = document.createElement('span');
    span.className = `pg-inline-message pg-inline-${this.severity}`;
    span.textContent = this.text;
    return span;
  }
}

export const setInlineMessages = StateEffect.define<DecorationSet>();

export function inlineMessages(doc: Text, diagnostics: readonly BuildDiagnostic[]): DecorationSet {
  const byLine = new Map<number, BuildDiagnostic>();
  for (const d of diagnostics) if (d.line !== null && d.line <= doc.lines && !byLine.has(d.line)) byLine.set(d.line, d);
  const ranges = [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, d]) => Decoration.widget({ widget: new MessageWidget(d.message, d.severity), side: 1 }).range(doc.line(line).to));
  return Decoration.set(ranges);
}

export const inlineMessageField: Extension = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setInlineMessages)) return effect.value;
    return value.map(tr.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});
