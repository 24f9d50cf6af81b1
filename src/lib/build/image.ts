/**
 * The final image (config, history, layers, size, files) and what the other built stages left
 * behind: the point of a multi-stage build, as data.
 */
import { stat, ROOT_CRED, walk, type DirNode, type FsNode } from '../vfs/index.ts';
import notable from './data/notable-tools.json' with { type: 'json' };
import { octal } from './execute.ts';
import type { ImageFile, ImageResult, LeftBehind } from './result.ts';
import type { StageState } from './state.ts';

export function finalImage(state: StageState, base: string): ImageResult {
  return {
    stage: state.name,
    base,
    config: { ...state.config, Env: [...state.config.Env] },
    history: state.history,
    layers: state.layers,
    size: state.size,
    baseSizeSource: state.baseSizeSource,
    files: imageFiles(state),
  };
}

function imageFiles(state: StageState): ImageFile[] {
  const files: ImageFile[] = [];
  for (const { path, node } of walk(state.fs)) {
    const origin = state.origins.get(path);
    files.push({
      path,
      type: node.kind,
      size: node.kind === 'file' ? node.size : 0,
      uid: node.uid,
      gid: node.gid,
      mode: octal(node.mode),
      target: node.kind === 'symlink' ? node.target : null,
      content: node.kind === 'file' ? node.content ?? null : null,
      fromStage: origin?.stage ?? null,
      fromLine: origin?.line ?? null,
      summary: node.kind === 'dir' && node.summary !== undefined
        ? { files: node.summary.files, bytes: node.summary.bytes, source: node.summary.source ?? null }
        : null,
    });
  }
  return files;
}

/** For each built stage other than the target: bytes and files not copied out, and its tools. */
export function leftBehind(
  states: ReadonlyMap<number, StageState>,
  target: StageState,
  copiedFrom: ReadonlyMap<number, number>,
): LeftBehind[] {
  const memo = new WeakMap<FsNode, { files: number; bytes: number }>();
  const imageTools = new Set(toolsIn(target));
  const out: LeftBehind[] = [];
  for (const [index, s] of states) {
    if (index === target.index) continue;
    const totals = count(s.fs, memo);
    out.push({
      stage: s.name,
      bytes: Math.max(0, s.size - (copiedFrom.get(index) ?? 0)),
      files: totals.files,
      notableTools: toolsIn(s).filter((t) => !imageTools.has(t)),
    });
  }
  return out;
}

function toolsIn(state: StageState): string[] {
  const path = (state.env.get('PATH') ?? '').split(':').filter((p) => p !== '');
  return notable.tools.filter((tool) => path.some((dir) => {
    const n = stat(state.fs, { cred: ROOT_CRED }, `${dir}/${tool}`);
    return n.ok && n.value.kind === 'file';
  }));
}

/** Files (listed plus summarised) of a tree, memoised by node: stages share most of their trees. */
function count(node: FsNode, memo: WeakMap<FsNode, { files: number; bytes: number }>): { files: number; bytes: number } {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let totals = { files: 0, bytes: 0 };
  if (node.kind === 'file') totals = { files: 1, bytes: node.size };
  else if (node.kind === 'dir') {
    totals = { files: node.summary?.files ?? 0, bytes: node.summary?.bytes ?? 0 };
    for (const c of (node as DirNode).children.values()) {
      const t = count(c, memo);
      totals.files += t.files;
      totals.bytes += t.bytes;
    }
  }
  memo.set(node, totals);
  return totals;
}
