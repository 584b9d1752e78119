/**
 * A follow-up: something the agent promised to do later (chase a ticket, call a customer
 * back), with a due time. Stored by the background; the schema is the type and is checked on
 * every message that carries one.
 */
import * as v from 'valibot';
import { IdSchema } from '../pack/base-schema';

const Epoch = v.pipe(v.number(), v.integer(), v.minValue(0));
const Title = v.pipe(v.string(), v.trim(), v.minLength(1, 'needs a title'), v.maxLength(200, 'is longer than 200 characters'));

/** Where it came from, so the list can say which contact it belongs to. */
export const FollowUpOriginSchema = v.strictObject({
  runId: v.optional(v.pipe(v.string(), v.maxLength(80))),
  packId: v.optional(IdSchema),
  procedureId: v.optional(IdSchema),
  stepId: v.optional(IdSchema),
});

export const FollowUpSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  title: Title,
  dueAt: Epoch,
  createdAt: Epoch,
  status: v.picklist(['open', 'done']),
  /** When the due notification was shown; cleared by a snooze so it notifies again. */
  notifiedAt: v.optional(Epoch),
  doneAt: v.optional(Epoch),
  origin: v.optional(FollowUpOriginSchema),
});

/** What the panel sends to add one: the background assigns id and createdAt. */
export const FollowUpDraftSchema = v.strictObject({
  title: Title,
  dueAt: Epoch,
  origin: v.optional(FollowUpOriginSchema),
});

export const FollowUpChangeSchema = v.variant('action', [
  v.strictObject({ action: v.literal('done') }),
  v.strictObject({ action: v.literal('reopen') }),
  v.strictObject({ action: v.literal('delete') }),
  v.strictObject({ action: v.literal('snooze'), minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7 * 24 * 60)) }),
]);

export type FollowUp = v.InferOutput<typeof FollowUpSchema>;
export type FollowUpDraft = v.InferOutput<typeof FollowUpDraftSchema>;
export type FollowUpChange = v.InferOutput<typeof FollowUpChangeSchema>;
