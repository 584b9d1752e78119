import { describe, expect, it } from 'vitest';
import { bucketMiddle, bucketOf, quantile } from './rollup';

describe('step-time histogram', () => {
  it('reads a time t back within 4.5 % of (t + 1 s): about 5 % at a minute, 50 ms at 0.1 s', () => {
    for (const ms of [0, 100, 950, 1000, 3000, 20_000, 61_000, 3_600_000, 86_400_000]) {
      const error = Math.abs(bucketMiddle(bucketOf(ms)) - ms);
      expect(error / (ms + 1000) < 0.045, `${ms} ms read back as ${bucketMiddle(bucketOf(ms))}`).toBe(true);
    }
  });
  it('gives the median and p90 of a histogram, and 0 when empty', () => {
    const times = Array.from({ length: 100 }, (_, i) => (i + 1) * 1000);
    const hist = new Map<number, number>();
    for (const t of times) hist.set(bucketOf(t), (hist.get(bucketOf(t)) ?? 0) + 1);
    expect(Math.abs(quantile([...hist], 0.5) - 50_000) / 50_000).toBeLessThan(0.05);
    expect(Math.abs(quantile([...hist], 0.9) - 90_000) / 90_000).toBeLessThan(0.05);
    expect(quantile([], 0.5)).toBe(0);
  });
});
