/**
 * The browser tests' static server (tests/e2e/static-server.ts) against a small fixture site: content
 * types, astro-preview-style index resolution, the 404 page, extra headers and refused traversal.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contentType, startStaticServer, type StaticServer } from '../e2e/static-server.ts';

let outside: string;
let server: StaticServer;

const files: Record<string, string> = {
  'index.html': '<h1>home</h1>',
  '404.html': '<h1>not here</h1>',
  'lessons/index.html': '<h1>lessons</h1>',
  'about.html': '<h1>about</h1>',
  '_astro/app.js': 'export {};',
  '_astro/site.css': 'body{}',
  'favicon.svg': '<svg/>',
};

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'stagecraft-static-server-test-'));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  const root = join(outside, 'dist');
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  server = await startStaticServer({
    root,
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(outside, { recursive: true, force: true });
});

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A request with the path sent exactly as written (fetch would normalise `..` away). */
function get(path: string, method = 'GET'): Promise<Answer> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('content types', () => {
  test.each([
    ['a.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.wasm', 'application/wasm'],
    ['a.woff2', 'font/woff2'],
    ['a.txt', 'text/plain; charset=utf-8'],
    ['a.xml', 'application/xml; charset=utf-8'],
    ['site.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['A.PNG', 'image/png'],
    ['a.bin', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentType(file)).toBe(type);
  });

  test('served files carry their type and exact bytes', async () => {
    expect(await get('/_astro/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'export {};' });
    expect(await get('/_astro/site.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8', body: 'body{}' });
    expect(await get('/favicon.svg')).toMatchObject({ status: 200, type: 'image/svg+xml', body: '<svg/>' });
  });
});

describe('resolution as astro preview does it', () => {
  test.each([
    ['/', '<h1>home</h1>'],
    ['/index.html', '<h1>home</h1>'],
    ['/?x=1#top', '<h1>home</h1>'],
    ['/lessons/', '<h1>lessons</h1>'],
    ['/lessons', '<h1>lessons</h1>'],
    ['/lessons/?q=a', '<h1>lessons</h1>'],
    ['/about', '<h1>about</h1>'],
    ['/about/', '<h1>about</h1>'],
    ['/about.html', '<h1>about</h1>'],
    ['/%6cessons/', '<h1>lessons</h1>'],
  ])('%s serves the page', async (path, body) => {
    expect(await get(path)).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body });
  });

  test('a missing page gets 404.html with status 404', async () => {
    for (const path of ['/no-such-page/', '/no-such-page', '/_astro/missing.js', '/favicon.svg/']) {
      expect(await get(path)).toMatchObject({ status: 404, type: 'text/html; charset=utf-8', body: '<h1>not here</h1>' });
    }
  });

  test('HEAD answers the headers without a body', async () => {
    const answer = await get('/lessons/', 'HEAD');
    expect(answer).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '' });
    expect(answer.headers['content-length']).toBe(String('<h1>lessons</h1>'.length));
  });

  test('other methods are refused', async () => {
    expect(await get('/', 'POST')).toMatchObject({ status: 405, body: 'Method not allowed\n' });
  });
});

describe('extra headers', () => {
  test('are sent with pages, assets and the 404 page', async () => {
    for (const path of ['/', '/_astro/app.js', '/no-such-page/']) {
      const { headers } = await get(path);
      expect([headers['cross-origin-opener-policy'], headers['cross-origin-embedder-policy']]).toEqual([
        'same-origin',
        'require-corp',
      ]);
    }
  });
});

describe('path traversal', () => {
  test.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/lessons/..%2f..%2fsecret.txt', '/..'])(
    '%s is refused',
    async (path) => {
      expect(await get(path)).toMatchObject({ status: 403, body: 'Forbidden\n' });
    },
  );

  test('a path that climbs but stays inside the root is served', async () => {
    expect(await get('/lessons/%2e%2e/about')).toMatchObject({ status: 200, body: '<h1>about</h1>' });
  });

  test('malformed paths are bad requests', async () => {
    expect(await get('/%E0%A4%A')).toMatchObject({ status: 400, body: 'Bad request\n' });
    expect(await get('/index.html%00.txt')).toMatchObject({ status: 400, body: 'Bad request\n' });
  });
});
