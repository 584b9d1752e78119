import { describe, expect, it } from 'vitest';
import { agentOf, arrivalPlan, batchSize, endCounts, histogram, neededRate, p95 } from './hub-load';

describe('hub bench load', () => {
  it('sends mostly one contact a batch, sometimes a backlog of up to 100', () => {
    expect(batchSize(0, 0.99)).toBe(1);
    expect([batchSize(0.7, 0), batchSize(0.89, 0.99)]).toEqual([2, 5]);
    expect([batchSize(0.9, 0), batchSize(0.97, 0.99)]).toEqual([6, 20]);
    expect([batchSize(0.98, 0), batchSize(0.999, 0.999)]).toEqual([21, 100]);
  });

  it('plans every event once in first sends, resends a few batches whole and later, the same on every run', () => {
    const plan = arrivalPlan(5000, 300);
    const firsts = plan.filter((b) => !b.resend);
    expect(firsts.flatMap((b) => b.events)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    const mean = 5000 / firsts.length;
    expect(mean).toBeGreaterThan(2.5);
    expect(mean).toBeLessThan(5);
    const resends = plan.filter((b) => b.resend);
    expect(resends.length).toBeGreaterThan(0);
    expect(resends.length).toBeLessThan(firsts.length * 0.05);
    for (const r of resends) {
      const first = plan.findIndex((b) => !b.resend && b.events[0] === r.events[0]);
      expect(plan[first]!.events).toEqual(r.events);
      expect(plan.indexOf(r)).toBeGreaterThan(first);
    }
    expect(new Set(plan.map((b) => b.agent)).size).toBeGreaterThan(250);
    expect(arrivalPlan(5000, 300)).toEqual(plan);
  });

  it('needs 20.8 events/s for 10,000 agents × 60 contacts within an 8-hour day', () => {
    expect(neededRate(10_000, 60)).toBeCloseTo(20.83, 2);
  });

  it('takes the nearest-rank 95th percentile', () => {
    expect(p95(Array.from({ length: 100 }, (_, i) => 100 - i))).toBe(95);
    expect(p95([3])).toBe(3);
    expect(p95([])).toBeNaN();
  });

  it('splits contacts and step visits into whole numbers that add up', () => {
    for (const n of [0, 1, 19, 840, 360, 1001]) {
      const ends = endCounts(n);
      expect(ends.reduce((a, b) => a + b, 0)).toBe(n);
      expect(ends.every((x) => x >= 0)).toBe(true);
    }
    expect(endCounts(840)).toEqual([42, 42, 42, 714]);
    const h = histogram(700, 30);
    expect(h.reduce((a, [, n]) => a + n, 0)).toBe(700);
    expect(h[0]![0]).toBe(22);
    expect(h.at(-1)![0]).toBe(38);
    expect(h.find(([b]) => b === 30)![1]).toBeGreaterThan(h.find(([b]) => b === 35)![1]);
  });

  it('gives each agent a fixed team and channel, 70 % phone', () => {
    const all = Array.from({ length: 1000 }, (_, a) => agentOf(a, 10));
    expect(all.filter((a) => a.channel === 'phone')).toHaveLength(700);
    expect(new Set(all.map((a) => a.team)).size).toBe(10);
    expect(agentOf(1234, 100)).toEqual({ id: 'agent-1234', team: 'team-34', channel: 'phone' });
  });
});
