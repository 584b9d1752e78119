/**
 * When to try a pack URL again. Pure, so the schedule is unit-tested and the scale
 * benchmark runs the very same numbers the background uses.
 */

export interface BackoffOptions {
  /** Delay after the first failure, before jitter. */
  baseMs: number;
  /** The delay never grows beyond this: a fixed file must reach agents within a few hours. */
  maxMs: number;
}

export const BACKOFF: BackoffOptions = { baseMs: 60_000, maxMs: 2 * 60 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random. After a
 * server outage 10,000 agents must not all come back in the same second (full jitter could
 * also give ~0 ms, hammering a server that just failed); see
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(failures: number, random: () => number, opts: BackoffOptions = BACKOFF): number {
  const n = Math.max(1, Math.floor(failures));
  // 2 ** 40 is already far past any maxMs; capping the exponent keeps the number finite.
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(n - 1, 40));
  return Math.round(ceiling / 2 + (ceiling / 2) * clamp01(random()));
}

/** A regular interval, spread by ±`spread` so agents who start at 9:00 do not fetch in lockstep. */
export function jittered(intervalMs: number, random: () => number, spread = 0.1): number {
  return Math.round(intervalMs * (1 - spread + 2 * spread * clamp01(random())));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}
