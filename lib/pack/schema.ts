/**
 * The pack format: versioned SOP data. These schemas are the only pack types; everything
 * that arrives from outside (a file, a URL, a message) goes through `parsePack` first.
 */
import * as v from 'valibot';
import { IdSchema, LTextSchema } from './base-schema';
import { AnchorsSchema, SitesSchema, TemplatesSchema } from './context-schema';
import { CoachingSchema, FadeAfterSchema, ScenariosSchema } from './coaching-schema';

export { IdSchema, LTextSchema };

export const ChannelSchema = v.picklist(['phone', 'online', 'video']);

export const PhraseSchema = v.strictObject({
  id: IdSchema,
  /** Standard wording. `{company}`, `{agentId}`, `{customer.name}` are filled in at display time. */
  text: LTextSchema,
  /** A label for the palette and the phrase card, e.g. "Greeting". */
  label: v.optional(LTextSchema),
  channels: v.optional(v.array(ChannelSchema)),
});

export const ChecklistItemSchema = v.strictObject({
  id: IdSchema,
  text: LTextSchema,
  required: v.boolean(),
  /** Ticking this item counts as "identity verified" for the run. */
  verifiesIdentity: v.optional(v.boolean()),
});

export const ChoiceSchema = v.strictObject({
  id: IdSchema,
  label: LTextSchema,
  /** The step this choice leads to, in the same procedure. */
  next: IdSchema,
});

export const StepSchema = v.strictObject({
  id: IdSchema,
  title: LTextSchema,
  guidance: v.optional(LTextSchema),
  phrases: v.optional(v.array(PhraseSchema)),
  checklist: v.optional(v.array(ChecklistItemSchema)),
  /** A branch: the agent picks one and the run continues at its `next` step. */
  choices: v.optional(v.array(ChoiceSchema)),
  /** Where Next goes when the step has no choices; absent means the procedure ends here. */
  next: v.optional(IdSchema),
  channels: v.optional(v.array(ChannelSchema)),
  /** Seconds the step should take at most (e.g. answer within three rings). */
  timeLimitSec: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30 * 24 * 3600))),
  /** The step stays locked until an identity-verifying checklist item has been ticked. */
  requiresIdentity: v.optional(v.boolean()),
  /** True for steps written by the Cuecard team, not quoted from the source SOP. */
  addition: v.optional(v.boolean()),
  /** SOP section this step comes from, e.g. "2.2". */
  source: v.optional(v.pipe(v.string(), v.maxLength(40))),
  /** CRM elements this step is about, for "Show me" (lib/pack/context-schema.ts). */
  anchors: v.optional(AnchorsSchema),
  /** Clean completions after which this step's guidance fades (overrides the pack's; 0: never fades). */
  fadeAfter: v.optional(FadeAfterSchema),
});

export const ProcedureSchema = v.strictObject({
  id: IdSchema,
  title: LTextSchema,
  description: v.optional(LTextSchema),
  /** `shift`: once per shift (pre-shift checklist); `contact`: once per customer contact. */
  kind: v.picklist(['shift', 'contact']),
  channels: v.optional(v.array(ChannelSchema)),
  start: IdSchema,
  steps: v.pipe(v.array(StepSchema), v.minLength(1, 'needs at least one step')),
  timeLimitSec: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30 * 24 * 3600))),
  source: v.optional(v.pipe(v.string(), v.maxLength(40))),
  /** Text templates offered on this procedure's steps (intake record, transfer brief). */
  templates: v.optional(TemplatesSchema),
  /** Practice scenarios: scripted customer lines for a practice contact (lib/pack/coaching-schema.ts). */
  scenarios: v.optional(ScenariosSchema),
});

export const PackSchema = v.strictObject({
  /** Format version of this JSON; bumped with a migration in lib/pack/migrations. */
  format: v.literal(1),
  id: IdSchema,
  /** Pack content version: a positive integer that increases with every release. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: LTextSchema,
  languages: v.pipe(v.array(v.picklist(['zh-CN', 'en'])), v.minLength(1)),
  procedures: v.pipe(v.array(ProcedureSchema), v.minLength(1, 'needs at least one procedure')),
  /** The CRM sites this pack knows: fields read from the page, procedure suggestions. */
  sites: v.optional(SitesSchema),
  /** Templates offered on steps of any procedure (by step id). */
  templates: v.optional(TemplatesSchema),
  /** Fading guidance and release drills (lib/pack/coaching-schema.ts). */
  coaching: v.optional(CoachingSchema),
});

export type LText = v.InferOutput<typeof LTextSchema>;
export type Channel = v.InferOutput<typeof ChannelSchema>;
export type Phrase = v.InferOutput<typeof PhraseSchema>;
export type ChecklistItem = v.InferOutput<typeof ChecklistItemSchema>;
export type Choice = v.InferOutput<typeof ChoiceSchema>;
export type Step = v.InferOutput<typeof StepSchema>;
export type Procedure = v.InferOutput<typeof ProcedureSchema>;
export type Pack = v.InferOutput<typeof PackSchema>;
export type Lang = 'zh-CN' | 'en';
