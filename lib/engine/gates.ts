/**
 * The two conditions that hold a run back: required items not done, and identity not yet
 * verified. Shared by `whyNot` (which enforces them) and the selectors (which display them).
 */
import type { ChecklistItem, Procedure, Step } from '../pack/schema';
import type { Mode, Run } from './run';
import { own } from './records';

/**
 * Verified when any verifying item anywhere in the procedure is ticked. A skipped one does
 * not count: a skip records that the check was *not* done.
 */
export function isIdentityVerified(run: Run, procedure: Procedure): boolean {
  return procedure.steps.some((step) => (step.checklist ?? []).some((item) => item.verifiesIdentity === true && own(run.ticks, item.id) !== undefined));
}

/**
 * Required items of `step` that still block leaving it. A skip counts only in experienced
 * mode and only with a real reason; a new hire's run keeps blocking on skips left over from
 * an experienced session, because the mode is a setting that can change mid-run.
 */
export function outstandingRequired(run: Run, step: Step, mode: Mode): string[] {
  return (step.checklist ?? []).filter((item) => item.required && !isDone(run, item.id, mode)).map((item) => item.id);
}

function isDone(run: Run, itemId: string, mode: Mode): boolean {
  if (own(run.ticks, itemId) !== undefined) return true;
  const skip = own(run.skips, itemId);
  return mode === 'experienced' && skip !== undefined && skip.reason.trim() !== '';
}

export function itemOfStep(step: Step, itemId: string): ChecklistItem | undefined {
  return step.checklist?.find((item) => item.id === itemId);
}
