/**
 * A practice contact's score (issue 13.4), pure: what the SOP checks, each passed or missed,
 * with the steps that missed it. `used`: phrase ids the agent inserted or copied.
 */
import { own } from '../engine/records';
import type { Run } from '../engine/run';
import type { Procedure, Step } from '../pack/schema';

export type CheckId = 'verify' | 'wording' | 'required' | 'time';
export interface Check {
  id: CheckId;
  pass: boolean;
  /** Steps that missed the check. */
  steps: string[];
}
export interface Score {
  checks: Check[];
  score: number;
  max: number;
}

export function scorePractice(run: Run, procedure: Procedure, used: ReadonlySet<string>): Score {
  const end = run.finishedAt ?? run.updatedAt;
  const visits = run.path
    .map((v, i) => ({ step: procedure.steps.find((s) => s.id === v.stepId), at: v.at, left: run.path[i + 1]?.at ?? end }))
    .filter((v): v is { step: Step; at: number; left: number } => v.step !== undefined);
  const verifiers = procedure.steps.flatMap((s) => (s.checklist ?? []).filter((c) => c.verifiesIdentity).map((c) => c.id));
  const verifiedAt = Math.min(...verifiers.map((id) => own(run.ticks, id) ?? Infinity));
  const missed = (test: (v: (typeof visits)[number]) => boolean) => [...new Set(visits.filter((v) => !test(v)).map((v) => v.step.id))];
  const checks: Check[] = [
    ['verify', missed((v) => !v.step.requiresIdentity || verifiedAt <= v.at)],
    ['wording', missed((v) => !v.step.phrases?.length || v.step.phrases.some((p) => used.has(p.id)))],
    ['required', missed((v) => (v.step.checklist ?? []).every((c) => !c.required || own(run.ticks, c.id) !== undefined))],
    ['time', missed((v) => v.step.timeLimitSec === undefined || v.left - v.at <= v.step.timeLimitSec * 1000)],
  ].map(([id, steps]) => ({ id: id as CheckId, steps: steps as string[], pass: (steps as string[]).length === 0 }));
  return { checks, score: checks.filter((c) => c.pass).length, max: checks.length };
}
