/**
 * `docker history --format` / `-q` in the terminal's docker CLI, as lesson 1 uses it
 * (`docker history --no-trunc --format "table {{.CreatedBy}}\t{{.Size}}" IMAGE`).
 */
import { beforeAll, expect, test } from 'vitest';
import { createDaemon, type DockerDaemon } from '../../src/lib/cli/docker/index.ts';
import { docker } from './run-docker.ts';

let d: DockerDaemon;
let id = '';
beforeAll(async () => {
  const files = { Dockerfile: { content: 'FROM alpine:3.20\nWORKDIR /app\nCOPY hello.sh .\nRUN printf "%s\\t%s\\n" a b > tabs.txt && chmod +x hello.sh && echo "a long command that docker cuts at forty-five characters"\nCMD ["sh", "hello.sh"]\n' }, 'hello.sh': { content: 'echo hi\n' } };
  d = createDaemon({ context: () => files, now: () => Date.UTC(2026, 0, 1, 12) });
  expect((await docker(d, 'build', '-q', '-t', 'hello', '.')).status).toBe(0);
  id = d.store.images[0]?.id ?? '';
});

test('table TEMPLATE with \\t as typed in a shell: a header and aligned cells', async () => {
  const run = 'RUN /bin/sh -c printf "%s\\t%s\\n" a b > tabs.txt && chmod +x hello.sh && echo "a long command that docker cuts at forty-five characters" # buildkit';
  const cell = (s: string): string => s.padEnd(run.length + 3);
  expect(await docker(d, 'history', '--no-trunc', '--format', 'table {{.CreatedBy}}\\t{{.Size}}', 'hello')).toEqual({
    status: 0,
    out: [
      `${cell('CREATED BY')}SIZE`,
      `${cell('CMD ["sh" "hello.sh"]')}0B`,
      `${cell(run)}12B`,
      `${cell('COPY hello.sh . # buildkit')}8B`,
      `${cell('WORKDIR /app')}0B`,
      `${cell('CMD ["/bin/sh"]')}0B`,
      `${cell('ADD alpine-minirootfs-3.20.8-x86_64.tar.gz / # buildkit')}7.8MB`,
      '',
    ].join('\n'),
    err: '',
  });
});

test('a template per row; -q the ids; json with docker keys', async () => {
  expect((await docker(d, 'history', '--format', '{{.ID}} {{.Size}}', 'hello')).out.split('\n').slice(0, 3)).toEqual([`${id.slice(0, 12)} 0B`, '<missing> 12B', '<missing> 8B']);
  expect((await docker(d, 'history', '-q', '--no-trunc', 'hello')).out.split('\n')[0]).toBe(`sha256:${id}`);
  expect((await docker(d, 'history', '--format', 'json', 'hello')).out.split('\n')[0]).toBe(
    `{"Comment":"buildkit.dockerfile.v0","CreatedAt":"2026-01-01T12:00:00Z","CreatedBy":"CMD [\\"sh\\" \\"hello.sh\\"]","CreatedSince":"Less than a second ago","ID":"${id.slice(0, 12)}","Size":"0B"}`,
  );
});

test('CREATED BY is cut to 45 characters unless --no-trunc', async () => {
  const line = (await docker(d, 'history', '--format', '{{.CreatedBy}}', 'hello')).out.split('\n')[1];
  expect(line).toBe('RUN /bin/sh -c printf "%s\\t%s\\n" a b > tabs.…');
  expect(line?.length).toBe(45);
});

test('an unknown field fails before anything is printed', async () => {
  expect(await docker(d, 'history', '--format', '{{.Layer}}', 'hello')).toEqual({
    status: 1,
    out: '',
    err: 'template parsing error: template: :1:2: executing "" at <.Layer>: can\'t evaluate field Layer in type *image.historyContext\n',
  });
});
