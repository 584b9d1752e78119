/**
 * "Go to verification" from a held click in the CRM page (issue 13.1): the panel returns to the
 * contact's identity step when the agent has passed it; before it, the current step already
 * leads there, so the panel (opened by the page's request) simply shows where the run is.
 */
import { lastVisit } from '../engine/why-not';
import { packKey } from './pack-key';
import type { GetState } from './panel-store';

export function verificationStep(get: GetState): string | undefined {
  const { runs, packs, activeRunId } = get();
  const run = activeRunId ? runs[activeRunId] : undefined;
  const procedure = run && packs[packKey(run.packId, run.packVersion)]?.procedures.find((p) => p.id === run.procedureId);
  return procedure?.steps.find((s) => s.checklist?.some((i) => i.verifiesIdentity))?.id;
}

export function toVerification(get: GetState): void {
  const { runs, activeRunId } = get();
  const run = activeRunId ? runs[activeRunId] : undefined;
  const stepId = verificationStep(get);
  if (!run || !stepId || lastVisit(run).stepId === stepId) return;
  if (run.path.some((v) => v.stepId === stepId)) get().dispatch({ type: 'goto', stepId });
}
