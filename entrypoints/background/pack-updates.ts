import * as repo from '@/lib/db/repo';
import { db, type CuecardDb } from '@/lib/db/schema';
import type { HandlersFor } from '@/lib/messaging/server';
import { diffPacks, isEmptyDiff, type PackDiff } from '@/lib/pack/diff';
import { ackedMap, ackRows } from '@/lib/packs/acks';
import { dismissNotice, expiredNotices } from '@/lib/packs/notices';
import type { ChangeSet } from '@/lib/packs/views';
import { pushToPanels } from './ports';

// Diffs are pure functions of two stored versions, which never change: compute each once.
const diffs = new Map<string, { fromVersion: number; diff: PackDiff } | null>();

async function changeOf(d: CuecardDb, packId: string, version: number) {
  const key = `${packId}@${version}`;
  if (!diffs.has(key)) {
    const [now, before] = await Promise.all([repo.getPack(d, packId, version), repo.previousPack(d, packId, version)]);
    const diff = now && before ? diffPacks(before, now) : null;
    diffs.set(key, diff && !isEmptyDiff(diff) ? { fromVersion: before!.version, diff } : null);
  }
  return diffs.get(key);
}

/** What changed in the versions the panel can show: the newest of each pack and those open runs use. */
async function changeSets(d: CuecardDb): Promise<ChangeSet[]> {
  const wanted = new Map<string, [string, number]>();
  for (const p of await repo.latestPacks(d)) wanted.set(`${p.id}@${p.version}`, [p.id, p.version]);
  for (const r of await repo.openRuns(d)) wanted.set(`${r.packId}@${r.packVersion}`, [r.packId, r.packVersion]);
  const out: ChangeSet[] = [];
  for (const [packId, version] of wanted.values()) {
    const change = await changeOf(d, packId, version);
    if (change) out.push({ packId, version, ...change, acked: ackedMap(await repo.acksFor(d, packId, version)) });
  }
  return out;
}

export function packUpdateHandlers(): HandlersFor<'packs.updates' | 'packs.dismissNotice' | 'pack.ack'> {
  const d = db();
  return {
    'packs.updates': async () => {
      const expired = expiredNotices(await repo.latestPacks(d), Date.now());
      return { notices: [...expired, ...(await repo.getNotices(d)).filter((n) => !n.dismissed)], changes: await changeSets(d) };
    },
    'packs.dismissNotice': async ({ id }) => {
      await repo.updateNotices(d, (list) => dismissNotice(list, id));
      return { ok: true };
    },
    'pack.ack': async ({ packId, version, procedureId, phraseIds }, sender) => {
      await repo.putAcks(d, ackRows(packId, version, procedureId, phraseIds, Date.now()));
      // Other panels (other tabs) must stop asking for the same acknowledgement.
      pushToPanels({ type: 'packs.changed' }, { tabId: sender.tab?.id, frameId: sender.frameId });
      return { acked: ackedMap(await repo.acksFor(d, packId, version)) };
    },
  };
}
