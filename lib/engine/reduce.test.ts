import { describe, expect, it } from 'vitest';
import type { Mode, Run, RunEvent } from './run';
import { fresh, looping, play, support, T0, type Move } from './fixtures';
import { reduce } from './reduce';

const toTriage: Move[] = [
  { type: 'tick', itemId: 'greet-hello' },
  { type: 'next' },
  { type: 'tick', itemId: 'verify-id' },
  { type: 'next' },
  { type: 'tick', itemId: 'triage-noted' },
];
const steps = (run: Run) => run.path.map((v) => v.stepId);
const apply = (run: Run, event: RunEvent, mode: Mode = 'newHire', procedure = support) => reduce(run, event, { procedure, mode });

describe('reduce: moving through a procedure', () => {
  it('next enters step.next, stamps the visit, bumps rev and updatedAt', () => {
    const run = play(fresh(), [{ type: 'tick', itemId: 'greet-hello' }]);
    const before = structuredClone(run);
    const after = apply(run, { type: 'next', at: T0 + 5000 });
    expect(after).not.toBe(run);
    expect(after.path).toEqual([
      { stepId: 'greet', at: T0 },
      { stepId: 'verify', at: T0 + 5000 },
    ]);
    expect(after.rev).toBe(run.rev + 1);
    expect(after.updatedAt).toBe(T0 + 5000);
    expect(run).toEqual(before); // frozen too, so a write would have thrown
  });

  it('optional items never block; an experienced skip with a reason does', () => {
    const run = play(fresh(), [{ type: 'skip', itemId: 'greet-hello', reason: 'repeat caller' }, { type: 'next' }], support, 'experienced');
    expect(steps(run)).toEqual(['greet', 'verify']);
    expect(run.ticks).not.toHaveProperty('greet-name');
  });

  it('choose records the branch at the step and enters the choice target', () => {
    const run = play(fresh(), [...toTriage, { type: 'choose', choiceId: 'tech' }]);
    expect(steps(run)).toEqual(['greet', 'verify', 'triage', 'tech-diag']);
    expect(run.choices).toEqual({ triage: 'tech' });
  });

  it('identity: a skipped check locks the gated branch; ticking another verifier unlocks it', () => {
    const skipped: Move[] = [
      { type: 'tick', itemId: 'greet-hello' },
      { type: 'next' },
      { type: 'skip', itemId: 'verify-id', reason: 'no ID on file' },
      { type: 'next' },
      { type: 'tick', itemId: 'triage-noted' },
    ];
    const locked = play(fresh(), skipped, support, 'experienced');
    expect(apply(locked, { type: 'choose', choiceId: 'billing', at: T0 + 1 }, 'experienced')).toBe(locked);
    // The other branches do not need identity.
    expect(steps(apply(locked, { type: 'choose', choiceId: 'quick', at: T0 + 1 }, 'experienced')).at(-1)).toBe('wrap');

    const verified = play(
      locked,
      [{ type: 'goto', stepId: 'verify' }, { type: 'tick', itemId: 'verify-alt' }, { type: 'next' }, { type: 'choose', choiceId: 'billing' }],
      support,
      'experienced',
    );
    expect(steps(verified)).toEqual(['greet', 'verify', 'triage', 'bill-lookup']);
  });

  it('back pops the last visit and reopens the branch at the step it returns to; ticks stay', () => {
    const onBranch = play(fresh(), [...toTriage, { type: 'choose', choiceId: 'tech' }, { type: 'tick', itemId: 'tech-restart' }]);
    const back = play(onBranch, [{ type: 'back' }]);
    expect(steps(back)).toEqual(['greet', 'verify', 'triage']);
    expect(back.choices).toEqual({});
    expect(back.ticks).toHaveProperty('tech-restart');
    expect(back.rev).toBe(onBranch.rev + 1);

    const rechosen = play(back, [{ type: 'choose', choiceId: 'billing' }]);
    expect(rechosen.choices).toEqual({ triage: 'billing' });
    expect(steps(rechosen).at(-1)).toBe('bill-lookup');
  });

  it('back within a branch keeps the choice that led into it', () => {
    const deep = play(fresh(), [...toTriage, { type: 'choose', choiceId: 'billing' }, { type: 'tick', itemId: 'bill-confirm' }, { type: 'next' }]);
    const back = play(deep, [{ type: 'back' }]);
    expect(steps(back)).toEqual(['greet', 'verify', 'triage', 'bill-lookup']);
    expect(back.choices).toEqual({ triage: 'billing' });
  });

  it('goto truncates the path after the target and drops choices made at or after it', () => {
    const deep = play(fresh(), [...toTriage, { type: 'choose', choiceId: 'billing' }, { type: 'tick', itemId: 'bill-confirm' }, { type: 'next' }]);
    const atTriage = play(deep, [{ type: 'goto', stepId: 'triage' }]);
    expect(steps(atTriage)).toEqual(['greet', 'verify', 'triage']);
    expect(atTriage.choices).toEqual({});
    expect(atTriage.path[2]).toBe(deep.path[2]); // the original visit, with its original time
    const atGreet = play(deep, [{ type: 'goto', stepId: 'greet' }]);
    expect(steps(atGreet)).toEqual(['greet']);
    expect(Object.keys(atGreet.ticks).sort()).toEqual(['bill-confirm', 'greet-hello', 'triage-noted', 'verify-id']);
  });

  it('goto on a loop returns to the most recent earlier visit', () => {
    const loop: Move[] = [{ type: 'tick', itemId: 'id-ok' }, { type: 'choose', choiceId: 'secure' }, { type: 'next' }, { type: 'choose', choiceId: 'secure' }];
    const run = play(fresh(looping), loop, looping);
    expect(steps(run)).toEqual(['hub', 'secure', 'hub', 'secure']);
    const back = play(run, [{ type: 'goto', stepId: 'hub' }], looping);
    expect(steps(back)).toEqual(['hub', 'secure', 'hub']);
    expect(back.choices).toEqual({ hub: 'secure' }); // hub is still left behind at index 0
  });

  it('finish closes the run at an end step and freezes it for good', () => {
    const atWrap = play(fresh(), [...toTriage, { type: 'choose', choiceId: 'quick' }, { type: 'tick', itemId: 'wrap-survey' }]);
    const done = apply(atWrap, { type: 'finish', at: T0 + 60_000 });
    expect(done).toMatchObject({ status: 'finished', finishedAt: T0 + 60_000, updatedAt: T0 + 60_000, rev: atWrap.rev + 1 });
    expect(done.path).toEqual(atWrap.path);
    expect(atWrap.status).toBe('open');
  });

  it('an experienced agent may finish over a skipped required item', () => {
    const run = play(
      fresh(),
      [...toTriage, { type: 'choose', choiceId: 'quick' }, { type: 'skip', itemId: 'wrap-survey', reason: 'declined' }, { type: 'finish' }],
      support,
      'experienced',
    );
    expect(run.status).toBe('finished');
  });
});
