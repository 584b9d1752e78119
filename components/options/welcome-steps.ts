/** The welcome's steps and how it moves between them; a step managed by policy is passed over. */
export const STEPS = ['profile', 'site', 'pack'] as const;
export type StepId = (typeof STEPS)[number];
/** What became of a step: the agent did it, skipped it, or the administrator had set it. */
export type Outcome = 'done' | 'skipped' | 'managed';
export type Outcomes = Partial<Record<StepId, Outcome>>;

/** The step after `from` (-1: the first) that policy has not set; STEPS.length: finished. */
export function nextStep(from: number, outcomes: Outcomes): number {
  let i = from + 1;
  while (i < STEPS.length && outcomes[STEPS[i]!] === 'managed') i++;
  return i;
}

/** The step before `from` that policy has not set, or `from` itself when there is none. */
export function previousStep(from: number, outcomes: Outcomes): number {
  for (let i = from - 1; i >= 0; i--) if (outcomes[STEPS[i]!] !== 'managed') return i;
  return from;
}
