/**
 * Whether a built image runs Node, so the playground's terminal can offer "Run for real": the real
 * mode's own rule for what a container starts (the node images' entrypoint, `sh -c`, a Node tool the
 * image has), applied to the image without planning a replay. Cheap: the build worker asks after
 * every build.
 */
import { envMap, type ImageResult } from '../build/index.ts';
import { lookupInFiles } from './image-lookup.ts';
import { resolveStart } from './start.ts';

export function runsNode(image: ImageResult): boolean {
  const argv = [...(image.config.Entrypoint ?? []), ...(image.config.Cmd ?? [])];
  const workdir = image.config.WorkingDir === '' ? '/' : image.config.WorkingDir;
  return resolveStart(argv, { image: image.stage, lookup: lookupInFiles(image.files), vars: envMap(image.config.Env), workdir }).ok;
}
