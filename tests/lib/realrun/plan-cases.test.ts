import { describe, expect, test } from 'vitest';
import type { ContextInput } from '../../../src/lib/build/index.ts';
import { planRealRun, type RealRunPlan, type RealRunRequest, type RealStep } from '../../../src/lib/realrun/index.ts';
import { NPM_NOTE, ONLY_NODE_TOOLS, OS_NOTE, requestFor, ROOT } from './examples.ts';

const PKG = '{ "name": "app", "version": "1.0.0", "scripts": { "build": "node build.js" } }\n';
const SERVER = 'console.log("hello");\n';
const CONTEXT: ContextInput = {
  'package.json': { content: PKG },
  'server.js': { content: SERVER },
  'build.js': { content: 'console.log("built");\n' },
  'lib/util.js': { content: 'export {};\n' },
};

function request(dockerfile: string, overrides: Partial<RealRunRequest> = {}, context: ContextInput = CONTEXT): RealRunRequest {
  return requestFor({ dockerfile, context, text: () => '' }, overrides);
}

function planOf(dockerfile: string, overrides: Partial<RealRunRequest> = {}, context: ContextInput = CONTEXT): RealRunPlan {
  const plan = planRealRun(request(dockerfile, overrides, context));
  if (!plan.ok) throw new Error(plan.error);
  return plan.value;
}

const errorOf = (dockerfile: string, overrides: Partial<RealRunRequest> = {}): string => {
  const plan = planRealRun(request(dockerfile, overrides));
  return plan.ok ? 'planned' : plan.error;
};

/** Each step as one line: `kind label -> detail`. */
const stepLines = (steps: readonly RealStep[]): string[] =>
  steps.map((s) => {
    switch (s.kind) {
      case 'run': return `run ${s.label} -> ${s.commands.map((c) => `${[c.command, ...c.args].join(' ')} @${c.cwd} ${JSON.stringify(c.env)}`).join(' ; ')}`;
      case 'copy': return `copy ${s.label} -> ${s.from} => ${s.to}`;
      case 'context': return `context ${s.label} -> ${Object.keys(s.files).join(' ')}`;
      case 'skip': return `skip ${s.label} -> ${s.why}`;
    }
  });

const NODE_ENV_BASE = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NODE_VERSION=22.23.2', 'YARN_VERSION=1.22.22'];

describe('what cannot run for real', () => {
  test('a build that fails: the first error with its line', () => {
    expect(errorOf('FROM node:22-slim\nCOPY missing.txt ./\nCMD ["node"]\n')).toBe(
      'playground:latest did not build (line 2: failed to compute cache key: failed to calculate checksum of ref context "/missing.txt": not found), so there is nothing to run for real.',
    );
  });

  test('scratch with a node command: Docker could not start it either', () => {
    expect(errorOf('FROM scratch\nCOPY server.js /\nCMD ["node", "/server.js"]\n')).toBe(
      'playground:latest runs `node /server.js`, but the image has no `node` on its PATH, so Docker could not start it either.',
    );
  });

  test('distroless without node', () => {
    expect(errorOf('FROM gcr.io/distroless/static-debian12\nCOPY server.js /app/\nCMD ["node", "/app/server.js"]\n')).toBe(
      'playground:latest runs `node /app/server.js`, but the image has no `node` on its PATH, so Docker could not start it either.',
    );
  });

  test('a Go-style binary is not Node', () => {
    expect(errorOf('FROM gcr.io/distroless/static-debian12\nCOPY server.js /server\nENTRYPOINT ["/server"]\n')).toBe(
      'playground:latest runs `/server`, not Node: the real mode runs only Node programs (node, npm, npx).',
    );
  });

  test('a shell-form CMD with a pipe', () => {
    expect(errorOf('FROM node:22-slim\nCMD node server.js | tee log.txt\n')).toBe(
      'playground:latest runs `/bin/sh -c "node server.js | tee log.txt"`, and `node server.js | tee log.txt` is a pipeline, which the real mode does not replay.',
    );
  });

  test('a shell-form CMD with `||`, `if` or `$(...)`', () => {
    expect(errorOf('FROM node:22-slim\nCMD node server.js || node fallback.js\n')).toBe(
      'playground:latest runs `/bin/sh -c "node server.js || node fallback.js"`, and it uses `||`, which runs a command only when another fails: the real mode starts only plain commands.',
    );
    expect(errorOf('FROM node:22-slim\nCMD if [ -f x ]; then node x; fi\n')).toBe(
      'playground:latest runs `/bin/sh -c "if [ -f x ]; then node x; fi"`, and it uses a shell `if`, which the real mode does not replay: the real mode starts only plain commands.',
    );
    expect(errorOf('FROM node:22-slim\nCMD node $(cat main.txt)\n')).toBe(
      'playground:latest runs `/bin/sh -c "node $(cat main.txt)"`, and `$(cat main.txt)` runs a command substitution, which the real mode does not replay.',
    );
  });

  test('a command list with a program that is not Node', () => {
    expect(errorOf('FROM node:22-slim\nCMD nginx && node server.js\n')).toBe(
      'playground:latest runs `nginx`, not Node: the real mode runs only Node programs (node, npm, npx).',
    );
  });

  test('a variable that is not set', () => {
    expect(errorOf('FROM node:22-slim\nCMD node $ENTRY\n')).toBe(
      'playground:latest runs `/bin/sh -c "node $ENTRY"`, and `$ENTRY` is not set, which the real mode does not replay.',
    );
  });
});

