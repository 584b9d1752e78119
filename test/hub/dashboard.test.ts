/**
 * The dashboard through app.request: login (scrypt), cookie flags, CSRF on every form post,
 * and what the Releases, Adherence and Broken-anchors pages show — with small groups hidden
 * unless the hub is configured to show individuals. Runs on PGlite; the SQL is the store's,
 * covered on PostgreSQL by store.test.ts and api.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addUser } from '../../lib/hub/accounts';
import { BACKENDS, Clock, eventId, hubFor, runEvent, signedTeamPack } from './kit';

const PASSWORD = 'correct horse battery';
const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('cuecard_session='));

async function setup(config = {}) {
  const o = await BACKENDS[0]!.open();
  const clock = new Clock();
  const hub = await hubFor(o.db, clock, config);
  await addUser(o.db, 'lead@example.com', PASSWORD, clock.now());
  const origin = 'http://localhost';
  const form = (fields: Record<string, string>, cookie: string, extra: Record<string, string> = {}) => ({
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: origin, ...extra },
  });
  const login = async (password = PASSWORD) => {
    const page = await hub.app.request('/login');
    const setCookie = page.headers.get('Set-Cookie')!;
    const loginCookie = setCookie.split(';')[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    return hub.app.request('/login', form({ csrf, email: 'lead@example.com', password }, loginCookie));
  };
  const session = async () => {
    const res = await login();
    const cookie = sessionCookie(res)!.split(';')[0]!;
    const html = await (await hub.app.request('/releases', { headers: { Cookie: cookie } })).text();
    return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(html)![1]!, html };
  };
  const get = async (path: string, cookie: string) => (await hub.app.request(path, { headers: { Cookie: cookie } })).text();
  return { ...hub, db: o.db, drop: o.drop, clock, form, login, session, get };
}

// Each test starts PGlite and hashes passwords with scrypt: seconds each on a busy machine.
describe('hub dashboard', { timeout: 90_000 }, () => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it('signs in with the right password only, with an httpOnly SameSite=Strict session cookie', async () => {
    const h = await setup();
    drop = h.drop;
    expect((await h.app.request('/releases')).headers.get('Location')).toBe('/login');
    const wrong = await h.login('wrong password!!');
    expect(wrong.headers.get('Location')).toBe('/login?failed=1');
    expect(sessionCookie(wrong)).toBeUndefined();
    const ok = await h.login();
    expect(ok.headers.get('Location')).toBe('/releases');
    expect(sessionCookie(ok)).toMatch(/^cuecard_session=[^;]+;.*HttpOnly.*SameSite=Strict/);
    // 5 attempts a minute per address (two used above): password guessing is slowed down.
    const attempts = [];
    for (let i = 0; i < 4; i++) attempts.push((await h.login('guess number ' + i)).status);
    expect(attempts).toEqual([303, 303, 303, 429]);
    h.clock.advance(60_000);
    expect((await h.login()).status).toBe(303);
  });

  it('refuses a form post without the CSRF token, with another one, or from another origin; and a login form from another site', async () => {
    const h = await setup();
    drop = h.drop;
    const { cookie, csrf } = await h.session();
    const upload = await h.app.request('/api/releases', { method: 'POST', body: await signedTeamPack(h.key.privateKey, 1, 1), headers: h.auth });
    const id = ((await upload.json()) as { release: { id: number } }).release.id;
    expect((await h.app.request(`/releases/${id}/everyone`, h.form({}, cookie))).status).toBe(403);
    expect((await h.app.request(`/releases/${id}/everyone`, h.form({ csrf: 'x'.repeat(csrf.length) }, cookie))).status).toBe(403);
    expect((await h.app.request(`/releases/${id}/everyone`, h.form({ csrf }, cookie, { Origin: 'https://evil.example' }))).status).toBe(403);
    expect((await h.app.request(`/releases/${id}/everyone`, h.form({ csrf }, 'cuecard_session=forged'))).status).toBe(401);
    expect(await h.get('/releases', cookie)).toContain('data-stage="draft"');
    const done = await h.app.request(`/releases/${id}/everyone`, h.form({ csrf }, cookie));
    expect(done.status).toBe(303);
    expect(await h.get('/releases', cookie)).toContain('data-stage="everyone"');
    const forgedLogin = await h.app.request(
      '/login',
      h.form({ csrf: 'abc', email: 'lead@example.com', password: PASSWORD }, 'cuecard_login_csrf=abc', { Origin: 'https://evil.example' }),
    );
    expect(forgedLogin.status).toBe(403);
    expect((await h.app.request('/logout', h.form({ csrf }, cookie))).status).toBe(303);
    expect((await h.app.request('/releases', { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it('shows per release who has it and who has not acknowledged each changed phrase', async () => {
    const h = await setup();
    drop = h.drop;
    const up = async (v: 1 | 2, seq: number) =>
      (
        (await (await h.app.request('/api/releases', { method: 'POST', body: await signedTeamPack(h.key.privateKey, v, seq), headers: h.auth })).json()) as {
          release: { id: number };
        }
      ).release.id;
    const [r1, r2] = [await up(1, 1), await up(2, 2)];
    const promote = (id: number, body: unknown) =>
      h.app.request(`/api/releases/${id}/promote`, { method: 'POST', body: JSON.stringify(body), headers: h.auth });
    await promote(r1, { stage: 'everyone' });
    await promote(r2, { stage: 'pilot', agents: ['a1', 'a2'] });
    const creds: Record<string, string> = {};
    for (const a of ['a1', 'a2', 'b1']) {
      const res = await h.app.request('/api/enrol', { method: 'POST', body: JSON.stringify({ token: h.enrolToken, agentId: a }) });
      creds[a] = ((await res.json()) as { credential: string }).credential;
    }
    const send = (a: string, events: unknown[]) =>
      h.app.request('/api/events', { method: 'POST', body: JSON.stringify({ events }), headers: { Authorization: `Bearer ${creds[a]}` } });
    const at = h.clock.now();
    await send('a1', [
      { id: eventId(), type: 'release', at, packId: 'acme.team-b', version: 2, sequence: 2 },
      { id: eventId(), type: 'ack', at, packId: 'acme.team-b', version: 2, procedureId: 'callback', stepId: 'close', phraseId: 'bye' },
    ]);
    const { cookie } = await h.session();
    const html = await h.get('/releases', cookie);
    const pilot = html.slice(html.indexOf(`data-release="${r2}"`));
    expect(pilot).toContain('Have it: 1 / 2');
    expect(pilot).toContain('Not yet: a2');
    expect(pilot).toMatch(/callback \/ close \/ bye<\/td><td>1 \/ 2<\/td><td>a2<\/td>/);
    expect(pilot).toMatch(/callback \/ close \/ thanks<\/td><td>0 \/ 2<\/td><td>a1, a2<\/td>/);
    expect(await h.get('/releases', `${cookie}; lang=zh`)).toContain('已收到: 1 / 2');
  });

  it('hides adherence and anchors of fewer than 5 agents by default, shows them with showIndividuals, and exports CSV', async () => {
    for (const showIndividuals of [false, true]) {
      const h = await setup({ showIndividuals });
      drop = h.drop;
      const creds: string[] = [];
      for (const a of ['a1', 'a2']) {
        const res = await h.app.request('/api/enrol', { method: 'POST', body: JSON.stringify({ token: h.enrolToken, agentId: a }) });
        creds.push(((await res.json()) as { credential: string }).credential);
      }
      const skip = { itemId: 'greeted', stepId: 'open', reason: 'customer called back on 13812345678' };
      await h.app.request('/api/events', {
        method: 'POST',
        body: JSON.stringify({
          events: [
            runEvent({ skipped: [skip] }),
            runEvent({
              path: [
                { stepId: 'open', ms: 1000 },
                { stepId: 'close', ms: 1000 },
                { stepId: 'open', ms: 3000 },
              ],
              outcome: 'abandoned',
            }),
          ],
        }),
        headers: { Authorization: `Bearer ${creds[0]}` },
      });
      await h.app.request('/api/events', {
        method: 'POST',
        body: JSON.stringify({
          events: [
            {
              id: eventId(),
              type: 'anchor',
              at: h.clock.now(),
              packId: 'acme.team-b',
              anchorId: 'phone-field',
              page: 'https://crm.example/customers/88812345678',
            },
          ],
        }),
        headers: { Authorization: `Bearer ${creds[1]}` },
      });
      const { cookie } = await h.session();
      const adherence = await h.get('/adherence', cookie);
      const anchors = await h.get('/anchors', cookie);
      const csv = await h.app.request('/adherence.csv?p=acme.team-b%2Fcallback%2F1', { headers: { Cookie: cookie } });
      if (!showIndividuals) {
        expect(adherence).toContain('No contacts reported for groups of 5 or more agents yet.');
        expect(adherence).not.toContain('customer called back');
        expect(anchors).toContain('No broken anchors reported by groups of 5 or more agents.');
        expect(csv.status).toBe(404);
      } else {
        expect(adherence).toContain('Contacts: 2 · Agents: 1');
        expect(adherence).toContain('customer called back on 138****5678');
        // Median of 20 s, 1 s and 3 s, read from the histogram: the 3 s bucket's middle (±4.5 %).
        expect(adherence).toMatch(/<td>open<\/td><td>3<\/td><td>3.2<\/td><td>[\d.]+<\/td><td>1<\/td>/);
        expect(adherence).toMatch(/<td>open<\/td><td>Abandoned<\/td><td>1<\/td>/);
        expect(adherence).toContain('data-chart=');
        expect(anchors).toContain('https://crm.example/customers/888****5678');
        expect(csv.status).toBe(200);
        expect(await csv.text()).toMatch(/^pack,procedure,version,step,visits,median_ms,p90_ms,back_steps\r\nacme.team-b,callback,1,open,3,/);
      }
      await h.drop();
      drop = undefined;
    }
  });
});
