import { test } from 'vitest';
import { parseDockerfile } from '../src/lib/dockerfile/index.ts';

/** A 1,000-line multi-stage Dockerfile: stages of varied instructions, continuations and heredocs. */
function generate(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE_TAG=3.20'];
  let stage = 0;
  while (out.length < lines) {
    out.push(`FROM alpine:\${BASE_TAG} AS stage${stage}`);
    out.push('WORKDIR /src', 'ENV APP_HOME=/app PORT=8080', 'ARG VERSION=1.0');
    out.push('RUN apk add --no-cache \\', '    curl \\', '    git');
    out.push('RUN <<EOF', 'set -e', 'echo "building $VERSION"', 'EOF');
    if (stage > 0) out.push(`COPY --from=stage${stage - 1} --chown=1000:1000 /app/ $APP_HOME/`);
    out.push('COPY --chmod=0755 ["entry.sh", "/usr/local/bin/"]', 'LABEL org.opencontainers.image.title="demo" version=$VERSION');
    out.push('EXPOSE 8080/tcp', 'USER 1000:1000', 'HEALTHCHECK --interval=30s CMD ["wget", "-q", "localhost"]');
    out.push('ENTRYPOINT ["/usr/local/bin/entry.sh"]', '');
    stage++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const source = generate(1000);

test('parseDockerfile: 1,000-line multi-stage Dockerfile (target: median < 5 ms)', async ({ bench }) => {
  const result = await bench('parse 1,000 lines', () => {
    parseDockerfile(source);
  }).run();
  console.log(`median ${result.latency.p50.toFixed(2)} ms over ${result.latency.samplesCount} samples (target < 5 ms)`);
});
