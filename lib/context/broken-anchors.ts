/**
 * The list of step anchors that matched nothing, for the team lead to fix the pack: one
 * entry per anchor and page, counted. Pure; the background keeps the list in
 * chrome.storage.local. Pages are recorded as origin + path only — a query string or hash
 * may carry customer data — and long digit runs in them are masked all the same.
 */
import type { Locator } from '../pack/context-schema';
import { scrubDigits } from './mask';

export interface BrokenAnchor {
  packId: string;
  packVersion: number;
  procedureId: string;
  stepId: string;
  /** Position of the anchor in the step's `anchors`. */
  index: number;
  anchor: Locator & { name: string };
  page: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Set when the anchor could not even be looked for (a malformed selector). */
  error?: string;
}

export const MAX_BROKEN = 200;

/** Origin and path of a URL, digits masked; '' for something that is not a URL. */
export function pageOf(href: string | undefined): string {
  try {
    const u = new URL(href ?? '');
    return scrubDigits(u.origin + u.pathname);
  } catch {
    return '';
  }
}

const keyOf = (a: Omit<BrokenAnchor, 'count' | 'firstSeen' | 'lastSeen'>) =>
  [a.packId, a.packVersion, a.procedureId, a.stepId, a.index, a.page].join('\u0000');

/** Adds or counts one miss; the newest entries are kept when the list is full. */
export function recordBroken(
  list: readonly BrokenAnchor[],
  miss: Omit<BrokenAnchor, 'count' | 'firstSeen' | 'lastSeen'>,
  now: number,
): BrokenAnchor[] {
  const key = keyOf(miss);
  const old = list.find((a) => keyOf(a) === key);
  const entry: BrokenAnchor = { ...miss, count: (old?.count ?? 0) + 1, firstSeen: old?.firstSeen ?? now, lastSeen: now };
  const rest = list.filter((a) => a !== old);
  return [entry, ...rest].sort((a, b) => b.lastSeen - a.lastSeen).slice(0, MAX_BROKEN);
}
