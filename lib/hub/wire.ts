/**
 * What crosses the wire between an agent's extension and the hub: enrolment, the pack feed
 * and event batches. Pure valibot schemas (no Node, no browser), so the extension imports
 * the same types it sends and the hub parses with.
 *
 * Privacy is in the shapes: every object is strict (an unknown field is refused, not
 * dropped), every string is an id, a channel or an outcome from a closed list — except a
 * skip reason, which is the agent's own words, length-limited and with digit runs masked
 * (a reason like "customer 13812345678 refused" must not carry the number to the hub).
 */
import * as v from 'valibot';
import { scrubDigits } from '../context/mask';
import { ChannelSchema, IdSchema } from '../pack/schema';

/** Limits, shared so the extension batches below what the hub accepts. */
export const WIRE_LIMITS = {
  eventsPerBatch: 500,
  batchBytes: 512 * 1024,
  stepsPerRun: 200,
  skipsPerRun: 50,
  skipReasonChars: 200,
} as const;

const EpochMs = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const Positive = v.pipe(v.number(), v.integer(), v.minValue(1));
/** Event ids are chosen by the extension (random): the hub stores each (agent, id) once. */
export const EventIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 characters of A-Z a-z 0-9 _ -'));
export const AgentIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ @ -'));
const TokenSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,128}$/, 'is not a Cuecard hub token'));

export const EnrolRequestSchema = v.strictObject({ token: TokenSchema, agentId: AgentIdSchema });
export const EnrolResponseSchema = v.strictObject({
  agentId: AgentIdSchema,
  team: IdSchema,
  /** Bearer credential for POST /api/events; shown once. */
  credential: TokenSchema,
  /** Per-agent pack feed: the base of the URLs to subscribe to, `${feedUrl}/${packId}`. */
  feedUrl: v.pipe(v.string(), v.url()),
  /** Feed URLs of the packs the hub serves now. */
  packUrls: v.array(v.pipe(v.string(), v.url())),
});

/** `GET <feedUrl>`: the feed URLs of the packs the hub serves now. */
export const FeedListSchema = v.strictObject({ packUrls: v.pipe(v.array(v.pipe(v.string(), v.url())), v.maxLength(500)) });

export const SkipReasonSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'a skip reason must not be empty'),
  v.maxLength(WIRE_LIMITS.skipReasonChars, `a skip reason must be at most ${WIRE_LIMITS.skipReasonChars} characters`),
  v.transform(scrubDigits),
);

const Base = { id: EventIdSchema, at: EpochMs };

/** The release an agent's extension holds now (sent when it changes, and on enrolment). */
export const ReleaseEventSchema = v.strictObject({ ...Base, type: v.literal('release'), packId: IdSchema, version: Positive, sequence: v.optional(Positive) });

/** "I've read the new wording" of one phrase. */
export const AckEventSchema = v.strictObject({
  ...Base,
  type: v.literal('ack'),
  packId: IdSchema,
  version: Positive,
  procedureId: IdSchema,
  stepId: IdSchema,
  phraseId: IdSchema,
});

export const OutcomeSchema = v.picklist(['finished', 'abandoned']);

/** One finished contact: where it went and how long each step took, nothing of the customer. */
export const RunEventSchema = v.strictObject({
  ...Base,
  type: v.literal('run'),
  packId: IdSchema,
  version: Positive,
  procedureId: IdSchema,
  channel: v.optional(ChannelSchema),
  /** Steps in the order entered (a step entered again is a back-step or a loop). */
  path: v.pipe(
    v.array(v.strictObject({ stepId: IdSchema, ms: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(864e5)) })),
    v.minLength(1, 'a run has at least one step'),
    v.maxLength(WIRE_LIMITS.stepsPerRun),
  ),
  skipped: v.pipe(v.array(v.strictObject({ itemId: IdSchema, stepId: IdSchema, reason: SkipReasonSchema })), v.maxLength(WIRE_LIMITS.skipsPerRun)),
  outcome: OutcomeSchema,
});

const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e9));

/**
 * Fading guidance of one procedure's steps for this agent (issue 13.3), after a contact was
 * counted: per step, whether its guidance shows collapsed now, the clean completions in a row,
 * and the clean ones of all completions. Counts and ids only. Each event holds the agent's
 * whole state for those steps, so the hub keeps the newest and a late one changes nothing.
 */
export const CoachingEventSchema = v.strictObject({
  ...Base,
  type: v.literal('coaching'),
  packId: IdSchema,
  version: Positive,
  procedureId: IdSchema,
  steps: v.pipe(
    v.array(v.strictObject({ stepId: IdSchema, collapsed: v.boolean(), streak: Count, clean: Count, total: Count })),
    v.minLength(1, 'a coaching report has at least one step'),
    v.maxLength(WIRE_LIMITS.stepsPerRun),
    v.check((steps) => steps.every((s) => s.clean <= s.total && s.streak <= s.clean), 'a step has more clean completions than completions'),
  ),
});

/** A pack anchor that found nothing on a CRM page: origin and path only, never the query. */
export const AnchorEventSchema = v.strictObject({
  ...Base,
  type: v.literal('anchor'),
  packId: IdSchema,
  anchorId: IdSchema,
  page: v.pipe(
    v.string(),
    v.maxLength(300),
    v.regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'must be an http(s) origin and path, without query or fragment'),
    v.transform(scrubDigits),
  ),
});

export const EventSchema = v.variant('type', [ReleaseEventSchema, AckEventSchema, RunEventSchema, AnchorEventSchema, CoachingEventSchema]);
export type HubEvent = v.InferOutput<typeof EventSchema>;
export type RunEvent = v.InferOutput<typeof RunEventSchema>;
export type CoachingEvent = v.InferOutput<typeof CoachingEventSchema>;

/** The batch envelope; each event is parsed on its own so one bad event spoils nothing else. */
export const BatchSchema = v.strictObject({
  events: v.pipe(
    v.array(v.unknown()),
    v.minLength(1, 'a batch holds at least one event'),
    v.maxLength(WIRE_LIMITS.eventsPerBatch, `a batch holds at most ${WIRE_LIMITS.eventsPerBatch} events`),
  ),
});

/** Per-event outcome: stored now, stored before (a resend), or refused with the reason. */
export const BatchResultSchema = v.strictObject({
  accepted: v.array(EventIdSchema),
  duplicates: v.array(EventIdSchema),
  rejected: v.array(v.strictObject({ index: v.number(), id: v.optional(v.string()), problem: v.string() })),
});
export type BatchResult = v.InferOutput<typeof BatchResultSchema>;

/** "path.to.field: message" for the first issue, as the hub reports it. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = first.path?.map((p) => String(p.key)).join('.') ?? '';
  return path ? `${path}: ${first.message}` : first.message;
}
