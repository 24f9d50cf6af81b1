/** Runs one `docker ...` command line against a daemon and collects what it printed. */
import { runDocker, type DockerDaemon } from '../../src/lib/cli/docker/index.ts';

export async function docker(daemon: DockerDaemon, ...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const r = await runDocker(argv, { daemon, io: { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: '', cols: 80, color: false } });
  return { status: r.status, out, err };
}
