// Static server for the demo "legacy CRM" in test/fixtures/crm/, used by `npm start`,
// `cuecard pack preview`, the e2e suite and the benchmarks. It lives in lib/ because the CLI
// runs it (lib/ imports nothing from test/); the pages it serves are data, found by path.
// No dependencies: node:http only.
//   node test/demo/server.mjs [port]     (default 5173; PORT and HOST env also work)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_ROOT = fileURLToPath(new URL('../../test/fixtures/crm/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
};

/** Content type for a fixture file. gbk*.html files hold GBK bytes, like old CRMs served. */
export function contentType(path) {
  const ext = extname(path).toLowerCase();
  if (ext === '.html' && /(^|[\\/])gbk[^\\/]*$/i.test(path)) return 'text/html; charset=GBK';
  return TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file under `root`, or null when it would escape it (`..`, encoded
 * `%2e%2e%2f`, backslashes, NUL): the e2e browser must never be able to read the repo.
 */
export function resolveFixturePath(root, urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null; // malformed escape
  }
  if (p.includes('\0') || p.includes('\\') || p.split('/').includes('..')) return null;
  if (p.endsWith('/')) p += 'index.html';
  const base = resolve(root);
  const full = resolve(join(base, p));
  return full === base || full.startsWith(base + sep) ? full : null;
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  // no-store: every reload must hit the server, so tests see fresh pages and real loads.
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * @param {{ port?: number, host?: string, root?: string,
 *   extraRoutes?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean | Promise<boolean> }} [options]
 *   extraRoutes runs first; return true when it answered the request (e.g. to serve pack files).
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startDemoServer({ port = 0, host = '127.0.0.1', root = FIXTURE_ROOT, extraRoutes } = {}) {
  const server = createServer(async (req, res) => {
    try {
      if (extraRoutes && (await extraRoutes(req, res))) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      const file = resolveFixturePath(root, req.url ?? '/');
      if (!file) return send(res, 403, 'Forbidden');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return send(res, 404, 'Not found');
      send(res, 200, await readFile(file), contentType(file));
    } catch (err) {
      if (!res.headersSent) send(res, 500, String(err));
      else res.destroy();
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(undefined));
  });
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${actual}`, // no trailing slash: callers write url + "/page.html"
    port: actual,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.(); // keep-alive sockets would hold close() open
        server.close(() => ok(undefined));
      }),
  };
}
