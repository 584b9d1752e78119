/**
 * Due times: from what the agent picked ("in 20 minutes", "at 16:30") to an epoch, and what
 * is due, snoozed or next. Pure: `now` is always passed in.
 */
import type { FollowUp, FollowUpChange } from './schema';

export type DueSpec = { in: number; unit: 'min' | 'h' } | { at: string };
export type DueResult = { ok: true; dueAt: number } | { ok: false; error: 'amount' | 'time' };

const MINUTE = 60_000;
/** A week ahead at most: a follow-up further out belongs in the CRM's own task list. */
export const MAX_AHEAD_MS = 7 * 24 * 60 * MINUTE;

/** "9:05", "09:05", "16:30" → minutes after midnight; undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^\s*([01]?\d|2[0-3])[:：]([0-5]\d)\s*$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/**
 * The due time for a spec. "At 09:00" when it is already past 09:00 means tomorrow, since a
 * promised call-back is never in the past; the local clock decides what "today" is.
 */
export function computeDue(spec: DueSpec, now: number): DueResult {
  if ('in' in spec) {
    const ms = spec.in * (spec.unit === 'h' ? 60 : 1) * MINUTE;
    if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_AHEAD_MS) return { ok: false, error: 'amount' };
    return { ok: true, dueAt: Math.round(now + ms) };
  }
  const minutes = parseTimeOfDay(spec.at);
  if (minutes === undefined) return { ok: false, error: 'time' };
  const d = new Date(now);
  d.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  if (d.getTime() <= now) d.setDate(d.getDate() + 1);
  return { ok: true, dueAt: d.getTime() };
}

export function isDue(f: FollowUp, now: number): boolean {
  return f.status === 'open' && f.dueAt <= now;
}

/** Open ones first, by due time (the most urgent on top); done ones last, newest first. */
export function sortFollowUps(list: FollowUp[]): FollowUp[] {
  return [...list].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
    if (a.status === 'open') return a.dueAt - b.dueAt || a.id.localeCompare(b.id);
    return (b.doneAt ?? 0) - (a.doneAt ?? 0);
  });
}

/** Open follow-ups whose notification is still owed: due, not yet shown. */
export function owedNotifications(list: FollowUp[], now: number): FollowUp[] {
  return list.filter((f) => isDue(f, now) && f.notifiedAt === undefined);
}

/** The follow-up after a change (undefined: delete it). Pure: the background stores the result. */
export function applyChange(f: FollowUp, change: FollowUpChange, now: number): FollowUp | undefined {
  const { doneAt: _d, notifiedAt: _n, ...rest } = f;
  switch (change.action) {
    case 'done':
      return { ...f, status: 'done', doneAt: now };
    case 'reopen':
      return { ...rest, status: 'open', ...(f.notifiedAt !== undefined ? { notifiedAt: f.notifiedAt } : {}) };
    case 'delete':
      return undefined;
    case 'snooze':
      // From now, not from the old due time: snoozing an hour-old reminder should not re-fire at once.
      return { ...rest, status: 'open', dueAt: Math.max(now, f.dueAt) + change.minutes * MINUTE };
  }
}

/** Whole minutes to a due time, for "in 5 min" / "3 min ago": up while ahead (never "in 0 min" early), toward 0 once past. */
export function minutesUntil(dueAt: number, now: number): number {
  const diff = (dueAt - now) / MINUTE;
  return diff >= 0 ? Math.ceil(diff) : -Math.floor(-diff);
}
