/** @jsxImportSource preact */
/**
 * The Dockerfile editor: CodeMirror 6 with Dockerfile highlighting and the build's diagnostics shown
 * inline (underline, hover/keyboard tooltip) and in the gutter. Tab moves focus out (no tab trap);
 * indentation is not needed in Dockerfiles.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import type { BuildDiagnostic } from '../../lib/build/view-api.ts';
import { toEditorDiagnostics } from './editor-diagnostics.ts';
import { inlineMessageField, inlineMessages, setInlineMessages } from './inline-messages.ts';

interface Props {
  value: string;
  /** Bumped whenever `value` is set from outside the editor. */
  revision: number;
  onChange(text: string): void;
  diagnostics: readonly BuildDiagnostic[];
  labelledBy: string;
}

// Colours from the site's palette (light-dark() in the values), so both themes stay readable.
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'light-dark(#8a2a9a, #e0a3ff)', fontWeight: '600' },
  { tag: tags.comment, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: tags.string, color: 'light-dark(#176237, #7fd6a0)' },
  { tag: [tags.variableName, tags.special(tags.string)], color: 'light-dark(#9a4b00, #ffc27a)' },
  { tag: [tags.number, tags.bool, tags.atom], color: 'light-dark(#1a5bb0, #86b7ff)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--surface)', fontSize: '0.9rem' },
  '.cm-content': { fontFamily: 'var(--font-mono)', caretColor: 'var(--text)', minHeight: '12rem' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: 'var(--surface-sunken)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 55%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)', color: 'var(--text)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'light-dark(#c8dbf5, #2c4a78) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-diagnostic': { maxWidth: '36rem' },
});

export default function Editor({ value, revision, onChange, diagnostics, labelledBy }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const [mounted, setMounted] = useState(false);

  useEffect(() => {
    if (host.current === null) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          StreamLanguage.define(dockerFile),
          syntaxHighlighting(highlight),
          lintGutter(),
          inlineMessageField,
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          theme,
          EditorView.lineWrapping,
          // tabindex="0" adds no tab stop (contenteditable is one already) but states it, so checkers that
          // look for focusable content in the scrolling .cm-scroller (axe's scrollable-region-focusable,
          // which does not count contenteditable) see the way in; a long file no longer fails them.
          EditorView.contentAttributes.of({ 'aria-labelledby': labelledBy, 'aria-multiline': 'true', spellcheck: 'false', tabindex: '0' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    setMounted(true);
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // A new text from outside (an example, a restored link) replaces the document. Keyed on `revision`,
  // not on `value`: effects run after paint, so a `value` echoing earlier typing can arrive after
  // newer keystrokes, and applying it would undo them (and loop).
  useEffect(() => {
    const editor = view.current;
    if (editor === null || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [revision]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    editor.dispatch(setDiagnostics(editor.state, toEditorDiagnostics(editor.state.doc, diagnostics)));
    editor.dispatch({ effects: setInlineMessages.of(inlineMessages(editor.state.doc, diagnostics)) });
  }, [diagnostics]);

  return (
    <div class="pg-editor">
      {/* Before hydration (and without JS) the text is still readable. */}
      {mounted ? null : <pre class="pg-editor-fallback">{value}</pre>}
      <div ref={host} />
    </div>
  );
}
