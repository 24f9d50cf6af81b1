/**
 * The exercise's Dockerfile editor: the playground's CodeMirror editor (../playground/Editor.tsx),
 * mounted over the workbench's <textarea>. The textarea stays the one source of truth (saving,
 * checking and reset read it) and the no-JS fallback; the workbench loads this module with import()
 * so CodeMirror is not part of the page's initial JavaScript.
 */
import { h, render } from 'preact';
import type { BuildDiagnostic } from '../../lib/build/view-api.ts';
import Editor from '../playground/Editor.tsx';
// The editor's own rules (.pg-editor, its lint tooltips and inline messages) live there.
import '../playground/playground.css';

export interface DockerfileEditor {
  /** Replaces the text, as "Start over" does. */
  setText(text: string): void;
  showDiagnostics(diagnostics: readonly BuildDiagnostic[]): void;
  focus(): void;
}

/**
 * Puts the editor in place of `textarea` (hidden from then on) and keeps the textarea's value in
 * step with every edit; `onEdit` runs after each one. The label named `labelId` labels the editor.
 */
export function mountDockerfileEditor(textarea: HTMLTextAreaElement, labelId: string, onEdit: () => void): DockerfileEditor {
  const host = document.createElement('div');
  host.className = 'exercise-editor';
  textarea.after(host);
  const content = () => host.querySelector<HTMLElement>('.cm-content');
  // CodeMirror builds its DOM in an effect after the first render: focus once it exists.
  const focus = () => {
    const now = content();
    if (now !== null) {
      now.focus();
      return;
    }
    const observer = new MutationObserver(() => {
      if (content() === null) return;
      observer.disconnect();
      content()?.focus();
    });
    observer.observe(host, { childList: true, subtree: true });
  };

  let revision = 0;
  let diagnostics: readonly BuildDiagnostic[] = [];
  const onChange = (text: string) => {
    textarea.value = text;
    onEdit();
  };
  const draw = () => render(h(Editor, { value: textarea.value, revision, onChange, diagnostics, labelledBy: labelId }), host);

  const hadFocus = document.activeElement === textarea;
  draw();
  textarea.hidden = true;
  // The label now names the editor (aria-labelledby), not the hidden textarea.
  document.getElementById(labelId)?.removeAttribute('for');
  if (hadFocus) focus();

  return {
    setText(text) {
      textarea.value = text;
      revision++;
      draw();
    },
    showDiagnostics(next) {
      diagnostics = next;
      draw();
    },
    focus,
  };
}
