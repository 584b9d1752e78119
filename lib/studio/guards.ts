/**
 * Why these guards: any web page the lead visits can send requests to 127.0.0.1. A random
 * per-run token (in the URL the CLI prints, then a SameSite=Strict cookie) keeps other
 * sites out; the Host check stops DNS rebinding (evil.example resolving to 127.0.0.1); and
 * writes must come from our own origin, so a forged cross-site form or fetch is refused.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const TOKEN_COOKIE = 'cuecard_studio';
export const TOKEN_HEADER = 'x-studio-token';

const LOCAL_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/i;

export function isLocalHost(host: string | undefined): boolean {
  return host !== undefined && LOCAL_HOST.test(host);
}

/** Same origin: the Origin header (or Referer) must be this very host. */
export function isSameOrigin(origin: string | undefined, host: string): boolean {
  if (!origin) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

function equalTokens(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function studioGuards(token: string): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host');
    if (!isLocalHost(host)) return c.text('Studio answers only on 127.0.0.1 or localhost', 403);
    // The printed URL carries ?token=…: trade it for the cookie and drop it from the address bar.
    const fromUrl = c.req.query('token');
    if (fromUrl !== undefined && c.req.method === 'GET' && equalTokens(fromUrl, token)) {
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(url.pathname + url.search, 302);
    }
    const given = c.req.header(TOKEN_HEADER) ?? getCookie(c, TOKEN_COOKIE) ?? '';
    if (!equalTokens(given, token)) return c.text('Open Studio with the URL that "cuecard studio" printed (it carries the access token).', 401);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin') ?? c.req.header('referer');
      if (!isSameOrigin(origin, host!)) return c.json({ error: 'refused: a write must come from the Studio page itself' }, 403);
    }
    await next();
  };
}
