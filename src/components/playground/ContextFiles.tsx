/** @jsxImportSource preact */
/**
 * The build context: a tree of files and folders, and a form to add, rename, delete and edit them
 * (`.dockerignore` is a file like the others). What the last build's ignore file left out is marked.
 */
import { useMemo, useState } from 'preact/hooks';
import type { BuildResult } from '../../lib/build/view-api.ts';
import { isContextPath } from '../../lib/share/index.ts';
import { contextTree, deletePath, findNode, pathExists, renamePath, type TreeNode } from './context-tree.ts';

interface Props {
  files: Readonly<Record<string, string>>;
  onChange(files: Record<string, string>): void;
  idPrefix: string;
  /** The last build's view of the context (its ignore file and what that left out); null before one. */
  sent?: BuildResult['context'] | null;
}

interface TreeProps {
  nodes: TreeNode[];
  selected: string | null;
  onSelect(path: string): void;
  /** The id of the text that says why an entry is marked ignored. */
  ignoredNote: string;
}

function Tree({ nodes, selected, onSelect, ignoredNote }: TreeProps) {
  return (
    <ul>
      {nodes.map((node) => (
        <li key={node.path} class={node.ignored ? 'pg-tree-ignored' : undefined}>
          <button
            type="button"
            class={`pg-tree-item pg-tree-${node.kind}`}
            aria-pressed={selected === node.path}
            aria-describedby={node.ignored ? ignoredNote : undefined}
            onClick={() => onSelect(node.path)}
          >
            <span aria-hidden="true">{node.kind === 'folder' ? '▸ ' : ''}</span>
            {node.name}
            {node.kind === 'folder' ? <span class="visually-hidden"> (folder)</span> : null}
          </button>
          {/* The button's description says it in words; this is the same fact for the eye. */}
          {node.ignored ? <span class="pg-tree-mark" aria-hidden="true">ignored</span> : null}
          {node.kind === 'folder' && node.children.length > 0 ? <Tree nodes={node.children} selected={selected} onSelect={onSelect} ignoredNote={ignoredNote} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function ContextFiles({ files, onChange, idPrefix, sent = null }: Props) {
  const [selected, setSelected] = useState<string | null>(null);
  const [newPath, setNewPath] = useState('');
  const [renameTo, setRenameTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ignored = useMemo(() => new Set(sent?.ignored ?? []), [sent]);
  const tree = contextTree(files, ignored);
  const current = selected !== null && pathExists(files, selected) ? selected : null;
  const ignoreFile = sent?.ignoreFile ?? '.dockerignore';
  const currentIgnored = current !== null && findNode(tree, current)?.ignored === true;

  const select = (path: string) => {
    setSelected(path);
    setRenameTo(path);
    setProblem(null);
  };

  const add = (asFolder: boolean) => {
    const path = newPath.trim().replace(/^\.\//, '').replace(/\/+$/, '') + (asFolder ? '/' : '');
    if (!isContextPath(path)) return setProblem(`"${newPath}" is not a path inside the build context (use a relative path like src/app.js).`);
    if (pathExists(files, path.replace(/\/$/, ''))) return setProblem(`${path} already exists.`);
    onChange({ ...files, [path]: '' });
    setNewPath('');
    select(path);
  };

  const rename = () => {
    if (current === null) return;
    const to = renameTo.trim().replace(/\/+$/, '') + (current.endsWith('/') ? '/' : '');
    if (to === current) return;
    if (!isContextPath(to)) return setProblem(`"${renameTo}" is not a path inside the build context.`);
    if (pathExists(files, to.replace(/\/$/, ''))) return setProblem(`${to} already exists.`);
    onChange(renamePath(files, current, to));
    select(to);
  };

  const remove = () => {
    if (current === null) return;
    onChange(deletePath(files, current));
    setSelected(null);
    setProblem(null);
  };

  return (
    <div class="pg-context">
      {tree.length === 0 ? <p class="pg-muted">The build context is empty.</p> : <Tree nodes={tree} selected={current} onSelect={select} ignoredNote={`${idPrefix}-ignored-note`} />}
      {/* One text node: a description computed from hidden content may put spaces between nodes. */}
      <p id={`${idPrefix}-ignored-note`} hidden>{`Ignored by ${ignoreFile}: not sent to the builder, so COPY and ADD cannot see it.`}</p>
      <div class="pg-row">
        <label for={`${idPrefix}-new-path`}>New path</label>
        <input id={`${idPrefix}-new-path`} value={newPath} placeholder="src/app.js" onInput={(e) => setNewPath(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && add(false)} />
        <button type="button" onClick={() => add(false)}>Add file</button>
        <button type="button" onClick={() => add(true)}>Add folder</button>
      </div>
      {current === null ? null : (
        <div class="pg-file-edit">
          <div class="pg-row">
            <label for={`${idPrefix}-rename`}>Rename {current.endsWith('/') ? 'folder' : 'file'}</label>
            <input id={`${idPrefix}-rename`} value={renameTo} onInput={(e) => setRenameTo(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && rename()} />
            <button type="button" onClick={rename}>Rename</button>
            <button type="button" class="pg-danger" onClick={remove}>Delete {current}</button>
          </div>
          {currentIgnored ? (
            <p class="pg-muted">{`${ignoreFile} leaves ${current} out of the build context.`}</p>
          ) : null}
          {current.endsWith('/') ? null : (
            <>
              <label for={`${idPrefix}-content`}>Contents of {current}</label>
              <textarea
                id={`${idPrefix}-content`}
                class="pg-file-text"
                rows={8}
                spellcheck={false}
                value={files[current] ?? ''}
                onInput={(e) => onChange({ ...files, [current]: e.currentTarget.value })}
              />
            </>
          )}
        </div>
      )}
      {problem === null ? null : <p class="pg-problem" role="alert">{problem}</p>}
    </div>
  );
}
