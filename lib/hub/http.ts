/**
 * What the hub's routes share with the app that mounts them: its context type and the
 * problem, client-address and rate-limit helpers. Kept apart from app.ts so the route files
 * do not import the module that imports them (npm run cycles).
 */
import type { Context } from 'hono';
import type { HubConfig } from './config';
import type { Db } from './db';
import type { RateLimiter } from './rate-limit';

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
