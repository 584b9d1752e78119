import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { startRun } from '../engine';
import { DEFAULT_SETTINGS } from '../settings/schema';
import defaultPack from '../../public/packs/default.json';
import type { Pack } from '../pack/schema';
import { CuecardDb } from './schema';
import * as repo from './repo';
import { brokenAnchors, keepValues, keptFor, noteBroken } from './context-repo';
import { MAX_BROKEN } from '../context/broken-anchors';

const pack = defaultPack as Pack;
let n = 0;
let d: CuecardDb;
const fresh = () => (d = new CuecardDb(`test-${++n}`));
afterEach(async () => d?.delete());

describe('settings', () => {
  it('starts from the defaults and merges patches', async () => {
    fresh();
    expect(await repo.getSettings(d)).toEqual(DEFAULT_SETTINGS);
    await repo.patchSettings(d, { mode: 'experienced', activeRunId: 'r1' });
    const s = await repo.patchSettings(d, { profile: { company: 'ACME', agentId: '7', name: '' } });
    expect(s).toMatchObject({ mode: 'experienced', activeRunId: 'r1', profile: { company: 'ACME' } });
    expect(await repo.getSettings(d)).toEqual(s);
  });

  it('keeps every valid field of a damaged record, and a later patch loses nothing', async () => {
    fresh();
    const key = btoa(String.fromCharCode(...new Array(32).fill(3)));
    const stored = {
      profile: { company: 'ACME', agentId: '7', name: 'Li' },
      sites: ['https://crm.example.com/*', 'crm.example.com'], // the second is no match pattern
      panelWidth: 'wide', // wrong type
      subscriptions: [{ url: 'https://packs.example.com/p.json' }],
      trustedKeys: [{ publicKey: key }],
      removedInLaterVersion: { x: 1 }, // unknown key
    };
    await d.kv.put({ key: 'settings', value: stored });
    const { settings, issues } = await repo.readSettings(d);
    expect(settings).toMatchObject({
      profile: stored.profile,
      sites: ['https://crm.example.com/*'],
      subscriptions: stored.subscriptions,
      trustedKeys: stored.trustedKeys,
      panelWidth: 360,
    });
    expect(issues.map((i) => i.path)).toEqual(['sites[1]', 'panelWidth']);

    const after = await repo.patchSettings(d, { mode: 'experienced' });
    expect(after).toEqual({ ...settings, mode: 'experienced' });
    // The raw record keeps what this version could not use: nothing was replaced by a default.
    expect((await d.kv.get('settings'))?.value).toEqual({ ...stored, mode: 'experienced' });
  });
});

describe('runs', () => {
  const proc = pack.procedures[1]!;
  it('keeps open runs apart from finished ones', async () => {
    fresh();
    const a = startRun(proc, pack, { id: 'a', at: 1 });
    const b = startRun(proc, pack, { id: 'b', at: 2 });
    await repo.putRun(d, a);
    await repo.putRun(d, b);
    await repo.putRun(d, { ...b, status: 'finished', finishedAt: 5, updatedAt: 5, rev: 1 });
    expect((await repo.openRuns(d)).map((r) => r.id)).toEqual(['a']);
    expect((await repo.finishedRuns(d)).map((r) => r.id)).toEqual(['b']);
  });

  it('keeps the higher revision whatever order writes land in, and returns the winner', async () => {
    fresh();
    const run = startRun(proc, pack, { id: 'a', at: 1 });
    const r2 = { ...run, rev: 2, updatedAt: 2 };
    const r1 = { ...run, rev: 1, updatedAt: 9 };
    expect(await repo.putRun(d, r2)).toEqual({ saved: true, run: r2 });
    expect(await repo.putRun(d, r1)).toEqual({ saved: false, run: r2 }); // lower: refused
    expect(await repo.putRun(d, { ...r2, updatedAt: 7 })).toEqual({ saved: false, run: r2 }); // equal: refused
    // Concurrent writers (two tabs): the transaction compares, so the higher one stays.
    await Promise.all([repo.putRun(d, { ...run, rev: 4 }), repo.putRun(d, { ...run, rev: 6 }), repo.putRun(d, { ...run, rev: 5 })]);
    expect((await d.runs.get('a'))?.rev).toBe(6);
  });

  it('deletes a run with its kept values and follow-ups in one transaction; a late keep stores nothing', async () => {
    fresh();
    await repo.putRun(d, startRun(proc, pack, { id: 'a', at: 1 }));
    const row = { runId: 'a', packId: pack.id, version: pack.version, values: { phone: '138****5678' }, at: 1 };
    expect(await keepValues(d, row)).toBe(true);
    await d.followups.bulkPut([
      { id: 'f1', title: 't', dueAt: 1, createdAt: 1, status: 'open', origin: { runId: 'a' } },
      { id: 'f2', title: 't', dueAt: 1, createdAt: 1, status: 'open', origin: { runId: 'other' } },
    ]);
    expect(await repo.followUpsOfRun(d, 'a')).toEqual(['f1']);
    expect(await repo.deleteRun(d, 'a')).toEqual({ followUps: ['f1'] });
    expect(await keptFor(d, 'a')).toBeUndefined();
    // A keep that was in flight when the run went must not bring its values back.
    expect(await keepValues(d, row)).toBe(false);
    expect(await d.kept.count()).toBe(0);
    expect(await d.followups.toCollection().primaryKeys()).toEqual(['f2']);
  });
});

