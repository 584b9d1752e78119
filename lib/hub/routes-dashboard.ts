/**
 * The dashboard: login with scrypt-checked passwords, a session cookie (httpOnly,
 * SameSite=Strict, Secure over HTTPS), and a CSRF token in every form post — the session's
 * own token after login, a double-submit cookie for the login form itself. SameSite alone
 * would do in current browsers; the token also covers older ones and same-site subdomains.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { h, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { AdherencePage, AnchorsPage } from '../../components/hub/AdherencePage';
import { LoginPage } from '../../components/hub/Layout';
import { ReleasesPage } from '../../components/hub/ReleasesPage';
import { checkLogin, createSession, endSession, getSession, SESSION_MS } from './accounts';
import { clientIp, limited, type HubEnv } from './http';
import { limitBody } from './read-body';
import { minGroupOf } from './config';
import { pickLang, translator, type Lang } from './i18n';
import { releaseStatus } from './report-releases';
import { adherence, brokenAnchors, procedures, toCsv, type Filter, type ProcedureKey } from './report-adherence';
import { coachingSteps } from './coaching';
import { applyDue, listReleases, pause, promote } from './releases';
import { randomToken, sameSecret } from './secrets';

const SESSION = 'cuecard_session';
const LOGIN_CSRF = 'cuecard_login_csrf';
/** Sign-in: an e-mail, a password and a token. The dashboard's forms: a few fields, an audience list. */
const LOGIN_FORM_BYTES = 8 * 1024;
const FORM_BYTES = 64 * 1024;

function html<P>(c: Context, node: VNode<P>) {
  return c.html(`<!doctype html>${render(node as unknown as VNode)}`);
}

const ASSETS = loadAssets();
function loadAssets(): Record<string, { type: string; body: string }> {
  const req = createRequire(import.meta.url);
  const uplot = req.resolve('uplot').replace(/[^/\\]+$/, '');
  const own = new URL('../../components/hub/assets/', import.meta.url);
  return {
    'uPlot.iife.min.js': { type: 'text/javascript', body: readFileSync(`${uplot}uPlot.iife.min.js`, 'utf8') },
    'uPlot.min.css': { type: 'text/css', body: readFileSync(`${uplot}uPlot.min.css`, 'utf8') },
    'chart.js': { type: 'text/javascript', body: readFileSync(new URL('chart.js', own), 'utf8') },
    'hub.css': { type: 'text/css', body: readFileSync(new URL('hub.css', own), 'utf8') },
  };
}

function langOf(c: Context): Lang {
  return pickLang(getCookie(c, 'lang'), c.req.header('Accept-Language'));
}

