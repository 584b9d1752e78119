import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { applyChange, computeDue, isDue, minutesUntil, owedNotifications, parseTimeOfDay, sortFollowUps } from './due';
import { FollowUpDraftSchema, type FollowUp } from './schema';

const MIN = 60_000;
// A fixed local wall-clock time, whatever the machine's time zone: 2024-03-05 14:20:30.
const NOW = new Date(2024, 2, 5, 14, 20, 30).getTime();
const f = (id: string, dueAt: number, extra: Partial<FollowUp> = {}): FollowUp => ({ id, title: id, dueAt, createdAt: NOW - MIN, status: 'open', ...extra });

describe('computeDue', () => {
  it('adds minutes or hours to now', () => {
    expect(computeDue({ in: 20, unit: 'min' }, NOW)).toEqual({ ok: true, dueAt: NOW + 20 * MIN });
    expect(computeDue({ in: 1.5, unit: 'h' }, NOW)).toEqual({ ok: true, dueAt: NOW + 90 * MIN });
  });

  it('refuses zero, negative, non-numbers and more than a week', () => {
    for (const n of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(computeDue({ in: n, unit: 'min' }, NOW)).toEqual({ ok: false, error: 'amount' });
    expect(computeDue({ in: 24 * 7, unit: 'h' }, NOW).ok).toBe(true);
    expect(computeDue({ in: 24 * 7 + 1, unit: 'h' }, NOW)).toEqual({ ok: false, error: 'amount' });
  });

  it('takes a time of day today, or tomorrow once it has passed', () => {
    expect(computeDue({ at: '16:30' }, NOW)).toEqual({ ok: true, dueAt: new Date(2024, 2, 5, 16, 30).getTime() });
    expect(computeDue({ at: '9:05' }, NOW)).toEqual({ ok: true, dueAt: new Date(2024, 2, 6, 9, 5).getTime() });
    // The current minute has begun already: it means tomorrow, not 30 s ago.
    expect(computeDue({ at: '14:20' }, NOW)).toEqual({ ok: true, dueAt: new Date(2024, 2, 6, 14, 20).getTime() });
    // Month end rolls over.
    const lastDay = new Date(2024, 0, 31, 23, 0).getTime();
    expect(computeDue({ at: '08:00' }, lastDay)).toEqual({ ok: true, dueAt: new Date(2024, 1, 1, 8, 0).getTime() });
  });

  it('reads times typed with a full-width colon and refuses anything else', () => {
    expect(parseTimeOfDay('09：30')).toBe(570);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    for (const bad of ['24:00', '9:5', '930', 'soon', '']) expect(parseTimeOfDay(bad), bad).toBeUndefined();
    expect(computeDue({ at: '25:00' }, NOW)).toEqual({ ok: false, error: 'time' });
  });
});

describe('due state', () => {
  it('is due from its due time while open', () => {
    expect(isDue(f('a', NOW), NOW)).toBe(true);
    expect(isDue(f('a', NOW + 1), NOW)).toBe(false);
    expect(isDue(f('a', NOW - 1, { status: 'done', doneAt: NOW }), NOW)).toBe(false);
  });

  it('owes a notification once', () => {
    const list = [f('due', NOW - MIN), f('shown', NOW - MIN, { notifiedAt: NOW }), f('later', NOW + MIN)];
    expect(owedNotifications(list, NOW).map((x) => x.id)).toEqual(['due']);
  });

  it('sorts open by due time, then done newest first', () => {
    const list = [f('d1', 0, { status: 'done', doneAt: 1 }), f('late', NOW + 2 * MIN), f('d2', 0, { status: 'done', doneAt: 2 }), f('soon', NOW)];
    expect(sortFollowUps(list).map((x) => x.id)).toEqual(['soon', 'late', 'd2', 'd1']);
  });

  it('counts minutes up ahead of time and toward zero after', () => {
    expect(minutesUntil(NOW + 61_000, NOW)).toBe(2);
    expect(minutesUntil(NOW + 1, NOW)).toBe(1);
    expect(minutesUntil(NOW, NOW)).toBe(0);
    expect(minutesUntil(NOW - 150_000, NOW)).toBe(-2);
  });
});

describe('applyChange', () => {
  it('marks done and reopens', () => {
    const done = applyChange(f('a', NOW, { notifiedAt: NOW }), { action: 'done' }, NOW + 5)!;
    expect(done).toMatchObject({ status: 'done', doneAt: NOW + 5 });
    const again = applyChange(done, { action: 'reopen' }, NOW + 6)!;
    expect(again.status).toBe('open');
    expect(again.doneAt).toBeUndefined();
    expect(again.notifiedAt).toBe(NOW);
  });

  it('snoozes from now (or from the due time if that is later) and owes a new notification', () => {
    const overdue = applyChange(f('a', NOW - 60 * MIN, { notifiedAt: NOW - 60 * MIN }), { action: 'snooze', minutes: 10 }, NOW)!;
    expect(overdue.dueAt).toBe(NOW + 10 * MIN);
    expect(overdue.notifiedAt).toBeUndefined();
    const early = applyChange(f('b', NOW + 5 * MIN), { action: 'snooze', minutes: 10 }, NOW)!;
    expect(early.dueAt).toBe(NOW + 15 * MIN);
  });

  it('deletes', () => {
    expect(applyChange(f('a', NOW), { action: 'delete' }, NOW)).toBeUndefined();
  });
});

describe('FollowUpDraftSchema', () => {
  it('trims the title and names what is wrong', () => {
    expect(v.parse(FollowUpDraftSchema, { title: '  Call back  ', dueAt: NOW }).title).toBe('Call back');
    const bad = v.safeParse(FollowUpDraftSchema, { title: '   ', dueAt: NOW });
    expect(bad.issues?.[0]?.message).toBe('needs a title');
    expect(v.safeParse(FollowUpDraftSchema, { title: 'x', dueAt: -1 }).success).toBe(false);
  });
});
