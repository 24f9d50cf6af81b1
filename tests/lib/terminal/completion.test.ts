import { describe, expect, test } from 'vitest';
import type { StoredImage } from '../../../src/lib/cli/state/store.ts';
import { completeLine, type CompletionSource } from '../../../src/lib/terminal/index.ts';

const image = (...repoTags: string[]): StoredImage => ({ id: 'f'.repeat(64), repoTags, created: null, image: {} as StoredImage['image'] });

const source: CompletionSource = {
  context: {
    Dockerfile: { content: 'FROM alpine AS Builder\nFROM alpine AS test\nFROM alpine\n' },
    'docker/prod.Dockerfile': { content: 'FROM alpine AS prod\n' },
    'docker/notes.txt': { content: '' },
    'src/app.go': { content: '' },
    '.dockerignore': { content: '' },
  },
  cwd: '',
  images: [image('app:latest', 'app:v2'), image('web:latest')],
  commands: ['ls', 'cat', 'cd'],
};

const complete = (line: string, src: CompletionSource = source) => completeLine(src, line, line.length);

describe('completeLine', () => {
  test('command names, then docker subcommands and the subcommands of a group', () => {
    expect(complete('c')).toEqual({ start: 0, end: 1, candidates: ['cat', 'cd'] });
    expect(complete('docker i')).toEqual({ start: 7, end: 8, candidates: ['image', 'images', 'inspect'] });
    expect(complete('docker image p')).toEqual({ start: 13, end: 14, candidates: ['prune'] });
    expect(complete('pwd && do')).toEqual({ start: 7, end: 9, candidates: ['docker'] });
  });

  test('flags of the command being typed', () => {
    expect(complete('docker run --r').candidates).toEqual(['--real', '--rm']);
    expect(complete('docker build --t').candidates).toEqual(['--tag', '--target']);
  });

  test('image names (a latest tag as the bare name); only the first argument of docker run is an image', () => {
    expect(complete('docker run -it a').candidates).toEqual(['app', 'app:v2']);
    expect(complete('docker run -u root ').candidates).toEqual(['app', 'app:v2', 'web']);
    expect(complete('docker run app ').candidates).toEqual([]);
    expect(complete('docker rmi app w').candidates).toEqual(['web']);
  });

  test('stage names from the Dockerfile the build would read, -f included', () => {
    expect(complete('docker build --target ').candidates).toEqual(['builder', 'test']);
    expect(complete('docker build -f docker/prod.Dockerfile --target ').candidates).toEqual(['prod']);
  });

  test('context paths: folders keep their slash, hidden files only when asked for, cd wants folders', () => {
    expect(complete('cat ')).toEqual({ start: 4, end: 4, candidates: ['Dockerfile', 'docker/', 'src/'], labels: ['Dockerfile', 'docker/', 'src/'] });
    expect(complete('cat docker/')).toEqual({ start: 4, end: 11, candidates: ['docker/notes.txt', 'docker/prod.Dockerfile'], labels: ['notes.txt', 'prod.Dockerfile'] });
    expect(complete('ls .d').candidates).toEqual(['.dockerignore']);
    expect(complete('cd ').candidates).toEqual(['docker/', 'src/']);
    expect(complete('docker build ').candidates).toEqual(['docker/', 'src/']);
    expect(complete('cat ../').candidates).toEqual([]);
    expect(complete('cat ', { ...source, cwd: 'src' }).candidates).toEqual(['app.go']);
  });
});
