/**
 * Schema v3 → v4: broken anchors and kept page values move from chrome.storage.local into
 * Dexie tables with nothing lost. The fixture is made from the code that shipped with v3: the
 * v1–v3 declarations copied from lib/db/schema.ts, storage.local written by that version's
 * recordBroken (lib/db/fixtures/v3-broken-anchors.ts, frozen) and in context.keep's shape.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startRun } from '../engine';
import type { Pack } from '../pack/schema';
import defaultPack from '../../public/packs/default.json';
import { pageOf as v3PageOf, recordBroken as v3RecordBroken, type BrokenAnchor as V3BrokenAnchor } from './fixtures/v3-broken-anchors';
import { CuecardDb } from './schema';
import { storageLocalSource } from './legacy-local';
import { brokenAnchors, keptFor } from './context-repo';
import * as repo from './repo';

const fixturePack = defaultPack as Pack;
let n = 0;
const opened: Dexie[] = [];
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** Exactly today's (v3) declarations. */
function v3Database(name: string): Dexie {
  const old = new Dexie(name);
  old.version(1).stores({ runs: 'id, status, updatedAt', packs: '[id+version], id', kv: 'key' });
  old.version(2).stores({ subscriptions: 'url', acks: '[packId+version+procedureId+phraseId], [packId+version]' });
  old.version(3).stores({ followups: 'id, status, dueAt' });
  return old;
}

/** storage.local as v3's background wrote it: each miss through recordBroken, kept values by run id. */
async function v3StorageLocal() {
  const miss = (stepId: string, index: number, url: string, error?: string) => ({
    packId: fixturePack.id,
    packVersion: 1,
    procedureId: 'inbound-phone',
    stepId,
    index,
    page: v3PageOf(url),
    anchor: { selector: '#notes', labelText: undefined, frame: undefined, name: '备注' },
    ...(error ? { error } : {}),
  });
  let list: V3BrokenAnchor[] = [];
  list = v3RecordBroken(list, miss('greet', 0, 'http://127.0.0.1:5173/index.html?phone=13812345678'), 100);
  list = v3RecordBroken(list, miss('greet', 0, 'http://127.0.0.1:5173/index.html'), 200);
  list = v3RecordBroken(list, miss('verify', 1, 'https://crm.example.com/customer/13812345678/view'), 300);
  list = v3RecordBroken(list, miss('verify', 1, 'https://crm.example.com/customer/13999999999/view'), 400);
  list = v3RecordBroken(list, miss('wrap', 0, 'https://crm.example.com/c/wang.wei@example.com', 'Bad selector "##x": SyntaxError <b>13812345678</b>'), 500);
  const keptContext = {
    r1: { packId: fixturePack.id, version: 1, values: { 'customer.phone': '138****5678' }, at: 10 },
    r2: { packId: fixturePack.id, version: 1, values: { 'customer.name': '张*', 'ticket.id': 'T20*****8001' }, at: 20 },
  };
  await fakeBrowser.storage.local.set({ brokenAnchors: list, keptContext, unrelated: 'stays' });
  return { list, keptContext };
}

async function versionOf(name: string): Promise<number> {
  const probe = new Dexie(name);
  await probe.open();
  const v = probe.verno;
  probe.close();
  return v;
}

describe('migration v3 → v4', () => {
  it('moves every broken anchor and kept value into Dexie, then clears storage.local', async () => {
    const name = `migrate-v4-${++n}`;
    const old = v3Database(name);
    const run = startRun(fixturePack.procedures[1]!, fixturePack, { id: 'r1', at: 1 });
    await old.table('runs').put(run);
    await old.table('kv').put({ key: 'settings', value: { mode: 'experienced' } });
    await old.table('followups').put({ id: 'f', title: 'T', dueAt: 1, createdAt: 0, status: 'open' });
    old.close();
    const { list, keptContext } = await v3StorageLocal();
    expect(list.map((a) => a.count)).toEqual([1, 1, 1, 2]);

    const d = new CuecardDb(name, storageLocalSource(fakeBrowser.storage.local));
    opened.push(d);
    await d.open();
    expect(d.verno).toBeGreaterThanOrEqual(4); // later versions (v5 hub outbox, v6 stepStats) add tables only
    expect(d.legacyDropped).toEqual([]);
    // v1–v3 data carried over.
    expect(await d.runs.get('r1')).toEqual(run);
    expect((await repo.getSettings(d)).mode).toBe('experienced');
    expect(await d.followups.count()).toBe(1);
    // Kept values: every run, every value, as stored.
    for (const [runId, entry] of Object.entries(keptContext)) expect(await keptFor(d, runId)).toEqual({ runId, ...entry });
    // Broken anchors: every miss counted; pages re-masked (the two customer pages now mask alike
    // and merge), the frame's error text replaced by our code.
    const rows = await brokenAnchors(d);
    expect(rows.reduce((sum, a) => sum + a.count, 0)).toBe(list.reduce((sum, a) => sum + a.count, 0));
    expect(rows.map((a) => [a.stepId, a.page, a.count, a.firstSeen, a.lastSeen, a.error])).toEqual([
      ['wrap', 'https://crm.example.com/c/*', 1, 500, 500, 'bad-selector'],
      ['verify', 'https://crm.example.com/customer/*/view', 2, 300, 400, undefined],
      ['greet', 'http://127.0.0.1:5173/index.html', 2, 100, 200, undefined],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/wang|SyntaxError|<b>/);
    // Removed from storage.local only now, after the upgrade committed; other keys stay.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ unrelated: 'stays' });
  });

  it.each(['upgrade', 'populate'])('leaves storage.local alone when the %s does not commit', async (path) => {
    const name = `migrate-v4-${++n}`;
    const old = v3Database(name);
    if (path === 'upgrade') await old.open();
    old.close();
    await v3StorageLocal();
    const before = await fakeBrowser.storage.local.get(null);
    const d = new CuecardDb(name, storageLocalSource(fakeBrowser.storage.local));
    opened.push(d);
    // The disk fills up while the upgrade writes the kept values: the upgrade aborts.
    d.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down) => ({
        ...down,
        table: (table) => {
          const t = down.table(table);
          return table === 'kept' ? { ...t, mutate: () => Promise.reject(new DOMException('disk full', 'QuotaExceededError')) } : t;
        },
      }),
    });
    await expect(d.open()).rejects.toThrow(/disk full/);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    // Nothing was half-migrated: the database is still at v3 (or was never created).
    expect((await Dexie.getDatabaseNames()).includes(name) ? await versionOf(name) : 0).toBe(path === 'upgrade' ? 3 : 0);
  });

  it('imports legacy values into a database created fresh (populate), too', async () => {
    await v3StorageLocal();
    const d = new CuecardDb(`migrate-v4-${++n}`, storageLocalSource(fakeBrowser.storage.local));
    opened.push(d);
    expect((await brokenAnchors(d)).length).toBe(3);
    expect(await d.kept.count()).toBe(2);
    expect(await fakeBrowser.storage.local.get(['brokenAnchors', 'keptContext'])).toEqual({});
  });
});
