/**
 * Derived values for the panel. Nothing here is stored on the run: it is recomputed from the
 * run and the procedure, so it cannot drift when the pack or the run changes.
 */
import type { Procedure, Step } from '../pack/schema';
import type { Run } from './run';
import { isIdentityVerified } from './gates';
import { reachableFrom, shortestRouteToEnd, stepById } from './graph';
import { lastVisit, whyNot, type EngineContext } from './why-not';

export type StepStatus = 'done' | 'current' | 'locked' | 'upcoming' | 'skipped-branch';
export type Progress = { done: number; total: number; percent: number };

/** Undefined only when the pack changed under the run and dropped the step. */
export function currentStep(run: Run, procedure: Procedure): Step | undefined {
  return stepById(procedure, lastVisit(run).stepId);
}

// `at` does not affect whether an event is allowed, so 0 is as good as the real time here.
export function canGoNext(run: Run, ctx: EngineContext): boolean {
  return whyNot(run, { type: 'next', at: 0 }, ctx) === null;
}

export function canChoose(run: Run, choiceId: string, ctx: EngineContext): boolean {
  return whyNot(run, { type: 'choose', choiceId, at: 0 }, ctx) === null;
}

export function canFinish(run: Run, ctx: EngineContext): boolean {
  return whyNot(run, { type: 'finish', at: 0 }, ctx) === null;
}

/**
 * How a step appears in the step list. Visited steps are `done` (the current one too once the
 * run is finished); steps the run can still reach are `upcoming`, or `locked` while identity is
 * unverified; everything else lies on a branch the run did not take (or no longer can).
 */
export function stepStatus(run: Run, procedure: Procedure, stepId: string): StepStatus {
  const current = lastVisit(run).stepId;
  if (stepId === current) return run.status === 'finished' ? 'done' : 'current';
  if (run.path.some((v) => v.stepId === stepId)) return 'done';
  if (run.status === 'open' && reachableFrom(procedure, current).has(stepId)) {
    const locked = stepById(procedure, stepId)?.requiresIdentity === true && !isIdentityVerified(run, procedure);
    return locked ? 'locked' : 'upcoming';
  }
  return 'skipped-branch';
}

/** Steps ahead of the current one on the shortest way to an end; empty once finished. */
function remainingRoute(run: Run, procedure: Procedure): string[] {
  if (run.status === 'finished') return [];
  // No end reachable (a broken pack): show no route rather than guess one.
  return shortestRouteToEnd(procedure, lastVisit(run).stepId) ?? [];
}

/** The step list: where the run has been, then the shortest way on to an end. */
export function plannedRoute(run: Run, procedure: Procedure): string[] {
  return [...run.path.map((v) => v.stepId), ...remainingRoute(run, procedure)];
}

/**
 * Done counts steps left behind (the current one too once finished); total is the path so far
 * plus the shortest remaining route. Rounded down, so 100% means finished, never "almost".
 */
export function progress(run: Run, procedure: Procedure): Progress {
  const total = run.path.length + remainingRoute(run, procedure).length;
  const done = run.status === 'finished' ? run.path.length : run.path.length - 1;
  const percent = Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
  return { done, total, percent };
}
