/**
 * Release drills (issue 13.4), pure: the steps a release changed the wording of (from the pack
 * diff), and a short procedure over only those steps, in pack order, one after the other.
 */
import type { PackDiff } from '../pack/diff';
import type { Procedure } from '../pack/schema';
import type { Run } from '../engine/run';
import { wordingChanged } from './fade';

/** Procedure id a drill runs under in the practice panel; never stored. */
export const drillProcedureId = (procedureId: string) => `drill.${procedureId}`.slice(0, 80);

export interface DrillOffer {
  packId: string;
  version: number;
  procedureId: string;
  stepIds: string[];
}

/** One offer per procedure whose steps' wording changed in this release. */
export function drillOffers(diff: PackDiff, packId: string, version: number): DrillOffer[] {
  return diff.procedures
    .filter((p) => p.status !== 'removed')
    .map((p) => ({ packId, version, procedureId: p.id, stepIds: p.steps.filter((s) => wordingChanged(diff, p.id, s.id)).map((s) => s.id) }))
    .filter((o) => o.stepIds.length > 0);
}

/**
 * The changed steps as a procedure of their own: each leads to the next, the last ends it.
 * Branches and the identity lock are left out (a drill practises the new wording and items,
 * not the route); required items stay required.
 */
export function drillProcedure(procedure: Procedure, stepIds: readonly string[]): Procedure | undefined {
  const wanted = new Set(stepIds);
  const steps = procedure.steps.filter((s) => wanted.has(s.id));
  if (!steps.length) return undefined;
  return {
    id: drillProcedureId(procedure.id),
    title: procedure.title,
    kind: 'contact',
    start: steps[0]!.id,
    steps: steps.map(({ choices: _c, requiresIdentity: _r, next: _n, ...s }, i) => (i + 1 < steps.length ? { ...s, next: steps[i + 1]!.id } : s)),
  };
}

/**
 * Why a stored drill run does not complete the drill, or null when it does. The background
 * checks this (lib/background/practice.ts) against the drill it builds itself from the stored
 * releases, so a panel saying "done" acknowledges nothing: the run must be finished, on this
 * drill, have entered every drill step in order (a step may be re-entered after a Back), with
 * every required item of each step ticked, never skipped, at times that only move forward.
 */
export function drillIncomplete(run: Run, drill: Procedure, packId: string, version: number): string | null {
  if (run.packId !== packId || run.packVersion !== version || run.procedureId !== drill.id) return 'The run is not this release’s drill.';
  if (run.status !== 'finished' || run.finishedAt === undefined) return 'The drill was not finished.';
  const times = [run.createdAt, ...run.path.map((p) => p.at), run.finishedAt];
  if (times.some((t, i) => i > 0 && t < times[i - 1]!)) return 'The drill’s times run backwards.';
  let next = 0;
  for (const visit of run.path) {
    if (visit.stepId === drill.steps[next]?.id) next++;
    else if (!drill.steps.slice(0, next).some((s) => s.id === visit.stepId)) return `Step ${visit.stepId} is not part of the drill.`;
  }
  if (next < drill.steps.length) return `Step ${drill.steps[next]!.id} of the drill was not reached.`;
  for (const step of drill.steps)
    for (const item of step.checklist ?? [])
      if (item.required && (run.ticks[item.id] === undefined || run.skips[item.id])) return `Required item ${item.id} of step ${step.id} was not ticked.`;
  return null;
}
