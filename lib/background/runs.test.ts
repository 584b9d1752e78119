/** Deleting a run deletes what it owns: the run, its masked page values, its follow-ups and their alarms, its label. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { testBrowser } from './fake-browser';
import { startRun } from '@/lib/engine';
import type { Pack } from '@/lib/pack/schema';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import defaultPack from '../../public/packs/default.json';
import { createServices } from './services';

const pack = defaultPack as Pack;
const d = db();
/** The real services over fake-indexeddb and WXT's fake browser: follow-ups and packs as they are wired. */
const createHandlers = () => createServices({ db: d, browser: testBrowser }).handlers;
const ext = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/panel.html', tab: { id: 7 } };

beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all([d.runs.clear(), d.kept.clear(), d.followups.clear(), d.kv.clear()]);
  await repo.installPack(d, { id: pack.id, version: pack.version, pack, source: 'bundled', installedAt: 1 });
});

describe('run.delete', () => {
  it('removes the run, its kept values, its follow-ups (alarms too) and its label; nothing of other runs', async () => {
    const h = createHandlers();
    for (const id of ['r1', 'r2']) await h['run.put']({ run: { ...startRun(pack.procedures[1]!, pack, { id, at: 1 }), label: `label ${id}` } }, ext);
    const kept = (runId: string) => ({ runId, packId: pack.id, version: pack.version, values: { phone: '138****5678' }, at: 1 });
    await d.kept.bulkPut([kept('r1'), kept('r2')]);
    const f = (id: string, runId: string) => ({ id, title: 'call back', dueAt: 9e12, createdAt: 1, status: 'open' as const, origin: { runId } });
    await d.followups.bulkPut([f('f1', 'r1'), f('f2', 'r1'), f('f3', 'r2')]);
    await fakeBrowser.alarms.create('followup:f1', { when: 9e12 });

    await expect(h['run.owned']({ runId: 'r1' }, ext)).resolves.toEqual({ followUps: 2 });
    await expect(h['run.delete']({ runId: 'r1' }, ext)).resolves.toEqual({ deleted: true, followUps: 2 });
    expect(await d.runs.get('r1')).toBeUndefined();
    expect(await d.kept.toCollection().primaryKeys()).toEqual(['r2']);
    expect(await d.followups.toCollection().primaryKeys()).toEqual(['f3']);
    expect(await fakeBrowser.alarms.get('followup:f1')).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ 'label:r2': 'label r2' });
  });

  it('keeps labels off the disk, and puts them back on what the panel loads', async () => {
    const h = createHandlers();
    const run = { ...startRun(pack.procedures[1]!, pack, { id: 'r1', at: 1 }), label: 'Ms Li, chat 88123' };
    await h['run.put']({ run }, ext);
    expect(await d.runs.get('r1')).not.toHaveProperty('label');
    expect(JSON.stringify(await d.runs.toArray())).not.toContain('Ms Li');
    expect((await h['state.load']({}, ext)).openRuns).toEqual([run]);
  });

  it('run.put keeps the higher revision and replies with the stored winner; other panels hear only of a stored write', async () => {
    const services = createServices({ db: d, browser: testBrowser });
    const pushed: unknown[] = [];
    services.ports.toPanels = (push) => void pushed.push(push);
    const h = services.handlers;
    const base = startRun(pack.procedures[1]!, pack, { id: 'r1', at: 1 });
    await h['run.put']({ run: { ...base, rev: 5, label: 'five' } }, ext);
    expect(pushed).toEqual([{ type: 'run.changed', run: { ...base, rev: 5, label: 'five' } }]);
    const stale = await h['run.put']({ run: { ...base, rev: 3, label: 'three' } }, ext);
    expect(stale).toEqual({ saved: false, run: { ...base, rev: 5, label: 'five' } });
    expect((await d.runs.get('r1'))?.rev).toBe(5);
    expect(pushed).toHaveLength(1);
  });
});

describe('run.activate', () => {
  it('keeps the contact per tab; a new tab opens on the most recent one; a closed tab is forgotten', async () => {
    const services = createServices({ db: d, browser: testBrowser });
    const h = services.handlers;
    const tab = (id: number) => ({ ...ext, tab: { id } });
    await h['run.activate']({ runId: 'a' }, tab(1));
    await h['run.activate']({ runId: 'b' }, tab(2));
    expect((await h['state.load']({}, tab(1))).activeRunId).toBe('a');
    expect((await h['state.load']({}, tab(2))).activeRunId).toBe('b');
    expect((await h['state.load']({}, tab(3))).activeRunId).toBe('b');
    expect((await repo.getSettings(d)).activeRunId).toBe('b');
    await h['run.activate']({ runId: null }, tab(1)); // the picker, in tab 1 only
    expect((await h['state.load']({}, tab(1))).activeRunId).toBeNull();
    expect((await h['state.load']({}, tab(2))).activeRunId).toBe('b');
    await services.runs.forgetClosedTab(1); // entrypoints/background/listeners.ts: on tabs.onRemoved
    expect(await fakeBrowser.storage.session.get('activeRun:1')).toEqual({});
    expect((await h['state.load']({}, tab(1))).activeRunId).toBe('b'); // a new tab with that id: the most recent
  });
});
