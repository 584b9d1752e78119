/**
 * The agent's hub membership as the background stores it (Dexie `kv`, key `hub`), and what
 * the options page is shown of it: everything but the credential, which never leaves the
 * background. Schemas are the types; a stored record that no longer parses counts as not
 * enrolled (the agent is told, and can enrol again).
 */
import * as v from 'valibot';
import { packUrlProblem } from '../distribution/config-schema';
import { AgentIdSchema } from '../hub/wire';

/** A hub address: https, or http on this machine (the demo and tests), no path needed. */
export const HubUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2000, 'is longer than 2,000 characters'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = packUrlProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
  // One form: the origin plus any path prefix, without a trailing slash.
  v.transform((s) => s.replace(/\/+$/, '')),
);

/** Why the last attempt failed, in our words (`code`) and the hub's or the network's (`message`). */
export const HubErrorSchema = v.strictObject({
  code: v.picklist(['network', 'server', 'unauthorized', 'bad-token', 'refused', 'no-agent-id', 'bad-agent-id', 'no-access', 'invalid']),
  message: v.pipe(v.string(), v.maxLength(600)),
  at: v.number(),
});
export type HubError = v.InferOutput<typeof HubErrorSchema>;

export const HubStateSchema = v.strictObject({
  url: v.string(),
  source: v.picklist(['agent', 'policy']),
  agentId: AgentIdSchema,
  team: v.string(),
  credential: v.string(),
  feedUrl: v.string(),
  packUrls: v.array(v.string()),
  enrolledAt: v.number(),
  lastSentAt: v.optional(v.number()),
  /** Failed sends in a row, for the backoff; 0 after a send the hub answered. */
  failures: v.number(),
  nextTryAt: v.optional(v.number()),
  lastError: v.optional(HubErrorSchema),
  /** Events that could not be queued because the queue was full (shown until sent again). */
  overflow: v.number(),
  /** The release of each pack last reported (`release:<pack>@<version>#<sequence>`). */
  reported: v.record(v.string(), v.string()),
  /** Open contacts already reported as abandoned (run ids): never reported again, finished or not. */
  abandoned: v.optional(v.pipe(v.array(v.string()), v.maxLength(1000))),
});
export type HubState = v.InferOutput<typeof HubStateSchema>;

export function parseHubState(raw: unknown): HubState | undefined {
  const r = v.safeParse(HubStateSchema, raw);
  return r.success ? r.output : undefined;
}

/** The options page's view: membership without the credential, plus the queue's counts. */
export interface HubView {
  enrolled?: Omit<HubState, 'credential' | 'reported' | 'abandoned'>;
  /** A hub set by managed policy (URL only; the token is never shown). */
  policyUrl?: string;
  /** Why enrolment failed or could not start (no agent id, bad token, network). */
  enrolError?: HubError;
  queued: number;
  sent: number;
  refused: number;
  capacity: number;
  /** Whether Cuecard holds host access to the hub's site (else it relies on the hub's CORS). */
  hasAccess: boolean;
}

/** Policy keys `hubUrl` + `hubEnrolToken` (public/managed_schema.json); both or neither. */
export function parseHubPolicy(raw: unknown): { hub?: { url: string; token: string }; problems: string[] } {
  if (typeof raw !== 'object' || raw === null) return { problems: [] };
  const { hubUrl, hubEnrolToken } = raw as Record<string, unknown>;
  if (hubUrl === undefined && hubEnrolToken === undefined) return { problems: [] };
  if (typeof hubEnrolToken !== 'string' || !hubEnrolToken.trim()) return { problems: ['policy hubEnrolToken: must be set with hubUrl'] };
  const url = v.safeParse(HubUrlSchema, hubUrl);
  if (!url.success) return { problems: [`policy hubUrl: ${url.issues[0].message}`] };
  return { hub: { url: url.output, token: hubEnrolToken.trim() }, problems: [] };
}
