/**
 * Release drills (issue 13.4), pure: the steps a release changed the wording of (from the pack
 * diff), and a short procedure over only those steps, in pack order, one after the other.
 */
import type { PackDiff } from '../pack/diff';
import type { Procedure } from '../pack/schema';
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
