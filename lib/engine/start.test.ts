import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { RunSchema } from './run';
import { startRun } from './start';
import { deepFreeze, PACK, support, T0 } from './fixtures';

describe('startRun', () => {
  it('stands on the start step with an empty record', () => {
    const run = startRun(support, PACK, { id: 'r1', at: T0 });
    expect(run).toEqual({
      id: 'r1',
      packId: 'demo',
      packVersion: 3,
      procedureId: 'support',
      status: 'open',
      path: [{ stepId: 'greet', at: T0 }],
      ticks: {},
      skips: {},
      choices: {},
      createdAt: T0,
      updatedAt: T0,
      rev: 0,
    });
    // No `channel: undefined` keys: the stored run stays minimal and strict-schema valid.
    expect(Object.keys(run)).not.toContain('channel');
    expect(Object.keys(run)).not.toContain('label');
    expect(v.is(RunSchema, run)).toBe(true);
  });

  it('keeps the channel and normalises the label like the label event', () => {
    const run = startRun(support, PACK, { id: 'r1', at: T0, channel: 'phone', label: `  ${'x'.repeat(130)} ` });
    expect(run.channel).toBe('phone');
    expect(run.label).toBe('x'.repeat(120));
    expect(v.is(RunSchema, run)).toBe(true);
  });

  it('drops a blank label', () => {
    expect(startRun(support, PACK, { id: 'r1', at: T0, label: '   ' })).not.toHaveProperty('label');
  });

  it('does not touch a frozen procedure and starts at its declared start, not its first step', () => {
    const procedure = deepFreeze({ ...support, start: 'verify' });
    expect(startRun(procedure, PACK, { id: 'r1', at: T0 }).path).toEqual([{ stepId: 'verify', at: T0 }]);
  });
});
