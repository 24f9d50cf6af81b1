import { describe, expect, test } from 'vitest';
import { startRealRun, type RealCommand, type RealRunPlan } from '../../../src/lib/realrun/index.ts';
import { copyListing } from '../../../src/lib/realrun/listing.ts';
import { planExample } from './examples.ts';
import { MemoryContainer, screen, type Behaviour } from './memory-container.ts';

function productionApi(): RealRunPlan {
  const { plan } = planExample('src/content/examples/08-putting-it-together/production-api');
  if (!plan.ok) throw new Error(plan.error);
  return plan.value;
}

const line = (c: RealCommand): string => [c.command, ...c.args].join(' ');

/** npm and node as they would behave for production-api: installs write node_modules, the build writes dist/, the server runs until killed. */
function realistic(overrides: Record<string, Behaviour> = {}): (c: RealCommand) => Behaviour {
  return (c) => {
    const key = `${c.cwd}: ${line(c)}`;
    const override = overrides[key];
    if (override !== undefined) return override;
    switch (key) {
      case 'build/app: npm ci':
        return { output: 'added 80 packages in 3s\n', writes: { 'build/app/node_modules/typescript/package.json': '{"name":"typescript"}' } };
      case 'build/app: npm run build':
        return { output: '> tsc\n', writes: { 'build/app/dist/server.js': 'console.log("listening on 3000");\n', 'build/app/dist/server.js.map': '{}' } };
      case 'prod-deps/app: npm ci --omit=dev':
        return { output: 'added 67 packages in 2s\n', writes: { 'prod-deps/app/node_modules/express/package.json': '{"name":"express","version":"5.3.0"}', 'prod-deps/app/node_modules/express/index.js': 'module.exports = {};\n' } };
      case 'runtime/app: node dist/server.js':
        return { output: 'listening on 3000\n', server: true, echo: true };
      default:
        return { output: `unexpected: ${key}\n`, exit: 99 };
    }
  };
}

const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until the container has spawned `count` processes. */
async function spawned(container: MemoryContainer, count: number): Promise<void> {
  for (let i = 0; i < 200 && container.events.filter((e) => e.op === 'spawn').length < count; i++) await nextTick();
}

const NOTES = [
  "note: Docker would run the program as USER node; here it runs as the WebContainer's own user.",
  'note: A WebContainer has Node.js and npm but no OS packages and no real Linux filesystem: only the files of this replay are there.',
  'note: npm downloads packages from the registry for real, so installs need the network.',
];

