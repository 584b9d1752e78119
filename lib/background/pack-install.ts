import * as repo from '../db/repo';
import type { CuecardDb, StoredPack } from '../db/schema';
import { evaluatePackText, type Verdict } from '../distribution/evaluate';
import { noticeId, upsertNotice } from '../distribution/notices';
import type { PackNotice } from '../distribution/views';
import type { PackConfig } from './pack-config';

type Accepted = Extract<Verdict, { kind: 'accept' }>;
/** The trust in force, asked afresh for each install (lib/background/pack-config.ts). */
type Trusting = Pick<PackConfig, 'trustNow'>;

/**
 * Store an accepted pack and tell the panel. Older versions go once nothing needs them: a run
 * keeps the version it started on, and the previous version stays for "what changed".
 */
export async function installVerdict(d: CuecardDb, config: Trusting, verdict: Accepted, source: 'url' | 'file', origin: string): Promise<StoredPack> {
  const { pack } = verdict;
  const { rankOf } = await config.trustNow();
  // The release in use before this one, by (rank, version) like the panel chooses it.
  const before = (await repo.latestPacks(d, rankOf)).find((p) => p.id === pack.id);
  const row: StoredPack = { id: pack.id, version: pack.version, pack, source, installedAt: Date.now() };
  if (verdict.keyId !== undefined) row.keyId = verdict.keyId;
  if (verdict.sequence !== undefined) row.sequence = verdict.sequence;
  if (verdict.expiresAt !== undefined) row.expiresAt = Date.parse(verdict.expiresAt);
  await repo.installPack(d, row);
  await repo.prunePacks(d, rankOf);
  if (!verdict.sameContent && (before || source === 'url')) {
    const base = { source: origin, at: row.installedAt, packId: pack.id, version: pack.version };
    const notice: PackNotice = before
      ? { ...base, id: noticeId('updated', pack.id, pack.version), kind: 'updated', fromVersion: before.version }
      : { ...base, id: noticeId('installed', pack.id, pack.version), kind: 'installed' };
    await repo.updateNotices(d, (list) => upsertNotice(list, notice));
  }
  return row;
}

export async function recordRefusal(d: CuecardDb, url: string, code: string, message: string) {
  const notice: PackNotice = { id: noticeId('refused', url, code, message), kind: 'refused', at: Date.now(), source: url, code, message };
  await repo.updateNotices(d, (list) => upsertNotice(list, notice));
}

/** A pack file the agent imported by hand: signed ones are verified; unsigned only where allowed. */
export async function importVerified(d: CuecardDb, config: Trusting, text: string): Promise<StoredPack> {
  const { trust, rankOf } = await config.trustNow();
  const verdict = await evaluatePackText(text, { trust, now: Date.now(), held: (id) => repo.packReleases(d, id) });
  if (verdict.kind === 'refuse') throw new Error(`The pack was not installed. ${verdict.message}`);
  if (verdict.kind === 'accept') return installVerdict(d, config, verdict, 'file', 'file');
  const held = (await repo.latestPacks(d, rankOf)).find((p) => p.id === verdict.packId);
  if (!held) throw new Error('The pack was not installed.');
  return held;
}