describe('the start command', () => {
  test('shell form: the -c string read with the shell parser, `cd` moves it, `exec` dropped, $VAR from the env', () => {
    const plan = planOf('FROM node:22-slim\nENV PORT=8080\nWORKDIR /app\nCOPY server.js ./\nCMD cd /app && exec node server.js --port "$PORT"\n');
    expect(plan.start).toEqual({ command: 'node', args: ['server.js', '--port', '8080'], cwd: 'stage-0/app', env: { PORT: '8080' } });
  });

  test('`sh -c "a && cd b && c"`: the commands before the last run as a step of the final stage, the last one is the start', () => {
    const plan = planOf('FROM node:22-slim AS app\nWORKDIR /app\nCOPY . .\nCMD npm run migrate --if-present && cd lib && node ../server.js\n');
    expect(plan.steps.at(-1)).toEqual({
      kind: 'run',
      stage: 'app',
      line: 0,
      label: '[app] /bin/sh -c "npm run migrate --if-present && cd lib && node ../server.js"',
      instruction: '/bin/sh -c "npm run migrate --if-present && cd lib && node ../server.js"',
      commands: [{ command: 'npm', args: ['run', 'migrate', '--if-present'], cwd: 'app/app', env: {} }],
    });
    expect(plan.start).toEqual({ command: 'node', args: ['../server.js'], cwd: 'app/app/lib', env: {} });
    expect(plan.files['app/app/lib/']).toBe('');
  });

  test('docker-entrypoint.sh puts node in front of an option or a file that is not a command', () => {
    const dockerfile = 'FROM node:22-slim\nWORKDIR /app\nCOPY server.js ./\n';
    expect(planOf(dockerfile, { argv: ['docker-entrypoint.sh', '--version'] }).start).toEqual({ command: 'node', args: ['--version'], cwd: 'stage-0/app', env: {} });
    expect(planOf(dockerfile, { argv: ['docker-entrypoint.sh', 'server.js'] }).start).toEqual({ command: 'node', args: ['server.js'], cwd: 'stage-0/app', env: {} });
    expect(planOf(dockerfile, { argv: ['docker-entrypoint.sh', 'npm', 'test'] }).start).toEqual({ command: 'npm', args: ['test'], cwd: 'stage-0/app', env: {} });
  });

  test('-e values and -w override the image; PATH, HOME, HOSTNAME and the base image\'s own variables are dropped', () => {
    const dockerfile = 'FROM node:22-slim\nENV NODE_ENV=production\nWORKDIR /app\nCOPY server.js ./\nCMD ["node", "server.js"]\n';
    const plan = planOf(dockerfile, {
      workdir: '/srv/data',
      env: [...NODE_ENV_BASE, 'NODE_ENV=production', 'HOSTNAME=abc123', 'HOME=/root', 'NODE_ENV=development', 'PORT=4000'],
    });
    expect(plan.start).toEqual({ command: 'node', args: ['server.js'], cwd: 'stage-0/srv/data', env: { NODE_ENV: 'development', PORT: '4000' } });
    expect(plan.files['stage-0/srv/data/']).toBe('');
  });

  test('a -e that changes a base variable keeps the new value', () => {
    const plan = planOf('FROM node:22-slim\nCMD ["node"]\n', { env: [...NODE_ENV_BASE, 'NODE_VERSION=99'] });
    expect(plan.start.env).toEqual({ NODE_VERSION: '99' });
  });

  test('absolute paths into the replayed files are rewritten under the container root; base-image paths are not', () => {
    const dockerfile = [
      'FROM node:22-slim AS build',
      'WORKDIR /src',
      'COPY build.js ./',
      'RUN node /src/build.js /usr/local/lib/node_modules/npm/package.json',
      'FROM node:22-slim AS runtime',
      'COPY --from=build /src/build.js /app/dist/server.js',
      'CMD ["node", "/app/dist/server.js", "/usr/local/bin/node", "relative/x.js"]',
      '',
    ].join('\n');
    const plan = planOf(dockerfile);
    expect(plan.start).toEqual({
      command: 'node',
      args: [`${ROOT}/runtime/app/dist/server.js`, '/usr/local/bin/node', 'relative/x.js'],
      cwd: 'runtime',
      env: {},
    });
    expect(stepLines(plan.steps)).toEqual([
      'context [build 3/4] COPY build.js ./ -> build/src/build.js',
      `run [build 4/4] RUN node /src/build.js /usr/local/lib/node_modules/npm/package.json -> node ${ROOT}/build/src/build.js /usr/local/lib/node_modules/npm/package.json @build/src {}`,
      'copy [runtime 2/2] COPY --from=build /src/build.js /app/dist/server.js -> build/src/build.js => runtime/app/dist/server.js',
    ]);
    expect(plan.simulatedCopies).toEqual([{ line: 6, to: 'runtime/app/dist', files: [{ path: 'server.js', size: 22 }] }]);
  });
});

