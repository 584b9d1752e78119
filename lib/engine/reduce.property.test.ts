/**
 * Property-style test: replay many seeded random event sequences on the support procedure and
 * check the invariants after every event. Seeded, so a failure names a reproducible seed.
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { RunSchema, type Mode, type Run, type RunEvent } from './run';
import { fresh, support as procedure, T0 } from './fixtures';
import { reduce } from './reduce';
import { whyNot, type BlockedCode } from './why-not';
import { hasChoices, isEnd, stepById } from './graph';
import { isIdentityVerified } from './gates';
import { own } from './records';
import { plannedRoute, progress, stepStatus } from './selectors';

/** mulberry32: tiny, fast, good enough to spread test inputs. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stepIds = [...procedure.steps.map((s) => s.id), 'nope'];
const itemIds = [...procedure.steps.flatMap((s) => (s.checklist ?? []).map((i) => i.id)), 'nope'];
const choiceIds = ['billing', 'tech', 'quick', 'nope'];
const reasons = ['', '   ', 'caller in a hurry', 'no ID on file', 'repeat caller'];

function randomEvent(rand: () => number, run: Run, at: number): RunEvent {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  // Mostly aim at the current step, so runs get deep enough to reach the branches and the end.
  const here = stepOf(current(run));
  const localItems = (here?.checklist ?? []).map((i) => i.id);
  const localChoices = (here?.choices ?? []).map((c) => c.id);
  const item = () => (localItems.length > 0 && rand() < 0.8 ? pick(localItems) : pick(itemIds));
  const choice = () => (localChoices.length > 0 && rand() < 0.8 ? pick(localChoices) : pick(choiceIds));
  const type = pick(['tick', 'tick', 'tick', 'next', 'next', 'choose', 'choose', 'untick', 'skip', 'unskip', 'back', 'goto', 'label', 'finish'] as const);
  switch (type) {
    case 'tick':
    case 'untick':
    case 'unskip':
      return { type, itemId: item(), at };
    case 'skip':
      return { type, itemId: item(), reason: pick(reasons), at };
    case 'choose':
      return { type, choiceId: choice(), at };
    case 'goto':
      return { type, stepId: pick(stepIds), at };
    case 'label':
      return { type, label: pick(['', ' chat 7 ', 'x'.repeat(130)]), at };
    default:
      return { type, at };
  }
}

const stepOf = (id: string) => stepById(procedure, id);
const current = (run: Run) => run.path[run.path.length - 1]?.stepId ?? '';

/** Invariants of a run on its own. */
function checkRun(run: Run) {
  expect(v.is(RunSchema, run)).toBe(true);
  expect(run.path[0]?.stepId).toBe(procedure.start);
  run.path.slice(1).forEach((visit, i) => {
    const from = stepOf((run.path[i] as Run['path'][number]).stepId);
    const linked = from && hasChoices(from) ? from.choices?.find((c) => c.id === run.choices[from.id])?.next : from?.next;
    expect(linked).toBe(visit.stepId);
  });
  // Choices are recorded exactly for the branch steps the run has left.
  const left = run.path
    .slice(0, -1)
    .map((v) => v.stepId)
    .filter((id) => hasChoices(stepOf(id) as never));
  expect(Object.keys(run.choices).sort()).toEqual(left.sort());
  for (const id of Object.keys(run.ticks)) expect(run.skips).not.toHaveProperty(id);
  if (run.status === 'finished') expect(isEnd(stepOf(current(run)) as never)).toBe(true);
  const p = progress(run, procedure);
  expect(p.done).toBeLessThanOrEqual(p.total);
  expect(p.percent === 100).toBe(run.status === 'finished');
  const route = plannedRoute(run, procedure);
  expect(route.slice(0, run.path.length)).toEqual(run.path.map((v) => v.stepId));
  expect(isEnd(stepOf(route.at(-1) as string) as never)).toBe(true);
  expect(stepStatus(run, procedure, current(run))).toBe(run.status === 'open' ? 'current' : 'done');
}

/** Invariants of one transition. */
function checkStep(before: Run, event: RunEvent, after: Run, mode: Mode) {
  const blocked = whyNot(before, event, { procedure, mode });
  expect(after === before).toBe(blocked !== null);
  if (blocked) return blocked.code;
  expect(after.rev).toBe(before.rev + 1);
  expect(after.updatedAt).toBe(event.at);
  expect(before.status).toBe('open');
  const forward = after.path.length > before.path.length || after.status === 'finished';
  if (forward) {
    // Every required item of the step left was ticked, or (experienced only) skipped with a reason.
    for (const item of stepOf(current(before))?.checklist ?? []) {
      if (!item.required) continue;
      const skipped = mode === 'experienced' && (after.skips[item.id]?.reason.trim() ?? '') !== '';
      expect(own(after.ticks, item.id) !== undefined || skipped).toBe(true);
    }
  }
  if (current(after) !== current(before) && stepOf(current(after))?.requiresIdentity) {
    expect(isIdentityVerified(after, procedure)).toBe(true);
  }
  if (mode === 'newHire') expect(Object.keys(after.skips).length).toBeLessThanOrEqual(Object.keys(before.skips).length);
  return 'accepted';
}

describe('random event sequences keep every invariant', () => {
  it.each(['newHire', 'experienced', 'mixed'] as const)('%s mode', (modes) => {
    const seen = new Map<BlockedCode | 'accepted', number>();
    let finished = 0;
    let gated = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const rand = rng(seed * 7919 + modes.length);
      let run = fresh();
      for (let n = 1; n <= 80; n++) {
        const mode: Mode = modes === 'mixed' ? (rand() < 0.5 ? 'newHire' : 'experienced') : modes;
        const event = randomEvent(rand, run, T0 + n * 1000);
        const after = reduce(run, event, { procedure, mode });
        const outcome = checkStep(run, event, after, mode);
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        if (after !== run) checkRun(after);
        if (after !== run && stepOf(current(after))?.requiresIdentity) gated++;
        run = after;
      }
      if (run.status === 'finished') finished++;
    }
    // The random walk must actually reach the interesting states, or the invariants prove little.
    expect(finished).toBeGreaterThan(10);
    expect(gated).toBeGreaterThan(10);
    for (const code of ['accepted', 'required-outstanding', 'choice-required', 'finished', 'not-visited', 'unknown-item'] as const) {
      expect(seen.get(code) ?? 0).toBeGreaterThan(0);
    }
    if (modes === 'experienced') expect(seen.get('identity-locked') ?? 0).toBeGreaterThan(0);
    if (modes !== 'experienced') expect(seen.get('skip-not-allowed') ?? 0).toBeGreaterThan(0);
  });
});
