/** The panel's pack notices as a small bounded list: pure, so its rules are unit-tested. */
import type { PackNotice } from './views';

export const MAX_NOTICES = 20;

/** A short stable id for an event: the same refusal seen again gets the same id. */
export function noticeId(...parts: (string | number | undefined)[]): string {
  // FNV-1a, 32 bit: ids only need to tell events apart, not resist anyone.
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${parts[0]}-${h.toString(36)}`;
}

/**
 * Newest first. A notice seen again keeps its dismissal (a refused file fetched every
 * 30 minutes is announced once); an install from a source clears that source's refusals
 * and the pack's older update notices.
 */
export function upsertNotice(list: readonly PackNotice[], notice: PackNotice, max = MAX_NOTICES): PackNotice[] {
  const old = list.find((n) => n.id === notice.id);
  const merged: PackNotice = old?.dismissed ? { ...notice, dismissed: true } : notice;
  const installed = notice.kind !== 'refused';
  const rest = list.filter(
    (n) =>
      n.id !== notice.id &&
      !(installed && n.kind === 'refused' && n.source === notice.source) &&
      !(installed && n.kind !== 'refused' && n.packId === notice.packId),
  );
  return [merged, ...rest].slice(0, max);
}

export function dismissNotice(list: readonly PackNotice[], id: string): PackNotice[] {
  return list.map((n) => (n.id === id ? { ...n, dismissed: true } : n));
}

/**
 * The pack in use has passed its expiry and nothing newer has arrived: the agent keeps working
 * with it (a call must not lose its script), and is told, until a newer release is installed.
 * Worked out on every read, never stored, so it cannot be dismissed away.
 */
export function expiredNotices(latest: readonly { id: string; version: number; expiresAt?: number }[], now: number): PackNotice[] {
  return latest
    .filter((p) => p.expiresAt !== undefined && p.expiresAt <= now)
    .map((p) => ({ id: noticeId('expired', p.id, p.version), kind: 'expired', at: p.expiresAt!, source: 'installed', packId: p.id, version: p.version }));
}
