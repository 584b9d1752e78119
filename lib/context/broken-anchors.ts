/**
 * The list of step anchors that matched nothing, for the team lead to fix the pack: one
 * entry per anchor and page, counted. Pure; the background keeps the rows in Dexie (table
 * `brokenAnchors`). Nothing in a row comes from a customer: pages are origin + path with every
 * path segment that could name someone masked, and the reason is one of our own codes — never
 * the text a frame (a script living in a web page) sent back.
 */
import * as v from 'valibot';
import { IdSchema } from '../pack/base-schema';
import { LocatorEntries } from '../pack/context-schema';
import { scrubDigits } from './mask';

/** Why an anchor could not even be looked for. Anything else a frame says is `lookup-failed`. */
export const BrokenCodeSchema = v.picklist(['bad-selector', 'lookup-failed']);
export type BrokenCode = v.InferOutput<typeof BrokenCodeSchema>;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const BrokenAnchorSchema = v.strictObject({
  packId: IdSchema,
  packVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  procedureId: IdSchema,
  stepId: IdSchema,
  /** Position of the anchor in the step's `anchors`. */
  index: Count,
  anchor: v.strictObject({ ...LocatorEntries, name: v.pipe(v.string(), v.maxLength(200)) }),
  page: v.pipe(v.string(), v.maxLength(2000)),
  count: v.pipe(Count, v.minValue(1)),
  firstSeen: Count,
  lastSeen: Count,
  /** Set when the anchor could not even be looked for (a malformed selector). */
  error: v.optional(BrokenCodeSchema),
});

export type BrokenAnchor = v.InferOutput<typeof BrokenAnchorSchema>;
export type BrokenMiss = Omit<BrokenAnchor, 'count' | 'firstSeen' | 'lastSeen'>;

export const MAX_BROKEN = 200;

/** Our own words for each code: what the export and the options page say. */
export const BROKEN_MESSAGES: Record<BrokenCode, string> = {
  'bad-selector': "The anchor's CSS selector is not valid.",
  'lookup-failed': 'The page could not be searched for the anchor.',
};

/** A frame's free-text error, reduced to a code (lib/page/highlight.ts words a bad selector so). */
export function brokenCode(error: unknown): BrokenCode | undefined {
  if (typeof error !== 'string' || !error) return undefined;
  return /selector/i.test(error) ? 'bad-selector' : 'lookup-failed';
}

/**
 * Whether a path segment could carry personal data: an e-mail address, any digit (ids, phone
 * numbers, dates), anything outside plain ASCII (a CJK name, percent-encoded or not), query-like
 * punctuation, a "First-Last" shaped name, or something long. What is left are route words
 * such as `customers` or `edit.html`. A lower-case ASCII name (`/wang/`) cannot be told from a
 * route word; that remains.
 */
export function personalSegment(segment: string): boolean {
  if (segment === '') return false;
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    return true; // malformed escapes: keep nothing of it
  }
  if (text.length > 40) return true;
  if (/[^\x20-\x7e]/.test(text) || /[\d@%+=,;~ ]/.test(text)) return true;
  return /^[A-Z][a-z]+(?:[ ._-][A-Z][a-z]+)+$/.test(text);
}

/** Origin and path of a URL, personal segments masked as `*`; '' for something that is not a URL. */
export function pageOf(href: string | undefined): string {
  try {
    const u = new URL(href ?? '');
    if (!/^https?:$/.test(u.protocol)) return '';
    const path = u.pathname
      .split('/')
      .map((s) => (personalSegment(s) ? '*' : s))
      .join('/');
    return scrubDigits(u.origin) + path;
  } catch {
    return '';
  }
}

/** The row key: one row per anchor and page. */
export const brokenKey = (a: BrokenMiss) => [a.packId, a.packVersion, a.procedureId, a.stepId, a.index, a.page] as const;

/** The row after one more miss (`old`: the stored row of the same key, if any). */
export function countMiss(old: BrokenAnchor | undefined, miss: BrokenMiss, now: number): BrokenAnchor {
  return { ...miss, count: (old?.count ?? 0) + 1, firstSeen: old?.firstSeen ?? now, lastSeen: now };
}

/** Two rows of one key (pages that mask alike) as one: counts added, first and last seen spanned. */
export function mergeRows(a: BrokenAnchor, b: BrokenAnchor): BrokenAnchor {
  const newer = b.lastSeen >= a.lastSeen ? b : a;
  return { ...newer, count: a.count + b.count, firstSeen: Math.min(a.firstSeen, b.firstSeen), lastSeen: Math.max(a.lastSeen, b.lastSeen) };
}
