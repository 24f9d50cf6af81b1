/** `stagecraft inspect [--state DIR] IMAGE...`: image details as `docker inspect` prints them (a JSON array). */
import { digestOf } from '../../build/index.ts';
import type { Command } from '../io.ts';
import { findImage, loadStore, stateDir, takeStateFlag, type StoredImage } from '../state/store.ts';

const usage = 'Usage: stagecraft inspect [--state DIR] IMAGE [IMAGE...]\n';

/** One image as `docker inspect` prints it (also the data `--format` templates read). */
export function inspectDoc(s: StoredImage): unknown {
  const c = s.image.config;
  const config: Record<string, unknown> = {
    User: c.User,
    ExposedPorts: c.ExposedPorts.length === 0 ? null : Object.fromEntries(c.ExposedPorts.map((p) => [p, {}])),
    Env: c.Env,
    Cmd: c.Cmd,
    Healthcheck: c.Healthcheck ?? undefined,
    Volumes: c.Volumes.length === 0 ? null : Object.fromEntries(c.Volumes.map((v) => [v, {}])),
    WorkingDir: c.WorkingDir,
    Entrypoint: c.Entrypoint,
    OnBuild: c.OnBuild.length === 0 ? null : c.OnBuild,
    Labels: Object.keys(c.Labels).length === 0 ? null : c.Labels,
    StopSignal: c.StopSignal ?? undefined,
    Shell: c.Shell ?? undefined,
  };
  // Layer digests are not simulated; a stable id per non-empty history entry stands in for each.
  const layers = s.image.history.flatMap((h, i) => (h.emptyLayer ? [] : [`sha256:${digestOf(`${s.id}:${i}:${h.createdBy}`)}`]));
  return {
    Id: `sha256:${s.id}`,
    RepoTags: s.repoTags,
    Comment: 'buildkit.dockerfile.v0',
    Config: JSON.parse(JSON.stringify(config)) as unknown,
    Architecture: 'amd64',
    Os: 'linux',
    Size: s.image.size,
    RootFS: { Type: 'layers', Layers: layers },
    Stagecraft: { stage: s.image.stage, base: s.image.base, layers: s.image.layers },
  };
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Show the config and layers of images as JSON',
  usage,
  run(argv, io) {
    const { rest, state } = takeStateFlag(argv);
    if (rest.length === 0 || rest.some((a) => a.startsWith('-'))) {
      io.stderr(`"stagecraft inspect" requires at least 1 argument.\n${usage}`);
      return 2;
    }
    const store = loadStore(io, stateDir(io, state), false);
    const docs: unknown[] = [];
    let status = 0;
    for (const ref of rest) {
      const image = findImage(store, ref);
      if (image === undefined) {
        io.stderr(`Error: No such object: ${ref}\n`);
        status = 1;
      } else docs.push(inspectDoc(image));
    }
    io.stdout(`${JSON.stringify(docs, null, 4)}\n`);
    return status;
  },
};
