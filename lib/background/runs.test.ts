/** Deleting a run deletes what was kept for it: the run and its masked page values. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { testBrowser } from './fake-browser';
import { startRun } from '@/lib/engine';
import type { Pack } from '@/lib/pack/schema';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import defaultPack from '../../public/packs/default.json';
import { createContextService } from './context';
import { createPanelPorts } from './panel-ports';
import { createRunsService } from './runs';

const pack = defaultPack as Pack;
const d = db();
const packs = { ensureDefaultPack: async () => undefined, packsForState: async () => ({ packs: [], meta: [] }) };
const runs = () =>
  createRunsService({ db: d, ports: createPanelPorts(async () => 'panel'), packs, forgetKept: createContextService({ db: d, browser: testBrowser }).forgetKept });
const ext = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/panel.html' };

beforeEach(async () => {
  fakeBrowser.reset();
  await d.runs.clear();
});

describe('run.delete', () => {
  it('removes the run and the masked values kept for it, and nothing kept for other runs', async () => {
    const run = startRun(pack.procedures[1]!, pack, { id: 'r1', at: 1 });
    await repo.putRun(d, run);
    const keptFor = (id: string) => ({ packId: pack.id, version: pack.version, values: { phone: '138****5678' }, at: 1, id });
    await fakeBrowser.storage.local.set({ keptContext: { r1: keptFor('r1'), r2: keptFor('r2') } });
    await expect(runs()['run.delete']({ runId: 'r1' }, ext)).resolves.toEqual({ deleted: true });
    expect(await d.runs.get('r1')).toBeUndefined();
    expect(Object.keys((await fakeBrowser.storage.local.get('keptContext')).keptContext as object)).toEqual(['r2']);
  });
});
