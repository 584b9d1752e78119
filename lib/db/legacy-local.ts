/**
 * Schema v3 and before kept broken anchors and kept page values in chrome.storage.local,
 * outside Dexie. Schema v4 moves them into tables. Dexie's upgrade() runs inside the
 * versionchange transaction, which ends when the code awaits anything that is not an
 * IndexedDB request (a chrome.storage call would), so the old values are read BEFORE the
 * database opens, handed to upgrade() as plain rows, and removed from storage.local only
 * after the open (and so the upgrade) committed. The conversion is pure and tested.
 */
import * as v from 'valibot';
import { BrokenAnchorSchema, brokenCode, brokenKey, mergeRows, pageOf, type BrokenAnchor } from '../context/broken-anchors';
import { KeptValuesSchema, type KeptValues } from '../context/kept';

export const LEGACY_BROKEN_KEY = 'brokenAnchors';
export const LEGACY_KEPT_KEY = 'keptContext';
const KEYS = [LEGACY_BROKEN_KEY, LEGACY_KEPT_KEY];

export interface LegacyRows {
  brokenAnchors: BrokenAnchor[];
  kept: KeptValues[];
  /** Old records that did not fit the new schema even after conversion (reported, not stored). */
  dropped: string[];
}

/** The bits of chrome.storage.local this needs; browser.storage.local or a fake. */
export interface LocalArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/** Where the database finds the legacy values, and how it clears them after migrating. */
export interface LegacySource {
  read(): Promise<Record<string, unknown>>;
  clear(): Promise<void>;
}

export function storageLocalSource(area: LocalArea): LegacySource {
  return { read: () => area.get(KEYS), clear: () => area.remove(KEYS) };
}

/** Whether storage.local still holds anything to migrate. */
export const hasLegacy = (raw: Record<string, unknown>) => KEYS.some((k) => raw[k] !== undefined);

/**
 * Old records → v4 rows. Broken-anchor pages are masked again under today's rule (merging rows
 * that now mask alike, counts added) and a free-text error becomes a code; kept values keep
 * everything (they were masked when stored).
 */
export function legacyRows(raw: Record<string, unknown>): LegacyRows {
  const dropped: string[] = [];
  const broken = new Map<string, BrokenAnchor>();
  const oldBroken = raw[LEGACY_BROKEN_KEY];
  if (Array.isArray(oldBroken)) {
    oldBroken.forEach((old: unknown, i) => {
      const o = (typeof old === 'object' && old !== null ? old : {}) as Record<string, unknown>;
      const { error, ...rest } = o;
      const code = brokenCode(error);
      const parsed = v.safeParse(BrokenAnchorSchema, { ...rest, page: pageOf(typeof o.page === 'string' ? o.page : ''), ...(code ? { error: code } : {}) });
      if (!parsed.success) return void dropped.push(`brokenAnchors[${i}]: ${parsed.issues[0]?.message}`);
      const key = brokenKey(parsed.output).join('\u0000');
      const held = broken.get(key);
      broken.set(key, held ? mergeRows(held, parsed.output) : parsed.output);
    });
  }
  const kept: KeptValues[] = [];
  const oldKept = raw[LEGACY_KEPT_KEY];
  if (typeof oldKept === 'object' && oldKept !== null) {
    for (const [runId, entry] of Object.entries(oldKept)) {
      const parsed = v.safeParse(KeptValuesSchema, { ...(entry as object), runId });
      if (parsed.success) kept.push(parsed.output);
      else dropped.push(`keptContext.${runId}: ${parsed.issues[0]?.message}`);
    }
  }
  return { brokenAnchors: [...broken.values()], kept, dropped };
}
