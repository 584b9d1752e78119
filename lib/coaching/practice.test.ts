import { describe, expect, it } from 'vitest';
import type { Run } from '../engine/run';
import type { Pack, Procedure } from '../pack/schema';
import { diffPacks } from '../pack/diff';
import { drillIncomplete, drillOffers, drillProcedure } from './drill';
import { scorePractice } from './score';

const t = (zh: string) => ({ 'zh-CN': zh });
const proc: Procedure = {
  id: 'p',
  title: t('p'),
  kind: 'contact',
  start: 'greet',
  steps: [
    { id: 'greet', title: t('greet'), timeLimitSec: 15, phrases: [{ id: 'hello', text: t('您好') }], next: 'verify' },
    { id: 'verify', title: t('verify'), checklist: [{ id: 'ok', text: t('ok'), required: true, verifiesIdentity: true }], next: 'act' },
    {
      id: 'act',
      title: t('act'),
      requiresIdentity: true,
      checklist: [{ id: 'done', text: t('done'), required: true }],
      choices: [{ id: 'end', label: t('end'), next: 'end' }],
    },
    { id: 'end', title: t('end') },
  ],
};
const pack: Pack = { format: 1, id: 'x.y', version: 1, title: t('x'), languages: ['zh-CN'], procedures: [proc] };
const run = (over: Partial<Run>): Run => ({
  id: 'r',
  packId: 'x.y',
  packVersion: 1,
  procedureId: 'p',
  status: 'finished',
  path: [
    { stepId: 'greet', at: 0 },
    { stepId: 'verify', at: 10_000 },
    { stepId: 'act', at: 20_000 },
    { stepId: 'end', at: 30_000 },
  ],
  ticks: { ok: 15_000, done: 25_000 },
  skips: {},
  choices: {},
  createdAt: 0,
  updatedAt: 31_000,
  finishedAt: 31_000,
  rev: 9,
  ...over,
});

describe('scorePractice', () => {
  it('passes a contact that does what the SOP checks', () => {
    expect(scorePractice(run({}), proc, new Set(['hello']))).toMatchObject({ score: 4, max: 4 });
  });
  it('names each missed check and the steps that missed it', () => {
    const s = scorePractice(
      run({
        ticks: { ok: 22_000 },
        skips: { done: { reason: 'x', at: 1 } },
        path: [
          { stepId: 'greet', at: 0 },
          { stepId: 'verify', at: 16_000 },
          { stepId: 'act', at: 20_000 },
          { stepId: 'end', at: 30_000 },
        ],
      }),
      proc,
      new Set(),
    );
    expect(s.score).toBe(0);
    expect(Object.fromEntries(s.checks.map((c) => [c.id, c.steps]))).toEqual({ verify: ['act'], wording: ['greet'], required: ['act'], time: ['greet'] });
  });
});

describe('drills', () => {
  it('offers the steps whose wording changed, and chains them into a procedure of their own', () => {
    const next: Pack = structuredClone(pack);
    next.version = 2;
    next.procedures[0]!.steps[0]!.phrases![0]!.text = t('您好,欢迎');
    next.procedures[0]!.steps[2]!.checklist![0]!.text = t('已办理');
    const offers = drillOffers(diffPacks(pack, next), 'x.y', 2);
    expect(offers).toEqual([{ packId: 'x.y', version: 2, procedureId: 'p', stepIds: ['greet', 'act'] }]);
    const drill = drillProcedure(next.procedures[0]!, offers[0]!.stepIds)!;
    expect(drill.id).toBe('drill.p');
    expect(drill.start).toBe('greet');
    expect(drill.steps.map((s) => [s.id, s.next, s.choices, s.requiresIdentity])).toEqual([
      ['greet', 'act', undefined, undefined],
      ['act', undefined, undefined, undefined],
    ]);
  });
});

describe('drillIncomplete', () => {
  const drill = drillProcedure(proc, ['verify', 'act'])!;
  const drillRun = (over: Partial<Run>) =>
    run({
      packId: 'x.y',
      procedureId: drill.id,
      path: [
        { stepId: 'verify', at: 1000 },
        { stepId: 'act', at: 2000 },
      ],
      ticks: { ok: 1500, done: 2500 },
      createdAt: 1000,
      finishedAt: 3000,
      ...over,
    });
  it('accepts a finished drill over every step in order, with a Back and re-entry', () => {
    expect(drillIncomplete(drillRun({}), drill, 'x.y', 1)).toBeNull();
    const back = drillRun({
      path: [
        { stepId: 'verify', at: 1000 },
        { stepId: 'act', at: 1200 },
        { stepId: 'verify', at: 1300 },
        { stepId: 'act', at: 2000 },
      ],
    });
    expect(drillIncomplete(back, drill, 'x.y', 1)).toBeNull();
  });
  it('names what is missing: a step not reached, a step out of order, an item not ticked', () => {
    expect(drillIncomplete(drillRun({ path: [{ stepId: 'verify', at: 1000 }] }), drill, 'x.y', 1)).toMatch(/act of the drill was not reached/);
    expect(drillIncomplete(drillRun({ path: [{ stepId: 'act', at: 1000 }] }), drill, 'x.y', 1)).toMatch(/act is not part of the drill/);
    expect(drillIncomplete(drillRun({ ticks: { ok: 1500 } }), drill, 'x.y', 1)).toMatch(/done of step act/);
  });
  it('refuses an open run, another release or procedure, and times that run backwards', () => {
    expect(drillIncomplete(drillRun({ status: 'open', finishedAt: undefined }), drill, 'x.y', 1)).toMatch(/not finished/);
    expect(drillIncomplete(drillRun({}), drill, 'x.y', 2)).toMatch(/not this release/);
    expect(drillIncomplete(drillRun({ procedureId: 'p' }), drill, 'x.y', 1)).toMatch(/not this release/);
    expect(drillIncomplete(drillRun({ finishedAt: 1500 }), drill, 'x.y', 1)).toMatch(/backwards/);
  });
});
