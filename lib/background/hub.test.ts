/**
 * The team hub service against a real hub app (lib/hub, PGlite in memory) reached through
 * an injected fetch: enrolment, reporting, batching, refusals and retries, over
 * fake-indexeddb and WXT's fake browser.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startRun } from '@/lib/engine';
import { teamPack } from '@/lib/distribution/fixtures';
import * as repo from '@/lib/db/repo';
import * as outbox from '@/lib/db/outbox-repo';
import { db } from '@/lib/db/schema';
import type { Run } from '@/lib/engine/run';
import { DEFAULT_CONFIG } from '@/lib/hub/config';
import { openPglite, type Db } from '@/lib/hub/db';
import { signPack } from '@/lib/pack/sign';
import { Clock, hubFor } from '../../test/hub/kit';
import { testBrowser } from './fake-browser';
import { createHubService } from './hub';
import { HUB_ALARM } from './hub-send';
import { createPackConfig } from './pack-config';

const d = db();
const pack = teamPack(1);
const HUB = 'http://127.0.0.1:8787';
let hubDb: Db;
let hub: Awaited<ReturnType<typeof hubFor>>;
/** What the fake network does: pass to the hub, fail, or answer for it. */
let network: 'up' | 'down' | ((req: Request) => Promise<Response | undefined> | Response | undefined) = 'up';
const requests: string[] = [];
const fetchFn = (async (u: string | URL | Request, init?: RequestInit) => {
  const req = new Request(u, init);
  requests.push(`${req.method} ${new URL(req.url).pathname}`);
  if (network === 'down') throw new TypeError('Failed to fetch');
  if (typeof network === 'function') {
    const answer = await network(req);
    if (answer) return answer;
  }
  return hub.app.fetch(req);
}) as typeof fetch;

