import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { startRun } from '../engine';
import { DEFAULT_SETTINGS } from '../settings/schema';
import defaultPack from '../../public/packs/default.json';
import type { Pack } from '../pack/schema';
import { CuecardDb } from './schema';
import * as repo from './repo';

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

  it('falls back to the defaults when stored settings are corrupt', async () => {
    fresh();
    await d.kv.put({ key: 'settings', value: { mode: 'wizard', panelWidth: -3 } });
    expect(await repo.getSettings(d)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('runs', () => {
  const proc = pack.procedures[1]!;
  it('keeps open runs apart from finished ones; the last write wins', async () => {
    fresh();
    const a = startRun(proc, pack, { id: 'a', at: 1 });
    const b = startRun(proc, pack, { id: 'b', at: 2 });
    await repo.putRun(d, a);
    await repo.putRun(d, b);
    await repo.putRun(d, { ...b, status: 'finished', finishedAt: 5, updatedAt: 5, rev: 1 });
    await repo.putRun(d, { ...a, label: 'second write', rev: 1 });
    expect((await repo.openRuns(d)).map((r) => [r.id, r.label])).toEqual([['a', 'second write']]);
    expect((await repo.finishedRuns(d)).map((r) => r.id)).toEqual(['b']);
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

  it('serves the highest (rank, version) when given ranks, and prunes by rank while keeping each key\'s top sequence', async () => {
    fresh();
    const row = (version: number, keyId: string, sequence: number) => ({ id: pack.id, version, pack: { ...pack, version }, source: 'url' as const, installedAt: version, keyId, sequence });
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
