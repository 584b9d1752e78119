/**
 * Guidance that fades (issue 13.3), pure. A finished real contact gives each step it went
 * through an outcome; per agent and step, a streak of clean outcomes collapses the step's
 * guidance once it reaches the pack's `fadeAfter`. A mistake, or new wording in a release,
 * starts the streak again. Only counts are kept: no customer data, no text.
 */
import { own } from '../engine/records';
import type { Run } from '../engine/run';
import type { PackDiff } from '../pack/diff';
import type { Pack, Procedure, Step } from '../pack/schema';

/** Fading without a pack setting: a handful of clean runs, as the issue describes. */
export const DEFAULT_FADE_AFTER = 5;

/** How a step went in one contact. Anything but `clean` is a mistake. */
export type StepOutcome = 'clean' | 'back' | 'skipped' | 'order' | 'time';

export interface StepStat {
  packId: string;
  procedureId: string;
  stepId: string;
  /** Pack version of the last counted contact; wording changed since then restarts the streak. */
  version: number;
  /** Clean completions in a row. */
  streak: number;
  /** All completions counted, and the mistakes among them. */
  total: number;
  mistakes: number;
  last: StepOutcome;
  at: number;
}

/** A stat as the panel gets it: with whether the step's wording changed since it was counted. */
export type CoachingStat = StepStat & { changed: boolean };

export type GuidanceReason = 'newHire' | 'learning' | 'mistake' | 'changed' | 'never' | 'faded';
export interface GuidanceState {
  collapsed: boolean;
  reason: GuidanceReason;
  streak: number;
  needed: number;
}

export function fadeAfterOf(pack: Pick<Pack, 'coaching'>, step: Step): number {
  return step.fadeAfter ?? pack.coaching?.fadeAfter ?? DEFAULT_FADE_AFTER;
}

/** Each step on a finished run's path, once, with its worst outcome. */
export function stepOutcomes(run: Run, procedure: Procedure): Map<string, StepOutcome> {
  const out = new Map<string, StepOutcome>();
  const end = run.finishedAt ?? run.updatedAt;
  run.path.forEach((visit, i) => {
    const step = procedure.steps.find((s) => s.id === visit.stepId);
    if (!step) return;
    const left = run.path[i + 1]?.at ?? end;
    const outcome = outcomeOf(run, step, left - visit.at);
    if (out.get(step.id) === undefined || out.get(step.id) === 'clean') out.set(step.id, outcome);
  });
  return out;
}

function outcomeOf(run: Run, step: Step, spentMs: number): StepOutcome {
  if (own(run.backs ?? {}, step.id)) return 'back';
  const required = (step.checklist ?? []).filter((c) => c.required);
  if (required.some((c) => own(run.ticks, c.id) === undefined)) return 'skipped';
  const times = required.map((c) => own(run.ticks, c.id)!);
  if (times.some((t, k) => k > 0 && t < times[k - 1]!)) return 'order';
  if (step.timeLimitSec !== undefined && spentMs > step.timeLimitSec * 1000) return 'time';
  return 'clean';
}

/** The stat after one more completion. `changed`: the step's wording changed since `prev.version`. */
export function countOutcome(
  prev: StepStat | undefined,
  key: Pick<StepStat, 'packId' | 'procedureId' | 'stepId' | 'version'>,
  outcome: StepOutcome,
  changed: boolean,
  at: number,
): StepStat {
  const base = prev && !changed ? prev.streak : 0;
  return {
    ...key,
    streak: outcome === 'clean' ? base + 1 : 0,
    total: (prev?.total ?? 0) + 1,
    mistakes: (prev?.mistakes ?? 0) + (outcome === 'clean' ? 0 : 1),
    last: outcome,
    at,
  };
}

/**
 * Whether the step's guidance shows collapsed, and why. `changed`: its wording changed since
 * the version the stat counted. New hires always get everything expanded: the mode is for
 * the weeks when every step still needs its full guidance (docs/authoring.md, "Coaching").
 */
export function guidanceState(stat: StepStat | undefined, needed: number, opts: { newHire: boolean; changed: boolean }): GuidanceState {
  const streak = opts.changed ? 0 : (stat?.streak ?? 0);
  const state = (collapsed: boolean, reason: GuidanceReason) => ({ collapsed, reason, streak, needed });
  if (opts.newHire) return state(false, 'newHire');
  if (needed === 0) return state(false, 'never');
  if (opts.changed) return state(false, 'changed');
  if (stat && stat.last !== 'clean') return state(false, 'mistake');
  return streak >= needed ? state(true, 'faded') : state(false, 'learning');
}

/** True when the diff changes what the agent reads or does on this step (title, guidance, phrases, checklist). */
export function wordingChanged(diff: PackDiff, procedureId: string, stepId: string): boolean {
  const step = diff.procedures.find((p) => p.id === procedureId)?.steps.find((s) => s.id === stepId);
  if (!step) return false;
  return step.status !== 'removed' && (step.status === 'added' || step.text.length > 0 || step.phrases.length > 0 || step.checklist.length > 0);
}
