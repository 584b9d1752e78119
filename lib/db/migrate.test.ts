/**
 * Schema versions: a database written by the v1 schema (before pack subscriptions) opens
 * under the current one with its runs, packs and settings intact; then the v2 tables work.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { startRun } from '../engine';
import { teamPack } from '../distribution/fixtures';
import { ackRows } from '../distribution/acks';
import { newSubState } from '../distribution/fetch-policy';
import { CuecardDb } from './schema';
import * as repo from './repo';

let n = 0;
const opened: Dexie[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** Exactly the v1 declaration, as shipped before this change. */
function v1Database(name: string): Dexie {
  const old = new Dexie(name);
  old.version(1).stores({ runs: 'id, status, updatedAt', packs: '[id+version], id', kv: 'key' });
  return old;
}

describe('migration v1 → v2', () => {
  it('keeps runs, packs and settings, and adds the subscriptions and acks tables', async () => {
    const name = `migrate-${++n}`;
    const pack = teamPack(1);
    const open = startRun(pack.procedures[0]!, pack, { id: 'open-run', at: 1 });
    const done = { ...startRun(pack.procedures[0]!, pack, { id: 'done-run', at: 2 }), status: 'finished' as const, finishedAt: 3 };
    const old = v1Database(name);
    await old.table('runs').bulkPut([open, done]);
    await old.table('packs').put({ id: pack.id, version: 1, pack, source: 'url', installedAt: 5, sequence: 1 });
    await old.table('kv').put({ key: 'settings', value: { mode: 'experienced' } });
    expect(old.verno).toBe(1);
    old.close();

    const d = new CuecardDb(name);
    opened.push(d);
    await d.open();
    // Later versions (v3 added follow-ups) stack on top; the v2 tables must be there.
    expect(d.verno).toBeGreaterThanOrEqual(2);
    expect(d.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['runs', 'packs', 'kv', 'subscriptions', 'acks']));
    expect(await repo.openRuns(d)).toEqual([open]);
    expect(await repo.finishedRuns(d)).toEqual([done]);
    expect(await repo.getPack(d, pack.id, 1)).toEqual(pack);
    expect((await repo.getSettings(d)).mode).toBe('experienced');
    expect(await repo.getSubscriptions(d)).toEqual([]);
    expect(await repo.acksFor(d, pack.id, 1)).toEqual([]);
  });
});

describe('v2 tables', () => {
  const fresh = () => {
    const d = new CuecardDb(`v2-${++n}`);
    opened.push(d);
    return d;
  };

  it('packReleases gives every installed release of an id; previousPack the one before', async () => {
    const d = fresh();
    expect(await repo.packReleases(d, 'acme.team-b')).toEqual([]);
    await repo.installPack(d, { id: 'acme.team-b', version: 1, pack: teamPack(1), source: 'url', installedAt: 1, sequence: 4 });
    await repo.installPack(d, { id: 'acme.team-b', version: 2, pack: teamPack(2), source: 'url', installedAt: 2, sequence: 7 });
    expect((await repo.packReleases(d, 'acme.team-b')).map((r) => [r.version, r.sequence])).toEqual([
      [1, 4],
      [2, 7],
    ]);
    expect(await repo.previousPack(d, 'acme.team-b', 2)).toEqual(teamPack(1));
    expect(await repo.previousPack(d, 'acme.team-b', 1)).toBeNull();
  });

  it('records acknowledgements once, keeping the first time, per pack version', async () => {
    const d = fresh();
    await repo.putAcks(d, ackRows('acme.team-b', 2, 'callback', ['bye'], 100));
    await repo.putAcks(d, ackRows('acme.team-b', 2, 'callback', ['bye', 'thanks'], 200));
    await repo.putAcks(d, ackRows('acme.team-b', 3, 'callback', ['bye'], 300));
    const rows = await repo.acksFor(d, 'acme.team-b', 2);
    expect(rows.map((r) => [r.phraseId, r.ackedAt]).sort()).toEqual([
      ['bye', 100],
      ['thanks', 200],
    ]);
  });

  it('stores subscription state by URL and forgets URLs no longer subscribed', async () => {
    const d = fresh();
    await repo.putSubscription(d, newSubState('https://a.example/p.json', 1));
    await repo.putSubscription(d, { ...newSubState('https://b.example/p.json', 1), etag: '"x"' });
    await repo.pruneSubscriptions(d, ['https://b.example/p.json']);
    expect(await repo.getSubscriptions(d)).toEqual([{ ...newSubState('https://b.example/p.json', 1), etag: '"x"' }]);
  });
});