let policy: unknown = {};
const service = () => {
  const config = { ...createPackConfig({ db: d, browser: testBrowser }), rawPolicy: async () => policy };
  return createHubService({ db: d, browser: testBrowser, config, fetch: fetchFn, checkPacks: async () => undefined, random: () => 0 });
};
const count = async (table: string) => Number((await hubDb.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
const setAgentId = (agentId: string) => repo.patchSettings(d, { profile: { company: '', agentId, name: '' } });

function finished(id: string, over: Partial<Run> = {}): Run {
  const t = Date.now() - 60_000;
  return { ...startRun(pack.procedures[0]!, pack, { id, at: t }), label: '王小明 13812345678', status: 'finished', finishedAt: t + 30_000, ...over };
}

beforeAll(async () => {
  hubDb = await openPglite();
  // One enrolment token for the whole file: more enrolments than the default burst allows.
  hub = await hubFor(hubDb, new Clock(Date.now()), { limits: { ...DEFAULT_CONFIG.limits, enrol: { burst: 100, perMinute: 100 } } });
}, 60_000);
afterAll(() => hubDb.close());
beforeEach(async () => {
  fakeBrowser.reset();
  network = 'up';
  policy = {};
  requests.length = 0;
  await Promise.all([d.kv.clear(), d.outbox.clear(), d.packs.clear()]);
  await repo.installPack(d, { id: pack.id, version: 1, pack, source: 'url', installedAt: 1, sequence: 1 });
});

describe('enrolment', () => {
  it('refuses without an agent ID in the profile, saying so, and asks the hub nothing', async () => {
    const view = await service().handlers['hub.enrol']({ url: HUB, token: hub.enrolToken }, {});
    expect(view.enrolled).toBeUndefined();
    expect(view.enrolError).toMatchObject({ code: 'no-agent-id', message: expect.stringContaining('no agent ID') });
    expect(requests).toEqual([]);
  });

  it('names a bad token with the hub’s reason', async () => {
    await setAgentId('1001');
    const view = await service().handlers['hub.enrol']({ url: HUB, token: 'x'.repeat(20) }, {});
    expect(view.enrolError).toMatchObject({ code: 'bad-token', message: expect.stringContaining('not valid or has been revoked') });
  });

  it('joins, subscribes to the feed URLs, never shows the credential, and reports the release in use', async () => {
    await setAgentId('1001');
    const s = service();
    const view = await s.handlers['hub.enrol']({ url: `${HUB}/`, token: hub.enrolToken }, {});
    expect(view.enrolled).toMatchObject({ url: HUB, agentId: '1001', team: 'team-a', source: 'agent' });
    expect(JSON.stringify(view)).not.toContain((await s.getState())!.credential);
    const effective = await createPackConfig({ db: d, browser: testBrowser }).effectiveConfig();
    expect(effective.subscriptions.filter((x) => x.source === 'hub').map((x) => x.url)).toEqual((await s.getState())!.packUrls);
    await s.flush();
    const rows = await hubDb.query<{ pack_id: string; version: number; sequence: number }>('SELECT pack_id, version, sequence FROM ev_release');
    expect(rows).toEqual([{ pack_id: 'acme.team-b', version: 1, sequence: 1 }]);
  });

  it('subscribes only to pack URLs under the feed the hub names, as later feed lists are read', async () => {
    await setAgentId('1004');
    let offered: string[] = [];
    network = async (req) => {
      if (!req.url.endsWith('/api/enrol')) return undefined;
      const answer = (await (await hub.app.fetch(req)).json()) as { feedUrl: string; packUrls: string[] };
      offered = [...answer.packUrls, `${answer.feedUrl}/acme.team-y`];
      return Response.json({ ...answer, packUrls: [...offered, 'https://elsewhere.example/team-b.signed.json', `${answer.feedUrl}-other/x`] });
    };
    const s = service();
    const view = await s.handlers['hub.enrol']({ url: HUB, token: hub.enrolToken }, {});
    expect(view.enrolled).toMatchObject({ agentId: '1004' });
    expect((await s.getState())!.packUrls).toEqual(offered);
  });
});

describe('the hub’s pack list', () => {
  it('subscribes to a pack first published after enrolment', async () => {
    await setAgentId('1009');
    const s = service();
    await s.handlers['hub.enrol']({ url: HUB, token: hub.enrolToken }, {});
    const before = (await s.getState())!.packUrls;
    const text = await signPack({ ...teamPack(1), id: 'acme.team-z' }, hub.key.privateKey, { sequence: 1 });
    const up = await hub.app.request('/api/releases', { method: 'POST', body: text, headers: hub.auth });
    const { release } = (await up.json()) as { release: { id: number } };
    await hub.app.request(`/api/releases/${release.id}/promote`, { method: 'POST', body: JSON.stringify({ stage: 'everyone' }), headers: hub.auth });
    await s.refreshFeed();
    const after = (await s.getState())!.packUrls;
    expect(after.filter((u) => !before.includes(u))).toEqual([`${(await s.getState())!.feedUrl}/acme.team-z`]);
  });
});

describe('reporting', () => {
  beforeEach(async () => {
    await setAgentId('1002');
    await service().handlers['hub.enrol']({ url: HUB, token: hub.enrolToken }, {});
  });

  it('sends a finished contact once, and nothing for an open one', async () => {
    const s = service();
    const before = await count('ev_run');
    await s.onRunStored({ ...finished('r-open'), status: 'open', finishedAt: undefined });
    await s.onRunStored(finished('r1', { skips: { greeted: { reason: '客户 13812345678 拒绝', at: Date.now() - 50_000 } } }));
    await s.onRunStored(finished('r1'));
    await s.flush();
    expect((await count('ev_run')) - before).toBe(1);
    const [row] = await hubDb.query<{ skipped: unknown }>('SELECT skipped FROM ev_run ORDER BY at DESC LIMIT 1');
    expect(JSON.stringify(row!.skipped)).toContain('138****5678');
    const { rows } = await s.handlers['hub.outbox']({}, {});
    expect(rows.filter((r) => r.event.type === 'run').map((r) => r.state)).toEqual(['sent']);
    expect(JSON.stringify(rows)).not.toContain('王小明');
  });

  it('keeps events queued while the hub is down, retries from an alarm, and stores each once', async () => {
    const s = service();
    const before = await count('ev_run');
    network = 'down';
    await s.onRunStored(finished('r2'));
    await s.onRunStored(finished('r3'));
    await s.flush();
    const view = await s.handlers['hub.get']({}, {});
    expect(view.queued).toBe(2);
    expect(view.enrolled?.lastError?.code).toBe('network');
    const alarm = await fakeBrowser.alarms.get(HUB_ALARM);
    expect(alarm!.scheduledTime).toBeGreaterThan(Date.now() + 1000);
    // The hub stores the batch but its answer is lost: the resend is a duplicate, not a second row.
    let lost = true;
    network = async (req) => {
      if (!lost || !req.url.endsWith('/api/events')) return undefined;
      lost = false;
      await hub.app.fetch(req);
      return new Response('bad gateway', { status: 502 });
    };
    await s.flush(true);
    expect((await count('ev_run')) - before).toBe(2);
    expect((await s.handlers['hub.get']({}, {})).queued).toBe(2);
    await s.flush(true);
    expect((await count('ev_run')) - before).toBe(2);
    expect((await s.handlers['hub.get']({}, {})).queued).toBe(0);
    expect(await fakeBrowser.alarms.get(HUB_ALARM)).toBeUndefined();
  });

  it('reports a broken anchor once per anchor and page: origin and path only', async () => {
    const s = service();
    const miss = { packId: 'acme.team-b', version: 1, procedureId: 'callback', stepId: 'open', index: 0, page: 'https://crm.example.com/customers/*' };
    await s.onBrokenAnchor(miss);
    await s.onBrokenAnchor(miss);
    await s.flush();
    const rows = await hubDb.query<{ anchor_id: string; page: string }>("SELECT anchor_id, page FROM ev_anchor WHERE agent_id = '1002'");
    expect(rows).toEqual([{ anchor_id: 'callback.open.0', page: 'https://crm.example.com/customers/*' }]);
  });

  it('waits as long as a 429 asks', async () => {
    const s = service();
    network = () => new Response('{"error":"rate-limited","message":"slow down"}', { status: 429, headers: { 'Retry-After': '600' } });
    await s.onRunStored(finished('r4'));
    await s.flush();
    const alarm = await fakeBrowser.alarms.get(HUB_ALARM);
    expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(590_000);
    expect((await s.getState())!.lastError).toMatchObject({ code: 'server', message: '429: slow down' });
  });

  it('shows an event the hub refuses as refused with its reason, and sends the others', async () => {
    const s = service();
    const before = await count('ev_run');
    // A clock two days fast: the hub refuses events "more than a day in the future".
    const future = Date.now() + 2 * 86_400_000;
    await s.onRunStored(finished('r5', { path: [{ stepId: 'open', at: future - 1000 }], createdAt: future - 1000, finishedAt: future }));
    await s.onRunStored(finished('r6'));
    await s.flush();
    expect((await count('ev_run')) - before).toBe(1);
    const { rows } = await s.handlers['hub.outbox']({}, {});
    const refused = rows.filter((r) => r.state === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.problem).toMatch(/at: is more than a day in the future/);
    expect((await s.handlers['hub.get']({}, {})).refused).toBe(1);
  });

  it('finds the one event of a batch the hub refuses as a whole, and sends the rest', async () => {
    const s = service();
    // The hub (or a proxy before it) refuses any batch holding the video contact as too large.
    network = async (req) => (req.url.endsWith('/api/events') && (await req.clone().text()).includes('"video"') ? tooLarge() : undefined);
    await s.onRunStored(finished('r7', { channel: 'video' }));
    await s.onRunStored(finished('r8'));
    await s.flush();
    const { rows } = await s.handlers['hub.outbox']({}, {});
    const bad = (await d.outbox.where('origin').equals('run:r7').first())!.id;
    expect(rows.find((r) => r.event.id === bad)).toMatchObject({ state: 'refused', problem: '413: too big' });
    expect(rows.filter((r) => r.event.type === 'run' && r.state === 'sent')).toHaveLength(1);
  });
});

const tooLarge = () => new Response('{"error":"too-large","message":"too big"}', { status: 413 });

describe('policy', () => {
  it('joins the hub policy names with the profile’s agent ID, and the agent cannot leave it', async () => {
    await setAgentId('1003');
    policy = { hubUrl: HUB, hubEnrolToken: hub.enrolToken };
    const s = service();
    const view = await s.handlers['hub.get']({}, {});
    expect(view.enrolled).toMatchObject({ source: 'policy', agentId: '1003' });
    await expect(s.handlers['hub.leave']({}, {})).rejects.toThrow(/administrator/);
    policy = {};
    expect((await s.handlers['hub.get']({}, {})).enrolled).toBeUndefined();
  });
});

describe('the outbox', () => {
  it('counts what does not fit instead of dropping it silently', async () => {
    const ev = (i: number) => ({ event: { id: `ev_cap_${i}xxxx`, type: 'release' as const, at: 1, packId: 'a.b', version: i }, origin: `o${i}` });
    expect(await outbox.enqueue(d, [ev(1), ev(2), ev(3), ev(1)], 1, 2)).toEqual({ added: 2, overflow: 1 });
  });
});
