/**
 * `docker run IMAGE` for every image and tag of the catalogue, with the image's own entrypoint and
 * command, in the terminal's docker CLI: nothing may throw, and each run either does what Docker
 * does (a shell with no input exits quietly, an image without a command is refused) or says plainly
 * that a program is simulated or not simulated.
 */
import { describe, expect, test } from 'vitest';
import { createDaemon, runDocker } from '../../src/lib/cli/docker/index.ts';
import { listImages } from '../../src/lib/images/index.ts';

async function dockerRun(ref: string) {
  let out = '';
  let err = '';
  const daemon = createDaemon({ context: () => ({}) });
  const outcome = await runDocker(['run', '--rm', ref], { daemon, io: { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: '', cols: 80, color: false } });
  // The pull lines come first; what the container printed follows them.
  const lastLine = err.trimEnd().split('\n').at(-1) ?? '';
  return { status: outcome.status, out, lastLine };
}

/** How a run ended, in words: anything else is a run the simulator cannot explain. */
function verdict(r: Awaited<ReturnType<typeof dockerRun>>): string {
  if (r.status === 0) return 'ran';
  if (r.status === 125 && r.lastLine === "Run 'docker run --help' for more information") return 'refused by the daemon';
  if (/not simulated|\(simulated\)/.test(r.lastLine)) return 'says what is not simulated';
  return `unexplained (status ${r.status}): ${r.lastLine}`;
}

const refs = listImages().flatMap((l) => l.tags.map((t) => `${l.repository}:${t}`));

describe('docker run IMAGE with its default command', () => {
  test.each(refs)('%s', async (ref) => {
    expect(verdict(await dockerRun(ref))).toMatch(/^(ran|refused by the daemon|says what is not simulated)$/);
  });

  test('one tag of each image: the status and the last line it printed', async () => {
    const firsts = listImages().map((l) => `${l.repository}:${l.tags[0] ?? 'latest'}`);
    const seen: Record<string, [number, string]> = {};
    for (const ref of firsts) {
      const r = await dockerRun(ref);
      seen[ref] = [r.status, r.status === 0 ? (r.out.trimEnd().split('\n').at(-1) ?? '') : r.lastLine];
    }
    expect(seen).toEqual(EXPECTED);
  });
});

const notSimulated = (by: string, name: string, path: string): [number, string] => [
  126,
  `${by}${name}: not simulated by Stagecraft (${path} is in the image, but the simulator has no implementation of it)`,
];
const refused: [number, string] = [125, "Run 'docker run --help' for more information"];
const nodeRepl: [number, string] = [1, 'node: Stagecraft has no interactive Node.js REPL (simulated)'];
const temurinJdk = notSimulated('/__cacert_entrypoint.sh: line 157: ', 'jshell', '/opt/java/openjdk/bin/jshell');
const python = notSimulated('', 'python3', '/usr/local/bin/python3');

/** Images whose command is a shell (or nothing to exec): with no input it exits 0 and prints nothing, as in Docker. */
const QUIET = [
  'alpine:3.24', 'alpine:3.22', 'alpine:3.21', 'alpine:3.20',
  'buildpack-deps:bookworm-curl', 'buildpack-deps:bookworm-scm', 'buildpack-deps:bookworm', 'busybox:latest',
  'debian:trixie', 'debian:trixie-slim', 'debian:bookworm', 'debian:bookworm-slim', 'debian:bullseye-slim',
  'eclipse-temurin:21-jre', 'eclipse-temurin:17-jre',
  'golang:1.25', 'golang:1.25-alpine', 'golang:1.24', 'golang:1.24-alpine', 'golang:1.23', 'golang:1.23-alpine', 'golang:1.22', 'golang:1.22-alpine',
  'rust:latest', 'rust:slim', 'rust:alpine', 'ubuntu:26.04', 'ubuntu:24.04', 'ubuntu:22.04',
];

const EXPECTED: Record<string, [number, string]> = {
  ...Object.fromEntries(QUIET.map((ref) => [ref, [0, '']])),
  'composer:2': notSimulated('/docker-entrypoint.sh: ', '/sbin/tini', '/sbin/tini'),
  'gcr.io/distroless/base-debian12:latest': refused,
  'gcr.io/distroless/base-debian12:nonroot': refused,
  'gcr.io/distroless/static-debian12:latest': refused,
  'gcr.io/distroless/static-debian12:nonroot': refused,
  'eclipse-temurin:21-jdk': temurinJdk,
  'eclipse-temurin:17-jdk': temurinJdk,
  'httpd:latest': notSimulated('/usr/local/bin/httpd-foreground: 7: ', 'httpd', '/usr/local/apache2/bin/httpd'),
  'httpd:alpine': notSimulated('/usr/local/bin/httpd-foreground: ', 'httpd', '/usr/local/apache2/bin/httpd'),
  'nginx:latest': notSimulated('/docker-entrypoint.sh: 47: ', 'nginx', '/usr/sbin/nginx'),
  'nginx:alpine': notSimulated('/docker-entrypoint.sh: ', 'nginx', '/usr/sbin/nginx'),
  'nginx:alpine-slim': notSimulated('/docker-entrypoint.sh: ', 'nginx', '/usr/sbin/nginx'),
  ...Object.fromEntries(['24', '24-slim', '24-alpine', '22', '22-slim', '22-alpine', '20', '20-slim', '20-alpine'].map((t) => [`node:${t}`, nodeRepl])),
  'php:8.4-cli': [126, "php: the interactive PHP shell is not simulated by Stagecraft (it does not execute PHP; `php hyde build`, `php -r 'echo …;'` and `php -v` are simulated)"],
  ...Object.fromEntries(['3.13', '3.13-slim', '3.13-alpine', '3.12', '3.12-slim', '3.12-alpine'].map((t) => [`python:${t}`, python])),
};