describe('a catalogue image (nothing to replay)', () => {
  test('node:22-slim with `node -e`: no files but its folder, no steps', () => {
    const plan = planRealRun({
      image: 'node:22-slim',
      recipe: null,
      argv: ['docker-entrypoint.sh', 'node', '-e', 'console.log(process.version)'],
      workdir: '/',
      env: [...NODE_ENV_BASE, 'GREETING=hi'],
      root: ROOT,
    });
    expect(plan).toEqual({
      ok: true,
      value: {
        image: 'node:22-slim',
        files: { 'stage-0/': '' },
        steps: [],
        start: { command: 'node', args: ['-e', 'console.log(process.version)'], cwd: 'stage-0', env: { GREETING: 'hi' } },
        simulatedCopies: [],
        notes: [OS_NOTE, NPM_NOTE],
      },
    });
  });

  test('node:22-alpine with -w: the working folder is created', () => {
    const plan = planRealRun({ image: 'node:22-alpine', recipe: null, argv: ['docker-entrypoint.sh', 'node'], workdir: '/work', env: NODE_ENV_BASE, root: ROOT });
    expect(plan.ok && plan.value.files).toEqual({ 'stage-0/': '', 'stage-0/work/': '' });
    expect(plan.ok && plan.value.start).toEqual({ command: 'node', args: [], cwd: 'stage-0/work', env: {} });
  });

  test('a catalogue image that is not Node', () => {
    const plan = planRealRun({ image: 'python:3.13-slim', recipe: null, argv: ['python3'], workdir: '/', env: [], root: ROOT });
    expect(plan).toEqual({ ok: false, error: 'python:3.13-slim runs `python3`, not Node: the real mode runs only Node programs (node, npm, npx).' });
  });
});

