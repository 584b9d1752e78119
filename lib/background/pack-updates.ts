/** What changed in each installed version, update notices, and the agent's acknowledgements. */
import * as repo from '../db/repo';
import type { HandlersFor } from '../messaging/server';
import { diffPacks, isEmptyDiff, type PackDiff } from '../pack/diff';
import { ackedMap, ackRows } from '../distribution/acks';
import { dismissNotice, expiredNotices } from '../distribution/notices';
import type { ChangeSet } from '../distribution/views';
import type { PanelServiceDeps } from './deps';
import type { PackConfig } from './pack-config';

type Deps = Omit<PanelServiceDeps, 'browser'> & { config: Pick<PackConfig, 'trustNow'> };
type Handled = 'packs.updates' | 'packs.dismissNotice' | 'pack.ack';

export function createPackUpdatesService({ db, ports, config }: Deps): HandlersFor<Handled> {
  // Diffs are pure functions of two stored versions, which never change: compute each once.
  const diffs = new Map<string, { fromVersion: number; diff: PackDiff } | null>();

  async function changeOf(packId: string, version: number) {
    const key = `${packId}@${version}`;
    if (!diffs.has(key)) {
      const [now, before] = await Promise.all([repo.getPack(db, packId, version), repo.previousPack(db, packId, version)]);
      const diff = now && before ? diffPacks(before, now) : null;
      diffs.set(key, diff && !isEmptyDiff(diff) ? { fromVersion: before!.version, diff } : null);
    }
    return diffs.get(key);
  }

  /** The release in use of each pack, by (rank, version) under the trust in force. */
  const inUse = async () => repo.latestPacks(db, (await config.trustNow()).rankOf);

  /** What changed in the versions the panel can show: the one in use of each pack and those open runs use. */
  async function changeSets(): Promise<ChangeSet[]> {
    const wanted = new Map<string, [string, number]>();
    for (const p of await inUse()) wanted.set(`${p.id}@${p.version}`, [p.id, p.version]);
    for (const r of await repo.openRuns(db)) wanted.set(`${r.packId}@${r.packVersion}`, [r.packId, r.packVersion]);
    const out: ChangeSet[] = [];
    for (const [packId, version] of wanted.values()) {
      const change = await changeOf(packId, version);
      if (change) out.push({ packId, version, ...change, acked: ackedMap(await repo.acksFor(db, packId, version)) });
    }
    return out;
  }

  return {
    'packs.updates': async () => {
      const expired = expiredNotices(await inUse(), Date.now());
      return { notices: [...expired, ...(await repo.getNotices(db)).filter((n) => !n.dismissed)], changes: await changeSets() };
    },
    'packs.dismissNotice': async ({ id }) => {
      await repo.updateNotices(db, (list) => dismissNotice(list, id));
      return { ok: true };
    },
    'pack.ack': async ({ packId, version, procedureId, phraseIds }, sender) => {
      // The pack may require its release drill instead (issue 13.4; lib/background/practice.ts).
      if ((await repo.getPack(db, packId, version))?.coaching?.requireDrill)
        throw new Error('This release must be practised first: take its drill on the practice page.');
      await repo.putAcks(db, ackRows(packId, version, procedureId, phraseIds, Date.now()));
      // Other panels (other tabs) must stop asking for the same acknowledgement.
      ports.toPanels({ type: 'packs.changed' }, { tabId: sender.tab?.id, frameId: sender.frameId });
      return { acked: ackedMap(await repo.acksFor(db, packId, version)) };
    },
  };
}
