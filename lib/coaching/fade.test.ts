import { describe, expect, it } from 'vitest';
import type { Run } from '../engine/run';
import type { Procedure } from '../pack/schema';
import { diffPacks } from '../pack/diff';
import type { Pack } from '../pack/schema';
import { countOutcome, fadeAfterOf, guidanceState, stepOutcomes, wordingChanged, type StepStat } from './fade';

const t = (zh: string) => ({ 'zh-CN': zh });
const proc: Procedure = {
  id: 'p',
  title: t('p'),
  kind: 'contact',
  start: 'a',
  steps: [
    {
      id: 'a',
      title: t('a'),
      timeLimitSec: 10,
      checklist: [
        { id: 'a1', text: t('a1'), required: true },
        { id: 'a2', text: t('a2'), required: true },
      ],
      next: 'b',
      fadeAfter: 2,
    },
    { id: 'b', title: t('b'), guidance: t('g'), checklist: [{ id: 'b1', text: t('b1'), required: true }] },
  ],
};
const pack: Pack = { format: 1, id: 'x.y', version: 1, title: t('x'), languages: ['zh-CN'], procedures: [proc], coaching: { fadeAfter: 3 } };

function run(over: Partial<Run> = {}): Run {
  return {
    id: 'r',
    packId: 'x.y',
    packVersion: 1,
    procedureId: 'p',
    status: 'finished',
    path: [
      { stepId: 'a', at: 0 },
      { stepId: 'b', at: 5000 },
    ],
    ticks: { a1: 1000, a2: 2000, b1: 6000 },
    skips: {},
    choices: {},
    createdAt: 0,
    updatedAt: 7000,
    finishedAt: 7000,
    rev: 5,
    ...over,
  };
}

describe('stepOutcomes', () => {
  it('counts a step done in order, in time, without coming back as clean', () => {
    expect(Object.fromEntries(stepOutcomes(run(), proc))).toEqual({ a: 'clean', b: 'clean' });
  });
  it('names each kind of mistake', () => {
    expect(stepOutcomes(run({ backs: { a: 1 } }), proc).get('a')).toBe('back');
    expect(stepOutcomes(run({ ticks: { a1: 1000, b1: 6000 }, skips: { a2: { reason: 'x', at: 1 } } }), proc).get('a')).toBe('skipped');
    expect(stepOutcomes(run({ ticks: { a1: 3000, a2: 2000, b1: 6000 } }), proc).get('a')).toBe('order');
    const slow = run({
      path: [
        { stepId: 'a', at: 0 },
        { stepId: 'b', at: 11_000 },
      ],
      finishedAt: 12_000,
    });
    expect(stepOutcomes(slow, proc).get('a')).toBe('time');
    expect(stepOutcomes(slow, proc).get('b')).toBe('clean');
  });
});

describe('fading', () => {
  const key = { packId: 'x.y', procedureId: 'p', stepId: 'a', version: 1 };
  const after = (outcomes: Array<Parameters<typeof countOutcome>[2]>) =>
    outcomes.reduce<StepStat | undefined>((s, o, i) => countOutcome(s, key, o, false, i), undefined);

  it('takes N from the step, else from the pack, else 5', () => {
    expect(fadeAfterOf(pack, proc.steps[0]!)).toBe(2);
    expect(fadeAfterOf(pack, proc.steps[1]!)).toBe(3);
    expect(fadeAfterOf({}, proc.steps[1]!)).toBe(5);
  });
  it('collapses after N clean completions and says so', () => {
    expect(guidanceState(after(['clean']), 2, { newHire: false, changed: false })).toMatchObject({ collapsed: false, reason: 'learning', streak: 1 });
    expect(guidanceState(after(['clean', 'clean']), 2, { newHire: false, changed: false })).toMatchObject({ collapsed: true, reason: 'faded', streak: 2 });
  });
  it('comes back after a mistake, and the streak starts again', () => {
    const s = after(['clean', 'clean', 'back']);
    expect(s).toMatchObject({ streak: 0, total: 3, mistakes: 1 });
    expect(guidanceState(s, 2, { newHire: false, changed: false })).toMatchObject({ collapsed: false, reason: 'mistake' });
    expect(guidanceState(after(['clean', 'clean', 'back', 'clean']), 2, { newHire: false, changed: false }).reason).toBe('learning');
  });
  it('comes back when the wording changed, and a changed release restarts the count', () => {
    const s = after(['clean', 'clean']);
    expect(guidanceState(s, 2, { newHire: false, changed: true })).toMatchObject({ collapsed: false, reason: 'changed', streak: 0 });
    expect(countOutcome(s, { ...key, version: 2 }, 'clean', true, 9)).toMatchObject({ streak: 1, version: 2, total: 3 });
  });
  it('never fades for new hires or with fadeAfter 0', () => {
    const s = after(['clean', 'clean', 'clean']);
    expect(guidanceState(s, 2, { newHire: true, changed: false })).toMatchObject({ collapsed: false, reason: 'newHire' });
    expect(guidanceState(s, 0, { newHire: false, changed: false })).toMatchObject({ collapsed: false, reason: 'never' });
  });
  it('finds wording changes of a step in the pack diff, not elsewhere', () => {
    const next: Pack = structuredClone(pack);
    next.version = 2;
    next.procedures[0]!.steps[1]!.guidance = t('new');
    const d = diffPacks(pack, next);
    expect(wordingChanged(d, 'p', 'b')).toBe(true);
    expect(wordingChanged(d, 'p', 'a')).toBe(false);
    next.procedures[0]!.steps[0]!.timeLimitSec = 99; // timing only: the wording is the same
    expect(wordingChanged(diffPacks(pack, next), 'p', 'a')).toBe(false);
  });
});