describe('startRealRun', () => {
  test('production-api: mounts, replays every stage, lists real beside simulated copies, starts the server; Ctrl-C stops it', async () => {
    const plan = productionApi();
    const container = new MemoryContainer(realistic());
    const io = screen();
    const handle = await startRealRun(plan, container, io);
    await spawned(container, 4);
    handle.input('x');
    handle.kill();
    expect(await handle.exit).toBe(130);
    expect(io.text().split('\n')).toEqual([
      '#1 [base 3/3] COPY package.json package-lock.json ./  (files from the build context, mounted)',
      '#2 [build] FROM base  (real, in a WebContainer)',
      '#3 [build 1/4] RUN npm ci  (real, in a WebContainer)',
      'added 80 packages in 3s',
      '#4 [build 2/4] COPY tsconfig.json ./  (files from the build context, mounted)',
      '#5 [build 3/4] COPY src ./src  (files from the build context, mounted)',
      '#6 [build 4/4] RUN npm run build  (real, in a WebContainer)',
      '> tsc',
      '#7 [prod-deps] FROM base  (real, in a WebContainer)',
      '#8 [prod-deps 1/1] RUN npm ci --omit=dev  (real, in a WebContainer)',
      'added 67 packages in 2s',
      '#9 [runtime 3/5] COPY package.json ./  (files from the build context, mounted)',
      '#10 [runtime 4/5] COPY --from=prod-deps /app/node_modules ./node_modules  (real, in a WebContainer)',
      '  runtime/app/node_modules: real files beside the simulated ones (by top-level entry)',
      // The fake npm wrote express alone; the simulator's npm ci installs express and its 67
      // dependencies from the real lock: the differences first, then the entry on both sides.
      '    .package-lock.json         real -              simulated 32.4kB',
      '    accepts/                   real -              simulated 21kB',
      '    async-function/            real -              simulated 21.9kB',
      '    async-generator-function/  real -              simulated 22.8kB',
      '    body-parser/               real -              simulated 86.5kB',
      '    bytes/                     real -              simulated 16.4kB',
      '    call-bind-apply-helpers/   real -              simulated 28.2kB',
      '    call-bound/                real -              simulated 29.4kB',
      '    content-disposition/       real -              simulated 24kB',
      '    content-type/              real -              simulated 14.6kB',
      '    express/                   real 57B (2 files)  simulated 205kB',
      '    (58 more)                  real -              simulated 2.56MB',
      '#11 [runtime 5/5] COPY --from=build /app/dist ./dist  (real, in a WebContainer)',
      '  runtime/app/dist: real files beside the simulated ones',
      '    server.js      real 34B  simulated 221B',
      '    server.js.map  real 2B   simulated -',
      ...NOTES,
      'starting `node dist/server.js` in runtime/app (real, in a WebContainer)',
      'listening on 3000',
      'x',
    ]);
    expect(container.events.map((e) => (e.op === 'mount' ? { op: 'mount', count: e.paths.length } : e.op === 'spawn' ? { op: 'spawn', line: `${e.command.cwd}: ${line(e.command)}`, env: e.command.env } : e))).toEqual([
      { op: 'mount', count: 13 },
      { op: 'mount', count: 2 },
      { op: 'copy', from: 'base', to: 'build' },
      { op: 'spawn', line: 'build/app: npm ci', env: {} },
      { op: 'mount', count: 1 },
      { op: 'mount', count: 1 },
      { op: 'spawn', line: 'build/app: npm run build', env: {} },
      { op: 'copy', from: 'base', to: 'prod-deps' },
      { op: 'spawn', line: 'prod-deps/app: npm ci --omit=dev', env: {} },
      { op: 'mount', count: 1 },
      { op: 'copy', from: 'prod-deps/app/node_modules', to: 'runtime/app/node_modules' },
      { op: 'copy', from: 'build/app/dist', to: 'runtime/app/dist' },
      { op: 'spawn', line: 'runtime/app: node dist/server.js', env: { NODE_ENV: 'production' } },
      { op: 'input', command: 'node dist/server.js', data: 'x' },
      { op: 'kill', command: 'node dist/server.js' },
    ]);
    expect([...container.files.keys()].filter((p) => p.startsWith('runtime/')).sort()).toEqual([
      'runtime/app/dist/server.js',
      'runtime/app/dist/server.js.map',
      'runtime/app/node_modules/express/index.js',
      'runtime/app/node_modules/express/package.json',
      'runtime/app/package.json',
    ]);
  });

  test('a failing step stops the replay and the run exits with its code', async () => {
    const container = new MemoryContainer(realistic({ 'build/app: npm run build': { output: 'src/server.ts(3,1): error TS2304\n', exit: 2 } }));
    const io = screen();
    const handle = await startRealRun(productionApi(), container, io);
    expect(await handle.exit).toBe(2);
    expect(io.text().split('\n').slice(6)).toEqual([
      '#6 [build 4/4] RUN npm run build  (real, in a WebContainer)',
      'src/server.ts(3,1): error TS2304',
      'ERROR: [build 4/4] RUN npm run build failed: `npm run build` exited with code 2 (the replay stops here, as the build would)',
      '',
    ]);
    expect(container.events.filter((e) => e.op === 'spawn').map((e) => (e.op === 'spawn' ? line(e.command) : ''))).toEqual(['npm ci', 'npm run build']);
  });

  test('Ctrl-C during a step stops the replay: 130, nothing after it runs', async () => {
    const container = new MemoryContainer(realistic({ 'build/app: npm ci': { output: 'fetching...\n', server: true, echo: true } }));
    const io = screen();
    const handle = await startRealRun(productionApi(), container, io);
    await spawned(container, 1);
    handle.input('y\n');
    handle.kill();
    expect(await handle.exit).toBe(130);
    expect(io.text().split('\n').slice(2)).toEqual(['#3 [build 1/4] RUN npm ci  (real, in a WebContainer)', 'fetching...', 'y', 'interrupted (Ctrl-C)', '']);
    expect(container.events.slice(4)).toEqual([
      { op: 'input', command: 'npm ci', data: 'y\n' },
      { op: 'kill', command: 'npm ci' },
    ]);
  });

  test('a process killed with its own code keeps it', async () => {
    const container = new MemoryContainer(realistic({ 'build/app: npm ci': { server: true, killedExit: 143 } }));
    const handle = await startRealRun(productionApi(), container, screen());
    await spawned(container, 1);
    handle.kill();
    expect(await handle.exit).toBe(143);
  });

  test('the program\'s own exit code is the run\'s', async () => {
    const container = new MemoryContainer(realistic({ 'runtime/app: node dist/server.js': { output: 'Error: listen EADDRINUSE\n', exit: 1 } }));
    const io = screen();
    const handle = await startRealRun(productionApi(), container, io);
    expect(await handle.exit).toBe(1);
    expect(io.text().split('\n').slice(-3)).toEqual(['starting `node dist/server.js` in runtime/app (real, in a WebContainer)', 'Error: listen EADDRINUSE', '']);
  });

  test('a spawn refused in a step: 1; for the program: 126', async () => {
    const refused = new MemoryContainer(realistic({ 'build/app: npm ci': { reject: 'spawn npm ENOENT' } }));
    const io = screen();
    expect(await (await startRealRun(productionApi(), refused, io)).exit).toBe(1);
    expect(io.text().split('\n').slice(2)).toEqual(['#3 [build 1/4] RUN npm ci  (real, in a WebContainer)', 'could not start `npm ci` in build/app: spawn npm ENOENT', '']);

    const noStart = new MemoryContainer(realistic({ 'runtime/app: node dist/server.js': { reject: 'spawn node ENOENT' } }));
    const io2 = screen();
    expect(await (await startRealRun(productionApi(), noStart, io2)).exit).toBe(126);
    expect(io2.text().split('\n').slice(-3)).toEqual([
      'starting `node dist/server.js` in runtime/app (real, in a WebContainer)',
      'could not start `node dist/server.js` in runtime/app: spawn node ENOENT',
      '',
    ]);
  });

  test('a copy that fails (the build wrote no dist/) ends the run with 1', async () => {
    const container = new MemoryContainer(realistic({ 'build/app: npm run build': { output: '' } }));
    const io = screen();
    expect(await (await startRealRun(productionApi(), container, io)).exit).toBe(1);
    expect(io.text().split('\n').slice(-3)).toEqual([
      '#11 [runtime 5/5] COPY --from=build /app/dist ./dist  (real, in a WebContainer)',
      "ERROR: [runtime 5/5] COPY --from=build /app/dist ./dist: copying build/app/dist to runtime/app/dist failed: ENOENT: no such file or directory, 'build/app/dist'",
      '',
    ]);
  });

  test('a mount that fails: 125, nothing runs', async () => {
    const container = new MemoryContainer(realistic());
    container.failMount = 'quota exceeded';
    const io = screen();
    expect(await (await startRealRun(productionApi(), container, io)).exit).toBe(125);
    expect(io.text()).toBe('ERROR: mounting the files failed: quota exceeded\n');
    expect(container.events).toEqual([{ op: 'mount', paths: Object.keys(productionApi().files) }]);
  });

  test('skipped steps are said, not run; a catalogue image starts at once', async () => {
    const plan: RealRunPlan = {
      image: 'node:22-slim',
      files: { 'stage-0/': '' },
      steps: [{ kind: 'skip', stage: 'stage-0', line: 2, label: '[2/2] RUN apt-get update', instruction: 'RUN apt-get update', why: '`apt-get update` installs system packages, which a WebContainer does not have' }],
      start: { command: 'node', args: ['-e', 'console.log(1)'], cwd: 'stage-0', env: {} },
      simulatedCopies: [],
      notes: ['one note.'],
    };
    const container = new MemoryContainer(() => ({ output: '1\n' }));
    const io = screen();
    expect(await (await startRealRun(plan, container, io)).exit).toBe(0);
    expect(io.text().split('\n')).toEqual([
      'skipped [2/2] RUN apt-get update: `apt-get update` installs system packages, which a WebContainer does not have',
      'note: one note.',
      'starting `node -e console.log(1)` in stage-0 (real, in a WebContainer)',
      '1',
      '',
    ]);
  });
});

