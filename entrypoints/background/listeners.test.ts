/**
 * The background's wiring of follow-ups (lib/background/followups.ts) to alarms, notifications
 * and browser start, against WXT's fake browser and fake-indexeddb: an alarm per
 * open follow-up, one notification when due, clicks and buttons, restarts; and the v2 → v3
 * database upgrade that added the table.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { testBrowser } from '@/lib/background/fake-browser';
import * as repo from '@/lib/db/repo';
import { CuecardDb, db } from '@/lib/db/schema';
import { startRun } from '@/lib/engine';
import type { FollowUp } from '@/lib/followups/schema';
import { fixturePack } from '@/components/test-fixtures';
import type { Handlers } from '@/lib/messaging/server';
import { createServices, type Services } from '@/lib/background/services';
import { listenForFollowUpClicks, listenForLifecycle } from './listeners';

const d = db();
let h: Partial<Handlers>;
let services: Services;
const notifyDue = (_d: unknown) => services.followUps.notifyDue();
const NOW = 1_700_000_000_000;
const sender = {};

async function add(title: string, dueAt: number): Promise<FollowUp> {
  return (await h['followups.add']!({ draft: { title, dueAt } }, sender)).followUp;
}
/** Listeners run their work unawaited; wait for it with real timeouts (vi.waitFor would move the faked clock). */
async function eventually(check: () => Promise<void>) {
  for (let i = 0; i < 100; i++) {
    try {
      return await check();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  await check();
}
const notes = () => fakeBrowser.notifications.getAll() as Promise<Record<string, { title: string; message: string; buttons?: { title: string }[] }>>;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  await d.followups.clear();
  await d.kv.clear();
  services = createServices({ db: d, browser: testBrowser });
  h = services.handlers;
  listenForFollowUpClicks(services);
  listenForLifecycle(services);
});
afterEach(() => vi.useRealTimers());

