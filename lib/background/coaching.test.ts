/**
 * Fading guidance's storage: a v4 database opens under v6 with its runs and gains stepStats;
 * finished contacts are counted per step; a release that changes a step's wording is found
 * with the pack diff, and restarts that step's streak only.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { startRun, reduce } from '../engine';
import type { Run } from '../engine/run';
import type { Pack } from '../pack/schema';
import { CuecardDb } from '../db/schema';
import { createCoachingService } from './coaching';

const t = (zh: string) => ({ 'zh-CN': zh });
const pack = (version: number, guidance: string): Pack => ({
  format: 1,
  id: 'acme.c',
  version,
  title: t('c'),
  languages: ['zh-CN'],
  procedures: [
    {
      id: 'p',
      title: t('p'),
      kind: 'contact',
      start: 'a',
      steps: [
        { id: 'a', title: t('a'), guidance: t(guidance), checklist: [{ id: 'a1', text: t('a1'), required: true }], next: 'b' },
        { id: 'b', title: t('b'), guidance: t('same') },
      ],
    },
  ],
});

const dbs: Dexie[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.delete();
});

function cleanRun(p: Pack, id: string): Run {
  const ctx = { procedure: p.procedures[0]!, mode: 'experienced' as const };
  let run = startRun(p.procedures[0]!, p, { id, at: 1000 });
  for (const [i, e] of [{ type: 'tick', itemId: 'a1' }, { type: 'next' }, { type: 'finish' }].entries())
    run = reduce(run, { ...e, at: 2000 + i } as never, ctx);
  expect(run.status).toBe('finished');
  return run;
}

describe('coaching storage', () => {
  it('opens a v4 database under v6 with its runs, and adds stepStats', async () => {
    const old = new Dexie('coach-v4');
    old.version(4).stores({
      runs: 'id, status, updatedAt',
      packs: '[id+version], id',
      kv: 'key',
      subscriptions: 'url',
      acks: '[packId+version+procedureId+phraseId], [packId+version]',
      followups: 'id, status, dueAt',
      brokenAnchors: '[packId+packVersion+procedureId+stepId+index+page], lastSeen',
      kept: 'runId, at',
    });
    await old.table('runs').put(cleanRun(pack(1, 'x'), 'kept-run'));
    old.close();
    const d = new CuecardDb('coach-v4');
    dbs.push(d);
    await d.open();
    expect(d.verno).toBeGreaterThanOrEqual(6);
    expect(await d.runs.get('kept-run')).toMatchObject({ status: 'finished' });
    expect(await d.stepStats.count()).toBe(0);
  });

  it('counts clean runs per step, and a wording change restarts only that step', async () => {
    const d = new CuecardDb('coach-count');
    dbs.push(d);
    const v1 = pack(1, 'old words');
    await d.packs.put({ id: v1.id, version: 1, pack: v1, source: 'file', installedAt: 1 });
    const coaching = createCoachingService({ db: d });
    await coaching.countRun(cleanRun(v1, 'r1'));
    await coaching.countRun(cleanRun(v1, 'r2'));
    const stats = (version: number) => coaching.handlers['coaching.stats']({ packId: 'acme.c', version, procedureId: 'p' }, {} as never);
    expect((await stats(1)).stats.map((s) => [s.stepId, s.streak, s.changed])).toEqual([
      ['a', 2, false],
      ['b', 2, false],
    ]);
    const v2 = pack(2, 'new words');
    await d.packs.put({ id: v2.id, version: 2, pack: v2, source: 'file', installedAt: 2 });
    expect((await stats(2)).stats.map((s) => [s.stepId, s.changed])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    await coaching.countRun(cleanRun(v2, 'r3'));
    expect((await d.stepStats.toArray()).map((s) => [s.stepId, s.streak, s.total, s.version])).toEqual([
      ['a', 1, 3, 2],
      ['b', 3, 3, 2],
    ]);
  });
});
