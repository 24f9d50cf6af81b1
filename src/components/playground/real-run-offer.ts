/**
 * Whether the playground's image runs Node, so its terminal offers "Run for real": the real mode's
 * own rule for what a container starts (the node images' entrypoint, `sh -c`, a Node tool the image
 * has), applied to the built image. Runs in the build worker after each build; it is cheap.
 */
import { envMap, type ImageResult } from '../../lib/build/index.ts';
import { lookupInFiles } from '../../lib/realrun/image-lookup.ts';
import { resolveStart } from '../../lib/realrun/start.ts';

export function runsNode(image: ImageResult): boolean {
  const argv = [...(image.config.Entrypoint ?? []), ...(image.config.Cmd ?? [])];
  const workdir = image.config.WorkingDir === '' ? '/' : image.config.WorkingDir;
  return resolveStart(argv, { image: image.stage, lookup: lookupInFiles(image.files), vars: envMap(image.config.Env), workdir }).ok;
}
