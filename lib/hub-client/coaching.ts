/**
 * Fading guidance as the team hub gets it (issue 13.3: "reported to the hub only as
 * counts"): per step of the procedure, whether the agent's guidance shows collapsed now and
 * the counts behind it — never the guidance, the pack text or anything of the contact.
 * Pure; the background builds it from the counts lib/background/coaching.ts keeps.
 */
import * as v from 'valibot';
import { fadeAfterOf, guidanceState, type CoachingStat } from '../coaching/fade';
import type { Pack } from '../pack/schema';
import { CoachingEventSchema, WIRE_LIMITS } from '../hub/wire';
import type { Reported } from './events';

export function coachingEvent(
  a: { runId: string; packId: string; version: number; procedureId: string; at: number; newHire: boolean },
  stats: readonly CoachingStat[],
  pack: Pick<Pack, 'coaching' | 'procedures'> | null,
  id: string,
): Reported | undefined {
  const procedure = pack?.procedures.find((p) => p.id === a.procedureId);
  if (!procedure) return undefined;
  const byStep = new Map(stats.filter((s) => s.procedureId === a.procedureId).map((s) => [s.stepId, s]));
  // In the procedure's order, steps the agent has completed at least once.
  const steps = procedure.steps.flatMap((step) => {
    const stat = byStep.get(step.id);
    if (!stat) return [];
    const g = guidanceState(stat, fadeAfterOf(pack!, step), { newHire: a.newHire, changed: stat.changed });
    const clean = Math.max(0, stat.total - stat.mistakes);
    return [{ stepId: step.id, collapsed: g.collapsed, streak: Math.min(g.streak, clean), clean, total: stat.total }];
  });
  if (!steps.length) return undefined;
  const event = v.parse(CoachingEventSchema, {
    id,
    type: 'coaching',
    at: a.at,
    packId: a.packId,
    version: a.version,
    procedureId: a.procedureId,
    steps: steps.slice(0, WIRE_LIMITS.stepsPerRun),
  });
  return { event, origin: `coaching:${a.runId}` };
}
