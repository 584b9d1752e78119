/**
 * The hub's HTTP API through app.request (no socket): publish and stage a release, serve it
 * with ETag/304/gzip to the right agents, enrol, and ingest batches with per-event results.
 */
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { revoke } from '../../lib/hub/accounts';
import { WIRE_LIMITS } from '../../lib/hub/wire';
import { BACKENDS, Clock, hubFor, runEvent, signedTeamPack } from './kit';

const seqOf = (signedText: string) => JSON.parse(Buffer.from(JSON.parse(signedText).payload, 'base64').toString()).sequence;

describe.each(BACKENDS)('hub API on $name', { timeout: 60_000 }, (backend) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });
  const setup = async (config = {}) => {
    const o = await backend.open();
    drop = o.drop;
    const clock = new Clock();
    const hub = await hubFor(o.db, clock, config);
    const json = (body: unknown, headers: Record<string, string> = {}) => ({
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    });
    const enrol = async (agentId: string) => {
      const res = await hub.app.request('/api/enrol', json({ token: hub.enrolToken, agentId }));
      expect(res.status).toBe(200);
      return (await res.json()) as { credential: string; feedUrl: string; packUrls: string[] };
    };
    const send = (credential: string, events: unknown[]) => hub.app.request('/api/events', json({ events }, { Authorization: `Bearer ${credential}` }));
    return { ...hub, db: o.db, clock, json, enrol, send };
  };

  it('publishes with an API key, refuses with the extension’s reason, stages, and serves each agent its stage with ETag, 304 and gzip', async () => {
    const h = await setup();
    const upload = (text: string, auth = h.auth) => h.app.request('/api/releases', { method: 'POST', body: text, headers: auth });
    expect((await upload(await signedTeamPack(h.key.privateKey, 1, 1), { Authorization: 'Bearer ck_nope_nope' })).status).toBe(401);
    const r1 = await upload(await signedTeamPack(h.key.privateKey, 1, 1));
    expect(r1.status).toBe(201);
    const id1 = ((await r1.json()) as { release: { id: number } }).release.id;
    const bad = await upload(await signedTeamPack(h.key.privateKey, 2, 1));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: 'rollback', message: expect.stringContaining('release 1 of pack "acme.team-b" from key') });
    const id2 = ((await (await upload(await signedTeamPack(h.key.privateKey, 2, 2))).json()) as { release: { id: number } }).release.id;
    const promote = (id: number, body: unknown) => h.app.request(`/api/releases/${id}/promote`, h.json(body, h.auth));
    expect((await promote(id1, { stage: 'everyone' })).status).toBe(200);
    expect((await promote(id2, { stage: 'pilot' })).status).toBe(409);
    expect((await promote(id2, { stage: 'pilot', agents: ['a1'] })).status).toBe(200);

    const a1 = await h.enrol('a1');
    const b1 = await h.enrol('b1');
    expect(a1.packUrls).toEqual([`${a1.feedUrl}/acme.team-b`]);
    const feed = (url: string, headers: Record<string, string> = {}) => h.app.request(new URL(url).pathname, { headers });
    const pilotRes = await feed(a1.packUrls[0]!, { 'Accept-Encoding': 'gzip' });
    expect(pilotRes.headers.get('Content-Encoding')).toBe('gzip');
    expect(seqOf(gunzipSync(Buffer.from(await pilotRes.arrayBuffer())).toString())).toBe(2);
    const etag = pilotRes.headers.get('ETag')!;
    expect((await feed(a1.packUrls[0]!, { 'If-None-Match': etag })).status).toBe(304);
    const outsider = await feed(b1.packUrls[0]!);
    expect(seqOf(await outsider.text())).toBe(1);
    expect(outsider.headers.get('ETag')).not.toBe(etag);
    expect((await h.app.request('/feed/unknownfeed/acme.team-b')).status).toBe(404);
    // Pausing the pilot: the pilot agent's next fetch gets the everyone release (new ETag, not a 304).
    expect((await h.app.request(`/api/releases/${id2}/pause`, { method: 'POST', headers: h.auth })).status).toBe(200);
    const after = await feed(a1.packUrls[0]!, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(seqOf(await after.text())).toBe(1);
  });

  it('answers a batch per event: stores the valid ones, names each refused one, and stores a resend once', async () => {
    const h = await setup();
    const a1 = await h.enrol('a1');
    const good = [runEvent(), runEvent()];
    const withValue = { ...runEvent(), customerPhone: '13812345678' };
    const badReason = runEvent({ skipped: [{ itemId: 'greeted', stepId: 'open', reason: 'x'.repeat(WIRE_LIMITS.skipReasonChars + 1) }] });
    const res = await h.send(a1.credential, [good[0], withValue, good[1], badReason, 'junk']);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { accepted: string[]; rejected: { index: number; problem: string }[] };
    expect(body.accepted).toEqual(good.map((e) => e.id));
    expect(body.rejected.map((r) => r.index)).toEqual([1, 3, 4]);
    expect(body.rejected[0]!.problem).toMatch(/^events\.1\.customerPhone: /);
    expect(body.rejected[1]!.problem).toMatch(/^events\.3\.skipped\.0\.reason: a skip reason must be at most 200 characters/);
    const again = await h.send(a1.credential, good);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ accepted: [], duplicates: good.map((e) => e.id), rejected: [] });
    expect(await h.db.query('SELECT count(*)::int AS n FROM ev_run')).toEqual([{ n: 2 }]);
  });

  it('refuses unauthenticated, malformed, empty and oversized batches with a status and a reason, storing nothing', async () => {
    const h = await setup();
    const a1 = await h.enrol('a1');
    expect((await h.send('ca_not-a-real-credential', [runEvent()])).status).toBe(401);
    const raw = await h.app.request('/api/events', { method: 'POST', body: '{"events": [', headers: { Authorization: `Bearer ${a1.credential}` } });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: 'malformed', message: expect.stringContaining('not JSON') });
    const empty = await h.send(a1.credential, []);
    expect(await empty.json()).toMatchObject({ error: 'invalid-batch', message: 'events: a batch holds at least one event' });
    const many = await h.send(
      a1.credential,
      Array.from({ length: WIRE_LIMITS.eventsPerBatch + 1 }, () => runEvent()),
    );
    expect(many.status).toBe(400);
    const huge = await h.send(a1.credential, [runEvent({ procedureId: 'x'.repeat(WIRE_LIMITS.batchBytes) })]);
    expect(huge.status).toBe(413);
    expect(await h.db.query('SELECT count(*)::int AS n FROM ev_run')).toEqual([{ n: 0 }]);
  });

  it('rate-limits enrolment and event batches, and refuses a revoked enrolment token', async () => {
    const h = await setup({
      limits: { enrol: { burst: 2, perMinute: 1 }, events: { burst: 1, perMinute: 1 }, login: { burst: 5, perMinute: 5 }, api: { burst: 60, perMinute: 60 } },
    });
    const a1 = await h.enrol('a1');
    await h.enrol('a2');
    const third = await h.app.request('/api/enrol', h.json({ token: h.enrolToken, agentId: 'a3' }));
    expect(third.status).toBe(429);
    expect(third.headers.get('Retry-After')).toBe('60');
    expect((await h.send(a1.credential, [runEvent()])).status).toBe(200);
    expect((await h.send(a1.credential, [runEvent()])).status).toBe(429);
    h.clock.advance(61_000);
    expect((await h.send(a1.credential, [runEvent()])).status).toBe(200);
    await revoke(h.db, 'token', h.enrolTokenId, h.clock.now());
    h.clock.advance(10 * 61_000);
    const refused = await h.app.request('/api/enrol', h.json({ token: h.enrolToken, agentId: 'a4' }));
    expect(refused.status).toBe(403);
  });
});
