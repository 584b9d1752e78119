/**
 * The hub as a function of requests: `createHubApp({ db, now, config })` returns a Hono app
 * that tests drive with `app.request()` and `serve.ts` puts on a socket. It holds no state
 * but rate-limit buckets, so several processes can serve one database.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { dashboardRoutes } from './routes-dashboard';
import { agentRoutes } from './routes-agents';
import { publishRoutes } from './routes-publish';
import { RateLimiter } from './rate-limit';
import { problem, type HubDeps, type HubEnv, type Limiters } from './http';

export type { HubDeps } from './http';

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
