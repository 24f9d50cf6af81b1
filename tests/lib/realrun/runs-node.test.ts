/** Which playground examples offer "Run for real": those whose image starts a Node program. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { build, type ContextInput } from '../../../src/lib/build/index.ts';
import { runsNode } from '../../../src/lib/realrun/index.ts';

const examples = join(import.meta.dirname, '..', '..', '..', 'src', 'components', 'playground', 'examples');

function context(dir: string): ContextInput {
  const files: Record<string, { content: string }> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = { content: readFileSync(path, 'utf8') };
    }
  };
  walk(dir);
  return files;
}

function offered(folder: string, target?: string): boolean {
  const dockerfile = readFileSync(join(examples, folder, 'Dockerfile'), 'utf8');
  const result = build({ dockerfile, context: context(join(examples, folder, 'context')), ...(target === undefined ? {} : { target }) });
  if (result.image === null) throw new Error(`${folder} did not build`);
  return runsNode(result.image);
}

test('the TypeScript API (node dist/server.js through the node image entrypoint) is offered', () => {
  expect(offered('03-typescript-api-non-root')).toBe(true);
});

test('images whose program is nginx, Python or a Go binary are not', () => {
  expect(offered('01-go-debian-slim')).toBe(false);
  expect(offered('02-node-nginx-site')).toBe(false);
  expect(offered('05-dev-test-prod-targets', 'prod')).toBe(false);
});
