import { describe, expect, it } from 'vitest';
import { WIRE_LIMITS, type HubEvent } from '../hub/wire';
import { nextTryAt, readAnswer, retryAfterMs, SEND_BACKOFF, takeBatch } from './batch';

const ev = (i: number, pad = 0): { event: HubEvent } => ({
  event: { id: `ev_${String(i).padStart(8, '0')}`, type: 'anchor', at: 1, packId: 'acme.x', anchorId: 'a', page: `https://crm.example.com/${'p'.repeat(pad)}` },
});
const NOW = 1_000_000;

describe('takeBatch', () => {
  it('takes at most the hub limit of events, oldest first', () => {
    const rows = Array.from({ length: 700 }, (_, i) => ev(i));
    const batch = takeBatch(rows);
    expect(batch).toHaveLength(WIRE_LIMITS.eventsPerBatch);
    expect(batch[0]).toBe(rows[0]);
    expect(takeBatch(rows, 3)).toHaveLength(3);
  });

  it('stays under the byte limit of a batch', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ev(i, 280 * 8));
    const batch = takeBatch(rows);
    expect(batch.length).toBeLessThan(400);
    expect(new TextEncoder().encode(JSON.stringify({ events: batch.map((r) => r.event) })).length).toBeLessThanOrEqual(WIRE_LIMITS.batchBytes);
  });
});

describe('readAnswer', () => {
  const sent = ['ev_a0000000', 'ev_b0000000', 'ev_c0000000'];
  it('marks accepted and duplicate events stored, and keeps the reason of each refused one', () => {
    const body = { accepted: ['ev_a0000000'], duplicates: ['ev_c0000000'], rejected: [{ index: 1, id: 'ev_b0000000', problem: 'events.1.path: too long' }] };
    expect(readAnswer(sent, 422, body, null, NOW)).toEqual({
      kind: 'answered',
      stored: ['ev_a0000000', 'ev_c0000000'],
      refused: [{ id: 'ev_b0000000', problem: 'events.1.path: too long' }],
    });
  });

  it('names a refused event by its index when the hub could not read its id', () => {
    const out = readAnswer(sent, 422, { accepted: [], duplicates: [], rejected: [{ index: 2, problem: 'events.2: bad' }] }, null, NOW);
    expect(out).toEqual({ kind: 'answered', stored: [], refused: [{ id: 'ev_c0000000', problem: 'events.2: bad' }] });
  });

  it('retries on 5xx, on 429 after Retry-After, and on an answer it cannot read', () => {
    expect(readAnswer(sent, 503, { message: 'down' }, null, NOW)).toEqual({ kind: 'retry', problem: '503: down' });
    expect(readAnswer(sent, 429, {}, '30', NOW)).toEqual({ kind: 'retry', problem: 'HTTP 429', retryAfterMs: 30_000 });
    expect(readAnswer(sent, 200, { ok: true }, null, NOW).kind).toBe('retry');
  });

  it('tells a refused batch and a refused credential apart', () => {
    expect(readAnswer(sent, 400, { message: 'events: a batch holds at most 500 events' }, null, NOW)).toEqual({
      kind: 'batch-refused',
      problem: '400: events: a batch holds at most 500 events',
    });
    expect(readAnswer(sent, 413, null, null, NOW).kind).toBe('batch-refused');
    expect(readAnswer(sent, 401, { message: 'enrol again' }, null, NOW)).toEqual({ kind: 'unauthorized', problem: '401: enrol again' });
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('5', NOW)).toBe(5000);
    expect(retryAfterMs(new Date(NOW + 60_000).toUTCString(), NOW)).toBeGreaterThan(58_000);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, and never earlier than Retry-After', () => {
    expect(nextTryAt(1, NOW, () => 0) - NOW).toBe(SEND_BACKOFF.baseMs / 2);
    expect(nextTryAt(1, NOW, () => 1) - NOW).toBe(SEND_BACKOFF.baseMs);
    expect(nextTryAt(3, NOW, () => 1) - NOW).toBe(SEND_BACKOFF.baseMs * 4);
    expect(nextTryAt(50, NOW, () => 1) - NOW).toBe(SEND_BACKOFF.maxMs);
    expect(nextTryAt(1, NOW, () => 0, 120_000) - NOW).toBe(120_000);
  });
});
