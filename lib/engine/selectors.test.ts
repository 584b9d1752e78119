import { describe, expect, it } from 'vitest';
import type { Step } from '../pack/schema';
import type { Mode, Run } from './run';
import { broken, deepFreeze, fresh, play, support, T0, type Move } from './fixtures';
import { isEnd, shortestRouteToEnd, stepById } from './graph';
import { isIdentityVerified, outstandingRequired } from './gates';
import { canChoose, canFinish, canGoNext, currentStep, plannedRoute, progress, stepStatus } from './selectors';

const toTriage: Move[] = [
  { type: 'tick', itemId: 'greet-hello' },
  { type: 'next' },
  { type: 'tick', itemId: 'verify-id' },
  { type: 'next' },
  { type: 'tick', itemId: 'triage-noted' },
];
const unverifiedTriage: Move[] = [...toTriage.slice(0, 2), { type: 'skip', itemId: 'verify-id', reason: 'r' }, ...toTriage.slice(3)];
const ctx = (mode: Mode = 'newHire') => ({ procedure: support, mode });
const at = (moves: Move[], mode: Mode = 'newHire') => play(fresh(), moves, support, mode);
const statuses = (run: Run) => Object.fromEntries(support.steps.map((s) => [s.id, stepStatus(run, support, s.id)]));

describe('graph selectors', () => {
  it('stepById and currentStep find steps, or nothing when the pack dropped one', () => {
    expect(stepById(support, 'wrap')?.id).toBe('wrap');
    expect(stepById(support, 'nope')).toBeUndefined();
    expect(currentStep(fresh(), support)?.id).toBe('greet');
    expect(currentStep(deepFreeze({ ...fresh(), path: [{ stepId: 'ghost', at: T0 }] }), support)).toBeUndefined();
  });

  it('isEnd: no next and no (non-empty) choices', () => {
    const byId = (id: string) => stepById(support, id) as Step;
    expect([byId('greet'), byId('triage'), byId('wrap')].map(isEnd)).toEqual([false, false, true]);
    expect(isEnd({ id: 'x', title: { 'zh-CN': 'x' }, choices: [] })).toBe(true);
  });

  it('shortestRouteToEnd: BFS over next and choices, null when no end is reachable', () => {
    expect(shortestRouteToEnd(support, 'greet')).toEqual(['verify', 'triage', 'wrap']);
    expect(shortestRouteToEnd(support, 'bill-lookup')).toEqual(['bill-adjust', 'wrap']);
    expect(shortestRouteToEnd(support, 'wrap')).toEqual([]);
    expect(shortestRouteToEnd(broken, 'a')).toBeNull();
    expect(shortestRouteToEnd(support, 'nope')).toBeNull();
  });
});

describe('gates', () => {
  it('identity: a ticked verifier anywhere counts, a skipped one does not', () => {
    expect(isIdentityVerified(fresh(), support)).toBe(false);
    expect(isIdentityVerified(at(unverifiedTriage, 'experienced'), support)).toBe(false);
    expect(isIdentityVerified(at(toTriage), support)).toBe(true);
  });

  it('outstandingRequired counts a skip only in experienced mode', () => {
    const run = at([{ type: 'skip', itemId: 'greet-hello', reason: 'r' }], 'experienced');
    const greet = stepById(support, 'greet') as Step;
    expect(outstandingRequired(fresh(), greet, 'experienced')).toEqual(['greet-hello']);
    expect(outstandingRequired(run, greet, 'experienced')).toEqual([]);
    expect(outstandingRequired(run, greet, 'newHire')).toEqual(['greet-hello']);
  });

  it('canGoNext / canChoose / canFinish agree with the rules', () => {
    expect(canGoNext(fresh(), ctx())).toBe(false);
    expect(canGoNext(at(toTriage.slice(0, 1)), ctx())).toBe(true);
    expect(canGoNext(at(toTriage), ctx())).toBe(false); // a branch must be chosen
    expect(canChoose(at(toTriage), 'billing', ctx())).toBe(true);
    expect(canChoose(at(unverifiedTriage, 'experienced'), 'billing', ctx('experienced'))).toBe(false);
    expect(canChoose(at(unverifiedTriage, 'experienced'), 'tech', ctx('experienced'))).toBe(true);
    const atWrap = at([...toTriage, { type: 'choose', choiceId: 'quick' }]);
    expect(canFinish(atWrap, ctx())).toBe(false);
    const ready = play(atWrap, [{ type: 'tick', itemId: 'wrap-survey' }]);
    expect(canFinish(ready, ctx())).toBe(true);
    expect(canFinish(play(ready, [{ type: 'finish' }]), ctx())).toBe(false);
  });
});

