/**
 * Tab completion inside a container's shell: program names from its PATH for the first word, then
 * paths of the container's filesystem, as the user inside sees them (unreadable folders list nothing).
 */
import type { ContainerShell } from '../cli/docker/index.ts';
import { readdir, stat } from '../vfs/index.ts';
import type { Completion } from './line-editor.ts';

const BUILTINS = ['cd', 'echo', 'exit', 'export', 'pwd', 'set', 'unset'];

export function completeInContainer(shell: ContainerShell, line: string, cursor: number): Completion {
  const fs = shell.fs();
  const { cred, cwd, path } = shell.where();
  const before = line.slice(0, cursor);
  const segment = before.split(/&&|\|\||;|\|/).pop() ?? '';
  const word = /\S*$/.exec(segment)?.[0] ?? '';
  const start = cursor - word.length;
  const names = (dir: string): { name: string; dir: boolean }[] => {
    const entries = readdir(fs, { cred, cwd }, dir);
    if (!entries.ok) return [];
    return entries.value.map((e) => {
      const target = stat(fs, { cred, cwd }, `${dir.replace(/\/$/, '')}/${e.name}`);
      return { name: e.name, dir: target.ok && target.value.kind === 'dir' };
    });
  };
  const firstWord = segment.slice(0, segment.length - word.length).trim() === '';
  if (firstWord && !word.includes('/')) {
    const programs = path.split(':').filter((d) => d !== '').flatMap((d) => names(d).filter((n) => !n.dir).map((n) => n.name));
    const candidates = [...new Set([...BUILTINS, ...programs])].filter((n) => n.startsWith(word)).sort();
    return { start, end: cursor, candidates };
  }
  const slash = word.lastIndexOf('/');
  const dirPart = word.slice(0, slash + 1);
  const prefix = word.slice(slash + 1);
  const found = names(dirPart === '' ? '.' : dirPart)
    .filter((n) => n.name.startsWith(prefix) && (prefix.startsWith('.') || !n.name.startsWith('.')))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    start,
    end: cursor,
    candidates: found.map((n) => `${dirPart}${n.name}${n.dir ? '/' : ''}`),
    labels: found.map((n) => `${n.name}${n.dir ? '/' : ''}`),
  };
}
