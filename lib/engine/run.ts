/**
 * A run is one pass through a procedure: one customer contact, or one shift's checklist.
 * The schema is the type; the background validates runs on receipt before storing them.
 */
import * as v from 'valibot';
import { ChannelSchema, IdSchema } from '../pack/schema';

export const VisitSchema = v.strictObject({
  stepId: IdSchema,
  /** Epoch ms when the step was entered. */
  at: v.number(),
});

export const SkipSchema = v.strictObject({
  reason: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  at: v.number(),
});

/**
 * The agent let a held click through (issue 13.1: a guarded control before identity was
 * verified; 13.2: a Save with failing block-mode field rules), with the reason they gave.
 * Ids only: which guard or check, which rules; never a value read from the page.
 */
export const OverrideSchema = v.strictObject({
  kind: v.picklist(['guard', 'check']),
  /** The guard's or the field check's id in the pack's site context. */
  target: IdSchema,
  /** For a check: the failing rules that were overridden. */
  rules: v.optional(v.pipe(v.array(IdSchema), v.maxLength(50))),
  reason: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  /** The step the run was on. */
  stepId: IdSchema,
  at: v.number(),
});
export const MAX_OVERRIDES = 200;

export const RunSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  packId: IdSchema,
  packVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  procedureId: IdSchema,
  channel: v.optional(ChannelSchema),
  /** A short label the agent can give the run (customer name, chat number) for the switcher. */
  label: v.optional(v.pipe(v.string(), v.maxLength(120))),
  status: v.picklist(['open', 'finished']),
  /** Steps entered so far, in order; the last one is the current step. */
  path: v.pipe(v.array(VisitSchema), v.minLength(1)),
  /** Ticked checklist items: item id → epoch ms. Item ids are unique within a procedure. */
  ticks: v.record(IdSchema, v.number()),
  /** Required items skipped in experienced mode, with the agent's reason. */
  skips: v.record(IdSchema, SkipSchema),
  /** Branch taken at each step with choices: step id → choice id. */
  choices: v.record(IdSchema, IdSchema),
  /**
   * Steps the agent came back to with Back or a jump (step id → how often): a step left too
   * early. Counts only; lib/coaching reads it to tell a clean completion from a mistake.
   */
  backs: v.optional(v.record(IdSchema, v.pipe(v.number(), v.integer(), v.minValue(1)))),
  createdAt: v.number(),
  updatedAt: v.number(),
  finishedAt: v.optional(v.number()),
  /** Guard and field-check overrides, oldest first (absent until the first). */
  overrides: v.optional(v.pipe(v.array(OverrideSchema), v.maxLength(MAX_OVERRIDES))),
  /** Increases with every change; the higher revision wins when two tabs write the same run. */
  rev: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export type Visit = v.InferOutput<typeof VisitSchema>;
export type Override = v.InferOutput<typeof OverrideSchema>;
export type Run = v.InferOutput<typeof RunSchema>;

export const ModeSchema = v.picklist(['newHire', 'experienced']);
export type Mode = v.InferOutput<typeof ModeSchema>;

/** Everything an agent can do to a run. `at` is supplied by the caller so reduce stays pure. */
export type RunEvent =
  | { type: 'next'; at: number }
  | { type: 'back'; at: number }
  | { type: 'goto'; stepId: string; at: number }
  | { type: 'choose'; choiceId: string; at: number }
  | { type: 'tick'; itemId: string; at: number }
  | { type: 'untick'; itemId: string; at: number }
  | { type: 'skip'; itemId: string; reason: string; at: number }
  | { type: 'unskip'; itemId: string; at: number }
  | { type: 'label'; label: string; at: number }
  | { type: 'finish'; at: number }
  | { type: 'override'; kind: Override['kind']; target: string; rules?: string[]; reason: string; at: number };
