/**
 * Why an event is refused. `reduce` applies an event only when this returns null, so the UI
 * (which asks `whyNot` to grey out a button and explain) and the reducer can never disagree.
 */
import type { Procedure, Step } from '../pack/schema';
import { MAX_OVERRIDES, type Mode, type Run, type RunEvent } from './run';
import { hasChoices, isEnd, stepById } from './graph';
import { isIdentityVerified, itemOfStep, outstandingRequired } from './gates';
import { clip, LABEL_MAX, REASON_MAX } from './text';
import { own } from './records';

export type EngineContext = { procedure: Procedure; mode: Mode };

export type Blocked =
  /** Finished runs are a record; nothing changes them. */
  | { code: 'finished' }
  /** The event would change nothing (tick a ticked item, goto the current step, same label…). */
  | { code: 'no-change' }
  | { code: 'required-outstanding'; itemIds: string[] }
  | { code: 'identity-locked'; stepId: string }
  /** Next on a step with choices: the agent must pick a branch. */
  | { code: 'choice-required' }
  /** Next on an end step: use finish. */
  | { code: 'at-end' }
  /** Not an item of the current step. */
  | { code: 'unknown-item'; itemId: string }
  | { code: 'unknown-choice'; choiceId: string }
  /** The step is not in the procedure (a broken link, or the pack changed under the run). */
  | { code: 'unknown-step'; stepId: string }
  | { code: 'skip-not-allowed' }
  /** Only required items can be skipped; an optional one simply stays unticked. */
  | { code: 'not-required'; itemId: string }
  | { code: 'reason-required' }
  /** The run already holds the most overrides its record keeps (RunSchema). */
  | { code: 'too-many-overrides' }
  | { code: 'at-start' }
  | { code: 'not-at-end' }
  | { code: 'not-visited'; stepId: string };

export type BlockedCode = Blocked['code'];

const NO_CHANGE: Blocked = { code: 'no-change' };

export function whyNot(run: Run, event: RunEvent, ctx: EngineContext): Blocked | null {
  if (run.status === 'finished') return { code: 'finished' };
  switch (event.type) {
    case 'back':
      return whyNotBack(run, ctx);
    case 'goto':
      return whyNotGoto(run, event.stepId, ctx);
    case 'label':
      return clip(event.label, LABEL_MAX) === (run.label ?? '') ? NO_CHANGE : null;
    case 'override':
      // Allowed on any step (the CRM is not the panel's step); a record needs its reason.
      if (clip(event.reason, REASON_MAX) === '') return { code: 'reason-required' };
      return (run.overrides?.length ?? 0) >= MAX_OVERRIDES ? { code: 'too-many-overrides' } : null;
    default: {
      const stepId = lastVisit(run).stepId;
      const step = stepById(ctx.procedure, stepId);
      return step ? whyNotOnStep(run, step, event, ctx) : { code: 'unknown-step', stepId };
    }
  }
}

/** Events that act on the current step's items or leave it forward. */
type StepEvent = Exclude<RunEvent, { type: 'back' | 'goto' | 'label' | 'override' }>;

function whyNotOnStep(run: Run, step: Step, event: StepEvent, ctx: EngineContext): Blocked | null {
  switch (event.type) {
    case 'next':
      if (hasChoices(step)) return { code: 'choice-required' };
      if (step.next === undefined) return { code: 'at-end' };
      return whyNotLeave(run, step, step.next, ctx);
    case 'choose': {
      const choice = step.choices?.find((c) => c.id === event.choiceId);
      if (!choice) return { code: 'unknown-choice', choiceId: event.choiceId };
      return whyNotLeave(run, step, choice.next, ctx);
    }
    case 'finish':
      if (!isEnd(step)) return { code: 'not-at-end' };
      return whyNotOutstanding(run, step, ctx.mode);
    case 'skip': {
      if (ctx.mode === 'newHire') return { code: 'skip-not-allowed' };
      const item = itemOfStep(step, event.itemId);
      if (!item) return { code: 'unknown-item', itemId: event.itemId };
      if (!item.required) return { code: 'not-required', itemId: item.id };
      const reason = clip(event.reason, REASON_MAX);
      if (reason === '') return { code: 'reason-required' };
      return own(run.skips, item.id)?.reason === reason ? NO_CHANGE : null;
    }
    case 'tick':
    case 'untick':
    case 'unskip': {
      if (!itemOfStep(step, event.itemId)) return { code: 'unknown-item', itemId: event.itemId };
      const has = own<unknown>(event.type === 'unskip' ? run.skips : run.ticks, event.itemId);
      return (event.type === 'tick') === (has !== undefined) ? NO_CHANGE : null;
    }
  }
}

function whyNotLeave(run: Run, from: Step, toId: string, ctx: EngineContext): Blocked | null {
  const outstanding = whyNotOutstanding(run, from, ctx.mode);
  if (outstanding) return outstanding;
  return whyNotEnter(run, toId, ctx);
}

function whyNotOutstanding(run: Run, step: Step, mode: Mode): Blocked | null {
  const itemIds = outstandingRequired(run, step, mode);
  return itemIds.length > 0 ? { code: 'required-outstanding', itemIds } : null;
}

/**
 * Entering a step, forward or back: an identity-gated step is never made current while the
 * run is unverified, whichever way the agent gets there.
 */
function whyNotEnter(run: Run, stepId: string, ctx: EngineContext): Blocked | null {
  const step = stepById(ctx.procedure, stepId);
  if (!step) return { code: 'unknown-step', stepId };
  if (step.requiresIdentity === true && !isIdentityVerified(run, ctx.procedure)) {
    return { code: 'identity-locked', stepId };
  }
  return null;
}

function whyNotBack(run: Run, ctx: EngineContext): Blocked | null {
  const previous = run.path[run.path.length - 2];
  if (!previous) return { code: 'at-start' };
  return whyNotEnter(run, previous.stepId, ctx);
}

function whyNotGoto(run: Run, stepId: string, ctx: EngineContext): Blocked | null {
  if (!stepById(ctx.procedure, stepId)) return { code: 'unknown-step', stepId };
  if (lastVisit(run).stepId === stepId) return NO_CHANGE;
  if (gotoIndex(run, stepId) < 0) return { code: 'not-visited', stepId };
  return whyNotEnter(run, stepId, ctx);
}

/** Where `goto` lands: the most recent earlier visit, so a loop loses as little history as possible. */
export function gotoIndex(run: Run, stepId: string): number {
  return run.path
    .slice(0, -1)
    .map((v) => v.stepId)
    .lastIndexOf(stepId);
}

export function lastVisit(run: Run): Run['path'][number] {
  // RunSchema guarantees a non-empty path.
  return run.path[run.path.length - 1] as Run['path'][number];
}
