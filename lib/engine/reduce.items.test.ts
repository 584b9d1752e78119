import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { RunSchema, type Mode, type Run, type RunEvent } from './run';
import { broken, fresh, play, support, T0 } from './fixtures';
import { reduce } from './reduce';
import { isIdentityVerified } from './gates';

const apply = (run: Run, event: RunEvent, mode: Mode = 'experienced', procedure = support) => reduce(run, event, { procedure, mode });

describe('reduce: checklist items', () => {
  it('tick records when; untick removes it', () => {
    const ticked = apply(fresh(), { type: 'tick', itemId: 'greet-name', at: T0 + 7 });
    expect(ticked.ticks).toEqual({ 'greet-name': T0 + 7 });
    expect(ticked).toMatchObject({ rev: 1, updatedAt: T0 + 7 });
    const unticked = apply(ticked, { type: 'untick', itemId: 'greet-name', at: T0 + 8 });
    expect(unticked.ticks).toEqual({});
    expect(unticked).toMatchObject({ rev: 2, updatedAt: T0 + 8 });
  });

  it('a tick and a skip replace each other', () => {
    const skipped = apply(fresh(), { type: 'skip', itemId: 'greet-hello', reason: 'busy', at: T0 + 1 });
    expect(skipped.skips).toEqual({ 'greet-hello': { reason: 'busy', at: T0 + 1 } });
    const ticked = apply(skipped, { type: 'tick', itemId: 'greet-hello', at: T0 + 2 });
    expect(ticked.skips).toEqual({});
    expect(ticked.ticks).toEqual({ 'greet-hello': T0 + 2 });
    const reskipped = apply(ticked, { type: 'skip', itemId: 'greet-hello', reason: 'undo', at: T0 + 3 });
    expect(reskipped.ticks).toEqual({});
    expect(reskipped.skips['greet-hello']?.reason).toBe('undo');
  });

  it('skip stores the reason trimmed and within the schema limit; a new reason replaces the old', () => {
    const long = apply(fresh(), { type: 'skip', itemId: 'greet-hello', reason: `  ${'r'.repeat(600)}  `, at: T0 });
    expect(long.skips['greet-hello']?.reason).toBe('r'.repeat(500));
    expect(v.is(RunSchema, long)).toBe(true);
    const changed = apply(long, { type: 'skip', itemId: 'greet-hello', reason: 'other', at: T0 + 1 });
    expect(changed.skips['greet-hello']).toEqual({ reason: 'other', at: T0 + 1 });
  });

  it('unskip removes the skip, in either mode', () => {
    const skipped = apply(fresh(), { type: 'skip', itemId: 'greet-hello', reason: 'busy', at: T0 });
    expect(apply(skipped, { type: 'unskip', itemId: 'greet-hello', at: T0 + 1 }, 'newHire').skips).toEqual({});
  });

  it('a new hire can tick and untick', () => {
    const run = play(fresh(), [
      { type: 'tick', itemId: 'greet-hello' },
      { type: 'tick', itemId: 'greet-name' },
      { type: 'untick', itemId: 'greet-name' },
    ]);
    expect(run.rev).toBe(3);
    expect(Object.keys(run.ticks)).toEqual(['greet-hello']);
  });

  it('unticking the only verifying item withdraws identity', () => {
    const atVerify = play(fresh(), [{ type: 'tick', itemId: 'greet-hello' }, { type: 'next' }, { type: 'tick', itemId: 'verify-alt' }]);
    expect(isIdentityVerified(atVerify, support)).toBe(true);
    expect(isIdentityVerified(play(atVerify, [{ type: 'untick', itemId: 'verify-alt' }]), support)).toBe(false);
  });

  it('an item id that is an Object.prototype key is not mistaken for ticked', () => {
    const run = fresh(broken);
    expect(apply(run, { type: 'next', at: T0 }, 'newHire', broken)).toBe(run);
    expect(apply(run, { type: 'untick', itemId: 'constructor', at: T0 }, 'newHire', broken)).toBe(run);
    const ticked = apply(run, { type: 'tick', itemId: 'constructor', at: T0 }, 'newHire', broken);
    expect(Object.prototype.hasOwnProperty.call(ticked.ticks, 'constructor')).toBe(true);
    expect(apply(ticked, { type: 'next', at: T0 }, 'newHire', broken).path).toHaveLength(2);
  });
});

describe('reduce: label', () => {
  it('sets the label trimmed and cut to 120 characters', () => {
    const run = apply(fresh(), { type: 'label', label: `  ${'名'.repeat(130)}  `, at: T0 + 3 });
    expect(run.label).toBe('名'.repeat(120));
    expect(run).toMatchObject({ rev: 1, updatedAt: T0 + 3 });
    expect(v.is(RunSchema, run)).toBe(true);
  });

  it('does not split an emoji at the limit', () => {
    const run = apply(fresh(), { type: 'label', label: `${'a'.repeat(119)}😀`, at: T0 });
    expect(run.label).toBe('a'.repeat(119));
  });

  it('a blank label removes the label', () => {
    const labelled = apply(fresh(), { type: 'label', label: 'chat #42', at: T0 });
    const cleared = apply(labelled, { type: 'label', label: '  ', at: T0 + 1 });
    expect(cleared).not.toHaveProperty('label');
    expect(cleared.rev).toBe(2);
  });
});
