import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { RunSchema, MAX_OVERRIDES, type Run } from './run';
import { fresh, support, T0 } from './fixtures';
import { reduce } from './reduce';
import { whyNot } from './why-not';

const ctx = { procedure: support, mode: 'newHire' as const };

describe('reduce: guard and field-check overrides', () => {
  it('records kind, target, rules, the trimmed reason and the current step; the run stays valid', () => {
    const run = reduce(
      fresh(),
      { type: 'override', kind: 'guard', target: 'change-plan', reason: '  customer on hold, supervisor approved ', at: T0 + 10 },
      ctx,
    );
    const both = reduce(run, { type: 'override', kind: 'check', target: 'account-save', rules: ['phone'], reason: 'line broke up', at: T0 + 20 }, ctx);
    expect(both.overrides).toEqual([
      { kind: 'guard', target: 'change-plan', reason: 'customer on hold, supervisor approved', stepId: 'greet', at: T0 + 10 },
      { kind: 'check', target: 'account-save', rules: ['phone'], reason: 'line broke up', stepId: 'greet', at: T0 + 20 },
    ]);
    expect(both.rev).toBe(fresh().rev + 2);
    expect(v.safeParse(RunSchema, both).success).toBe(true);
  });

  it('needs a reason, refuses finished runs and a full record', () => {
    const run = fresh();
    expect(whyNot(run, { type: 'override', kind: 'guard', target: 'g', reason: '   ', at: T0 }, ctx)).toEqual({ code: 'reason-required' });
    expect(reduce(run, { type: 'override', kind: 'guard', target: 'g', reason: '', at: T0 }, ctx)).toBe(run);
    const done: Run = { ...run, status: 'finished' };
    expect(whyNot(done, { type: 'override', kind: 'guard', target: 'g', reason: 'x', at: T0 }, ctx)).toEqual({ code: 'finished' });
    const full: Run = {
      ...run,
      overrides: Array.from({ length: MAX_OVERRIDES }, () => ({ kind: 'guard' as const, target: 'g', reason: 'x', stepId: 'greet', at: T0 })),
    };
    expect(whyNot(full, { type: 'override', kind: 'guard', target: 'g', reason: 'x', at: T0 }, ctx)).toEqual({ code: 'too-many-overrides' });
  });
});
