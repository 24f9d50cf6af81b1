import { describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../../../src/lib/build/index.ts';
import { imageHints } from '../../../src/lib/checks/image-hints.ts';

const context = { 'big.bin': { content: 'x'.repeat(5000) }, 'app.txt': { content: 'app\n' } };
const run = (dockerfile: string): BuildResult => build({ dockerfile, context });

describe('image hints', () => {
  test('a clean non-root image gets none', () => {
    expect(imageHints(run('FROM alpine:3.20\nCOPY app.txt /app/\nUSER nobody\n'))).toEqual([]);
  });

  test('no USER: runs as root', () => {
    expect(imageHints(run('FROM alpine:3.20\nCOPY app.txt /app/\n'))).toEqual([
      {
        severity: 'warning',
        code: 'RunsAsRoot',
        message: 'The container runs as root (USER is not set).',
        hint: 'Add a USER instruction with an unprivileged user in the final stage, so a compromised process cannot change the whole container.',
      },
    ]);
    expect(imageHints(run('FROM alpine:3.20\nUSER 0:0\n')).map((d) => d.message)).toEqual(['The container runs as root (USER is "0:0").']);
  });

  test('a compiler in the final image', () => {
    expect(imageHints(run('FROM golang:1.24\nUSER nobody\n'))).toEqual([
      {
        severity: 'info',
        code: 'BuildToolInImage',
        message: 'The final image contains build tools: go, gcc, g++, cc, make.',
        hint: 'Compile in an earlier stage and copy only the result into a smaller runtime image with COPY --from.',
      },
    ]);
  });

  test('a package manager this Dockerfile adds (not the one the base image ships)', () => {
    expect(imageHints(run('FROM node:22-alpine\nUSER node\n'))).toEqual([]);
    expect(imageHints(run('FROM alpine:3.20\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nUSER nobody\n'))).toEqual([
      {
        severity: 'info',
        code: 'PackageManagerAdded',
        message: 'This Dockerfile put package managers into the final image: composer.',
        hint: 'Install packages in a build stage and copy only what the program needs, so the running image cannot install more.',
      },
    ]);
  });

  test('a file deleted in a later layer is still shipped', () => {
    const hints = imageHints(run('FROM alpine:3.20\nCOPY big.bin /data/big.bin\nRUN rm /data/big.bin\nUSER nobody\n'));
    expect(hints).toEqual([
      {
        severity: 'warning',
        code: 'DeletedButShipped',
        message: '/data/big.bin is deleted on line 3, but its 5,000 bytes are still shipped in an earlier layer.',
        hint: 'Delete files in the same RUN that creates them, or build in another stage and copy only what you need.',
        range: { line: 3, column: 1, endLine: 3, endColumn: Number.MAX_SAFE_INTEGER },
      },
    ]);
  });

  test('a secret-looking ENV value stays in the image', () => {
    expect(imageHints(run('FROM alpine:3.20\nENV API_TOKEN=abc123 TOKENIZER=off\nUSER nobody\n'))).toEqual([
      {
        severity: 'warning',
        code: 'SecretInImage',
        message: 'API_TOKEN looks like a secret, and its value is stored in the image (config or history).',
        hint: 'Anyone who pulls the image can read it with docker history or docker inspect. Pass secrets with RUN --mount=type=secret instead.',
      },
    ]);
  });

  test('a failed build has no image and no image hints', () => {
    expect(imageHints(run('FROM alpine:3.20\nCOPY missing.txt /\n'))).toEqual([]);
  });
});
