/**
 * A small static file server for the built site, so browser tests need no `astro preview` (Astro
 * allows one per project at a time). It resolves URLs the way `astro preview` does for this site's
 * config (default `trailingSlash: 'ignore'`, `build.format: 'directory'`): `/foo/` and `/foo` both
 * serve `foo/index.html` or `foo.html`, without a redirect; anything else missing gets `404.html`
 * with status 404.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export interface StaticServerOptions {
  /** The folder to serve, e.g. dist/. */
  root: string;
  /** Sent with every response, e.g. COOP/COEP for cross-origin isolation. */
  headers?: Readonly<Record<string, string>>;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, the port picked by the OS. */
  origin: string;
  close(): Promise<void>;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/** The Content-Type for a file name; unknown extensions are opaque bytes. */
export function contentType(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** URL paths to try, in astro preview's order, for a decoded request path. */
function candidates(pathname: string): string[] {
  if (pathname.endsWith('/')) {
    return pathname === '/' ? ['/index.html'] : [`${pathname}index.html`, `${pathname.slice(0, -1)}.html`];
  }
  return [pathname, `${pathname}.html`, `${pathname}/index.html`];
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

type Resolution = { kind: 'file'; path: string } | { kind: 'missing' } | { kind: 'bad request' } | { kind: 'forbidden' };

/**
 * The file under `root` that a raw request target names. The path is decoded before the check that
 * it stays inside `root`, so `..%2f` cannot climb out either.
 */
export async function resolveRequest(root: string, target: string): Promise<Resolution> {
  const raw = target.split(/[?#]/, 1)[0] ?? '';
  let pathname: string;
  try {
    pathname = decodeURIComponent(raw);
  } catch {
    return { kind: 'bad request' };
  }
  if (!pathname.startsWith('/') || pathname.includes('\0')) return { kind: 'bad request' };
  const base = resolve(root);
  for (const candidate of candidates(pathname)) {
    const path = resolve(base, `.${candidate}`);
    if (path !== base && !path.startsWith(base + sep)) return { kind: 'forbidden' };
    if (await isFile(path)) return { kind: 'file', path };
  }
  return { kind: 'missing' };
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  type: string,
  body: Buffer | string,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

async function handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(request, response, 405, contentTypes['.txt']!, 'Method not allowed\n');
  }
  const found = await resolveRequest(root, request.url ?? '/');
  switch (found.kind) {
    case 'file':
      return send(request, response, 200, contentType(found.path), await readFile(found.path));
    case 'bad request':
      return send(request, response, 400, contentTypes['.txt']!, 'Bad request\n');
    case 'forbidden':
      return send(request, response, 403, contentTypes['.txt']!, 'Forbidden\n');
    case 'missing': {
      const notFoundPage = join(root, '404.html');
      if (await isFile(notFoundPage)) return send(request, response, 404, contentTypes['.html']!, await readFile(notFoundPage));
      return send(request, response, 404, contentTypes['.txt']!, 'Not found\n');
    }
  }
}

/** Serves `root` on 127.0.0.1 at a port the OS picks. */
export function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(options.headers ?? {})) response.setHeader(name, value);
    handle(options.root, request, response).catch((error: unknown) => {
      // A file that vanished between stat and read, for instance: answer instead of hanging the page.
      if (!response.headersSent) send(request, response, 500, contentTypes['.txt']!, `${String(error)}\n`);
      else response.destroy();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return reject(new Error('the static server has no port'));
      resolvePromise({
        origin: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive connections from the browser would otherwise hold close() open.
            server.closeAllConnections();
          }),
      });
    });
  });
}
