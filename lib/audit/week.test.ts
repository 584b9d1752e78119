import { describe, expect, it } from 'vitest';
import type { Run } from '../engine/run';
import { fresh, support, T0 } from '../engine/fixtures';
import type { Pack } from '../pack/schema';
import { WEEK_MS, weekBars } from './week';

const limited = { ...support, steps: support.steps.map((s) => (s.id === 'greet' ? { ...s, timeLimitSec: 15 } : s)) };
const pack = { procedures: [limited] } as unknown as Pack;

const run = (greetMs: number, finishedAt: number): Run => ({
  ...fresh(),
  path: [
    { stepId: 'greet', at: finishedAt - greetMs - 10_000 },
    { stepId: 'verify', at: finishedAt - 10_000 },
  ],
  status: 'finished',
  finishedAt,
});

describe('weekBars', () => {
  it('averages each step over the last 7 days, with the pack limit', () => {
    const now = T0 + WEEK_MS;
    const bars = weekBars(
      [run(10_000, now - 1000), run(30_000, now - 2000), run(99_000, T0 - 1), { ...run(5000, now), status: 'open' }],
      () => pack,
      'en',
      now,
    );
    expect(bars).toEqual([
      { key: 'support/greet', title: 'greet', avgSec: 20, count: 2, limitSec: 15 },
      { key: 'support/verify', title: 'verify', avgSec: 10, count: 2 },
    ]);
  });
});
