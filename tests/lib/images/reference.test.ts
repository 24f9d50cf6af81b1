import { describe, expect, test } from 'vitest';
import { parseImageRef } from '../../../src/lib/images/index.ts';

const hex64 = 'a'.repeat(64);

// [input, canonical, familiar] — normalisation as distribution/reference does it.
const valid: [string, string, string][] = [
  ['node', 'docker.io/library/node:latest', 'node:latest'],
  ['node:20-alpine', 'docker.io/library/node:20-alpine', 'node:20-alpine'],
  ['library/node', 'docker.io/library/node:latest', 'node:latest'],
  ['library/node:20', 'docker.io/library/node:20', 'node:20'],
  ['docker.io/library/node:20', 'docker.io/library/node:20', 'node:20'],
  ['docker.io/node', 'docker.io/library/node:latest', 'node:latest'],
  ['index.docker.io/library/node', 'docker.io/library/node:latest', 'node:latest'],
  ['ubuntu:24.04', 'docker.io/library/ubuntu:24.04', 'ubuntu:24.04'],
  ['bitnami/nginx', 'docker.io/bitnami/nginx:latest', 'bitnami/nginx:latest'],
  ['docker.io/library/foo/bar', 'docker.io/library/foo/bar:latest', 'library/foo/bar:latest'],
  ['gcr.io/distroless/static-debian12', 'gcr.io/distroless/static-debian12:latest', 'gcr.io/distroless/static-debian12:latest'],
  ['gcr.io/distroless/base-debian12:nonroot', 'gcr.io/distroless/base-debian12:nonroot', 'gcr.io/distroless/base-debian12:nonroot'],
  ['localhost/foo', 'localhost/foo:latest', 'localhost/foo:latest'],
  ['localhost:5000/team/app:1.0', 'localhost:5000/team/app:1.0', 'localhost:5000/team/app:1.0'],
  ['GCR.io/distroless/static', 'GCR.io/distroless/static:latest', 'GCR.io/distroless/static:latest'],
  // An upper-case first component is taken for a registry host, as Docker does.
  ['Foo/bar', 'Foo/bar:latest', 'Foo/bar:latest'],
  ['node:Latest', 'docker.io/library/node:Latest', 'node:Latest'],
  ['my-app__v2', 'docker.io/library/my-app__v2:latest', 'my-app__v2:latest'],
  ['node--js', 'docker.io/library/node--js:latest', 'node--js:latest'],
  [`node:20@sha256:${hex64}`, `docker.io/library/node:20@sha256:${hex64}`, `node:20@sha256:${hex64}`],
  [`node@sha256:${hex64}`, `docker.io/library/node@sha256:${hex64}`, `node@sha256:${hex64}`],
  [`registry.example.com:5000/team/app@sha256:${hex64}`, `registry.example.com:5000/team/app@sha256:${hex64}`, `registry.example.com:5000/team/app@sha256:${hex64}`],
  ['scratch', 'scratch', 'scratch'],
];

// [input, error message] — distribution/reference's own words (BuildKit shows them verbatim).
const invalid: [string, string][] = [
  ['Node', 'invalid reference format: repository name (library/Node) must be lowercase'],
  ['library/Foo', 'invalid reference format: repository name (library/Foo) must be lowercase'],
  ['Node:20', 'invalid reference format: repository name (library/Node) must be lowercase'],
  ['gcr.io/Distroless/static', 'invalid reference format: repository name (Distroless/static) must be lowercase'],
  ['', 'invalid reference format'],
  ['node:', 'invalid reference format'],
  [':20', 'invalid reference format'],
  ['node:20 ', 'invalid reference format'],
  ['node:la test', 'invalid reference format'],
  ['node:-bad', 'invalid reference format'],
  ['-node', 'invalid reference format'],
  ['node___js', 'invalid reference format'],
  ['node/', 'invalid reference format'],
  ['node@sha256:abc', 'invalid reference format'],
  [`node@sha256:${'a'.repeat(63)}`, 'invalid checksum digest length'],
  [`node@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
  [`node@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
  [hex64, `invalid repository name (${hex64}), cannot specify 64-byte hexadecimal strings`],
  ['a'.repeat(240), 'repository name must not be more than 255 characters'],
];

describe('parseImageRef', () => {
  test.each(valid)('%s → %s', (input, canonical, familiar) => {
    const result = parseImageRef(input);
    expect(result.ok && { canonical: result.value.canonical, familiar: result.value.familiar }).toEqual({ canonical, familiar });
  });

  test.each(invalid)('%j is rejected', (input, message) => {
    expect(parseImageRef(input)).toEqual({ ok: false, error: { message } });
  });

  test('splits a reference into its parts', () => {
    expect(parseImageRef(`localhost:5000/team/app:1.0@sha256:${hex64}`)).toEqual({
      ok: true,
      value: {
        domain: 'localhost:5000', path: 'team/app', tag: '1.0', digest: `sha256:${hex64}`, name: 'localhost:5000/team/app',
        canonical: `localhost:5000/team/app:1.0@sha256:${hex64}`, familiar: `localhost:5000/team/app:1.0@sha256:${hex64}`,
      },
    });
  });

  test('a digest alone leaves the tag empty rather than latest', () => {
    const result = parseImageRef(`node@sha256:${hex64}`);
    expect(result.ok && [result.value.tag, result.value.digest]).toEqual([null, `sha256:${hex64}`]);
  });
});
