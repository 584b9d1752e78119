/**
 * Release drills acknowledge a change only from the drill run the background kept (issue 13.4):
 * the panel's "done" alone acknowledges nothing; an unfinished, skipped or foreign run is refused
 * with the reason, and a drill run is kept only from the practice page.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import { reduce, startRun } from '../engine';
import type { Run, RunEvent } from '../engine/run';
import type { Pack } from '../pack/schema';
import { drillProcedure } from '../coaching/drill';
import { testBrowser } from './fake-browser';
import { createPackConfig } from './pack-config';
import { createPracticeService } from './practice';

const t = (zh: string) => ({ 'zh-CN': zh });
const release = (version: number, hello: string): Pack => ({
  format: 1,
  id: 'acme.d',
  version,
  title: t('d'),
  languages: ['zh-CN'],
  coaching: { requireDrill: true },
  procedures: [
    {
      id: 'call',
      title: t('call'),
      kind: 'contact',
      start: 'greet',
      steps: [
        { id: 'greet', title: t('greet'), phrases: [{ id: 'hi', text: t(hello) }], checklist: [{ id: 'named', text: t('n'), required: true }], next: 'close' },
        { id: 'close', title: t('close') },
      ],
    },
  ],
});

const d = db();
const pushes: unknown[] = [];
const ports = { toPanels: (push: unknown) => void pushes.push(push), toTab: () => 0, accept: () => undefined };
const h = () => createPracticeService({ db: d, browser: testBrowser, ports: ports as never, config: createPackConfig({ db: d, browser: testBrowser }) });
const practice = { tab: { id: 4, url: `chrome-extension://${fakeBrowser.runtime.id}/practice.html` }, frameId: 0 };
const crm = { tab: { id: 5, url: 'https://crm.example/case/1' }, frameId: 0 };
const done = { packId: 'acme.d', version: 2, procedureId: 'call', runId: 'practice-1' };

const v2 = release(2, '您好，新');
const drill = drillProcedure(v2.procedures[0]!, ['greet'])!;
const play = (...events: RunEvent[]): Run =>
  events.reduce((r, e) => reduce(r, e, { procedure: drill, mode: 'newHire' }), startRun(drill, v2, { id: 'practice-1', at: 1000 }));

beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all([d.acks.clear(), d.packs.clear()]);
  await repo.installPack(d, { id: 'acme.d', version: 1, pack: release(1, '您好'), source: 'bundled', installedAt: 1 });
  await repo.installPack(d, { id: 'acme.d', version: 2, pack: v2, source: 'bundled', installedAt: 2 });
  pushes.length = 0;
});

describe('practice.drillDone', () => {
  it('acknowledges the changed wording from the finished drill run the background kept', async () => {
    const run = play({ type: 'tick', itemId: 'named', at: 2000 }, { type: 'finish', at: 3000 });
    expect(run.status).toBe('finished');
    await h()['practice.drillRun']({ run }, practice);
    const { acked } = await h()['practice.drillDone'](done, practice);
    expect(Object.keys(acked)).toHaveLength(1);
    expect(await repo.acksFor(d, 'acme.d', 2)).toHaveLength(1);
    expect(pushes).toEqual([{ type: 'packs.changed' }]);
    // The kept run is used once: the same "done" again has nothing to check.
    await expect(h()['practice.drillDone'](done, practice)).rejects.toThrow(/No drill run/);
  });

  it('acknowledges nothing on the panel’s word alone: no kept run', async () => {
    await expect(h()['practice.drillDone'](done, practice)).rejects.toThrow(/No drill run/);
    expect(await repo.acksFor(d, 'acme.d', 2)).toEqual([]);
    expect(pushes).toEqual([]);
  });

  it('refuses a kept run that is still open, or finished with the required item skipped', async () => {
    await h()['practice.drillRun']({ run: play({ type: 'tick', itemId: 'named', at: 2000 }) }, practice);
    await expect(h()['practice.drillDone'](done, practice)).rejects.toThrow(/not finished/);
    const skipped = { ...play({ type: 'tick', itemId: 'named', at: 2000 }, { type: 'finish', at: 3000 }), rev: 50 };
    skipped.skips = { named: { reason: 'busy', at: 2500 } };
    await h()['practice.drillRun']({ run: skipped }, practice);
    await expect(h()['practice.drillDone'](done, practice)).rejects.toThrow(/named of step greet was not ticked/);
    expect(await repo.acksFor(d, 'acme.d', 2)).toEqual([]);
  });

  it('checks the drill it builds from the stored releases, not the one the panel ran', async () => {
    // A drill the panel made up with no steps of its own: finished, but not this release's drill.
    const fake: Run = { ...play({ type: 'tick', itemId: 'named', at: 2000 }, { type: 'finish', at: 3000 }), path: [{ stepId: 'close', at: 1000 }] };
    await h()['practice.drillRun']({ run: fake }, practice);
    await expect(h()['practice.drillDone'](done, practice)).rejects.toThrow(/close is not part of the drill/);
    await expect(h()['practice.drillDone']({ ...done, version: 1 }, practice)).rejects.toThrow(/No earlier release/);
  });

  it('keeps drill runs only from the practice page, only drills, and the higher revision', async () => {
    const run = play({ type: 'tick', itemId: 'named', at: 2000 }, { type: 'finish', at: 3000 });
    await expect(h()['practice.drillRun']({ run }, crm)).rejects.toThrow(/practice page/);
    await expect(h()['practice.drillDone'](done, crm)).rejects.toThrow(/practice page/);
    await expect(h()['practice.drillRun']({ run: { ...run, procedureId: 'call' } }, practice)).rejects.toThrow(/Only a drill/);
    await h()['practice.drillRun']({ run }, practice);
    await h()['practice.drillRun']({ run: play() }, practice); // an older write arriving late
    expect((await h()['practice.drillDone'](done, practice)).acked).not.toEqual({});
  });
});