/** A cross-site form post carries a foreign Origin; no Origin (old browsers) falls to the token. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('Origin');
  return origin === undefined || origin === new URL(c.req.url).origin;
}

export function dashboardRoutes() {
  const app = new Hono<HubEnv>();
  const cookieOpts = (c: Context<HubEnv>, maxAge: number) => ({
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: c.get('deps').config.secureCookies,
    path: '/',
    maxAge,
  });

  app.get('/assets/:name', (c) => {
    const a = ASSETS[c.req.param('name')];
    return a ? c.body(a.body, 200, { 'Content-Type': `${a.type}; charset=utf-8`, 'Cache-Control': 'public, max-age=3600' }) : c.notFound();
  });

  app.get('/lang', (c) => {
    setCookie(c, 'lang', langOf(c) === 'zh' ? 'en' : 'zh', { sameSite: 'Strict', path: '/', maxAge: 365 * 86400 });
    return c.redirect(c.req.header('Referer')?.startsWith(new URL(c.req.url).origin) ? c.req.header('Referer')! : '/releases', 303);
  });

  app.get('/login', (c) => {
    // Keep a login token already issued: a browser's own /favicon.ico request is redirected
    // here without a session, and a fresh token would make the open form stale (every login
    // in real Chromium was refused; found by test/e2e/hub.e2e.ts). Double-submit stays sound:
    // another site can neither read nor set this cookie.
    const held = getCookie(c, LOGIN_CSRF);
    const csrf = held && /^[A-Za-z0-9_-]{24,64}$/.test(held) ? held : randomToken();
    setCookie(c, LOGIN_CSRF, csrf, cookieOpts(c, 3600));
    return html(c, h(LoginPage, { t: translator(langOf(c)), csrf, failed: c.req.query('failed') === '1' }));
  });

  app.post('/login', async (c) => {
    const over = limited(c, 'login', `ip:${clientIp(c)}`);
    if (over) return over;
    const tooLarge = await limitBody(c, LOGIN_FORM_BYTES);
    if (tooLarge) return tooLarge;
    const form = await c.req.parseBody();
    const cookie = getCookie(c, LOGIN_CSRF);
    if (!sameOrigin(c) || !cookie || typeof form.csrf !== 'string' || !sameSecret(cookie, form.csrf))
      return c.text('Forbidden: the form is stale or came from another site; reload the sign-in page.', 403);
    const { db, now } = c.get('deps');
    const email = String(form.email ?? '').slice(0, 200);
    if (!(await checkLogin(db, email, String(form.password ?? '').slice(0, 1000)))) return c.redirect('/login?failed=1', 303);
    const session = await createSession(db, email, now());
    deleteCookie(c, LOGIN_CSRF, { path: '/' });
    setCookie(c, SESSION, session.token, cookieOpts(c, SESSION_MS / 1000));
    return c.redirect('/releases', 303);
  });

  // Everything below needs a session; form posts also need its CSRF token.
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/feed/') || c.req.path.startsWith('/packs/') || c.req.path === '/healthz') return next();
    const { db, now } = c.get('deps');
    const token = getCookie(c, SESSION);
    const session = token ? await getSession(db, token, now()) : undefined;
    if (!session) return c.req.method === 'GET' ? c.redirect('/login', 303) : c.text('Unauthorized: sign in again.', 401);
    if (c.req.method === 'POST') {
      const tooLarge = await limitBody(c, FORM_BYTES);
      if (tooLarge) return tooLarge;
      const form = await c.req.parseBody();
      if (!sameOrigin(c) || typeof form.csrf !== 'string' || !sameSecret(form.csrf, session.csrf))
        return c.text('Forbidden: the form is stale or came from another site; reload the page.', 403);
    }
    c.set('email', session.email);
    c.set('csrf', session.csrf);
    return next();
  });

  const page = (c: Context<HubEnv>) => ({ t: translator(langOf(c)), csrf: c.get('csrf'), email: c.get('email') });

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION);
    if (token) await endSession(c.get('deps').db, token);
    deleteCookie(c, SESSION, { path: '/' });
    return c.redirect('/login', 303);
  });

  app.get('/', (c) => c.redirect('/releases', 303));

  app.get('/releases', async (c) => {
    const { db, now } = c.get('deps');
    await applyDue(db, now());
    const drafts = (await listReleases(db)).filter((r) => r.stage === 'draft');
    return html(c, h(ReleasesPage, { ...page(c), statuses: await releaseStatus(db), drafts }));
  });

  app.post('/releases/:id/:action', async (c) => {
    const { db, now } = c.get('deps');
    const id = Number(c.req.param('id')) || 0;
    const form = await c.req.parseBody();
    const at = typeof form.at === 'string' && form.at ? Date.parse(`${form.at}Z`) : undefined;
    const audience = String(form.audience ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const action = c.req.param('action');
    const result =
      action === 'pause'
        ? await pause(db, id, now())
        : action === 'everyone'
          ? await promote(db, id, { stage: 'everyone', at }, now())
          : action === 'pilot'
            ? await promote(db, id, { stage: 'pilot', agents: audience, teams: audience, at }, now())
            : { ok: false as const, status: 404 as const, message: 'Unknown action.' };
    if (!result.ok) return c.text(result.message, result.status);
    return c.redirect('/releases', 303);
  });

  const filterOf = (c: Context): { key?: ProcedureKey; filter: Filter } => {
    const q = c.req.query();
    const date = (s?: string, plusDay = false) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) + (plusDay ? 86400_000 : 0) : undefined);
    const m = /^([a-z0-9._-]+)\/([a-z0-9._-]+)\/(\d+)$/.exec(q.p ?? '');
    const filter: Filter = { team: q.team || undefined, channel: q.channel || undefined, from: date(q.from), to: date(q.to, true) };
    return { key: m ? { pack_id: m[1]!, procedure_id: m[2]!, version: Number(m[3]) } : undefined, filter };
  };

  app.get('/adherence', async (c) => {
    const { db, config } = c.get('deps');
    const min = minGroupOf(config);
    const { key, filter } = filterOf(c);
    const list = await procedures(db, filter, min);
    const selected = key ?? list[0];
    const data = selected ? await adherence(db, selected, filter, min) : undefined;
    const coaching = selected ? await coachingSteps(db, selected, filter, min) : undefined;
    const query =
      new URL(c.req.url).search.slice(1) || (selected ? `p=${encodeURIComponent(`${selected.pack_id}/${selected.procedure_id}/${selected.version}`)}` : '');
    return html(c, h(AdherencePage, { ...page(c), procedures: list, selected, data, coaching, filter, query, minGroup: min }));
  });

  app.get('/adherence.csv', async (c) => {
    const { db, config } = c.get('deps');
    const { key, filter } = filterOf(c);
    const data = key ? await adherence(db, key, filter, minGroupOf(config)) : undefined;
    if (!data) return c.text('Nothing to export: no procedure chosen, or fewer agents than the privacy threshold.', 404);
    const rows = data.steps.map((s) => ({
      pack: key!.pack_id,
      procedure: key!.procedure_id,
      version: key!.version,
      step: s.step,
      visits: s.visits,
      median_ms: s.median,
      p90_ms: s.p90,
      back_steps: s.back,
    }));
    return c.body(toCsv(rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${key!.procedure_id}-v${key!.version}.csv"`,
    });
  });

  app.get('/anchors', async (c) => {
    const { db, config } = c.get('deps');
    const min = minGroupOf(config);
    return html(c, h(AnchorsPage, { ...page(c), rows: await brokenAnchors(db, min), minGroup: min }));
  });
  return app;
}