describe('follow-ups in the background', () => {
  it('stores a new follow-up and sets an alarm for its due time', async () => {
    const f = await add('Call Ms Wang back', NOW + 20 * 60_000);
    expect(await d.followups.get(f.id)).toEqual({ id: f.id, title: 'Call Ms Wang back', dueAt: NOW + 20 * 60_000, createdAt: NOW, status: 'open' });
    expect(await fakeBrowser.alarms.get(`followup:${f.id}`)).toMatchObject({ scheduledTime: NOW + 20 * 60_000 });
    expect((await h['followups.list']!({}, sender)).followUps.map((x) => x.id)).toEqual([f.id]);
  });

  it('notifies once when the alarm fires, in the agent language, with Done and Snooze', async () => {
    await repo.patchSettings(d, { lang: 'zh-CN' });
    const f = await add('回电 王女士', NOW + 60_000);
    vi.setSystemTime(NOW + 61_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: `followup:${f.id}`, scheduledTime: NOW + 60_000 });
    await eventually(async () => expect(Object.keys(await notes())).toEqual([`followup:${f.id}`]));
    const note = (await notes())[`followup:${f.id}`]!;
    // The title stays in Cuecard: an OS notification never shows what the agent typed.
    expect(note.title).toBe('跟进事项到期');
    expect(note.message).toMatch(/^你设置的跟进事项已到期（.+）/);
    expect(note.message).not.toContain('王');
    expect(note.buttons?.map((b) => b.title)).toEqual(['完成', '推迟 10 分钟']);
    await eventually(async () => expect((await d.followups.get(f.id))?.notifiedAt).toBe(NOW + 61_000));
    // Dismissed, and a late duplicate alarm: no second notification.
    await fakeBrowser.notifications.clear(`followup:${f.id}`);
    await notifyDue(d);
    expect(await notes()).toEqual({});
  });

  it('words a notification from the procedure and step it came from, never the title', async () => {
    await repo.installPack(d, { id: fixturePack.id, version: fixturePack.version, pack: fixturePack, source: 'file', installedAt: 1 });
    const proc = fixturePack.procedures[1]!;
    const draft = {
      title: 'Call Mr Wang 13812345678',
      dueAt: NOW - 1,
      origin: { runId: 'r1', packId: fixturePack.id, procedureId: proc.id, stepId: proc.steps[0]!.id },
    };
    const f = (await h['followups.add']!({ draft }, sender)).followUp;
    expect(f.title).toBe('Call Mr Wang 138****5678'); // long numbers masked on receipt
    await notifyDue(d);
    const message = (await notes())[`followup:${f.id}`]!.message;
    expect(message).toContain(`${proc.title.en} · ${proc.steps[0]!.title.en}`);
    expect(message).not.toMatch(/Wang|138/);
    await d.packs.clear();
  });

  it('does not notify before the due time', async () => {
    const f = await add('Later', NOW + 60_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: `followup:${f.id}`, scheduledTime: NOW });
    await notifyDue(d);
    expect(await notes()).toEqual({});
  });

  it('opens the options follow-up list when the notification is clicked', async () => {
    const f = await add('Ticket #4711', NOW - 1);
    await notifyDue(d);
    await fakeBrowser.notifications.onClicked.trigger(`followup:${f.id}`);
    await eventually(async () =>
      expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain('chrome-extension://test-extension-id/options.html#followups'),
    );
    expect(await notes()).toEqual({});
  });

  it('Done and Snooze buttons change the follow-up, its alarm and the notification', async () => {
    const a = await add('A', NOW - 1);
    const b = await add('B', NOW - 1);
    await notifyDue(d);
    await fakeBrowser.notifications.onButtonClicked.trigger(`followup:${a.id}`, 0);
    await eventually(async () => expect((await d.followups.get(a.id))?.status).toBe('done'));
    expect(await fakeBrowser.alarms.get(`followup:${a.id}`)).toBeUndefined();
    await fakeBrowser.notifications.onButtonClicked.trigger(`followup:${b.id}`, 1);
    await eventually(async () => expect((await d.followups.get(b.id))?.dueAt).toBe(NOW + 10 * 60_000));
    expect((await d.followups.get(b.id))?.notifiedAt).toBeUndefined();
    expect(await fakeBrowser.alarms.get(`followup:${b.id}`)).toMatchObject({ scheduledTime: NOW + 10 * 60_000 });
    expect(await notes()).toEqual({});
  });

  it('refuses a change to a follow-up that is gone, saying so', async () => {
    await expect(h['followups.change']!({ id: 'nope', change: { action: 'done' } }, sender)).rejects.toThrow('That follow-up no longer exists');
    const f = await add('X', NOW + 60_000);
    expect((await h['followups.change']!({ id: f.id, change: { action: 'delete' } }, sender)).followUp).toBeNull();
    expect(await d.followups.count()).toBe(0);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('on browser start: notifies what fell due while it was closed, re-creates alarms, sweeps old done ones', async () => {
    const missed: FollowUp = { id: 'missed', title: 'Missed', dueAt: NOW - 3600_000, createdAt: NOW - 7200_000, status: 'open' };
    const later: FollowUp = { id: 'later', title: 'Later', dueAt: NOW + 3600_000, createdAt: NOW, status: 'open' };
    const old: FollowUp = { id: 'old', title: 'Old', dueAt: 0, createdAt: 0, status: 'done', doneAt: NOW - 30 * 24 * 3600_000 };
    await d.followups.bulkPut([missed, later, old]);
    await fakeBrowser.runtime.onStartup.trigger();
    await eventually(async () => expect(Object.keys(await notes())).toEqual(['followup:missed']));
    expect(await fakeBrowser.alarms.get('followup:later')).toMatchObject({ scheduledTime: later.dueAt });
    await eventually(async () => expect(await d.followups.get('old')).toBeUndefined());
  });
});

describe('database v2 → v3', () => {
  it('opens a v2 database with its runs and settings intact and adds the follow-ups table', async () => {
    const name = 'followups-migrate';
    const v2 = new Dexie(name);
    v2.version(1).stores({ runs: 'id, status, updatedAt', packs: '[id+version], id', kv: 'key' });
    v2.version(2).stores({ subscriptions: 'url', acks: '[packId+version+procedureId+phraseId], [packId+version]' });
    const run = startRun(fixturePack.procedures[1]!, fixturePack, { id: 'r1', at: 5 });
    await v2.table('runs').put(run);
    await v2.table('kv').put({ key: 'settings', value: { mode: 'experienced' } });
    v2.close();
    const v3 = new CuecardDb(name);
    try {
      expect(await v3.runs.get('r1')).toEqual(run);
      expect((await repo.getSettings(v3)).mode).toBe('experienced');
      expect(v3.verno).toBeGreaterThanOrEqual(3); // v4 stacks on top (lib/db/migrate-v4.test.ts)
      await v3.followups.put({ id: 'f', title: 'T', dueAt: 1, createdAt: 0, status: 'open' });
      expect(await v3.followups.where('status').equals('open').count()).toBe(1);
    } finally {
      await v3.delete();
    }
  });
});
