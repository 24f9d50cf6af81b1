import { describe, expect, test } from 'vitest';
import { buildText, errorsOf } from './helpers.ts';

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

describe('image config and history', () => {
  test('metadata instructions set the config and add empty-layer history entries in BuildKit words', () => {
    const df = [
      'FROM alpine:3.24',
      'ARG VERSION=1.2',
      'ENV APP_VERSION=$VERSION MODE="prod mode"',
      'LABEL org.example.version=$VERSION',
      'EXPOSE 8080 53/udp',
      'VOLUME /data',
      'USER 1000:1000',
      'WORKDIR /',
      'STOPSIGNAL SIGTERM',
      'ENTRYPOINT ["/app"]',
      'CMD serve --port 80',
      '',
    ].join('\n');
    const r = buildText(df);
    expect(r.image?.config).toEqual({
      User: '1000:1000',
      WorkingDir: '/',
      Env: [PATH, 'APP_VERSION=1.2', 'MODE=prod mode'],
      Cmd: ['/bin/sh', '-c', 'serve --port 80'],
      Entrypoint: ['/app'],
      ExposedPorts: ['53/udp', '8080/tcp'],
      Labels: { 'org.example.version': '1.2' },
      Volumes: ['/data'],
      StopSignal: 'SIGTERM',
      Healthcheck: null,
      Shell: null,
      OnBuild: [],
    });
    expect(r.image?.history.slice(-10).map((h) => [h.createdBy, h.emptyLayer, h.size])).toEqual([
      ['ARG VERSION=1.2', true, 0],
      ['ENV APP_VERSION=1.2 MODE=prod mode', true, 0],
      ['LABEL org.example.version=1.2', true, 0],
      ['EXPOSE [53/udp 8080/tcp]', true, 0],
      ['VOLUME [/data]', true, 0],
      ['USER 1000:1000', true, 0],
      ['WORKDIR /', true, 0],
      ['STOPSIGNAL SIGTERM', true, 0],
      ['ENTRYPOINT ["/app"]', true, 0],
      ['CMD ["/bin/sh" "-c" "serve --port 80"]', true, 0],
    ]);
  });

  test('ENTRYPOINT drops an inherited CMD unless the stage sets one; SHELL wraps shell forms', () => {
    const r = buildText('FROM alpine:3.24\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nENTRYPOINT exec app\n');
    expect([r.image?.config.Entrypoint, r.image?.config.Cmd, r.image?.config.Shell]).toEqual([
      ['/bin/ash', '-eo', 'pipefail', '-c', 'exec app'],
      null,
      ['/bin/ash', '-eo', 'pipefail', '-c'],
    ]);
  });

  test('ARG values stay out of the image Env; ENV values from before the instruction', () => {
    const r = buildText('FROM alpine:3.24\nARG SECRET=x\nENV A=one\nENV A=two B=$A\n');
    expect(r.image?.config.Env).toEqual([PATH, 'A=two', 'B=one']);
  });

  test('a stage built FROM another inherits its config, history, ARGs and files; ONBUILD fires once', () => {
    const df = 'FROM alpine:3.24 AS base\nENV BASE=1\nONBUILD COPY app.txt /from-trigger.txt\nWORKDIR /w\nFROM base AS child\nLABEL child=yes\n';
    const r = buildText(df, { 'app.txt': { content: 'x' } });
    expect(r.ok).toBe(true);
    expect(r.image?.config.Env).toEqual([PATH, 'BASE=1']);
    expect(r.image?.config.OnBuild).toEqual([]);
    expect(r.stages[1]?.steps.map((s) => [s.line, s.instruction])).toEqual([
      [5, 'COPY app.txt /from-trigger.txt'],
      [6, 'LABEL child=yes'],
    ]);
    expect(r.image?.history.slice(-4).map((h) => h.createdBy)).toEqual([
      'ENV BASE=1',
      'WORKDIR /w',
      'COPY app.txt /from-trigger.txt # buildkit',
      'LABEL child=yes',
    ]);
  });

  test('layers and size: base layers plus each filesystem step; history is the target stage only', () => {
    const r = buildText('FROM alpine:3.24 AS b\nCOPY a /a\nFROM alpine:3.24\nCOPY --from=b /a /b\nENV X=1\n', { a: { size: 1000 } });
    const base = buildText('FROM alpine:3.24\n');
    expect(r.image?.layers).toBe((base.image?.layers ?? 0) + 1);
    expect(r.image?.size).toBe((base.image?.size ?? 0) + 1000);
    expect(r.image?.history.length).toBe((base.image?.history.length ?? 0) + 2);
  });

  test('the final image lists what the target holds and nothing from other stages', () => {
    const r = buildText('FROM alpine:3.24 AS build\nCOPY src /src\nFROM alpine:3.24\nCOPY --from=build /src/app /app\n', {
      'src/app': { size: 500 },
      'src/main.c': { content: 'int main(){}' },
    });
    expect(r.image?.files.filter((f) => f.fromStage !== null).map((f) => f.path)).toEqual(['/app']);
    expect(r.image?.files.some((f) => f.path.startsWith('/src'))).toBe(false);
    expect(r.leftBehind.map((l) => [l.stage, l.notableTools])).toEqual([['build', []]]);
  });

  test('an unknown instruction stops the build before anything runs, with the parser line', () => {
    expect(errorsOf(buildText('FROM alpine:3.24\nFNTRYPOINT ["/app"]\n'))).toEqual([
      { message: 'unknown instruction: FNTRYPOINT (did you mean ENTRYPOINT?)', line: 2 },
    ]);
  });
});
