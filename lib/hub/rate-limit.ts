/**
 * Token buckets keyed by caller (IP, token, agent), in this process's memory. Behind a load
 * balancer each hub process limits on its own, so the fleet-wide limit is N times this;
 * that bounds abuse, which is the point, without a shared store (docs/hub.md).
 */
export interface Limit {
  /** Requests allowed in a burst. */
  burst: number;
  /** Sustained requests per minute. */
  perMinute: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private limit: Limit,
    private now: () => number,
  ) {}

  /** True when the call may proceed (and uses a token); false when over the limit. */
  take(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    const refill = ((t - b.at) / 60_000) * this.limit.perMinute;
    b.tokens = Math.min(this.limit.burst, b.tokens + refill);
    b.at = t;
    if (this.buckets.size > 100_000) this.buckets.clear(); // a flood of keys must not grow memory without end
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Seconds until one token is back, for Retry-After. */
  retryAfter(): number {
    return Math.ceil(60 / this.limit.perMinute);
  }
}
