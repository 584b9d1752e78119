/**
 * The team hub's outbox (Dexie v5 `outbox`): events queued until the hub has them, then kept
 * as a bounded history so the agent can read exactly what was sent ("What my team lead
 * sees"). Only the background opens it, like every table.
 */
import type { HubEvent } from '../hub/wire';
import type { Reported } from '../hub-client/events';
import type { CuecardDb } from './schema';

export interface OutboxRow {
  /** The event's own id (what the hub deduplicates on). */
  id: string;
  origin: string;
  event: HubEvent;
  state: 'queued' | 'sent' | 'refused';
  queuedAt: number;
  sentAt?: number;
  /** The hub's reason, for a refused event. */
  problem?: string;
}

/** At most this many events wait; past it, new ones are counted as not queued (never silently). */
export const QUEUE_CAP = 5000;
/** Sent and refused events kept for the agent to read, newest first. */
export const HISTORY_CAP = 1000;

/**
 * Queues what was not queued before (same origin: the same fact). Returns how many were
 * added and how many did not fit.
 */
export async function enqueue(d: CuecardDb, items: readonly Reported[], at: number, cap = QUEUE_CAP): Promise<{ added: number; overflow: number }> {
  return d.transaction('rw', d.outbox, async () => {
    let queued = await d.outbox.where('[state+queuedAt]').between(['queued', -Infinity], ['queued', Infinity]).count();
    let added = 0;
    let overflow = 0;
    for (const { event, origin } of items) {
      if ((await d.outbox.where('origin').equals(origin).count()) > 0) continue;
      if (queued >= cap) {
        overflow++;
        continue;
      }
      // Same-millisecond events keep their order: queuedAt grows by a fraction per event.
      await d.outbox.add({ id: event.id, origin, event, state: 'queued', queuedAt: at + added / 1000 });
      queued++;
      added++;
    }
    return { added, overflow };
  });
}

/** Queued events, oldest first. */
export function queuedEvents(d: CuecardDb, limit: number): Promise<OutboxRow[]> {
  return d.outbox.where('[state+queuedAt]').between(['queued', -Infinity], ['queued', Infinity]).limit(limit).toArray();
}

/** Records the hub's answer: stored ones become sent, refused ones keep the reason; then trims the history. */
export async function settle(d: CuecardDb, stored: readonly string[], refused: readonly { id: string; problem: string }[], at: number): Promise<void> {
  await d.transaction('rw', d.outbox, async () => {
    for (const id of stored) await d.outbox.update(id, { state: 'sent', sentAt: at });
    for (const r of refused) await d.outbox.update(r.id, { state: 'refused', sentAt: at, problem: r.problem });
    const { sent, refused: refusedCount } = await outboxCounts(d);
    const done = sent + refusedCount;
    if (done > HISTORY_CAP) {
      const old = await d.outbox
        .orderBy('queuedAt')
        .filter((r) => r.state !== 'queued')
        .limit(done - HISTORY_CAP)
        .primaryKeys();
      await d.outbox.bulkDelete(old);
    }
  });
}

export async function outboxCounts(d: CuecardDb): Promise<{ queued: number; sent: number; refused: number }> {
  const count = (state: OutboxRow['state']) => d.outbox.where('[state+queuedAt]').between([state, -Infinity], [state, Infinity]).count();
  const [queued, sent, refused] = await Promise.all([count('queued'), count('sent'), count('refused')]);
  return { queued, sent, refused };
}

/** Everything queued, sent or refused, newest first. */
export function outboxHistory(d: CuecardDb, limit: number): Promise<OutboxRow[]> {
  return d.outbox.orderBy('queuedAt').reverse().limit(limit).toArray();
}

export function clearOutbox(d: CuecardDb): Promise<void> {
  return d.outbox.clear();
}