describe('stepStatus', () => {
  it('marks visited, current, reachable and locked steps', () => {
    expect(statuses(at(toTriage))).toEqual({
      greet: 'done',
      verify: 'done',
      triage: 'current',
      'bill-lookup': 'upcoming',
      'bill-adjust': 'upcoming',
      'tech-diag': 'upcoming',
      wrap: 'upcoming',
    });
    expect(stepStatus(at(unverifiedTriage, 'experienced'), support, 'bill-lookup')).toBe('locked');
  });

  it('steps on branches not taken are skipped-branch; back makes them reachable again', () => {
    const tech = at([...toTriage, { type: 'choose', choiceId: 'tech' }]);
    expect(statuses(tech)).toMatchObject({ 'bill-lookup': 'skipped-branch', 'bill-adjust': 'skipped-branch', 'tech-diag': 'current', wrap: 'upcoming' });
    expect(stepStatus(play(tech, [{ type: 'back' }]), support, 'bill-lookup')).toBe('upcoming');
    expect(stepStatus(tech, support, 'nope')).toBe('skipped-branch');
  });

  it('once finished the last step is done and nothing is upcoming', () => {
    const done = at([...toTriage, { type: 'choose', choiceId: 'quick' }, { type: 'tick', itemId: 'wrap-survey' }, { type: 'finish' }]);
    expect(statuses(done)).toEqual({
      greet: 'done',
      verify: 'done',
      triage: 'done',
      wrap: 'done',
      'bill-lookup': 'skipped-branch',
      'bill-adjust': 'skipped-branch',
      'tech-diag': 'skipped-branch',
    });
  });
});

describe('progress and plannedRoute', () => {
  it('counts the path plus the shortest way on, and follows the branch taken', () => {
    expect(progress(fresh(), support)).toEqual({ done: 0, total: 4, percent: 0 });
    expect(progress(at(toTriage.slice(0, 2)), support)).toEqual({ done: 1, total: 4, percent: 25 });
    const billing = at([...toTriage, { type: 'choose', choiceId: 'billing' }]);
    expect(progress(billing, support)).toEqual({ done: 3, total: 6, percent: 50 });
    expect(plannedRoute(billing, support)).toEqual(['greet', 'verify', 'triage', 'bill-lookup', 'bill-adjust', 'wrap']);
    const tech = at([...toTriage, { type: 'choose', choiceId: 'tech' }]);
    expect(progress(tech, support)).toEqual({ done: 3, total: 5, percent: 60 });
  });

  it('plans the shortest branch before a choice is made', () => {
    expect(plannedRoute(fresh(), support)).toEqual(['greet', 'verify', 'triage', 'wrap']);
  });

  it('reaches 100% only when finished', () => {
    const atWrap = at([...toTriage, { type: 'choose', choiceId: 'quick' }, { type: 'tick', itemId: 'wrap-survey' }]);
    expect(progress(atWrap, support)).toEqual({ done: 3, total: 4, percent: 75 });
    const done = play(atWrap, [{ type: 'finish' }]);
    expect(progress(done, support)).toEqual({ done: 4, total: 4, percent: 100 });
    expect(plannedRoute(done, support)).toEqual(['greet', 'verify', 'triage', 'wrap']);
  });

  it('with no reachable end, shows only the path', () => {
    const run = play(fresh(broken), [{ type: 'tick', itemId: 'constructor' }, { type: 'next' }, { type: 'choose', choiceId: 'on' }], broken);
    expect(plannedRoute(run, broken)).toEqual(['a', 'b', 'c']);
    expect(progress(run, broken)).toEqual({ done: 2, total: 3, percent: 66 });
  });
});