describe('broken anchors', () => {
  const miss = { packId: 'p.x', packVersion: 1, procedureId: 'x', stepId: 's', index: 0, anchor: { selector: '#gone', name: '备注' }, page: 'http://crm/a' };
  it('counts misses per anchor and page, and keeps the newest rows only', async () => {
    fresh();
    await noteBroken(d, miss, 100);
    await noteBroken(d, miss, 200);
    await noteBroken(d, { ...miss, page: 'http://crm/b' }, 300);
    expect((await brokenAnchors(d)).map((a) => [a.page, a.count, a.firstSeen, a.lastSeen])).toEqual([
      ['http://crm/b', 1, 300, 300],
      ['http://crm/a', 2, 100, 200],
    ]);
    for (let i = 0; i < MAX_BROKEN + 3; i++) await noteBroken(d, { ...miss, index: i + 1 }, 1000 + i);
    const rows = await brokenAnchors(d);
    expect(rows).toHaveLength(MAX_BROKEN);
    expect(rows[0]!.index).toBe(MAX_BROKEN + 3);
  });
});

describe('packs', () => {
  it('serves the newest version of each pack and keeps older ones for open runs', async () => {
    fresh();
    const row = (version: number) => ({ id: pack.id, version, pack: { ...pack, version }, source: 'file' as const, installedAt: version });
    await repo.installPack(d, row(1));
    await repo.installPack(d, row(3));
    await repo.installPack(d, row(2));
    expect((await repo.latestPacks(d)).map((p) => p.version)).toEqual([3]);
    expect((await repo.getPack(d, pack.id, 1))?.version).toBe(1);
    expect(await repo.getPack(d, pack.id, 9)).toBeNull();
  });

  it("serves the highest (rank, version) when given ranks, and prunes by rank while keeping each key's top sequence", async () => {
    fresh();
    const row = (version: number, keyId: string, sequence: number) => ({
      id: pack.id,
      version,
      pack: { ...pack, version },
      source: 'url' as const,
      installedAt: version,
      keyId,
      sequence,
    });
    // A rogue agent key's v9999 at a huge sequence, and the company's (policy) v3 and v4.
    await repo.installPack(d, row(9999, 'rogue', Number.MAX_SAFE_INTEGER));
    for (const v of [2, 3, 4]) await repo.installPack(d, row(v, 'company', v));
    const rankOf = (r: { keyId?: string }) => (r.keyId === 'company' ? 2 : 1);
    expect((await repo.latestPacks(d)).map((p) => p.version)).toEqual([9999]);
    expect((await repo.latestPacks(d, rankOf)).map((p) => p.version)).toEqual([4]);
    // Kept: v4 and v3 (top two by rank), v9999 (the rogue key's counter). v2 goes.
    expect(await repo.prunePacks(d, rankOf)).toBe(1);
    expect((await repo.packReleases(d, pack.id)).map((r) => r.version)).toEqual([3, 4, 9999]);
  });

  it('prunes versions nothing needs: a run on an old version keeps it, the rest go', async () => {
    fresh();
    const row = (version: number) => ({ id: pack.id, version, pack: { ...pack, version }, source: 'url' as const, installedAt: version, sequence: version });
    for (const v of [1, 2, 3, 4, 5]) await repo.installPack(d, row(v));
    const run = startRun(pack.procedures[1]!, { ...pack, version: 2 }, { id: 'on-2', at: 1 });
    await repo.putRun(d, { ...run, status: 'finished', finishedAt: 2 });
    expect(await repo.prunePacks(d)).toBe(2);
    expect((await d.packs.toCollection().primaryKeys()).map(([, v]) => v)).toEqual([2, 4, 5]);
    expect((await repo.packReleases(d, pack.id)).map((r) => r.sequence)).toEqual([2, 4, 5]);
    expect(await repo.prunePacks(d)).toBe(0);
  });
});
