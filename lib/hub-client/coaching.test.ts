import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { CoachingStat } from '../coaching/fade';
import { teamPack } from '../distribution/fixtures';
import { EventSchema } from '../hub/wire';
import { coachingEvent } from './coaching';

const pack = { ...teamPack(2), coaching: { fadeAfter: 3 } };
const ref = { runId: 'run-9', packId: pack.id, version: 2, procedureId: 'callback', at: 1_000, newHire: false };
const stat = (stepId: string, over: Partial<CoachingStat>): CoachingStat => ({
  packId: pack.id,
  procedureId: 'callback',
  stepId,
  version: 2,
  streak: 0,
  total: 0,
  mistakes: 0,
  last: 'clean',
  at: 1,
  changed: false,
  ...over,
});

describe('coachingEvent', () => {
  it('reports per step, in the procedure’s order, whether its guidance is collapsed and the counts behind it: nothing else', () => {
    const stats = [
      stat('close', { streak: 1, total: 4, mistakes: 1, last: 'clean' }),
      stat('open', { streak: 3, total: 5, mistakes: 2, last: 'clean' }),
      stat('survey', { streak: 0, total: 2, mistakes: 2, last: 'back' }),
      { ...stat('elsewhere', { streak: 9, total: 9 }), procedureId: 'other' },
    ];
    const r = coachingEvent(ref, stats, pack, 'ev_coach0001')!;
    expect(r.origin).toBe('coaching:run-9');
    expect(r.event).toEqual({
      id: 'ev_coach0001',
      type: 'coaching',
      at: 1_000,
      packId: 'acme.team-b',
      version: 2,
      procedureId: 'callback',
      steps: [
        { stepId: 'open', collapsed: true, streak: 3, clean: 3, total: 5 },
        { stepId: 'survey', collapsed: false, streak: 0, clean: 0, total: 2 },
        { stepId: 'close', collapsed: false, streak: 1, clean: 3, total: 4 },
      ],
    });
    expect(v.safeParse(EventSchema, r.event).success).toBe(true);
  });

  it('reports nothing collapsed for a new hire or a step whose wording changed, and nothing at all without counts or the pack', () => {
    const stats = [stat('open', { streak: 3, total: 3 })];
    expect(coachingEvent({ ...ref, newHire: true }, stats, pack, 'ev_coach0002')!.event).toMatchObject({ steps: [{ stepId: 'open', collapsed: false }] });
    expect(coachingEvent(ref, [{ ...stats[0]!, changed: true }], pack, 'ev_coach0003')!.event).toMatchObject({
      steps: [{ stepId: 'open', collapsed: false, streak: 0, clean: 3 }],
    });
    expect(coachingEvent(ref, [], pack, 'ev_coach0004')).toBeUndefined();
    expect(coachingEvent(ref, stats, null, 'ev_coach0005')).toBeUndefined();
  });
});
