/** Data access used by the background's handlers. Everything the agent does lands here. */
import type { Run } from '../engine/run';
import type { Pack } from '../pack/schema';
import type { Settings, SettingsPatch } from '../settings/schema';
import { mergePatch, parseSettings, type SettingsIssue } from '../settings/parse';
import type { PackNotice } from '../distribution/views';
import type { AckRow, CuecardDb, StoredPack, SubscriptionRow } from './schema';
import { prunablePackVersions } from '../distribution/prune';

/**
 * The stored settings, parsed field by field (lib/settings/parse.ts): a bad field falls back
 * to its default here, and only here; the stored record keeps it (see patchSettings).
 */
export async function readSettings(d: CuecardDb): Promise<{ settings: Settings; issues: SettingsIssue[] }> {
  return parseSettings((await d.kv.get('settings'))?.value);
}

export async function getSettings(d: CuecardDb): Promise<Settings> {
  return (await readSettings(d)).settings;
}

/**
 * Writes only the patched fields over the raw stored record, so a field this version cannot
 * parse (or does not know) is never replaced by a default through a patch of another field.
 */
export async function patchSettings(d: CuecardDb, patch: SettingsPatch): Promise<Settings> {
  return d.transaction('rw', d.kv, async () => {
    const next = mergePatch((await d.kv.get('settings'))?.value, patch);
    await d.kv.put({ key: 'settings', value: next });
    return parseSettings(next).settings;
  });
}

/**
 * Stores a run unless the database holds a revision at least as high: the higher revision
 * wins, compared inside the transaction, so two tabs writing the same run concurrently end
 * with the higher one whatever order their writes land in. `run` is the winner.
 */
export async function putRun(d: CuecardDb, run: Run): Promise<{ saved: boolean; run: Run }> {
  return d.transaction('rw', d.runs, async () => {
    const held = await d.runs.get(run.id);
    if (held && held.rev >= run.rev) return { saved: false, run: held };
    await d.runs.put(run);
    return { saved: true, run };
  });
}

/** How many follow-ups belong to a run: deleting it deletes them too (the panel says so first). */
export async function followUpsOfRun(d: CuecardDb, runId: string): Promise<string[]> {
  return (await d.followups.filter((f) => f.origin?.runId === runId).primaryKeys()) as string[];
}

/**
 * Deletes a run and everything it owns — its kept page values and its follow-ups — in one
 * transaction. Returns the follow-up ids, so their alarms and notifications can go too.
 */
export async function deleteRun(d: CuecardDb, runId: string): Promise<{ followUps: string[] }> {
  return d.transaction('rw', d.runs, d.kept, d.followups, async () => {
    const followUps = await followUpsOfRun(d, runId);
    await d.runs.delete(runId);
    await d.kept.delete(runId);
    await d.followups.bulkDelete(followUps);
    return { followUps };
  });
}

export function openRuns(d: CuecardDb): Promise<Run[]> {
  return d.runs.where('status').equals('open').sortBy('createdAt');
}

export async function finishedRuns(d: CuecardDb, limit = 50): Promise<Run[]> {
  const runs = await d.runs.where('status').equals('finished').sortBy('updatedAt');
  return runs.reverse().slice(0, limit);
}

export async function installPack(d: CuecardDb, row: StoredPack): Promise<void> {
  await d.packs.put(row);
}

/**
 * Deletes the stored pack versions nothing needs any more (lib/distribution/prune.ts); returns how many.
 * `rankOf`: each row's rank under the trust in force (lib/distribution/trust.ts rankerOf).
 */
export async function prunePacks(d: CuecardDb, rankOf?: (row: StoredPack) => number): Promise<number> {
  return d.transaction('rw', d.packs, d.runs, async () => {
    const rows = await d.packs.toArray();
    const runs = await d.runs.toArray();
    const gone = prunablePackVersions(rows, runs, rankOf);
    await d.packs.bulkDelete(gone);
    return gone.length;
  });
}

/**
 * The release in use of every installed pack: the highest (rank, version), where `rankOf` is
 * the row's rank under the trust in force (lib/distribution/rank.ts); without it, the newest version.
 */
export async function latestPacks(d: CuecardDb, rankOf: (row: StoredPack) => number = () => 0): Promise<StoredPack[]> {
  const all = await d.packs.toArray();
  const latest = new Map<string, { row: StoredPack; rank: number }>();
  for (const p of all) {
    const held = latest.get(p.id);
    const rank = rankOf(p);
    if (!held || rank > held.rank || (rank === held.rank && p.version > held.row.version)) latest.set(p.id, { row: p, rank });
  }
  return [...latest.values()].map((h) => h.row);
}

export async function getPack(d: CuecardDb, id: string, version: number): Promise<Pack | null> {
  return (await d.packs.get([id, version]))?.pack ?? null;
}

/** Every installed release of one pack id, whatever its key: the trust rules (lib/distribution/rank.ts) read them all. */
export function packReleases(d: CuecardDb, packId: string): Promise<StoredPack[]> {
  return d.packs.where('id').equals(packId).toArray();
}

/** The version installed just before `version`: what an agent knew before it arrived. */
export async function previousPack(d: CuecardDb, packId: string, version: number): Promise<Pack | null> {
  const rows = await d.packs.where('id').equals(packId).toArray();
  const older = rows.filter((r) => r.version < version);
  return older.length ? older.reduce((a, b) => (b.version > a.version ? b : a)).pack : null;
}

export function getSubscriptions(d: CuecardDb): Promise<SubscriptionRow[]> {
  return d.subscriptions.toArray();
}

export async function putSubscription(d: CuecardDb, row: SubscriptionRow): Promise<void> {
  await d.subscriptions.put(row);
}

/** Forget the fetch state of URLs no longer subscribed (their packs stay installed). */
export async function pruneSubscriptions(d: CuecardDb, keep: readonly string[]): Promise<void> {
  const keepSet = new Set(keep);
  await d.subscriptions.filter((s) => !keepSet.has(s.url)).delete();
}

export async function putAcks(d: CuecardDb, rows: AckRow[]): Promise<void> {
  // An existing acknowledgement keeps its time: the first read is what counts.
  await d.transaction('rw', d.acks, async () => {
    const existing = await d.acks.bulkGet(rows.map((r) => [r.packId, r.version, r.procedureId, r.phraseId] as [string, number, string, string]));
    await d.acks.bulkPut(rows.filter((_r, i) => !existing[i]));
  });
}

export function acksFor(d: CuecardDb, packId: string, version: number): Promise<AckRow[]> {
  return d.acks.where('[packId+version]').equals([packId, version]).toArray();
}

/** Pack notices for the panel (see lib/distribution/notices.ts), kept as one small list. */
export async function getNotices(d: CuecardDb): Promise<PackNotice[]> {
  const value = (await d.kv.get('pack-notices'))?.value;
  return Array.isArray(value) ? (value as PackNotice[]) : [];
}

export async function updateNotices(d: CuecardDb, change: (list: PackNotice[]) => PackNotice[]): Promise<PackNotice[]> {
  return d.transaction('rw', d.kv, async () => {
    const next = change(await getNotices(d));
    await d.kv.put({ key: 'pack-notices', value: next });
    return next;
  });
}
