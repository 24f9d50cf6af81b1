import { describe, expect, test } from 'vitest';
import { planRealRun } from '../../../src/lib/realrun/index.ts';
import { NPM_NOTE, ONLY_NODE_TOOLS, OS_NOTE, planExample, USER_NODE_NOTE } from './examples.ts';

describe('planRealRun on the seed Node examples', () => {
  test('playground 03: TypeScript API, build + runner stages, USER node', () => {
    const { example, plan } = planExample('src/components/playground/examples/03-typescript-api-non-root');
    const text = example.text;
    expect(plan).toEqual({
      ok: true,
      value: {
        image: 'playground:latest',
        files: {
          'build/': '',
          'build/app/': '',
          'build/app/package-lock.json': text('package-lock.json'),
          'build/app/package.json': text('package.json'),
          'build/app/tsconfig.json': text('tsconfig.json'),
          'build/app/src/server.ts': text('src/server.ts'),
          'runner/': '',
          'runner/app/': '',
          'runner/app/package-lock.json': text('package-lock.json'),
          'runner/app/package.json': text('package.json'),
        },
        steps: [
          {
            kind: 'context', stage: 'build', line: 3, label: '[build 3/7] COPY package.json package-lock.json ./', instruction: 'COPY package.json package-lock.json ./',
            files: { 'build/app/package-lock.json': text('package-lock.json'), 'build/app/package.json': text('package.json') },
          },
          {
            kind: 'run', stage: 'build', line: 4, label: '[build 4/7] RUN npm ci', instruction: 'RUN npm ci',
            commands: [{ command: 'npm', args: ['ci'], cwd: 'build/app', env: {} }],
          },
          {
            kind: 'context', stage: 'build', line: 5, label: '[build 5/7] COPY tsconfig.json ./', instruction: 'COPY tsconfig.json ./',
            files: { 'build/app/tsconfig.json': text('tsconfig.json') },
          },
          {
            kind: 'context', stage: 'build', line: 6, label: '[build 6/7] COPY src/ ./src/', instruction: 'COPY src/ ./src/',
            files: { 'build/app/src/server.ts': text('src/server.ts') },
          },
          {
            kind: 'run', stage: 'build', line: 7, label: '[build 7/7] RUN npx tsc', instruction: 'RUN npx tsc',
            commands: [{ command: 'npx', args: ['tsc'], cwd: 'build/app', env: {} }],
          },
          {
            kind: 'context', stage: 'runner', line: 12, label: '[runner 3/5] COPY package.json package-lock.json ./', instruction: 'COPY package.json package-lock.json ./',
            files: { 'runner/app/package-lock.json': text('package-lock.json'), 'runner/app/package.json': text('package.json') },
          },
          {
            kind: 'run', stage: 'runner', line: 13, label: '[runner 4/5] RUN npm ci --omit=dev', instruction: 'RUN npm ci --omit=dev',
            commands: [{ command: 'npm', args: ['ci', '--omit=dev'], cwd: 'runner/app', env: { NODE_ENV: 'production' } }],
          },
          {
            kind: 'copy', stage: 'runner', line: 14, label: '[runner 5/5] COPY --from=build /app/dist ./dist', instruction: 'COPY --from=build /app/dist ./dist',
            from: 'build/app/dist', to: 'runner/app/dist',
          },
        ],
        start: { command: 'node', args: ['dist/server.js'], cwd: 'runner/app', env: { NODE_ENV: 'production' } },
        simulatedCopies: [{ line: 14, to: 'runner/app/dist', files: [{ path: 'server.js', size: 272 }] }],
        notes: [USER_NODE_NOTE, OS_NOTE, NPM_NOTE],
      },
    });
  });

  test('lesson 08 production-api: base, build and prod-deps stages feed runtime', () => {
    const { example, plan } = planExample('src/content/examples/08-putting-it-together/production-api');
    const text = example.text;
    // What the simulated `npm ci --omit=dev` put in node_modules: a folder per runtime package at
    // the top of the lock (express and its dependencies; three nested copies of content-type live
    // inside their parents), beside npm's own .package-lock.json.
    const lock = JSON.parse(text('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };
    const runtimePackages = Object.entries(lock.packages)
      .filter(([key, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && entry.dev !== true)
      .map(([key]) => `${key.slice('node_modules/'.length)}/`);
    const modules = plan.ok ? plan.value.simulatedCopies.find((c) => c.line === 18) : undefined;
    expect(runtimePackages).toHaveLength(68);
    expect(modules?.files.filter((f) => runtimePackages.includes(f.path)).map((f) => f.path).sort()).toEqual([...runtimePackages].sort());
    expect(modules?.files.some((f) => f.path === '.package-lock.json')).toBe(true);
    expect(modules?.files.some((f) => /^(typescript|@types)\//.test(f.path))).toBe(false);
    expect(plan).toEqual({
      ok: true,
      value: {
        image: 'playground:latest',
        files: {
          'base/': '',
          'base/app/': '',
          'base/app/package-lock.json': text('package-lock.json'),
          'base/app/package.json': text('package.json'),
          'build/': '',
          'build/app/': '',
          'build/app/tsconfig.json': text('tsconfig.json'),
          'build/app/src/server.ts': text('src/server.ts'),
          'prod-deps/': '',
          'prod-deps/app/': '',
          'runtime/': '',
          'runtime/app/': '',
          'runtime/app/package.json': text('package.json'),
        },
        steps: [
          {
            kind: 'context', stage: 'base', line: 3, label: '[base 3/3] COPY package.json package-lock.json ./', instruction: 'COPY package.json package-lock.json ./',
            files: { 'base/app/package-lock.json': text('package-lock.json'), 'base/app/package.json': text('package.json') },
          },
          { kind: 'copy', stage: 'build', line: 5, label: '[build] FROM base', instruction: 'FROM base', from: 'base', to: 'build' },
          {
            kind: 'run', stage: 'build', line: 6, label: '[build 1/4] RUN npm ci', instruction: 'RUN npm ci',
            commands: [{ command: 'npm', args: ['ci'], cwd: 'build/app', env: {} }],
          },
          {
            kind: 'context', stage: 'build', line: 7, label: '[build 2/4] COPY tsconfig.json ./', instruction: 'COPY tsconfig.json ./',
            files: { 'build/app/tsconfig.json': text('tsconfig.json') },
          },
          {
            kind: 'context', stage: 'build', line: 8, label: '[build 3/4] COPY src ./src', instruction: 'COPY src ./src',
            files: { 'build/app/src/server.ts': text('src/server.ts') },
          },
          {
            kind: 'run', stage: 'build', line: 9, label: '[build 4/4] RUN npm run build', instruction: 'RUN npm run build',
            commands: [{ command: 'npm', args: ['run', 'build'], cwd: 'build/app', env: {} }],
          },
          { kind: 'copy', stage: 'prod-deps', line: 11, label: '[prod-deps] FROM base', instruction: 'FROM base', from: 'base', to: 'prod-deps' },
          {
            kind: 'run', stage: 'prod-deps', line: 12, label: '[prod-deps 1/1] RUN npm ci --omit=dev', instruction: 'RUN npm ci --omit=dev',
            commands: [{ command: 'npm', args: ['ci', '--omit=dev'], cwd: 'prod-deps/app', env: {} }],
          },
          {
            kind: 'context', stage: 'runtime', line: 17, label: '[runtime 3/5] COPY package.json ./', instruction: 'COPY package.json ./',
            files: { 'runtime/app/package.json': text('package.json') },
          },
          {
            kind: 'copy', stage: 'runtime', line: 18, label: '[runtime 4/5] COPY --from=prod-deps /app/node_modules ./node_modules',
            instruction: 'COPY --from=prod-deps /app/node_modules ./node_modules', from: 'prod-deps/app/node_modules', to: 'runtime/app/node_modules',
          },
          {
            kind: 'copy', stage: 'runtime', line: 19, label: '[runtime 5/5] COPY --from=build /app/dist ./dist',
            instruction: 'COPY --from=build /app/dist ./dist', from: 'build/app/dist', to: 'runtime/app/dist',
          },
        ],
        start: { command: 'node', args: ['dist/server.js'], cwd: 'runtime/app', env: { NODE_ENV: 'production' } },
        simulatedCopies: [
          { line: 18, to: 'runtime/app/node_modules', files: modules?.files },
          { line: 19, to: 'runtime/app/dist', files: [{ path: 'server.js', size: 221 }] },
        ],
        notes: [USER_NODE_NOTE, OS_NOTE, NPM_NOTE],
      },
    });
  });

  test('lesson 08 single-stage-api: one unnamed stage, `npm start`', () => {
    const { example, plan } = planExample('src/content/examples/08-putting-it-together/single-stage-api');
    const text = example.text;
    const copied = {
      'stage-0/app/.dockerignore': text('.dockerignore'),
      'stage-0/app/package-lock.json': text('package-lock.json'),
      'stage-0/app/package.json': text('package.json'),
      'stage-0/app/src/server.ts': text('src/server.ts'),
      'stage-0/app/tsconfig.json': text('tsconfig.json'),
    };
    expect(plan).toEqual({
      ok: true,
      value: {
        image: 'playground:latest',
        files: { 'stage-0/': '', 'stage-0/app/': '', ...copied },
        steps: [
          { kind: 'context', stage: 'stage-0', line: 3, label: '[3/5] COPY . .', instruction: 'COPY . .', files: copied },
          { kind: 'run', stage: 'stage-0', line: 4, label: '[4/5] RUN npm install', instruction: 'RUN npm install', commands: [{ command: 'npm', args: ['install'], cwd: 'stage-0/app', env: {} }] },
          { kind: 'run', stage: 'stage-0', line: 5, label: '[5/5] RUN npm run build', instruction: 'RUN npm run build', commands: [{ command: 'npm', args: ['run', 'build'], cwd: 'stage-0/app', env: {} }] },
        ],
        start: { command: 'npm', args: ['start'], cwd: 'stage-0/app', env: {} },
        simulatedCopies: [],
        notes: [OS_NOTE, NPM_NOTE],
      },
    });
  });

  test('lesson 06 node-user: --chown copies mounted, `RUN id` skipped, USER node noted', () => {
    const { example, plan } = planExample('src/content/examples/06-non-root/node-user');
    const text = example.text;
    expect(plan).toEqual({
      ok: true,
      value: {
        image: 'playground:latest',
        files: {
          'stage-0/': '',
          'stage-0/home/node/app/': '',
          'stage-0/home/node/app/package.json': text('package.json'),
          'stage-0/home/node/app/src/server.js': text('src/server.js'),
        },
        steps: [
          {
            kind: 'context', stage: 'stage-0', line: 3, label: '[3/5] COPY --chown=node:node package.json ./', instruction: 'COPY --chown=node:node package.json ./',
            files: { 'stage-0/home/node/app/package.json': text('package.json') },
          },
          {
            kind: 'context', stage: 'stage-0', line: 4, label: '[4/5] COPY --chown=node:node src ./src', instruction: 'COPY --chown=node:node src ./src',
            files: { 'stage-0/home/node/app/src/server.js': text('src/server.js') },
          },
          { kind: 'skip', stage: 'stage-0', line: 6, label: '[5/5] RUN id', instruction: 'RUN id', why: `\`id\` runs id, ${ONLY_NODE_TOOLS}` },
        ],
        start: { command: 'node', args: ['src/server.js'], cwd: 'stage-0/home/node/app', env: {} },
        simulatedCopies: [],
        notes: [USER_NODE_NOTE, OS_NOTE, NPM_NOTE, '1 step was skipped (see above), so the result may differ from the image.'],
      },
    });
  });

  test('lesson 03 copy-everything: the context as it is, .git included (stored as dot.git on disk)', () => {
    const { example, plan } = planExample('src/content/examples/03-build-context/copy-everything');
    const text = example.text;
    const copied = {
      'stage-0/app/.env': text('.env'),
      'stage-0/app/.git/HEAD': text('.git/HEAD'),
      'stage-0/app/docs/notes.md': text('docs/notes.md'),
      'stage-0/app/node_modules/left-pad/index.js': text('node_modules/left-pad/index.js'),
      'stage-0/app/package.json': text('package.json'),
      'stage-0/app/src/server.js': text('src/server.js'),
    };
    expect(plan).toEqual({
      ok: true,
      value: {
        image: 'playground:latest',
        files: { 'stage-0/': '', 'stage-0/app/': '', ...copied },
        steps: [{ kind: 'context', stage: 'stage-0', line: 3, label: '[3/3] COPY . .', instruction: 'COPY . .', files: copied }],
        start: { command: 'node', args: ['src/server.js'], cwd: 'stage-0/app', env: {} },
        simulatedCopies: [],
        notes: [OS_NOTE, NPM_NOTE],
      },
    });
  });

  test('lesson 03 with-dockerignore: only what .dockerignore lets through is mounted', () => {
    const { example, plan } = planExample('src/content/examples/03-build-context/with-dockerignore');
    const text = example.text;
    const copied = {
      'stage-0/app/.dockerignore': text('.dockerignore'),
      'stage-0/app/package.json': text('package.json'),
      'stage-0/app/src/server.js': text('src/server.js'),
    };
    expect(plan.ok && plan.value.files).toEqual({ 'stage-0/': '', 'stage-0/app/': '', ...copied });
    expect(plan.ok && plan.value.steps).toEqual([{ kind: 'context', stage: 'stage-0', line: 3, label: '[3/3] COPY . .', instruction: 'COPY . .', files: copied }]);
  });

  test('lesson 03 copy-folder: `COPY src /app/` puts the folder contents in /app; no CMD starts node itself', () => {
    const { example, plan } = planExample('src/content/examples/03-build-context/copy-folder');
    const text = example.text;
    expect(plan).toEqual({
      ok: true,
      value: {
        image: 'playground:latest',
        files: { 'stage-0/': '', 'stage-0/app/': '', 'stage-0/app/package.json': text('package.json'), 'stage-0/app/server.js': text('src/server.js') },
        steps: [
          { kind: 'context', stage: 'stage-0', line: 3, label: '[3/5] COPY package.json ./', instruction: 'COPY package.json ./', files: { 'stage-0/app/package.json': text('package.json') } },
          { kind: 'context', stage: 'stage-0', line: 4, label: '[4/5] COPY src /app/', instruction: 'COPY src /app/', files: { 'stage-0/app/server.js': text('src/server.js') } },
          { kind: 'skip', stage: 'stage-0', line: 5, label: '[5/5] RUN ls /app', instruction: 'RUN ls /app', why: `\`ls /app\` runs ls, ${ONLY_NODE_TOOLS}` },
        ],
        start: { command: 'node', args: [], cwd: 'stage-0/app', env: {} },
        simulatedCopies: [],
        notes: [OS_NOTE, NPM_NOTE, '1 step was skipped (see above), so the result may differ from the image.'],
      },
    });
  });

  test('lesson 04 across-stages: an unnamed final stage is stage-1', () => {
    const { example, plan } = planExample('src/content/examples/04-caching/across-stages');
    const text = example.text;
    expect(plan.ok && Object.keys(plan.value.files)).toEqual([
      'build/', 'build/app/', 'build/app/package-lock.json', 'build/app/package.json', 'build/app/tsconfig.json', 'build/app/src/server.ts', 'stage-1/', 'stage-1/app/',
    ]);
    expect(plan.ok && plan.value.files['build/app/src/server.ts']).toBe(text('src/server.ts'));
    expect(plan.ok && plan.value.steps.map((s) => `${s.kind} ${s.label}`)).toEqual([
      'context [build 3/7] COPY package.json package-lock.json ./',
      'run [build 4/7] RUN npm ci',
      'context [build 5/7] COPY tsconfig.json ./',
      'context [build 6/7] COPY src ./src',
      'run [build 7/7] RUN npm run build',
      'copy [stage-1 3/3] COPY --from=build /app/dist ./dist',
    ]);
    expect(plan.ok && plan.value.steps.at(-1)).toEqual({
      kind: 'copy', stage: 'stage-1', line: 11, label: '[stage-1 3/3] COPY --from=build /app/dist ./dist', instruction: 'COPY --from=build /app/dist ./dist', from: 'build/app/dist', to: 'stage-1/app/dist',
    });
    expect(plan.ok && plan.value.start).toEqual({ command: 'node', args: ['dist/server.js'], cwd: 'stage-1/app', env: {} });
    expect(plan.ok && plan.value.simulatedCopies).toEqual([{ line: 11, to: 'stage-1/app/dist', files: [{ path: 'server.js', size: 130 }] }]);
  });

  test('lesson 04 cache-mount: the RUN runs without its cache mount, and says so', () => {
    const { plan } = planExample('src/content/examples/04-caching/cache-mount');
    expect(plan.ok && plan.value.steps[1]).toEqual({
      kind: 'run', stage: 'stage-0', line: 4, label: '[4/5] RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev', instruction: 'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev',
      commands: [{ command: 'npm', args: ['ci', '--omit=dev'], cwd: 'stage-0/app', env: {} }],
    });
    expect(plan.ok && plan.value.notes).toEqual([OS_NOTE, NPM_NOTE, 'RUN at line 4 runs without its `--mount=type=cache,target=/root/.npm`, so nothing is kept between runs.']);
  });

  test('lesson 04 manifest-first: the manifests copied first are mounted at their own step too', () => {
    const { example, plan } = planExample('src/content/examples/04-caching/manifest-first');
    const text = example.text;
    expect(plan.ok && plan.value.steps.map((s) => (s.kind === 'context' ? Object.keys(s.files) : s.kind))).toEqual([
      ['stage-0/app/package-lock.json', 'stage-0/app/package.json'],
      'run',
      ['stage-0/app/package-lock.json', 'stage-0/app/package.json', 'stage-0/app/src/server.js'],
    ]);
    expect(plan.ok && plan.value.files['stage-0/app/package.json']).toBe(text('package.json'));
  });

  test('lesson 07 secret-in-arg: npm ci runs for real, the echo into .npmrc and the rm are skipped; API_KEY from ENV reaches it', () => {
    const { plan } = planExample('src/content/examples/07-size-and-security/secret-in-arg');
    const label = '[4/4] RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc  && npm ci --omit=dev  && rm .npmrc';
    const at = { stage: 'stage-0', line: 6, label, instruction: label.slice(6) };
    expect(plan.ok && plan.value.steps.slice(1)).toEqual([
      { kind: 'skip', ...at, why: '`echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc` redirects its input or output, which the real mode does not replay' },
      { kind: 'run', ...at, commands: [{ command: 'npm', args: ['ci', '--omit=dev'], cwd: 'stage-0/app', env: { API_KEY: 'sk-live-1234' } }] },
      { kind: 'skip', ...at, why: `\`rm .npmrc\` runs rm, ${ONLY_NODE_TOOLS}` },
    ]);
    expect(plan.ok && plan.value.start).toEqual({ command: 'node', args: [], cwd: 'stage-0/app', env: { API_KEY: 'sk-live-1234' } });
  });

  test('an nginx final image is not Node', () => {
    expect(planExample('src/components/playground/examples/02-node-nginx-site').plan).toEqual({
      ok: false,
      error: 'playground:latest runs `nginx -g daemon off;`, not Node: the real mode runs only Node programs (node, npm, npx).',
    });
  });

  test.each([
    ['src/content/examples/04-caching/copy-all-first', ['context [3/4] COPY . .', 'run [4/4] RUN npm ci --omit=dev']],
    ['src/content/examples/04-caching/dependency-change', ['context [3/5] COPY package.json package-lock.json ./', 'run [4/5] RUN npm ci --omit=dev', 'context [5/5] COPY . .']],
  ])('lesson 04 %s: the app in stage-0/app, npm ci for real, node src/server.js', (dir, steps) => {
    const { example, plan } = planExample(dir);
    const text = example.text;
    expect(plan.ok && plan.value.files).toEqual({
      'stage-0/': '',
      'stage-0/app/': '',
      'stage-0/app/package-lock.json': text('package-lock.json'),
      'stage-0/app/package.json': text('package.json'),
      'stage-0/app/src/server.js': text('src/server.js'),
    });
    expect(plan.ok && plan.value.steps.map((s) => `${s.kind} ${s.label}`)).toEqual(steps);
    expect(plan.ok && plan.value.steps.find((s) => s.kind === 'run')).toMatchObject({ commands: [{ command: 'npm', args: ['ci', '--omit=dev'], cwd: 'stage-0/app', env: {} }] });
    expect(plan.ok && plan.value.start).toEqual({ command: 'node', args: ['src/server.js'], cwd: 'stage-0/app', env: {} });
  });

  test('playground 02 built with --target build: the Node stage alone, node\'s own REPL as the command', () => {
    const { example, plan } = planExample('src/components/playground/examples/02-node-nginx-site');
    expect(plan.ok).toBe(false);
    const recipe = { dockerfile: example.dockerfile, context: example.context, target: 'build' };
    const built = planRealRun({ image: 'site:build', recipe, argv: ['docker-entrypoint.sh', 'node'], workdir: '/app', env: [], root: '/home/stagecraft' });
    expect(built.ok && built.value.steps.map((s) => `${s.kind} ${s.label}`)).toEqual([
      'context [build 3/7] COPY package.json package-lock.json ./',
      'run [build 4/7] RUN npm ci',
      'context [build 5/7] COPY index.html ./',
      'context [build 6/7] COPY src/ ./src/',
      'run [build 7/7] RUN npm run build',
    ]);
    expect(built.ok && Object.keys(built.value.files)).toEqual([
      'build/', 'build/app/', 'build/app/package-lock.json', 'build/app/package.json', 'build/app/index.html', 'build/app/src/main.js',
    ]);
    expect(built.ok && built.value.start).toEqual({ command: 'node', args: [], cwd: 'build/app', env: {} });
  });
});
