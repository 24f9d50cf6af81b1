/**
 * The final image (config, history, layers, size, files) and what the other built stages left
 * behind: the point of a multi-stage build, as data.
 */
import { stat, ROOT_CRED, walk, type FsNode } from '../vfs/index.ts';
import notable from './data/notable-tools.json' with { type: 'json' };
import { octal } from './execute.ts';
import type { ImageFile, ImageResult, LeftBehind } from './result.ts';

const ROOT = { cred: ROOT_CRED };
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

/**
 * For each built stage other than the target and its FROM ancestors: what did not reach the image.
 * Bytes and files shared with the target through a common base stage are not counted as left behind.
 */
export function leftBehind(
  states: ReadonlyMap<number, StageState>,
  target: StageState,
  copiedFrom: ReadonlyMap<number, number>,
): LeftBehind[] {
  const memo = new WeakMap<FsNode, number>();
  const imageTools = new Set(toolsIn(target));
  const targetChain = new Set(target.ancestors);
  const out: LeftBehind[] = [];
  for (const [index, s] of states) {
    if (index === target.index || targetChain.has(index)) continue;
    const shared = s.ancestors.map((a) => states.get(a)).find((a) => a !== undefined && targetChain.has(a.index));
    // The same base image under both is shared too (one copy of its layers on disk).
    const sameImage = s.rootImage.ref === target.rootImage.ref;
    const sharedBytes = shared?.size ?? (sameImage ? s.rootImage.size : 0);
    const sharedTree = shared?.fs ?? (sameImage ? s.rootImage.rootfs : undefined);
    out.push({
      stage: s.name,
      bytes: Math.max(0, s.size - sharedBytes - (copiedFrom.get(index) ?? 0)),
      files: count(s.fs, memo) - (sharedTree === undefined ? 0 : count(sharedTree, memo)),
      notableTools: toolsIn(s).filter((t) => !imageTools.has(t)),
    });
  }
  return out;
}

function toolsIn(state: StageState): string[] {
  const found = new Set<string>();
  for (const dir of (state.env.get('PATH') ?? '').split(':')) {
    if (dir === '') continue;
    const d = stat(state.fs, ROOT, dir);
    if (!d.ok || d.value.kind !== 'dir') continue;
    // Look only at names the folder lists, then follow links to check they are files.
    for (const tool of notable.tools) {
      if (found.has(tool) || !d.value.children.has(tool)) continue;
      const n = stat(state.fs, ROOT, `${dir}/${tool}`);
      if (n.ok && n.value.kind === 'file') found.add(tool);
    }
  }
  return notable.tools.filter((t) => found.has(t));
}

/** Files (listed plus summarised) of a tree, memoised by node: stages share most of their trees. */
function count(node: FsNode, memo: WeakMap<FsNode, number>): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let files = node.kind === 'file' ? 1 : 0;
  if (node.kind === 'dir') {
    files = node.summary?.files ?? 0;
    for (const c of node.children.values()) files += count(c, memo);
  }
  memo.set(node, files);
  return files;
}