describe('real files beside simulated ones', () => {
  test('each source of a multi-source COPY --from is listed with its own file; a file the simulator does not have shows `-`', async () => {
    const plan: RealRunPlan = {
      image: 'p:latest',
      files: { 'stage-0/src/a.js': 'aaaa', 'stage-0/src/b.js': 'bb', 'stage-0/src/c.js': 'c', 'runtime/app/': '' },
      steps: [
        { kind: 'copy', stage: 'runtime', line: 7, label: '[runtime 2/3] COPY --from=0 /src/a.js /src/b.js ./', instruction: 'COPY --from=0 /src/a.js /src/b.js ./', from: 'stage-0/src/a.js', to: 'runtime/app/a.js' },
        { kind: 'copy', stage: 'runtime', line: 7, label: '[runtime 2/3] COPY --from=0 /src/a.js /src/b.js ./', instruction: 'COPY --from=0 /src/a.js /src/b.js ./', from: 'stage-0/src/b.js', to: 'runtime/app/b.js' },
        { kind: 'copy', stage: 'runtime', line: 8, label: '[runtime 3/3] COPY --from=0 /src/c.js ./c.js', instruction: 'COPY --from=0 /src/c.js ./c.js', from: 'stage-0/src/c.js', to: 'runtime/app/c.js' },
      ],
      start: { command: 'node', args: ['a.js'], cwd: 'runtime/app', env: {} },
      simulatedCopies: [
        { line: 7, to: 'runtime/app', files: [{ path: 'a.js', size: 40 }] },
        { line: 7, to: 'runtime/app', files: [{ path: 'b.js', size: 20 }] },
        { line: 8, to: 'runtime/app', files: [] },
      ],
      notes: [],
    };
    const io = screen();
    expect(await (await startRealRun(plan, new MemoryContainer(), io)).exit).toBe(0);
    expect(io.text().split('\n')).toEqual([
      '#1 [runtime 2/3] COPY --from=0 /src/a.js /src/b.js ./  (real, in a WebContainer)',
      '  runtime/app/a.js: real files beside the simulated ones',
      '    a.js  real 4B  simulated 40B',
      '#2 [runtime 2/3] COPY --from=0 /src/a.js /src/b.js ./  (real, in a WebContainer)',
      '  runtime/app/b.js: real files beside the simulated ones',
      '    b.js  real 2B  simulated 20B',
      '#3 [runtime 3/3] COPY --from=0 /src/c.js ./c.js  (real, in a WebContainer)',
      '  runtime/app/c.js: real files beside the simulated ones',
      '    c.js  real 1B  simulated -',
      'starting `node a.js` in runtime/app (real, in a WebContainer)',
      '',
    ]);
  });
});

