/**
 * The hub as a function of requests: `createHubApp({ db, now, config })` returns a Hono app
 * that tests drive with `app.request()` and `serve.ts` puts on a socket. It holds no state
 * but rate-limit buckets, so several processes can serve one database.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { problem, type HubDeps, type HubEnv, type Limiters } from './http';
import { dashboardRoutes } from './routes-dashboard';
import { agentRoutes } from './routes-agents';
import { publishRoutes } from './routes-publish';
import { studioRoutes } from './routes-studio';
import { ensureStudioBuilt } from '../studio/assets';
import { RateLimiter } from './rate-limit';

export type { HubDeps, HubEnv } from './http';

export function createHubApp(deps: HubDeps): Hono<HubEnv> {
  const limiters = Object.fromEntries(Object.entries(deps.config.limits).map(([k, l]) => [k, new RateLimiter(l, deps.now)])) as Limiters;
  const app = new Hono<HubEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('limiters', limiters);
    await next();
  });
  // No inline scripts anywhere: the chart script is a file, its data a JSON block.
  // Referrer-Policy same-origin, not secureHeaders' no-referrer: under no-referrer Chromium sends
  // `Origin: null` with the dashboard's own form posts, and the CSRF check refuses every login
  // (found by test/e2e/hub.e2e.ts in real Chromium; app.request() tests send no Origin).
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], frameAncestors: ["'none'"] },
      referrerPolicy: 'same-origin',
    }),
  );
  app.get('/healthz', async (c) => {
    await deps.db.query('SELECT 1');
    return c.json({ ok: true });
  });
  app.route('/', agentRoutes());
  app.route('/', publishRoutes());
  // Before the dashboard: its catch-all checks form posts, Studio's writes are JSON.
  app.route(
    '/',
    studioRoutes(() => ensureStudioBuilt()),
  );
  app.route('/', dashboardRoutes());
  app.onError((err, c) => {
    console.error('cuecard hub:', err);
    return c.json({ error: 'internal', message: 'The hub could not complete this request; nothing was stored. Try again.' }, 503);
  });
  app.notFound((c) => problem(c, 404, 'not-found', `No such page: ${c.req.method} ${c.req.path}`));
  return app;
}
