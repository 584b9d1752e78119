/**
 * The hub's `/studio` mount on each backend: login and CSRF on the JSON API, drafts seeded
 * from the default pack and kept in the database, and publishing a release signed in the
 * browser with the same verification as `POST /api/releases`, the anchor-test gate and the
 * recorded override shown on the Releases page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, createSession } from '../../lib/hub/accounts';
import { releaseFor } from '../../lib/hub/releases';
import { compile } from '../../lib/pack/authoring';
import { generateSigningKey, signPack } from '../../lib/pack/sign';
import type { PackFiles } from '../../lib/studio/contract';
import { BACKENDS, Clock, PG_SKIP_NOTE, PG_URL, hubFor } from './kit';

if (!PG_URL) console.warn(PG_SKIP_NOTE);

const ORIGIN = 'http://localhost';
const failure = { anchor: 'account-number', snapshot: 'account.json', matched: 0, message: 'matches nothing' };

describe.each(BACKENDS)('hub /studio on $name', { timeout: 60_000 }, (backend) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  async function setup() {
    const o = await backend.open();
    drop = o.drop;
    const clock = new Clock();
    const hub = await hubFor(o.db, clock);
    await addUser(o.db, 'lead@example.com', 'correct horse battery', clock.now());
    const session = await createSession(o.db, 'lead@example.com', clock.now());
    const cookie = `cuecard_session=${session.token}`;
    const get = (path: string) => hub.app.request(path, { headers: { cookie } });
    const write = (method: string, path: string, body: unknown, csrf = session.csrf) =>
      hub.app.request(path, {
        method,
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(body),
      });
    const files = async () => ((await (await get('/studio/api/pack')).json()) as { files: PackFiles }).files;
    const sign = async (f: PackFiles, sequence: number, key = hub.key.privateKey) => {
      const compiled = compile(new Map(Object.entries(f)));
      if (!compiled.ok) throw new Error(compiled.errors[0]?.message);
      return signPack(compiled.pack, key, { sequence, signedAt: clock.now() });
    };
    return { ...hub, db: o.db, clock, session, get, write, files, sign };
  }

  it('needs a session, and the session CSRF token on writes', async () => {
    const s = await setup();
    expect((await s.app.request('/studio/api/pack')).status).toBe(401);
    const page = await s.app.request('/studio/');
    expect([page.status, page.headers.get('location')]).toEqual([303, '/login']);
    expect(await (await s.get('/studio/api/session')).json()).toEqual({ mode: 'hub', csrf: s.session.csrf, stages: ['draft', 'pilot', 'everyone'] });
    const wrongToken = await s.write('PUT', '/studio/api/file', { path: 'pack.yaml', text: 'x' }, 'not-the-token');
    expect(wrongToken.status).toBe(403);
    const foreign = await s.app.request('/studio/api/file', {
      method: 'PUT',
      headers: { cookie: `cuecard_session=${s.session.token}`, origin: 'https://evil.example', 'x-csrf-token': s.session.csrf },
      body: JSON.stringify({ path: 'pack.yaml', text: 'x' }),
    });
    expect(foreign.status).toBe(403);
    expect((await s.files())['pack.yaml']).not.toBe('x');
  });

  it('seeds the drafts from the default pack once and keeps edits in the database', async () => {
    const s = await setup();
    const first = await s.files();
    expect(Object.keys(first)).toContain('pack.yaml');
    expect(compile(new Map(Object.entries(first))).ok).toBe(true);
    const name = Object.keys(first).find((f) => f.endsWith('.md'))!;
    expect((await s.write('PUT', '/studio/api/file', { path: name, text: `${first[name]}\n` })).status).toBe(200);
    expect((await s.files())[name]).toBe(`${first[name]}\n`);
    const bad = await s.write('PUT', '/studio/api/file', { path: '../etc/passwd', text: 'x' });
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([400, 'invalid']);
  });

  it('publishes a release signed in the browser to everyone, and proposes the next sequence from it', async () => {
    const s = await setup();
    const f = await s.files();
    const signed = await s.sign(f, 7);
    const res = await s.write('POST', '/studio/api/publish', { release: signed, stage: 'everyone', anchorFailures: [] });
    expect(res.status).toBe(201);
    const packId = compile(new Map(Object.entries(f))).ok ? JSON.parse(Buffer.from(JSON.parse(signed).payload, 'base64').toString()).packId : '';
    expect((await releaseFor(s.db, packId))?.signed_text).toBe(signed);
    const published = (await (await s.get('/studio/api/published')).json()) as { release: { sequence: number; stage: string; pack: { id: string } } };
    expect([published.release.sequence, published.release.stage, published.release.pack.id]).toEqual([7, 'everyone', packId]);
    const keys = (await (await s.get('/studio/api/keys')).json()) as { keyIds: string[] };
    expect(keys.keyIds).toEqual([s.key.keyId]);
  });

  it("refuses what POST /api/releases refuses, with the hub's reason", async () => {
    const s = await setup();
    const f = await s.files();
    const refusal = async (body: Record<string, unknown>) => {
      const r = await s.write('POST', '/studio/api/publish', { stage: 'draft', anchorFailures: [], ...body });
      return [r.status, ((await r.json()) as { error: string }).error];
    };
    const stranger = await generateSigningKey();
    expect(await refusal({ release: await s.sign(f, 3, stranger.privateKey) })).toEqual([422, 'unknown-key']);
    expect(await refusal({ release: await s.sign(f, 3) })).toEqual([201, undefined]);
    expect(await refusal({ release: await s.sign(f, 2) })).toEqual([422, 'rollback']);
    expect(await refusal({ release: '{"format":1}' })).toEqual([422, 'unsigned']);
    expect(await refusal({ release: await s.sign(f, 4), stage: 'pilot' })).toEqual([400, 'invalid']);
  });

  it('refuses failing anchor tests without a reason, and records the reason on the Releases page', async () => {
    const s = await setup();
    const f = await s.files();
    const signed = await s.sign(f, 5);
    const refused = await s.write('POST', '/studio/api/publish', { release: signed, stage: 'pilot', audience: ['team-a'], anchorFailures: [failure] });
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([409, 'anchors-fail']);
    const reason = 'CRM release on Monday renames the field; <b>fixed</b> then';
    const ok = await s.write('POST', '/studio/api/publish', {
      release: signed,
      stage: 'pilot',
      audience: ['team-a'],
      anchorFailures: [failure],
      overrideReason: reason,
    });
    expect(ok.status).toBe(201);
    const [row] = await s.db.query<{ anchor_override: string; anchor_failures: string; published_by: string; stage: string }>(
      'SELECT anchor_override, anchor_failures, published_by, stage FROM releases',
    );
    expect(row).toEqual({ anchor_override: reason, anchor_failures: JSON.stringify([failure]), published_by: 'lead@example.com', stage: 'pilot' });
    const html = await (await s.get('/releases')).text();
    expect(html).toContain('Reason given: CRM release on Monday renames the field; &lt;b>fixed&lt;/b> then');
  });

  it('runs the anchor tests itself: a page claiming none fails cannot skip the gate', async () => {
    const s = await setup();
    const emptyPage = {
      kind: 'cuecard-snapshot',
      version: 1,
      taken: '2026-12-05T07:00:00.000Z',
      frames: [{ name: '', page: 'http://127.0.0.1/index.html', body: { t: 'body' } }],
    };
    expect((await s.write('PUT', '/studio/api/file', { path: 'snapshots/empty.json', text: JSON.stringify(emptyPage) })).status).toBe(200);
    const signed = await s.sign(await s.files(), 6);
    const refused = await s.write('POST', '/studio/api/publish', { release: signed, stage: 'draft', anchorFailures: [] });
    const problem = (await refused.json()) as { error: string; message: string };
    expect([refused.status, problem.error]).toEqual([409, 'anchors-fail']);
    expect(problem.message).toContain('(empty)');
    const ok = await s.write('POST', '/studio/api/publish', {
      release: signed,
      stage: 'draft',
      anchorFailures: [],
      overrideReason: 'snapshot of an empty page',
    });
    expect(ok.status).toBe(201);
    const [row] = await s.db.query<{ anchor_failures: string }>('SELECT anchor_failures FROM releases');
    expect((JSON.parse(row!.anchor_failures) as { snapshot: string }[]).every((f) => f.snapshot === 'empty')).toBe(true);
  });
});
