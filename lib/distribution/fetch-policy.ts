/**
 * The pack subscription schedule as pure functions of (state, trigger, now, random): when a
 * URL is due, which conditional headers to send, and the state after each outcome. The
 * background and the scale benchmark (test/bench/pack-host.mjs) both run exactly this.
 */
import { BACKOFF, backoffDelay, jittered, type BackoffOptions } from './backoff';

export interface SubState {
  url: string;
  /** Validators of the last response we accepted (or found unchanged): a 304 then means "still that". */
  etag?: string;
  lastModified?: string;
  /** Last attempt, whatever came of it. */
  lastFetchAt?: number;
  /** Last time the server gave us a pack we accepted or already had. */
  lastOkAt?: number;
  nextAt: number;
  /** Failures in a row; 0 after any success. */
  failures: number;
  lastError?: { code: string; message: string; at: number };
  /** What this URL delivered last (it must keep delivering the same pack id). */
  packId?: string;
  version?: number;
  sequence?: number;
  status: 'new' | 'installed' | 'unchanged' | 'refused' | 'error';
}

export interface FetchPolicy {
  intervalMs: number;
  /** ± share of the interval, so agents drift apart instead of fetching in lockstep. */
  spread: number;
  /** A browser start within this long after the last fetch does not fetch again. */
  startupGapMs: number;
  timeoutMs: number;
  maxBytes: number;
  backoff: BackoffOptions;
}

export const FETCH_POLICY: FetchPolicy = {
  intervalMs: 30 * 60_000,
  spread: 0.1,
  startupGapMs: 5 * 60_000,
  timeoutMs: 15_000,
  maxBytes: 6_000_000,
  backoff: BACKOFF,
};

/** `schedule`: the alarm; `startup`: browser start or install; `manual`: "Check now", or a URL just added. */
export type Trigger = 'schedule' | 'startup' | 'manual';

export function newSubState(url: string, now: number): SubState {
  return { url, nextAt: now, failures: 0, status: 'new' };
}

export function isDue(s: SubState | undefined, trigger: Trigger, now: number, policy: FetchPolicy = FETCH_POLICY): boolean {
  if (!s || trigger === 'manual' || s.lastFetchAt === undefined) return true;
  // Automatic triggers respect a backoff: a fleet restarting after an outage must not
  // hit a failing server all at once.
  if (s.failures > 0) return now >= s.nextAt;
  if (trigger === 'startup') return now - s.lastFetchAt >= policy.startupGapMs;
  return now >= s.nextAt;
}

export function conditionalHeaders(s: SubState | undefined): Record<string, string> {
  if (s?.etag) return { 'If-None-Match': s.etag };
  if (s?.lastModified) return { 'If-Modified-Since': s.lastModified };
  return {};
}

export interface Success {
  status: 'installed' | 'unchanged';
  /** Validators of this response; undefined on a 304 (the held ones still apply). */
  etag?: string;
  lastModified?: string;
  packId?: string;
  version?: number;
  sequence?: number;
}

export function afterSuccess(prev: SubState | undefined, url: string, ok: Success, now: number, random: () => number, policy = FETCH_POLICY): SubState {
  const base = prev ?? newSubState(url, now);
  const next: SubState = {
    ...base,
    lastFetchAt: now,
    lastOkAt: now,
    failures: 0,
    status: ok.status,
    nextAt: now + jittered(policy.intervalMs, random, policy.spread),
  };
  delete next.lastError;
  if (ok.etag !== undefined || ok.lastModified !== undefined) {
    // New validators replace both old ones: a stale Last-Modified must not outlive its ETag.
    delete next.etag;
    delete next.lastModified;
    if (ok.etag !== undefined) next.etag = ok.etag;
    if (ok.lastModified !== undefined) next.lastModified = ok.lastModified;
  }
  if (ok.packId !== undefined) next.packId = ok.packId;
  if (ok.version !== undefined) next.version = ok.version;
  if (ok.sequence !== undefined) next.sequence = ok.sequence;
  return next;
}

/**
 * A failed fetch, or a pack we refused. The validators are kept from the last good
 * response: a refused file must come back in full next time, never as a 304 that would
 * read as "all is well".
 */
export function afterFailure(
  prev: SubState | undefined,
  url: string,
  error: { code: string; message: string; refused: boolean },
  now: number,
  random: () => number,
  policy = FETCH_POLICY,
): SubState {
  const base = prev ?? newSubState(url, now);
  const failures = base.failures + 1;
  return {
    ...base,
    lastFetchAt: now,
    failures,
    status: error.refused ? 'refused' : 'error',
    lastError: { code: error.code, message: error.message, at: now },
    nextAt: now + backoffDelay(failures, random, policy.backoff),
  };
}

/** When the background should wake up next: the earliest due time, at least `minMs` ahead. */
export function nextWake(states: readonly SubState[], now: number, minMs = 30_000): number | undefined {
  if (!states.length) return undefined;
  return Math.max(now + minMs, Math.min(...states.map((s) => s.nextAt)));
}
