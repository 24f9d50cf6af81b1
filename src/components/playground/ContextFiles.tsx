/** @jsxImportSource preact */
/**
 * The build context: a tree of files and folders, and a form to add, rename, delete and edit them
 * (`.dockerignore` is a file like the others).
 */
import { useState } from 'preact/hooks';
import { isContextPath } from '../../lib/share/index.ts';
import { contextTree, deletePath, pathExists, renamePath, type TreeNode } from './context-tree.ts';

interface Props {
  files: Readonly<Record<string, string>>;
  onChange(files: Record<string, string>): void;
  idPrefix: string;
}

function Tree({ nodes, selected, onSelect }: { nodes: TreeNode[]; selected: string | null; onSelect(path: string): void }) {
  return (
    <ul>
      {nodes.map((node) => (
        <li key={node.path}>
          <button type="button" class={`pg-tree-item pg-tree-${node.kind}`} aria-pressed={selected === node.path} onClick={() => onSelect(node.path)}>
            <span aria-hidden="true">{node.kind === 'folder' ? '▸ ' : ''}</span>
            {node.name}
            {node.kind === 'folder' ? <span class="visually-hidden"> (folder)</span> : null}
          </button>
          {node.kind === 'folder' && node.children.length > 0 ? <Tree nodes={node.children} selected={selected} onSelect={onSelect} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function ContextFiles({ files, onChange, idPrefix }: Props) {
  const [selected, setSelected] = useState<string | null>(null);
  const [newPath, setNewPath] = useState('');
  const [renameTo, setRenameTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const tree = contextTree(files);
  const current = selected !== null && pathExists(files, selected) ? selected : null;

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
      {tree.length === 0 ? <p class="pg-muted">The build context is empty.</p> : <Tree nodes={tree} selected={current} onSelect={select} />}
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
