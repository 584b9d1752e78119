/**
 * What stored contacts add to the hub's outbox, against a real hub app (PGlite in memory):
 * open contacts left for a shift reported once as abandoned, and a finished contact's
 * fading-guidance counts, over fake-indexeddb and WXT's fake browser.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { CoachingStat } from '@/lib/coaching/fade';
import { startRun } from '@/lib/engine';
import { teamPack } from '@/lib/distribution/fixtures';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import type { Run } from '@/lib/engine/run';
import { openPglite, type Db } from '@/lib/hub/db';
import { ABANDON_AFTER_MS } from '@/lib/hub-client/events';
import { Clock, hubFor } from '../../test/hub/kit';
import { testBrowser } from './fake-browser';
import { createHubService } from './hub';
import { createPackConfig } from './pack-config';

const d = db();
const pack = teamPack(1);
const HOUR = 3600_000;
let hubDb: Db;
let hub: Awaited<ReturnType<typeof hubFor>>;
let stats: CoachingStat[] = [];
let now = Date.now();

const service = () =>
  createHubService({
    db: d,
    browser: testBrowser,
    config: { ...createPackConfig({ db: d, browser: testBrowser }), rawPolicy: async () => ({}) },
    fetch: ((u: string | URL | Request, init?: RequestInit) => hub.app.fetch(new Request(u, init))) as typeof fetch,
    checkPacks: async () => undefined,
    coachingStats: async () => stats,
    now: () => now,
    random: () => 0,
  });
const outcomes = () => hubDb.query<{ event_id: string; outcome: string; end_step: string }>('SELECT outcome, end_step FROM ev_run ORDER BY at');

function run(id: string, at: number, over: Partial<Run> = {}): Run {
  return { ...startRun(pack.procedures[0]!, pack, { id, at }), label: '王小明 13812345678', ...over };
}

beforeAll(async () => {
  hubDb = await openPglite();
  hub = await hubFor(hubDb, new Clock(Date.now()));
}, 60_000);
afterAll(() => hubDb.close());
beforeEach(async () => {
  fakeBrowser.reset();
  now = Date.now();
  stats = [];
  await Promise.all([d.kv.clear(), d.outbox.clear(), d.packs.clear(), d.runs.clear()]);
  await hubDb.exec('DELETE FROM ev_run; DELETE FROM run_day; DELETE FROM ev_coaching; DELETE FROM coach_step');
  await repo.installPack(d, { id: pack.id, version: 1, pack, source: 'url', installedAt: 1, sequence: 1 });
  await repo.patchSettings(d, { profile: { company: '', agentId: '1003', name: '' }, mode: 'experienced' });
  await service().handlers['hub.enrol']({ url: 'http://127.0.0.1:8787', token: hub.enrolToken }, {});
});

describe('abandoned contacts', () => {
  it('reports an open contact untouched for a shift once, when another is stored, and not again when it is finished after all', async () => {
    const s = service();
    const stale = run('r-stale', now - ABANDON_AFTER_MS - HOUR);
    const resting = run('r-resting', now - 2 * HOUR);
    await d.runs.bulkPut([stale, resting]);
    const fresh = run('r-new', now);
    await d.runs.put(fresh);
    await s.onRunStored(fresh);
    await s.onRunStored(fresh);
    await s.flush();
    expect(await outcomes()).toEqual([{ outcome: 'abandoned', end_step: 'open' }]);
    // The agent comes back to it and finishes: it was counted already.
    now += HOUR;
    const done: Run = { ...stale, status: 'finished', finishedAt: now, updatedAt: now };
    await d.runs.put(done);
    await s.onRunStored(done);
    await s.flush();
    expect(await outcomes()).toEqual([{ outcome: 'abandoned', end_step: 'open' }]);
    expect((await s.getState())!.abandoned).toEqual([]);
    // Nine hours on, a new contact: the one left resting and the one started then are abandoned too.
    now += 8 * HOUR;
    const later = run('r-later', now);
    await d.runs.put(later);
    await s.onRunStored(later);
    await s.flush();
    expect((await outcomes()).map((r) => r.outcome)).toEqual(['abandoned', 'abandoned', 'abandoned']);
    const [row] = await hubDb.query<{ n: number }>("SELECT sum(runs)::int AS n FROM run_day WHERE outcome = 'abandoned'");
    expect(row!.n).toBe(3);
    expect([...(await s.getState())!.abandoned!].sort()).toEqual(['r-new', 'r-resting']);
    const { rows } = await s.handlers['hub.outbox']({}, {});
    expect(JSON.stringify(rows)).not.toContain('王小明');
  });
});

describe('fading guidance', () => {
  it('sends a finished contact’s procedure counts with it, ids and numbers only', async () => {
    stats = [
      { packId: pack.id, procedureId: 'callback', stepId: 'open', version: 1, streak: 5, total: 6, mistakes: 1, last: 'clean', at: now, changed: false },
    ];
    const s = service();
    await s.onRunStored(run('r-done', now - 60_000, { status: 'finished', finishedAt: now }));
    await s.flush();
    expect(await hubDb.query('SELECT step_id, collapsed, streak, clean, total FROM coach_step')).toEqual([
      { step_id: 'open', collapsed: true, streak: 5, clean: 5, total: 6 },
    ]);
    const { rows } = await s.handlers['hub.outbox']({}, {});
    expect(
      rows
        .map((r) => r.event.type)
        .filter((t) => t !== 'release')
        .sort(),
    ).toEqual(['coaching', 'run']);
  });
});
