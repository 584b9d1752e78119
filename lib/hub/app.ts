/**
 * The hub as a function of requests: `createHubApp({ db, now, config })` returns a Hono app
 * that tests drive with `app.request()` and `serve.ts` puts on a socket. It holds no state
 * but rate-limit buckets, so several processes can serve one database.
 */
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { dashboardRoutes } from './routes-dashboard';
import { agentRoutes } from './routes-agents';
import { publishRoutes } from './routes-publish';
import type { HubConfig } from './config';
import type { Db } from './db';
import { RateLimiter } from './rate-limit';

export interface HubDeps {
  db: Db;
  now: () => number;
  config: HubConfig;
}

export interface HubEnv {
  Variables: { deps: HubDeps; limiters: Limiters; email: string; csrf: string };
}

export type Limiters = Record<keyof HubConfig['limits'], RateLimiter>;

/** A JSON error naming the problem: `{ error: code, message }`. */
export function problem(c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429, code: string, message: string) {
  return c.json({ error: code, message }, status);
}

/** The caller's address as the socket saw it (behind a proxy: the proxy; see docs/hub.md). */
export function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

export function limited(c: Context<HubEnv>, which: keyof Limiters, key: string): Response | undefined {
  const limiter = c.get('limiters')[which];
  if (limiter.take(key)) return undefined;
  c.header('Retry-After', String(limiter.retryAfter()));
  return problem(c, 429, 'rate-limited', 'Too many requests; try again later.');
}

export function createHubApp(deps: HubDeps): Hono<HubEnv> {
  const limiters = Object.fromEntries(Object.entries(deps.config.limits).map(([k, l]) => [k, new RateLimiter(l, deps.now)])) as Limiters;
  const app = new Hono<HubEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('limiters', limiters);
    await next();
  });
  // No inline scripts anywhere: the chart script is a file, its data a JSON block.
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], frameAncestors: ["'none'"] } }));
  app.get('/healthz', async (c) => {
    await deps.db.query('SELECT 1');
    return c.json({ ok: true });
  });
  app.route('/', agentRoutes());
  app.route('/', publishRoutes());
  app.route('/', dashboardRoutes());
  app.onError((err, c) => {
    console.error('cuecard hub:', err);
    return c.json({ error: 'internal', message: 'The hub could not complete this request; nothing was stored. Try again.' }, 503);
  });
  app.notFound((c) => problem(c, 404, 'not-found', `No such page: ${c.req.method} ${c.req.path}`));
  return app;
}
