/**
 * Sends the outbox to the hub in batches, one flush at a time. A failure keeps every event
 * queued and sets a chrome.alarms alarm for the next try (exponential backoff with jitter,
 * or the hub's Retry-After), so a service worker that went to sleep still retries.
 */
import * as outbox from '../db/outbox-repo';
import type { CuecardDb } from '../db/schema';
import { nextTryAt, readAnswer, takeBatch } from '../hub-client/batch';
import type { HubError, HubState } from '../hub-client/state';
import type { ExtensionApi } from './deps';

export const HUB_ALARM = 'cuecard-hub';

export interface SendDeps {
  db: CuecardDb;
  browser: Pick<ExtensionApi, 'alarms'>;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  getState(): Promise<HubState | undefined>;
  /** Applies a change to the stored state (if still enrolled with the same credential). */
  update(credential: string, change: (s: HubState) => HubState): Promise<void>;
}

export function createHubSender(d: SendDeps) {
  let chain: Promise<unknown> = Promise.resolve();

  /** Sends what is queued; `force` ignores the backoff (the alarm, or "Send now"). */
  function flush(force = false): Promise<void> {
    const next = chain.then(() => sendAll(force));
    chain = next.catch(() => undefined);
    return next;
  }

  async function sendAll(force: boolean) {
    const state = await d.getState();
    if (!state) return void (await d.browser.alarms.clear(HUB_ALARM));
    if (!force && state.nextTryAt !== undefined && state.nextTryAt > d.now()) return;
    let max: number | undefined;
    let failures = state.failures;
    for (;;) {
      const batch = takeBatch(await outbox.queuedEvents(d.db, max ?? 500), max);
      if (!batch.length) {
        await d.browser.alarms.clear(HUB_ALARM);
        return;
      }
      const ids = batch.map((r) => r.id);
      const outcome = await post(
        state,
        batch.map((r) => r.event),
      ).then(
        ({ status, body, retryAfter }) => readAnswer(ids, status, body, retryAfter, d.now()),
        (e: unknown) => ({ kind: 'retry' as const, problem: `network: ${(e as Error)?.message ?? String(e)}`, network: true }),
      );
      if (outcome.kind === 'answered') {
        await outbox.settle(d.db, outcome.stored, outcome.refused, d.now());
        failures = 0;
        await d.update(state.credential, (s) => ({ ...s, failures: 0, nextTryAt: undefined, lastError: undefined, lastSentAt: d.now(), overflow: 0 }));
        continue;
      }
      if (outcome.kind === 'batch-refused') {
        // The hub refused the batch as a whole: halve it until the one event it refuses is found.
        if (batch.length > 1) {
          max = Math.ceil(batch.length / 2);
          continue;
        }
        await outbox.settle(d.db, [], [{ id: ids[0]!, problem: outcome.problem }], d.now());
        continue;
      }
      const code: HubError['code'] = outcome.kind === 'unauthorized' ? 'unauthorized' : 'network' in outcome ? 'network' : 'server';
      const retryAfter = 'retryAfterMs' in outcome ? outcome.retryAfterMs : undefined;
      failures += 1;
      const when = nextTryAt(failures, d.now(), d.random, retryAfter);
      await d.update(state.credential, (s) => ({ ...s, failures, nextTryAt: when, lastError: { code, message: outcome.problem.slice(0, 600), at: d.now() } }));
      await d.browser.alarms.create(HUB_ALARM, { when });
      return;
    }
  }

  async function post(state: HubState, events: unknown[]) {
    const res = await d.fetch(`${state.url}/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${state.credential}` },
      body: JSON.stringify({ events }),
      // The credential is for the hub alone: no cookies, no referrer.
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    const body: unknown = await res.json().catch(() => null);
    return { status: res.status, body, retryAfter: res.headers.get('Retry-After') };
  }

  return { flush };
}
