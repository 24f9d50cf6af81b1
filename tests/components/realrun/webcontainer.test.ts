/** The adapter from WebContainer's API to RealContainer, over a fake WebContainer that records calls. */
import type { WebContainer } from '@webcontainer/api';
import { expect, test } from 'vitest';
import { COPY_SCRIPT, LIST_SCRIPT } from '../../../src/components/realrun/container-scripts.ts';
import { adaptWebContainer } from '../../../src/components/realrun/webcontainer.ts';

interface Spawned {
  command: string;
  args: string[];
  options: unknown;
  input: string[];
  killed: boolean;
}

function fakeContainer(outputs: { text: string; code: number }[]) {
  const spawned: Spawned[] = [];
  const mounted: unknown[] = [];
  const portListeners: ((port: number, type: 'open' | 'close', url: string) => void)[] = [];
  const container = {
    mount: async (tree: unknown) => void mounted.push(tree),
    spawn: async (command: string, args: string[], options: unknown) => {
      const record: Spawned = { command, args, options, input: [], killed: false };
      spawned.push(record);
      const { text, code } = outputs.shift() ?? { text: '', code: 0 };
      return {
        output: new ReadableStream<string>({
          start(controller) {
            controller.enqueue(text);
            controller.close();
          },
        }),
        input: new WritableStream<string>({ write: (chunk) => void record.input.push(chunk) }),
        kill: () => void (record.killed = true),
        exit: Promise.resolve(code),
      };
    },
    on: (event: string, listener: (port: number, type: 'open' | 'close', url: string) => void) => {
      if (event === 'port') portListeners.push(listener);
      return () => portListeners.splice(portListeners.indexOf(listener), 1);
    },
  };
  return { container: container as unknown as WebContainer, spawned, mounted, portListeners };
}

test('mount passes the nested tree; spawn passes cwd, env and the terminal size, and streams both ways', async () => {
  const fake = fakeContainer([{ text: 'listening on 3000\r\n', code: 0 }]);
  const adapter = adaptWebContainer(fake.container);
  await adapter.mount({ 'runtime/app/package.json': '{}' });
  expect(fake.mounted).toEqual([{ runtime: { directory: { app: { directory: { 'package.json': { file: { contents: '{}' } } } } } } }]);
  const child = await adapter.spawn({ command: 'node', args: ['dist/server.js'], cwd: 'runtime/app', env: { NODE_ENV: 'production' } }, { cols: 100, rows: 30 });
  const output: string[] = [];
  child.onOutput((text) => output.push(text));
  child.write('hello');
  child.kill();
  expect(await child.exit).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(output).toEqual(['listening on 3000\r\n']);
  expect(fake.spawned).toEqual([
    { command: 'node', args: ['dist/server.js'], options: { cwd: 'runtime/app', env: { NODE_ENV: 'production' }, terminal: { cols: 100, rows: 30 } }, input: ['hello'], killed: true },
  ]);
});

test('copy and listFiles run their scripts with node; a failing copy throws with its output', async () => {
  const fake = fakeContainer([
    { text: '', code: 0 },
    { text: '[{"path":"server.js","size":15}]\r\n', code: 0 },
    { text: "Error: ENOENT: no such file or directory, stat 'build/app/dist'\r\n", code: 1 },
  ]);
  const adapter = adaptWebContainer(fake.container);
  await adapter.copy('build/app/dist', 'runtime/app/dist');
  expect(await adapter.listFiles('runtime/app/dist')).toEqual([{ path: 'server.js', size: 15 }]);
  await expect(adapter.copy('build/app/dist', 'runtime/app/dist')).rejects.toThrow("Error: ENOENT: no such file or directory, stat 'build/app/dist'");
  expect(fake.spawned.map((s) => [s.command, ...s.args])).toEqual([
    ['node', '-e', COPY_SCRIPT, 'build/app/dist', 'runtime/app/dist'],
    ['node', '-e', LIST_SCRIPT, 'runtime/app/dist'],
    ['node', '-e', COPY_SCRIPT, 'build/app/dist', 'runtime/app/dist'],
  ]);
});

test('ports report their URL when opened and null when closed', () => {
  const fake = fakeContainer([]);
  const seen: [number, string | null][] = [];
  const stop = adaptWebContainer(fake.container).onPort((port, url) => seen.push([port, url]));
  for (const listener of [...fake.portListeners]) {
    listener(3000, 'open', 'https://abc.webcontainer-api.io');
    listener(3000, 'close', 'https://abc.webcontainer-api.io');
  }
  stop();
  expect(seen).toEqual([
    [3000, 'https://abc.webcontainer-api.io'],
    [3000, null],
  ]);
  expect(fake.portListeners).toEqual([]);
});

test('a process whose last output comes after its exit code: exit resolves only once that output is delivered', async () => {
  const late = {
    spawn: async () => ({
      output: new ReadableStream<string>({
        start(controller) {
          setTimeout(() => {
            controller.enqueue('last words\r\n');
            controller.close();
          }, 20);
        },
      }),
      input: new WritableStream<string>(),
      kill: () => {},
      exit: Promise.resolve(0),
    }),
  };
  const child = await adaptWebContainer(late as unknown as WebContainer).spawn({ command: 'npm', args: ['ci'], cwd: 'build/app', env: {} }, { cols: 80, rows: 24 });
  const output: string[] = [];
  child.onOutput((text) => output.push(text));
  expect(await child.exit).toBe(0);
  expect(output).toEqual(['last words\r\n']);
});
