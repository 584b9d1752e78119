/**
 * Coaching in the pack (issue 13, items 3 and 4): when guidance fades, whether a release's
 * drill is required before its changes count as acknowledged, and practice scenarios.
 * All optional, so packs written before them stay valid.
 */
import * as v from 'valibot';
import { IdSchema, LTextSchema } from './base-schema';

/** Clean completions of a step before its guidance collapses; 0 means it never fades. */
export const FadeAfterSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000));

export const CoachingSchema = v.strictObject({
  /** Pack-wide default for `fadeAfter` (a step's own value wins). Without it: 5. */
  fadeAfter: v.optional(FadeAfterSchema),
  /**
   * True: a release's changed wording counts as acknowledged only after the agent completes
   * the drill over the changed steps ("I've read it" is not enough).
   */
  requireDrill: v.optional(v.boolean()),
});

/** One scripted customer line, shown when the practice contact reaches `step`. */
export const ScenarioLineSchema = v.strictObject({
  step: IdSchema,
  say: LTextSchema,
});

export const ScenarioSchema = v.strictObject({
  id: IdSchema,
  title: LTextSchema,
  /** Sample customer shown on the practice CRM page; never a real customer. */
  customer: v.optional(v.strictObject({ name: LTextSchema, phone: v.optional(v.pipe(v.string(), v.maxLength(40))) })),
  lines: v.pipe(v.array(ScenarioLineSchema), v.minLength(1, 'needs at least one line'), v.maxLength(200)),
});

export const ScenariosSchema = v.pipe(v.array(ScenarioSchema), v.maxLength(50));

export type Coaching = v.InferOutput<typeof CoachingSchema>;
export type Scenario = v.InferOutput<typeof ScenarioSchema>;
