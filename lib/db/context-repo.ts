/**
 * Broken anchors and kept page values, in Dexie since schema v4 (they lived in
 * chrome.storage.local before; lib/db/legacy-local.ts). Each change is one Dexie transaction,
 * so a run deleted meanwhile cannot get its values back (see keepValues).
 */
import { brokenKey, countMiss, MAX_BROKEN, type BrokenAnchor, type BrokenMiss } from '../context/broken-anchors';
import { MAX_KEPT, type KeptValues } from '../context/kept';
import type { CuecardDb } from './schema';

/** Counts one miss of an anchor on a page; the newest MAX_BROKEN rows are kept. */
export async function noteBroken(d: CuecardDb, miss: BrokenMiss, now: number): Promise<BrokenAnchor> {
  return d.transaction('rw', d.brokenAnchors, async () => {
    const row = countMiss(await d.brokenAnchors.get([...brokenKey(miss)]), miss, now);
    await d.brokenAnchors.put(row);
    const extra = (await d.brokenAnchors.count()) - MAX_BROKEN;
    if (extra > 0) await d.brokenAnchors.orderBy('lastSeen').limit(extra).delete();
    return row;
  });
}

/** Newest first: what the options page exports. */
export async function brokenAnchors(d: CuecardDb): Promise<BrokenAnchor[]> {
  return (await d.brokenAnchors.orderBy('lastSeen').toArray()).reverse();
}

/**
 * Keeps a run's masked values (none: forgets them). Checked against the runs table in the
 * same transaction: a keep that arrives after its run was deleted stores nothing (false).
 */
export async function keepValues(d: CuecardDb, row: KeptValues): Promise<boolean> {
  return d.transaction('rw', d.runs, d.kept, async () => {
    if (!(await d.runs.get(row.runId))) return false;
    if (!Object.keys(row.values).length) {
      await d.kept.delete(row.runId);
      return true;
    }
    await d.kept.put(row);
    const extra = (await d.kept.count()) - MAX_KEPT;
    if (extra > 0) await d.kept.orderBy('at').limit(extra).delete();
    return true;
  });
}

export function keptFor(d: CuecardDb, runId: string): Promise<KeptValues | undefined> {
  return d.kept.get(runId);
}
