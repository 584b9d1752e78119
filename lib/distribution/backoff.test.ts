import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffDelay, jittered } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the base and stays within [ceiling/2, ceiling]', () => {
    for (let failures = 1; failures <= 12; failures++) {
      const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (failures - 1));
      expect(backoffDelay(failures, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(failures, () => 1)).toBe(ceiling);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(failures, Math.random);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('never exceeds the maximum, even after very many failures', () => {
    expect(backoffDelay(1000, () => 1)).toBe(BACKOFF.maxMs);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, () => 0.99)).toBeLessThanOrEqual(BACKOFF.maxMs);
  });

  it('treats 0 or negative failures as the first, and a broken random source as the middle', () => {
    expect(backoffDelay(0, () => 0)).toBe(BACKOFF.baseMs / 2);
    expect(backoffDelay(-3, () => 1)).toBe(BACKOFF.baseMs);
    expect(backoffDelay(1, () => Number.NaN)).toBe(BACKOFF.baseMs * 0.75);
    expect(backoffDelay(1, () => 7)).toBe(BACKOFF.baseMs);
  });

  it('spreads agents out: 1,000 draws cover most of the window', () => {
    const draws = Array.from({ length: 1000 }, () => backoffDelay(3, Math.random));
    expect(Math.max(...draws) - Math.min(...draws)).toBeGreaterThan(0.8 * (BACKOFF.baseMs * 2));
  });
});

describe('jittered', () => {
  it('stays within ±spread of the interval', () => {
    expect(jittered(30 * 60_000, () => 0)).toBe(27 * 60_000);
    expect(jittered(30 * 60_000, () => 1)).toBe(33 * 60_000);
    expect(jittered(1000, () => 0.5, 0.2)).toBe(1000);
    for (let i = 0; i < 100; i++) {
      const d = jittered(1000, Math.random, 0.25);
      expect(d).toBeGreaterThanOrEqual(750);
      expect(d).toBeLessThanOrEqual(1250);
    }
  });
});