describe('copyListing', () => {
  test('a big real folder: grouped by top-level entry, the differences first, the rest summed', () => {
    const real = Array.from({ length: 30 }, (_, i) => ({ path: `pkg${String(i).padStart(2, '0')}/index.js`, size: 1000 }));
    real.push({ path: 'express/index.js', size: 2000 }, { path: 'express/lib/router.js', size: 3000 });
    const simulated = [{ path: './', size: 2805325 }, { path: 'express/', size: 84784 }, { path: 'express/package.json', size: 46 }];
    expect(copyListing('runtime/app/node_modules', real, simulated)).toEqual([
      '  runtime/app/node_modules: real files beside the simulated ones (by top-level entry)',
      '    ./         real -                simulated 2.81MB',
      '    express/   real 5kB (2 files)    simulated 84.8kB',
      '    pkg00/     real 1kB              simulated -',
      '    pkg01/     real 1kB              simulated -',
      '    pkg02/     real 1kB              simulated -',
      '    pkg03/     real 1kB              simulated -',
      '    pkg04/     real 1kB              simulated -',
      '    pkg05/     real 1kB              simulated -',
      '    pkg06/     real 1kB              simulated -',
      '    pkg07/     real 1kB              simulated -',
      '    pkg08/     real 1kB              simulated -',
      '    (21 more)  real 21kB (21 files)  simulated -',
    ]);
  });

  test('when most entries are on both sides, the differences take at most half the rows', () => {
    const both = Array.from({ length: 20 }, (_, i) => `dep${String(i).padStart(2, '0')}`);
    const real = [...both, 'real-only-a', 'real-only-b', 'real-only-c', 'real-only-d', 'real-only-e', 'real-only-f'].map((name) => ({ path: `${name}/index.js`, size: 1000 }));
    const simulated = [...both, 'sim-only'].map((name) => ({ path: `${name}/`, size: 2000 }));
    expect(copyListing('app/node_modules', real, simulated)).toEqual([
      '  app/node_modules: real files beside the simulated ones (by top-level entry)',
      '    dep00/        real 1kB              simulated 2kB',
      '    dep01/        real 1kB              simulated 2kB',
      '    dep02/        real 1kB              simulated 2kB',
      '    dep03/        real 1kB              simulated 2kB',
      '    dep04/        real 1kB              simulated 2kB',
      '    dep05/        real 1kB              simulated 2kB',
      '    real-only-a/  real 1kB              simulated -',
      '    real-only-b/  real 1kB              simulated -',
      '    real-only-c/  real 1kB              simulated -',
      '    real-only-d/  real 1kB              simulated -',
      '    real-only-e/  real 1kB              simulated -',
      '    (16 more)     real 15kB (15 files)  simulated 30kB',
    ]);
  });

  test('nothing on either side', () => {
    expect(copyListing('runtime/app/dist', [], [])).toEqual(['  runtime/app/dist: real files beside the simulated ones: none on either side']);
  });
});