describe('RUN steps', () => {
  test('Node commands run, the others are skipped with their reason, in order', () => {
    const dockerfile = [
      'FROM node:22-slim',
      'ARG MODE=fast',
      'ENV NODE_ENV=production PATH=/app/node_modules/.bin:$PATH',
      'WORKDIR /app',
      'COPY . ./',
      'RUN apt-get update && apt-get install -y curl',
      'RUN useradd app',
      'RUN cd /app/lib && npm --version && VERBOSE=1 node ../build.js --mode "$MODE"',
      'RUN ["node", "build.js"]',
      'RUN npm ci || true',
      'RUN for f in build; do node $f.js; done',
      'RUN node -e "1" | tee out.txt',
      'RUN node build.js > out.json',
      'RUN echo $(node -v)',
      'CMD ["node", "server.js"]',
      '',
    ].join('\n');
    const env = { MODE: 'fast', NODE_ENV: 'production' };
    expect(stepLines(planOf(dockerfile).steps)).toEqual([
      'context [ 3/12] COPY . ./ -> stage-0/app/build.js stage-0/app/lib/util.js stage-0/app/package.json stage-0/app/server.js',
      'skip [ 4/12] RUN apt-get update && apt-get install -y curl -> `apt-get update` installs system packages, which a WebContainer does not have',
      'skip [ 4/12] RUN apt-get update && apt-get install -y curl -> `apt-get install -y curl` installs system packages, which a WebContainer does not have',
      'skip [ 5/12] RUN useradd app -> `useradd app` changes Linux users or owners, and a WebContainer has only its own user',
      `run [ 6/12] RUN cd /app/lib && npm --version && VERBOSE=1 node ../build.js --mode "fast" -> npm --version @stage-0/app/lib ${JSON.stringify(env)} ; node ../build.js --mode fast @stage-0/app/lib ${JSON.stringify({ ...env, VERBOSE: '1' })}`,
      `run [ 7/12] RUN ["node", "build.js"] -> node build.js @stage-0/app ${JSON.stringify(env)}`,
      'skip [ 8/12] RUN npm ci || true -> it uses `||`, which runs a command only when another fails',
      'skip [ 9/12] RUN for f in build; do node $f.js; done -> it uses a shell `for`, which the real mode does not replay',
      'skip [10/12] RUN node -e "1" | tee out.txt -> `node -e "1" | tee out.txt` is a pipeline, which the real mode does not replay',
      'skip [11/12] RUN node build.js > out.json -> `node build.js > out.json` redirects its input or output, which the real mode does not replay',
      'skip [12/12] RUN echo $(node -v) -> `$(node -v)` runs a command substitution, which the real mode does not replay',
    ]);
  });

  test('ARG values (meta ARG re-declared, --build-arg, defaults) reach WORKDIR, ENV and the RUN env; ARGs without a value do not', () => {
    const dockerfile = [
      'ARG DIR=/srv',
      'FROM node:22-slim',
      'ARG DIR',
      'ARG LEVEL=info',
      'ARG TOKEN',
      'ENV LOG_LEVEL=${LEVEL}-x',
      'WORKDIR $DIR/api',
      'RUN node -e "0"',
      'CMD ["node"]',
      '',
    ].join('\n');
    const plan = planRealRun({ ...request(dockerfile), recipe: { dockerfile, context: CONTEXT, buildArgs: { LEVEL: 'debug' } } });
    expect(plan.ok && stepLines(plan.value.steps)).toEqual([
      'run [3/3] RUN node -e "0" -> node -e 0 @stage-0/srv/api {"DIR":"/srv","LEVEL":"debug","LOG_LEVEL":"debug-x"}',
    ]);
  });

  test('a secret mount skips the RUN; a bind mount too', () => {
    const dockerfile = [
      'FROM node:22-slim',
      'WORKDIR /app',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm --version',
      'RUN --mount=type=bind,source=package.json,target=package.json npm --version',
      'CMD ["node"]',
      '',
    ].join('\n');
    expect(stepLines(planOf(dockerfile).steps)).toEqual([
      'skip [3/4] RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm --version -> it reads a build secret (`--mount=type=secret,id=npmrc,target=/root/.npmrc`), which the real mode does not have',
      'skip [4/4] RUN --mount=type=bind,source=package.json,target=package.json npm --version -> it reads files through `--mount=type=bind,source=package.json,target=package.json`, which the real mode does not mount',
    ]);
  });

  test('an exec-form RUN of `sh -c` is read as its script (`set -eu` only sets shell options: nothing to say)', () => {
    const plan = planOf('FROM node:22-slim\nWORKDIR /app\nRUN ["/bin/sh", "-c", "set -eu; npm --version && rm -f x"]\nCMD ["node"]\n');
    expect(stepLines(plan.steps)).toEqual([
      'run [3/3] RUN ["/bin/sh", "-c", "set -eu; npm --version && rm -f x"] -> npm --version @stage-0/app {}',
      `skip [3/3] RUN ["/bin/sh", "-c", "set -eu; npm --version && rm -f x"] -> \`rm -f x\` runs rm, ${ONLY_NODE_TOOLS}`,
    ]);
  });

  test('a heredoc RUN is skipped', () => {
    const plan = planOf('FROM node:22-slim\nRUN <<EOF\nnpm --version\nEOF\nCMD ["node"]\n');
    expect(stepLines(plan.steps)).toEqual(['skip [2/2] RUN <<EOF -> it runs a heredoc script, which the real mode does not replay']);
  });
});

