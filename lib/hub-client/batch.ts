/**
 * Sending queued events: which to put in the next batch (under the hub's limits), and what
 * the hub's answer means for each of them. Pure; lib/background/hub-send.ts does the I/O.
 *
 * Delivery is at least once: an event leaves the queue only when the hub names it accepted,
 * a duplicate (stored before), or refused. Refused is final only for a per-event 4xx
 * refusal: a network error, a 5xx or a 429 keeps every event queued for a retry.
 */
import * as v from 'valibot';
import { backoffDelay, type BackoffOptions } from '../distribution/backoff';
import { BatchResultSchema, WIRE_LIMITS, type HubEvent } from '../hub/wire';

/** Retries after 5 s, 10 s, 20 s … up to 30 minutes, each with equal jitter. */
export const SEND_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 30 * 60_000 };

/** Room left for the envelope `{"events":[…]}` and commas. */
const ENVELOPE_BYTES = 64;

const bytesOf = (event: HubEvent) => new TextEncoder().encode(JSON.stringify(event)).length + 1;

/** The oldest events that fit one batch: at most `maxEvents`, and under the hub's byte limit. */
export function takeBatch<T extends { event: HubEvent }>(queued: readonly T[], maxEvents: number = WIRE_LIMITS.eventsPerBatch): T[] {
  const out: T[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const row of queued) {
    if (out.length >= Math.min(maxEvents, WIRE_LIMITS.eventsPerBatch)) break;
    const size = bytesOf(row.event);
    if (out.length && bytes + size > WIRE_LIMITS.batchBytes) break;
    out.push(row);
    bytes += size;
  }
  return out;
}

export type SendOutcome =
  /** The hub answered for each event: stored (now or before), or refused with its reason. */
  | { kind: 'answered'; stored: string[]; refused: { id: string; problem: string }[] }
  /** The batch as a whole was refused (400/413): send fewer at a time; one alone is refused for good. */
  | { kind: 'batch-refused'; problem: string }
  /** The credential is no longer valid (revoked, or replaced by a new enrolment). */
  | { kind: 'unauthorized'; problem: string }
  /** Try again later: network error, 5xx, 429 (after `retryAfterMs` when the hub said). */
  | { kind: 'retry'; problem: string; retryAfterMs?: number };

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The hub's problem message ({ error, message }), else the status line. */
function problemOf(status: number, body: unknown): string {
  const m = (body as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? `${status}: ${m.slice(0, 500)}` : `HTTP ${status}`;
}

/** What one answer means for the events of the batch sent (`sent`: their ids, in order). */
export function readAnswer(sent: readonly string[], status: number, body: unknown, retryAfter: string | null, now: number): SendOutcome {
  if (status === 200 || status === 422) {
    const parsed = v.safeParse(BatchResultSchema, body);
    if (!parsed.success) return { kind: 'retry', problem: `The hub's answer (${status}) was not understood` };
    const r = parsed.output;
    const stored = [...r.accepted, ...r.duplicates].filter((id) => sent.includes(id));
    const refused = r.rejected.flatMap((x) => {
      const id = x.id && sent.includes(x.id) ? x.id : sent[x.index];
      return id ? [{ id, problem: x.problem }] : [];
    });
    return { kind: 'answered', stored, refused };
  }
  if (status === 401) return { kind: 'unauthorized', problem: problemOf(status, body) };
  if (status === 429) return { kind: 'retry', problem: problemOf(status, body), retryAfterMs: retryAfterMs(retryAfter, now) };
  if (status === 400 || status === 413) return { kind: 'batch-refused', problem: problemOf(status, body) };
  return { kind: 'retry', problem: problemOf(status, body) };
}

/** When to try again after `failures` failed attempts in a row. */
export function nextTryAt(failures: number, now: number, random: () => number, retryAfter?: number): number {
  const backoff = backoffDelay(failures, random, SEND_BACKOFF);
  return now + Math.max(backoff, retryAfter ?? 0);
}
