/**
 * Practice (issue 13.4), the background's side. The practice page is an extension page of
 * ours: its panel's contacts are never stored as runs (the panel keeps them in memory), so
 * they are not in History, not counted for fading guidance and never reported. A completed
 * release drill acknowledges the release's changed wording of that procedure.
 */
import * as repo from '../db/repo';
import { ackedMap, ackRows, changedPhrases } from '../distribution/acks';
import { diffPacks } from '../pack/diff';
import type { HandlersFor } from '../messaging/server';
import type { PanelServiceDeps } from './deps';
import type { PackConfig } from './pack-config';

export const PRACTICE_PATH = '/practice.html';

const ownPage = (url: string | undefined, id: string) =>
  Boolean(url && (url.startsWith(`chrome-extension://${id}/`) || url.startsWith(`moz-extension://${id}/`)));

/** True for our practice page (a tab's URL, as the browser reports it: pages cannot forge it). */
export function isPracticePage(url: string | undefined, id: string): boolean {
  if (!ownPage(url, id)) return false;
  return new URL(url!).pathname === PRACTICE_PATH;
}
export { ownPage };

type Deps = PanelServiceDeps & { config: Pick<PackConfig, 'trustNow'> };

export function createPracticeService({ db, browser, ports }: Deps): HandlersFor<'practice.drillDone' | 'practice.open'> {
  return {
    'practice.drillDone': async ({ packId, version, procedureId }, sender) => {
      if (!isPracticePage(sender.tab?.url, browser.runtime.id)) throw new Error('A drill is taken on the practice page.');
      const [now, before] = await Promise.all([repo.getPack(db, packId, version), repo.previousPack(db, packId, version)]);
      if (!now || !before) throw new Error(`No earlier release of ${packId} to compare release ${version} with.`);
      const phraseIds = changedPhrases(diffPacks(before, now))
        .filter((c) => c.procedureId === procedureId)
        .map((c) => c.phrase.id);
      if (phraseIds.length) await repo.putAcks(db, ackRows(packId, version, procedureId, phraseIds, Date.now()));
      // Every panel (the CRM tabs too) must stop asking for this acknowledgement.
      ports.toPanels({ type: 'packs.changed' });
      return { acked: ackedMap(await repo.acksFor(db, packId, version)) };
    },
    'practice.open': async () => {
      await browser.tabs.create({ url: browser.runtime.getURL(PRACTICE_PATH as '/practice.html') });
      return { ok: true };
    },
  };
}
