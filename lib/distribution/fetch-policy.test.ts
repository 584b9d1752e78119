import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, conditionalHeaders, FETCH_POLICY, isDue, newSubState, nextWake } from './fetch-policy';

const URL = 'https://packs.example.com/p.json';
const T = 1_000_000_000;
const MIN = 60_000;

describe('isDue', () => {
  const fetched = afterSuccess(undefined, URL, { status: 'installed', etag: '"a"' }, T, () => 0.5);

  it('fetches a new URL at once, and "Check now" always', () => {
    expect(isDue(undefined, 'schedule', T)).toBe(true);
    expect(isDue(newSubState(URL, T), 'startup', T)).toBe(true);
    expect(isDue(fetched, 'manual', T + 1)).toBe(true);
  });

  it('on schedule, waits for nextAt (30 min ± 10%)', () => {
    expect(fetched.nextAt).toBe(T + 30 * MIN);
    expect(isDue(fetched, 'schedule', T + 29 * MIN)).toBe(false);
    expect(isDue(fetched, 'schedule', T + 30 * MIN)).toBe(true);
  });

  it('at a browser start, fetches unless it just did', () => {
    expect(isDue(fetched, 'startup', T + 2 * MIN)).toBe(false);
    expect(isDue(fetched, 'startup', T + FETCH_POLICY.startupGapMs)).toBe(true);
  });

  it('during a backoff, only "Check now" fetches', () => {
    const failed = afterFailure(fetched, URL, { code: 'http', message: 'x', refused: false }, T, () => 0);
    expect(failed.nextAt).toBe(T + FETCH_POLICY.backoff.baseMs / 2);
    expect(isDue(failed, 'startup', T + 10_000)).toBe(false);
    expect(isDue(failed, 'schedule', T + 10_000)).toBe(false);
    expect(isDue(failed, 'manual', T + 10_000)).toBe(true);
    expect(isDue(failed, 'startup', failed.nextAt)).toBe(true);
  });
});

describe('state after an outcome', () => {
  it('a success clears the error and failures; new validators replace both old ones', () => {
    const failed = afterFailure(
      { ...newSubState(URL, T), etag: '"a"', lastModified: 'Mon' },
      URL,
      { code: 'expired', message: 'm', refused: true },
      T,
      () => 0,
    );
    expect(failed).toMatchObject({ status: 'refused', failures: 1, etag: '"a"', lastError: { code: 'expired', at: T } });
    const ok = afterSuccess(failed, URL, { status: 'installed', lastModified: 'Tue', packId: 'p', version: 3, sequence: 7 }, T + 1, () => 0.5);
    expect(ok).toMatchObject({ status: 'installed', failures: 0, lastModified: 'Tue', packId: 'p', version: 3, sequence: 7, lastOkAt: T + 1 });
    expect(ok.lastError).toBeUndefined();
    expect(ok.etag).toBeUndefined();
    // A 304 carries no validators of its own: the held ones stay.
    expect(afterSuccess(ok, URL, { status: 'unchanged' }, T + 2, () => 0.5).lastModified).toBe('Tue');
  });

  it('sends the validator it has', () => {
    expect(conditionalHeaders(undefined)).toEqual({});
    expect(conditionalHeaders({ ...newSubState(URL, T), etag: '"a"', lastModified: 'Mon' })).toEqual({ 'If-None-Match': '"a"' });
    expect(conditionalHeaders({ ...newSubState(URL, T), lastModified: 'Mon' })).toEqual({ 'If-Modified-Since': 'Mon' });
  });

  it('wakes for the earliest due URL, never sooner than 30 s', () => {
    expect(nextWake([], T)).toBeUndefined();
    const a = { ...newSubState(URL, T), nextAt: T + 10 * MIN };
    const b = { ...newSubState(URL, T), nextAt: T + 3 * MIN };
    expect(nextWake([a, b], T)).toBe(T + 3 * MIN);
    expect(nextWake([{ ...a, nextAt: T - MIN }], T)).toBe(T + 30_000);
  });
});