describe('COPY --from and FROM <stage>', () => {
  test('several sources, a glob, an unnamed stage by index, a base-image file, an external image, an ADD url', () => {
    const dockerfile = [
      'FROM node:22-slim',
      'WORKDIR /src',
      'COPY package.json server.js build.js ./',
      'RUN npm run build',
      'FROM node:22-slim AS runtime',
      'WORKDIR /app',
      'COPY --from=0 /src/package.json /src/server.js ./',
      'COPY --from=0 /src/*.js ./lib/',
      'COPY --from=0 /usr/local/bin/node /opt/node',
      'COPY --from=composer:2 /usr/bin/composer /usr/bin/composer',
      'ADD https://example.com/data.json ./',
      'CMD ["node", "server.js"]',
      '',
    ].join('\n');
    const plan = planOf(dockerfile);
    expect(stepLines(plan.steps)).toEqual([
      'context [stage-0 3/4] COPY package.json server.js build.js ./ -> stage-0/src/build.js stage-0/src/package.json stage-0/src/server.js',
      `run [stage-0 4/4] RUN npm run build -> npm run build @stage-0/src {}`,
      'copy [runtime 3/7] COPY --from=0 /src/package.json /src/server.js ./ -> stage-0/src/package.json => runtime/app/package.json',
      'copy [runtime 3/7] COPY --from=0 /src/package.json /src/server.js ./ -> stage-0/src/server.js => runtime/app/server.js',
      'copy [runtime 4/7] COPY --from=0 /src/*.js ./lib/ -> stage-0/src/build.js => runtime/app/lib/build.js',
      'copy [runtime 4/7] COPY --from=0 /src/*.js ./lib/ -> stage-0/src/server.js => runtime/app/lib/server.js',
      "skip [runtime 5/7] COPY --from=0 /usr/local/bin/node /opt/node -> `/usr/local/bin/node` is a file of stage-0's base image, which the real mode does not have",
      'skip [runtime 6/7] COPY --from=composer:2 /usr/bin/composer /usr/bin/composer -> it copies from the image composer:2, which the real mode does not download',
      'skip [runtime 7/7] ADD https://example.com/data.json ./ -> ADD downloads `https://example.com/data.json`, which the real mode does not fetch',
    ]);
    expect(plan.simulatedCopies).toEqual([
      { line: 7, to: 'runtime/app', files: [{ path: 'package.json', size: 79 }] },
      { line: 7, to: 'runtime/app', files: [{ path: 'server.js', size: 22 }] },
      { line: 8, to: 'runtime/app/lib', files: [{ path: 'build.js', size: 22 }] },
      { line: 8, to: 'runtime/app/lib', files: [{ path: 'server.js', size: 22 }] },
    ]);
  });

  test('a copy of what a skipped RUN made is skipped too, with the line', () => {
    const dockerfile = [
      'FROM node:22-slim AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN mkdir -p out && cp server.js out/',
      'FROM node:22-slim',
      'COPY --from=build /src/out /app',
      'COPY --from=build /src/server.js /app/main.js',
      'CMD ["node", "/app/main.js"]',
      '',
    ].join('\n');
    const plan = planOf(dockerfile);
    expect(stepLines(plan.steps).slice(1)).toEqual([
      'skip [build 4/4] RUN mkdir -p out && cp server.js out/ -> `mkdir -p out` runs mkdir, not a Node tool (the real mode runs only node, npm, npx, yarn, pnpm and corepack)',
      'skip [build 4/4] RUN mkdir -p out && cp server.js out/ -> `cp server.js out/` runs cp, not a Node tool (the real mode runs only node, npm, npx, yarn, pnpm and corepack)',
      'skip [stage-1 2/3] COPY --from=build /src/out /app -> `/src/out` is made by the RUN at line 4, which the real mode skipped',
      'copy [stage-1 3/3] COPY --from=build /src/server.js /app/main.js -> build/src/server.js => stage-1/app/main.js',
    ]);
    expect(plan.start).toEqual({ command: 'node', args: [`${ROOT}/stage-1/app/main.js`], cwd: 'stage-1', env: {} });
  });

  test('FROM <stage> copies the parent folder first and inherits its ENV and WORKDIR; ARGs stay behind', () => {
    const dockerfile = [
      'FROM node:22-slim AS base',
      'ARG TOKEN=abc',
      'ENV APP_MODE=test',
      'WORKDIR /app',
      'COPY package.json ./',
      'FROM base AS test',
      'WORKDIR tests',
      'RUN node -e "0"',
      '',
    ].join('\n');
    const plan = planOf(dockerfile, { argv: ['docker-entrypoint.sh', 'npm', 'test'], workdir: '/app/tests' });
    expect(stepLines(plan.steps)).toEqual([
      'context [base 3/3] COPY package.json ./ -> base/app/package.json',
      'copy [test] FROM base -> base => test',
      'run [test 2/2] RUN node -e "0" -> node -e 0 @test/app/tests {"APP_MODE":"test"}',
    ]);
    expect(Object.keys(plan.files)).toEqual(['base/', 'base/app/', 'base/app/package.json', 'test/', 'test/app/', 'test/app/tests/']);
    expect(plan.start).toEqual({ command: 'npm', args: ['test'], cwd: 'test/app/tests', env: { APP_MODE: 'test' } });
  });

  test('stages the target does not need are not replayed; --target picks the final stage', () => {
    const dockerfile = [
      'FROM node:22-slim AS unused',
      'RUN npm --version',
      'FROM node:22-slim AS dev',
      'WORKDIR /app',
      'COPY server.js ./',
      'CMD ["node", "server.js"]',
      'FROM node:22-slim AS prod',
      'CMD ["node", "-e", "0"]',
      '',
    ].join('\n');
    const base = request(dockerfile);
    const plan = planRealRun({ ...base, recipe: { dockerfile, context: CONTEXT, target: 'dev' }, argv: ['docker-entrypoint.sh', 'node', 'server.js'], workdir: '/app' });
    expect(plan.ok && stepLines(plan.value.steps)).toEqual(['context [dev 3/3] COPY server.js ./ -> dev/app/server.js']);
    expect(plan.ok && plan.value.start).toEqual({ command: 'node', args: ['server.js'], cwd: 'dev/app', env: {} });
  });
});
