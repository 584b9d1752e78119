/**
 * The engine: `reduce(run, event) → run`. Pure and immutable; the store persists what it
 * returns. A refused event returns the very same object, so `next === run` means "no-op".
 */
import type { Run, RunEvent } from './run';
import { gotoIndex, lastVisit, whyNot, type EngineContext } from './why-not';
import { stepById } from './graph';
import { clip, LABEL_MAX, REASON_MAX } from './text';
import { own, without } from './records';

export function reduce(run: Run, event: RunEvent, ctx: EngineContext): Run {
  // The single gate: every rule lives in whyNot, so apply() may assume the event is valid.
  if (whyNot(run, event, ctx) !== null) return run;
  return { ...apply(run, event, ctx), rev: run.rev + 1, updatedAt: event.at };
}

function apply(run: Run, event: RunEvent, ctx: EngineContext): Run {
  const stepId = lastVisit(run).stepId;
  // The casts below are safe: whyNot has already found the step and the target it leads to.
  switch (event.type) {
    case 'next': {
      const next = stepById(ctx.procedure, stepId)?.next as string;
      return { ...run, path: [...run.path, { stepId: next, at: event.at }] };
    }
    case 'choose': {
      const choice = stepById(ctx.procedure, stepId)?.choices?.find((c) => c.id === event.choiceId);
      const next = choice?.next as string;
      return {
        ...run,
        path: [...run.path, { stepId: next, at: event.at }],
        choices: { ...run.choices, [stepId]: event.choiceId },
      };
    }
    case 'back':
      return truncate(run, run.path.length - 2);
    case 'goto':
      return truncate(run, gotoIndex(run, event.stepId));
    case 'finish':
      return { ...run, status: 'finished', finishedAt: event.at };
    // A tick and a skip exclude each other: an item is either done or knowingly left undone.
    case 'tick':
      return { ...run, ticks: { ...run.ticks, [event.itemId]: event.at }, skips: without(run.skips, event.itemId) };
    case 'untick':
      return { ...run, ticks: without(run.ticks, event.itemId) };
    case 'skip': {
      const skip = { reason: clip(event.reason, REASON_MAX), at: event.at };
      return { ...run, skips: { ...run.skips, [event.itemId]: skip }, ticks: without(run.ticks, event.itemId) };
    }
    case 'unskip':
      return { ...run, skips: without(run.skips, event.itemId) };
    case 'override': {
      const { kind, target, rules, reason, at } = event;
      const record = { kind, target, ...(rules?.length ? { rules: rules.slice(0, 50) } : {}), reason: clip(reason, REASON_MAX), stepId, at };
      return { ...run, overrides: [...(run.overrides ?? []), record] };
    }
    case 'label': {
      const { label: _old, ...rest } = run;
      const label = clip(event.label, LABEL_MAX);
      return label === '' ? rest : { ...rest, label };
    }
  }
}

/**
 * Make `path[index]` current again. Choices are kept only for steps still left behind on the
 * path, so the step we return to (and any step cut off) can have its branch chosen afresh.
 * Ticks and skips stay: they are the agent's record of what was done.
 */
function truncate(run: Run, index: number): Run {
  const path = run.path.slice(0, index + 1);
  const target = path[path.length - 1]!.stepId;
  const backs = { ...run.backs, [target]: (own(run.backs ?? {}, target) ?? 0) + 1 };
  const left = new Set(path.slice(0, -1).map((v) => v.stepId));
  const choices = Object.fromEntries(Object.entries(run.choices).filter(([id]) => left.has(id)));
  return { ...run, path, choices, backs };
}
